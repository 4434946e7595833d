"""Repository for diaries and their entries: the only place that reads or writes their rows.

As with assessments, the diary key a person holds is never stored, only its SHA-256; every entry
query goes through the diary's hash, so an entry id alone opens nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from app.diary import Entry
from app.storage.keys import key_hash as _hash
from app.storage.keys import new_token
from app.storage.tables import DiaryEntryRow, DiaryRow


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


def create_diary(session: Session, *, timezone: str, now: datetime | None = None) -> StoredDiary:
    key = new_token()
    created = _now(now)
    session.add(DiaryRow(id_hash=_hash(key), created_at=created, updated_at=created, timezone=timezone))
    session.commit()
    return StoredDiary(key, created, created, timezone)


def get_diary(session: Session, key: str) -> StoredDiary | None:
    row = session.get(DiaryRow, _hash(key))
    if row is None:
        return None
    return StoredDiary(key, _utc(row.created_at), _utc(row.updated_at), row.timezone)


def set_timezone(session: Session, key: str, timezone: str, now: datetime | None = None) -> bool:
    changed = session.execute(
        update(DiaryRow).where(DiaryRow.id_hash == _hash(key)).values(timezone=timezone, updated_at=_now(now))
    ).rowcount
    session.commit()
    return bool(changed)


def delete_diary(session: Session, key: str) -> bool:
    """The diary and, by the database's cascade, every entry in it."""
    deleted = session.execute(delete(DiaryRow).where(DiaryRow.id_hash == _hash(key))).rowcount
    session.commit()
    return bool(deleted)


def _to_entry(row: DiaryEntryRow) -> StoredEntry:
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


def _touch(session: Session, id_hash: str, now: datetime | None) -> bool:
    return bool(
        session.execute(update(DiaryRow).where(DiaryRow.id_hash == id_hash).values(updated_at=_now(now))).rowcount
    )


def list_entries(session: Session, key: str) -> list[StoredEntry]:
    """Oldest first."""
    return entries_by_hash(session, _hash(key))


def entries_by_hash(session: Session, id_hash: str) -> list[StoredEntry]:
    """For an assessment's report, which holds only the hash of the diary it came from."""
    rows = session.scalars(
        select(DiaryEntryRow)
        .where(DiaryEntryRow.diary_id_hash == id_hash)
        .order_by(DiaryEntryRow.occurred_at, DiaryEntryRow.id)
    )
    return [_to_entry(row) for row in rows]


def timezone_by_hash(session: Session, id_hash: str) -> str | None:
    row = session.get(DiaryRow, id_hash)
    return None if row is None else row.timezone


def get_entry(session: Session, key: str, entry_id: int) -> StoredEntry | None:
    if not 0 < entry_id <= MAX_ID:
        return None
    row = session.scalar(
        select(DiaryEntryRow).where(DiaryEntryRow.diary_id_hash == _hash(key), DiaryEntryRow.id == entry_id)
    )
    return None if row is None else _to_entry(row)


def add_entry(session: Session, key: str, entry: Entry, now: datetime | None = None) -> StoredEntry | None:
    """None when there is no such diary (nothing written)."""
    id_hash = _hash(key)
    if not _touch(session, id_hash, now):
        session.rollback()
        return None
    row = DiaryEntryRow(diary_id_hash=id_hash, **_fields(entry))
    session.add(row)
    session.commit()
    return StoredEntry(row.id, entry)


def update_entry(
    session: Session, key: str, entry_id: int, entry: Entry, now: datetime | None = None
) -> StoredEntry | None:
    if not 0 < entry_id <= MAX_ID:
        return None
    id_hash = _hash(key)
    changed = session.execute(
        update(DiaryEntryRow)
        .where(DiaryEntryRow.diary_id_hash == id_hash, DiaryEntryRow.id == entry_id)
        .values(**_fields(entry))
    ).rowcount
    if not changed:
        session.rollback()
        return None
    _touch(session, id_hash, now)
    session.commit()
    return StoredEntry(entry_id, entry)


def delete_entry(session: Session, key: str, entry_id: int, now: datetime | None = None) -> bool:
    if not 0 < entry_id <= MAX_ID:
        return False
    id_hash = _hash(key)
    deleted = session.execute(
        delete(DiaryEntryRow).where(DiaryEntryRow.diary_id_hash == id_hash, DiaryEntryRow.id == entry_id)
    ).rowcount
    if deleted:
        _touch(session, id_hash, now)
    session.commit()
    return bool(deleted)


def purge_unused_since(session: Session, cutoff: datetime) -> int:
    """Delete every diary unchanged since before `cutoff` (entries go with them); returns how many."""
    deleted = session.execute(delete(DiaryRow).where(DiaryRow.updated_at < cutoff)).rowcount
    session.commit()
    return int(deleted or 0)
