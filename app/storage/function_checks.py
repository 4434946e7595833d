"""Repository for the diary's function checks: reads and writes go through the diary's key hash,
so a check's id alone opens nothing; rows go with their diary (ON DELETE CASCADE)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, insert, select, update

from app.core.diary.function_check import Check
from app.storage.keys import key_hash as _hash
from app.storage.tables import diary_table, function_check_table


@dataclass(frozen=True)
class StoredCheck:
    id: int
    check: Check


def _utc(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)  # SQLite returns naive UTC


def lock_diary(connection: Connection, key: str) -> bool:
    """Begin the transaction that stores a check by locking its diary's row (PostgreSQL: SELECT ... FOR
    UPDATE; SQLite has no row locks and ignores it), so two checks sent at once cannot both find the
    check due. False when there is no such diary."""
    row = connection.execute(
        select(diary_table.c.id_hash).where(diary_table.c.id_hash == _hash(key)).with_for_update()
    ).first()
    return row is not None


def list_checks(connection: Connection, key: str) -> list[StoredCheck]:
    """Oldest first."""
    rows = connection.execute(
        select(function_check_table)
        .where(function_check_table.c.diary_id_hash == _hash(key))
        .order_by(function_check_table.c.taken_at, function_check_table.c.id)
    )
    return [StoredCheck(r.id, Check(_utc(r.taken_at), r.timezone, dict(r.answers))) for r in rows]


def add_check(connection: Connection, key: str, check: Check) -> StoredCheck | None:
    """Store a completed check and mark the diary changed; None when there is no such diary (nothing written)."""
    id_hash = _hash(key)
    taken = check.taken_at.astimezone(UTC).replace(microsecond=0)
    touched = connection.execute(
        update(diary_table).where(diary_table.c.id_hash == id_hash).values(updated_at=taken)
    ).rowcount
    if not touched:
        connection.rollback()
        return None
    added = connection.execute(
        insert(function_check_table).values(
            diary_id_hash=id_hash, taken_at=taken, timezone=check.timezone, answers=dict(check.answers)
        )
    )
    connection.commit()
    row_key = added.inserted_primary_key
    assert row_key is not None  # an INSERT of one row always has its key
    return StoredCheck(row_key[0], Check(taken, check.timezone, dict(check.answers)))
