"""Diary storage on SQLite and PostgreSQL: keys kept as hashes, entries scoped to their diary, and
deleting a diary deletes every entry in the database itself (ON DELETE CASCADE)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Connection, Engine, Table, delete, func, select

from app.core.diary import Entry
from app.storage import diaries, migrate, retention
from app.storage.db import make_engine
from app.storage.tables import diary_table, entry_table


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    migrate.upgrade(engine)
    try:
        yield engine
    finally:
        engine.dispose()


def entry(hour: int = 9, location: str = "calf") -> Entry:
    return Entry(
        datetime(2026, 11, 20, hour, tzinfo=UTC), "Europe/Paris", location, 30, 3, ("stress",), 2, 6.5, "é <b>"
    )


def count(connection: Connection, table: Table) -> int:
    return connection.scalar(select(func.count()).select_from(table)) or 0


def test_round_trip_keeps_every_field_and_the_key_only_as_a_hash(engine: Engine) -> None:
    with engine.connect() as connection:
        diary = diaries.create_diary(connection, timezone="Europe/Paris")
        added = diaries.add_entry(connection, diary.key, entry())
        assert added is not None
    with engine.connect() as connection:
        row = connection.execute(select(diary_table)).first()
        assert row is not None and row.id_hash == hashlib.sha256(diary.key.encode()).hexdigest()
        (stored,) = diaries.list_entries(connection, diary.key)
        assert stored.entry == entry() and stored.id == added.id


def test_entries_belong_to_their_diary(engine: Engine) -> None:
    with engine.connect() as connection:
        mine = diaries.create_diary(connection, timezone="UTC")
        other = diaries.create_diary(connection, timezone="UTC")
        stored = diaries.add_entry(connection, mine.key, entry())
        assert stored is not None
        assert diaries.get_entry(connection, other.key, stored.id) is None
        assert diaries.update_entry(connection, other.key, stored.id, entry(hour=10)) is None
        assert not diaries.delete_entry(connection, other.key, stored.id)
        assert diaries.add_entry(connection, "no-such-diary", entry()) is None
        assert diaries.list_entries(connection, mine.key)[0].entry == entry()


def test_update_and_delete_an_entry(engine: Engine) -> None:
    with engine.connect() as connection:
        diary = diaries.create_diary(connection, timezone="UTC")
        stored = diaries.add_entry(connection, diary.key, entry())
        assert stored is not None
        assert diaries.update_entry(connection, diary.key, stored.id, entry(hour=11, location="eyelid"))
        assert diaries.get_entry(connection, diary.key, stored.id).entry.location == "eyelid"  # type: ignore[union-attr]
        assert diaries.delete_entry(connection, diary.key, stored.id)
        assert diaries.list_entries(connection, diary.key) == []


def test_deleting_a_diary_deletes_every_entry(engine: Engine) -> None:
    with engine.connect() as connection:
        gone = diaries.create_diary(connection, timezone="UTC")
        kept = diaries.create_diary(connection, timezone="UTC")
        for hour in range(5):
            diaries.add_entry(connection, gone.key, entry(hour))
        diaries.add_entry(connection, kept.key, entry())
        assert count(connection, entry_table) == 6
        assert diaries.delete_diary(connection, gone.key)
        assert not diaries.delete_diary(connection, gone.key)
    with engine.connect() as connection:
        assert count(connection, entry_table) == 1 and count(connection, diary_table) == 1
        assert diaries.get_diary(connection, gone.key) is None


def test_the_cascade_is_the_database_s_own(engine: Engine) -> None:
    """Even a plain SQL delete of the diary row (an operator's clean-up) leaves no orphaned entries."""
    with engine.connect() as connection:
        diary = diaries.create_diary(connection, timezone="UTC")
        diaries.add_entry(connection, diary.key, entry())
        connection.execute(delete(diary_table))
        connection.commit()
        assert count(connection, entry_table) == 0


def test_unused_diaries_are_purged_with_their_entries(engine: Engine) -> None:
    now = datetime.now(UTC)
    with engine.connect() as connection:
        old = diaries.create_diary(connection, timezone="UTC", now=now - timedelta(days=400))
        diaries.add_entry(connection, old.key, entry(), now=now - timedelta(days=400))
        fresh = diaries.create_diary(connection, timezone="UTC", now=now - timedelta(days=400))
        diaries.add_entry(connection, fresh.key, entry(), now=now - timedelta(days=3))  # a change keeps it
    assert retention.purge_diaries(engine, 365, now=now) == 1
    with engine.connect() as connection:
        assert diaries.get_diary(connection, old.key) is None and diaries.get_diary(connection, fresh.key) is not None
        assert count(connection, entry_table) == 1
