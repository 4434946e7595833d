"""Persistence: SQLAlchemy Core tables, Alembic migrations and repository functions."""
