"""Storage limitation: assessments are kept for `retention_days`; diaries until nobody has changed
them for `diary_retention_days`. Then they are deleted for good."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine

from app.storage import diaries, repository


def purge(engine: Engine, retention_days: int, now: datetime | None = None) -> int:
    cutoff = (now or datetime.now(UTC)) - timedelta(days=retention_days)
    with engine.connect() as connection:
        return repository.purge_older_than(connection, cutoff)


def purge_diaries(engine: Engine, retention_days: int, now: datetime | None = None) -> int:
    cutoff = (now or datetime.now(UTC)) - timedelta(days=retention_days)
    with engine.connect() as connection:
        return diaries.purge_unused_since(connection, cutoff)
