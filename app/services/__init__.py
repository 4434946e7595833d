"""Use cases shared by the JSON API and the pages: assess and store, read, delete; diaries and their
function checks. Keyword-only functions on the core and storage; no FastAPI."""
