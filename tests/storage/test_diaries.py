"""Diary storage on SQLite and PostgreSQL: keys kept as hashes, entries scoped to their diary, and
deleting a diary deletes every entry in the database itself (ON DELETE CASCADE)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, sessionmaker

from app.diary import Entry
from app.storage import diaries, migrate, retention
from app.storage.db import make_engine, make_sessionmaker
from app.storage.tables import DiaryEntryRow, DiaryRow


@pytest.fixture
def sessions(database_url: str) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(database_url)
    migrate.upgrade(engine)
    try:
        yield make_sessionmaker(engine)
    finally:
        engine.dispose()


def entry(hour: int = 9, location: str = "calf") -> Entry:
    return Entry(
        datetime(2026, 11, 20, hour, tzinfo=UTC), "Europe/Paris", location, 30, 3, ("stress",), 2, 6.5, "é <b>"
    )


def count(session: Session, table: type) -> int:
    return session.scalar(select(func.count()).select_from(table)) or 0


def test_round_trip_keeps_every_field_and_the_key_only_as_a_hash(sessions: sessionmaker[Session]) -> None:
    with sessions() as session:
        diary = diaries.create_diary(session, timezone="Europe/Paris")
        added = diaries.add_entry(session, diary.key, entry())
        assert added is not None
    with sessions() as session:
        row = session.scalar(select(DiaryRow))
        assert row is not None and row.id_hash == hashlib.sha256(diary.key.encode()).hexdigest()
        (stored,) = diaries.list_entries(session, diary.key)
        assert stored.entry == entry() and stored.id == added.id


def test_entries_belong_to_their_diary(sessions: sessionmaker[Session]) -> None:
    with sessions() as session:
        mine = diaries.create_diary(session, timezone="UTC")
        other = diaries.create_diary(session, timezone="UTC")
        stored = diaries.add_entry(session, mine.key, entry())
        assert stored is not None
        assert diaries.get_entry(session, other.key, stored.id) is None
        assert diaries.update_entry(session, other.key, stored.id, entry(hour=10)) is None
        assert not diaries.delete_entry(session, other.key, stored.id)
        assert diaries.add_entry(session, "no-such-diary", entry()) is None
        assert diaries.list_entries(session, mine.key)[0].entry == entry()


def test_update_and_delete_an_entry(sessions: sessionmaker[Session]) -> None:
    with sessions() as session:
        diary = diaries.create_diary(session, timezone="UTC")
        stored = diaries.add_entry(session, diary.key, entry())
        assert stored is not None
        assert diaries.update_entry(session, diary.key, stored.id, entry(hour=11, location="eyelid"))
        assert diaries.get_entry(session, diary.key, stored.id).entry.location == "eyelid"  # type: ignore[union-attr]
        assert diaries.delete_entry(session, diary.key, stored.id)
        assert diaries.list_entries(session, diary.key) == []


def test_deleting_a_diary_deletes_every_entry(sessions: sessionmaker[Session]) -> None:
    with sessions() as session:
        gone = diaries.create_diary(session, timezone="UTC")
        kept = diaries.create_diary(session, timezone="UTC")
        for hour in range(5):
            diaries.add_entry(session, gone.key, entry(hour))
        diaries.add_entry(session, kept.key, entry())
        assert count(session, DiaryEntryRow) == 6
        assert diaries.delete_diary(session, gone.key)
        assert not diaries.delete_diary(session, gone.key)
    with sessions() as session:
        assert count(session, DiaryEntryRow) == 1 and count(session, DiaryRow) == 1
        assert diaries.get_diary(session, gone.key) is None


def test_the_cascade_is_the_database_s_own(sessions: sessionmaker[Session]) -> None:
    """Even a plain SQL delete of the diary row (an operator's clean-up) leaves no orphaned entries."""
    with sessions() as session:
        diary = diaries.create_diary(session, timezone="UTC")
        diaries.add_entry(session, diary.key, entry())
        session.execute(delete(DiaryRow))
        session.commit()
        assert count(session, DiaryEntryRow) == 0


def test_unused_diaries_are_purged_with_their_entries(sessions: sessionmaker[Session]) -> None:
    now = datetime.now(UTC)
    with sessions() as session:
        old = diaries.create_diary(session, timezone="UTC", now=now - timedelta(days=400))
        diaries.add_entry(session, old.key, entry(), now=now - timedelta(days=400))
        fresh = diaries.create_diary(session, timezone="UTC", now=now - timedelta(days=400))
        diaries.add_entry(session, fresh.key, entry(), now=now - timedelta(days=3))  # a change keeps it
    assert retention.purge_diaries(sessions, 365, now=now) == 1
    with sessions() as session:
        assert diaries.get_diary(session, old.key) is None and diaries.get_diary(session, fresh.key) is not None
        assert count(session, DiaryEntryRow) == 1
