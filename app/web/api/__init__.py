"""The JSON API (the public HTTP contract): one router module per resource; each route returns a
pydantic model from `schemas`, so the OpenAPI document is what is sent."""
