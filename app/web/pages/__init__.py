"""HTML routers (server-rendered pages: one module per area) and the form handling they share."""
