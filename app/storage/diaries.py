"""Repository for diaries and their entries: the only place that reads or writes their rows.

As with assessments, the diary key a person holds is never stored, only its SHA-256; every entry
query goes through the diary's hash, so an entry id alone opens nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Row, delete, insert, select, update

from app.core.diary import Entry
from app.storage.keys import key_hash as _hash
from app.storage.keys import new_token
from app.storage.tables import diary_table, entry_table


@dataclass(frozen=True)
class StoredDiary:
    key: str
    created_at: datetime
    updated_at: datetime
    timezone: str


@dataclass(frozen=True)
class StoredEntry:
    id: int
    entry: Entry


MAX_ID = 2**31 - 1  # entry ids are 32-bit integers in every database


def _utc(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)  # SQLite returns naive UTC


def _now(now: datetime | None) -> datetime:
    return (now or datetime.now(UTC)).replace(microsecond=0)


def create_diary(connection: Connection, *, timezone: str, now: datetime | None = None) -> StoredDiary:
    key = new_token()
    created = _now(now)
    connection.execute(
        insert(diary_table).values(id_hash=_hash(key), created_at=created, updated_at=created, timezone=timezone)
    )
    connection.commit()
    return StoredDiary(key, created, created, timezone)


def get_diary(connection: Connection, key: str) -> StoredDiary | None:
    row = connection.execute(select(diary_table).where(diary_table.c.id_hash == _hash(key))).first()
    if row is None:
        return None
    return StoredDiary(key, _utc(row.created_at), _utc(row.updated_at), row.timezone)


def set_timezone(connection: Connection, key: str, timezone: str, now: datetime | None = None) -> bool:
    changed = connection.execute(
        update(diary_table).where(diary_table.c.id_hash == _hash(key)).values(timezone=timezone, updated_at=_now(now))
    ).rowcount
    connection.commit()
    return bool(changed)


def delete_diary(connection: Connection, key: str) -> bool:
    """The diary and, by the database's cascade, every entry in it."""
    deleted = connection.execute(delete(diary_table).where(diary_table.c.id_hash == _hash(key))).rowcount
    connection.commit()
    return bool(deleted)


def _to_entry(row: Row[Any]) -> StoredEntry:
    return StoredEntry(
        row.id,
        Entry(
            occurred_at=_utc(row.occurred_at),
            timezone=row.timezone,
            location=row.location,
            duration_seconds=row.duration_seconds,
            intensity=row.intensity,
            triggers=tuple(row.triggers),
            caffeine_cups=row.caffeine_cups,
            sleep_hours=row.sleep_hours,
            note=row.note,
        ),
    )


def _fields(entry: Entry) -> dict[str, object]:
    return {
        "occurred_at": entry.occurred_at,
        "timezone": entry.timezone,
        "location": entry.location,
        "duration_seconds": entry.duration_seconds,
        "intensity": entry.intensity,
        "triggers": list(entry.triggers),
        "caffeine_cups": entry.caffeine_cups,
        "sleep_hours": entry.sleep_hours,
        "note": entry.note,
    }


def _touch(connection: Connection, id_hash: str, now: datetime | None) -> bool:
    return bool(
        connection.execute(
            update(diary_table).where(diary_table.c.id_hash == id_hash).values(updated_at=_now(now))
        ).rowcount
    )


def list_entries(connection: Connection, key: str) -> list[StoredEntry]:
    """Oldest first."""
    return entries_by_hash(connection, _hash(key))


def entries_by_hash(connection: Connection, id_hash: str) -> list[StoredEntry]:
    """For an assessment's report, which holds only the hash of the diary it came from."""
    rows = connection.execute(
        select(entry_table)
        .where(entry_table.c.diary_id_hash == id_hash)
        .order_by(entry_table.c.occurred_at, entry_table.c.id)
    )
    return [_to_entry(row) for row in rows]


def timezone_by_hash(connection: Connection, id_hash: str) -> str | None:
    return connection.scalar(select(diary_table.c.timezone).where(diary_table.c.id_hash == id_hash))


def get_entry(connection: Connection, key: str, entry_id: int) -> StoredEntry | None:
    if not 0 < entry_id <= MAX_ID:
        return None
    row = connection.execute(
        select(entry_table).where(entry_table.c.diary_id_hash == _hash(key), entry_table.c.id == entry_id)
    ).first()
    return None if row is None else _to_entry(row)


def add_entry(connection: Connection, key: str, entry: Entry, now: datetime | None = None) -> StoredEntry | None:
    """None when there is no such diary (nothing written)."""
    id_hash = _hash(key)
    if not _touch(connection, id_hash, now):
        connection.rollback()
        return None
    added = connection.execute(insert(entry_table).values(diary_id_hash=id_hash, **_fields(entry)))
    connection.commit()
    row_key = added.inserted_primary_key
    assert row_key is not None  # an INSERT of one row always has its key
    return StoredEntry(row_key[0], entry)


def update_entry(
    connection: Connection, key: str, entry_id: int, entry: Entry, now: datetime | None = None
) -> StoredEntry | None:
    if not 0 < entry_id <= MAX_ID:
        return None
    id_hash = _hash(key)
    changed = connection.execute(
        update(entry_table)
        .where(entry_table.c.diary_id_hash == id_hash, entry_table.c.id == entry_id)
        .values(**_fields(entry))
    ).rowcount
    if not changed:
        connection.rollback()
        return None
    _touch(connection, id_hash, now)
    connection.commit()
    return StoredEntry(entry_id, entry)


def delete_entry(connection: Connection, key: str, entry_id: int, now: datetime | None = None) -> bool:
    if not 0 < entry_id <= MAX_ID:
        return False
    id_hash = _hash(key)
    deleted = connection.execute(
        delete(entry_table).where(entry_table.c.diary_id_hash == id_hash, entry_table.c.id == entry_id)
    ).rowcount
    if deleted:
        _touch(connection, id_hash, now)
    connection.commit()
    return bool(deleted)


def purge_unused_since(connection: Connection, cutoff: datetime) -> int:
    """Delete every diary unchanged since before `cutoff` (entries go with them); returns how many."""
    deleted = connection.execute(delete(diary_table).where(diary_table.c.updated_at < cutoff)).rowcount
    connection.commit()
    return int(deleted or 0)
