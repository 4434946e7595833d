"""Repository functions: the only place that reads or writes assessment rows.

The id a person holds is never stored: rows are keyed by its SHA-256, so looking one up needs
the secret itself and a copy of the database yields no working links.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, delete, insert, select

from app.storage import snapshots
from app.storage.keys import key_hash as _hash
from app.storage.keys import new_token
from app.storage.tables import assessment_table


@dataclass(frozen=True)
class StoredAssessment:
    id: str
    created_at: datetime
    kb_version: str
    answers: dict[str, Any]
    result: snapshots.Result
    diary_hash: str | None = None  # the diary it was started from (a hash: it opens nothing by itself)


def create_assessment(
    connection: Connection,
    *,
    kb_version: str,
    answers: dict[str, Any],
    result: dict[str, Any],
    now: datetime | None = None,
    diary_key: str | None = None,
) -> StoredAssessment:
    """Store one assessment; `result` is an outcome (`snapshots.Outcome`) as JSON data."""
    token, created, row = new_row(kb_version=kb_version, answers=answers, result=result, now=now, diary_key=diary_key)
    connection.execute(insert(assessment_table).values(**row))
    connection.commit()
    return stored_of(connection, token, created, row)


def new_row(
    *,
    kb_version: str,
    answers: dict[str, Any],
    result: dict[str, Any],
    now: datetime | None = None,
    diary_key: str | None = None,
) -> tuple[str, datetime, dict[str, Any]]:
    """A fresh id, the creation time, and the row to insert for them (keyed by the id's hash);
    storage.writer inserts such rows in groups. `result` is what the row stores: normally an
    outcome from `snapshots.Snapshot.outcome` (as JSON data), which reading joins with its snapshot's texts."""
    token = new_token()
    created = (now or datetime.now(UTC)).replace(microsecond=0)
    diary_hash = _hash(diary_key) if diary_key else None
    row = {
        "id_hash": _hash(token),
        "created_at": created,
        "kb_version": kb_version,
        "diary_id_hash": diary_hash,
        "answers": answers,
        "result": result,
    }
    return token, created, row


def stored_of(connection: Connection, token: str, created: datetime, row: dict[str, Any]) -> StoredAssessment:
    """What reading the row just written for `token` would return (the outcome joined with its snapshot)."""
    result = snapshots.result_of(connection, row["result"])
    return StoredAssessment(token, created, row["kb_version"], row["answers"], result, row["diary_id_hash"])


def get_assessment(connection: Connection, token: str) -> StoredAssessment | None:
    row = connection.execute(select(assessment_table).where(assessment_table.c.id_hash == _hash(token))).first()
    if row is None:
        return None
    created = row.created_at if row.created_at.tzinfo else row.created_at.replace(tzinfo=UTC)
    result = snapshots.result_of(connection, row.result)
    return StoredAssessment(token, created, row.kb_version, row.answers, result, row.diary_id_hash)


def delete_assessment(connection: Connection, token: str) -> bool:
    deleted = connection.execute(delete(assessment_table).where(assessment_table.c.id_hash == _hash(token))).rowcount
    connection.commit()
    return bool(deleted)


def purge_older_than(connection: Connection, cutoff: datetime) -> int:
    """Delete every assessment created before `cutoff`; returns how many went."""
    deleted = connection.execute(delete(assessment_table).where(assessment_table.c.created_at < cutoff)).rowcount
    connection.commit()
    return int(deleted or 0)
