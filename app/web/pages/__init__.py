"""HTML routers (server-rendered pages) and the form handling they share."""
