"""Persistence: SQLAlchemy tables, sessions, Alembic migrations and repository functions."""
