"""Migrations run on SQLite and PostgreSQL, go down and up again, and match the table models."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from app.storage import migrate
from app.storage.db import make_engine
from app.storage.tables import metadata


def test_upgrade_downgrade_upgrade(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        migrate.upgrade(engine)
        assert "assessments" in inspect(engine).get_table_names()
        assert migrate.is_current(engine)
        with engine.begin() as connection:
            config = migrate.alembic_config(database_url)
            config.attributes["connection"] = connection
            command.downgrade(config, "base")
        assert "assessments" not in inspect(engine).get_table_names()
        migrate.upgrade(engine)
        assert migrate.is_current(engine)
    finally:
        engine.dispose()


def test_models_match_the_migrated_schema(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        migrate.upgrade(engine)
        with engine.connect() as connection:
            diff = compare_metadata(MigrationContext.configure(connection), metadata)
        assert diff == []
    finally:
        engine.dispose()
