"""Repository functions: ids are secrets kept only as hashes; delete removes the row."""

from __future__ import annotations

import hashlib

from sqlalchemy import select

from app.storage import migrate, repository
from app.storage.db import make_engine
from app.storage.tables import assessment_table

# a whole result, as rows written before knowledge-base snapshots hold it
RESULT = {"urgency": "self_care", "red_flags": [], "causes": [], "disclaimer": "d", "kb_version": "t"}


def test_round_trip_and_delete(database_url: str) -> None:
    engine = make_engine(database_url)
    migrate.upgrade(engine)
    try:
        with engine.connect() as connection:
            stored = repository.create_assessment(connection, kb_version="t", answers={"age": 30}, result=RESULT)
        with engine.connect() as connection:
            row = connection.execute(select(assessment_table)).first()
            assert row is not None
            assert row.id_hash == hashlib.sha256(stored.id.encode()).hexdigest()
            assert stored.id not in (row.id_hash, str(row.answers), str(row.result))
            again = repository.get_assessment(connection, stored.id)
            assert again is not None and again.answers == {"age": 30} and again.created_at == stored.created_at
            assert again.result == RESULT
            assert repository.delete_assessment(connection, stored.id)
            assert repository.get_assessment(connection, stored.id) is None
            assert not repository.delete_assessment(connection, stored.id)
    finally:
        engine.dispose()
