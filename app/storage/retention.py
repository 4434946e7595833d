"""Storage limitation: assessments are kept for `retention_days`; diaries until nobody has changed
them for `diary_retention_days`. Then they are deleted for good."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session, sessionmaker

from app.storage import diaries, repository


def purge(sessions: sessionmaker[Session], retention_days: int, now: datetime | None = None) -> int:
    cutoff = (now or datetime.now(UTC)) - timedelta(days=retention_days)
    with sessions() as session:
        return repository.purge_older_than(session, cutoff)


def purge_diaries(sessions: sessionmaker[Session], retention_days: int, now: datetime | None = None) -> int:
    cutoff = (now or datetime.now(UTC)) - timedelta(days=retention_days)
    with sessions() as session:
        return diaries.purge_unused_since(session, cutoff)
