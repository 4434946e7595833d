"""The knowledge model: what the YAML knowledge base holds, and how it is loaded and checked.

Nothing here imports a web framework, a database library or a template engine; see README.md.
"""
