"""The engine for SQLite (embedded default) and PostgreSQL; every query runs on one of its connections.

JSON columns (answers, outcomes, snapshots, diary triggers) are written and read with pydantic-core
(Rust), which the app already uses for every request and response body, instead of the standard
library's `json`: writing a new assessment's two JSON values with `json.dumps` cost the writer
thread about 60 us a row, three times what everything else in its insert costs Python.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pydantic_core
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url


def make_engine(url: str, pool_size: int = 5) -> Engine:
    parsed = make_url(url)
    json = {"json_serializer": dump_json, "json_deserializer": pydantic_core.from_json}
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30}, **json)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_size=pool_size, max_overflow=pool_size, pool_pre_ping=True, **json)


def dump_json(value: Any) -> str:
    """A JSON column's text. pydantic-core gives bytes; the column holds text (bytes would be
    stored as a BLOB in SQLite)."""
    return pydantic_core.to_json(value).decode()


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")  # off by default; cascading deletes rely on it
    cursor.execute("PRAGMA journal_mode=WAL")  # readers do not block the writer
    # In WAL mode NORMAL never corrupts the database; a power cut may lose the last commits.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()
