"""Function checks on SQLite and PostgreSQL: stored with every answer, scoped to their diary, and
deleted with it by the database itself (ON DELETE CASCADE)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, delete, func, select

from app.core.diary.function_check import Check
from app.storage import diaries, function_checks, migrate
from app.storage.db import make_engine
from app.storage.tables import diary_table, function_check_table

ANSWERS = {"buttons": "same", "jars": "harder", "stairs": "easier", "walking": "same", "speech": "same"}
WHEN = datetime(2026, 11, 20, 18, 30, 12, 345, tzinfo=UTC)


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    migrate.upgrade(engine)
    try:
        yield engine
    finally:
        engine.dispose()


def rows(engine: Engine) -> int:
    with engine.connect() as connection:
        return connection.scalar(select(func.count()).select_from(function_check_table)) or 0


def test_a_check_round_trips_within_its_diary(engine: Engine) -> None:
    with engine.connect() as connection:
        mine = diaries.create_diary(connection, timezone="Asia/Tokyo", now=WHEN - timedelta(days=30))
        other = diaries.create_diary(connection, timezone="UTC")
        first = function_checks.add_check(connection, mine.key, Check(WHEN - timedelta(days=14), "UTC", ANSWERS))
        second = function_checks.add_check(connection, mine.key, Check(WHEN, "Asia/Tokyo", ANSWERS))
        assert first is not None and second is not None
        assert function_checks.add_check(connection, "no-such-diary", Check(WHEN, "UTC", ANSWERS)) is None
    with engine.connect() as connection:
        stored = function_checks.list_checks(connection, mine.key)
        assert [s.id for s in stored] == [first.id, second.id]  # oldest first
        assert stored[1].check == Check(WHEN.replace(microsecond=0), "Asia/Tokyo", ANSWERS)
        assert stored[1].check.local_date.isoformat() == "2026-11-21"
        assert function_checks.list_checks(connection, other.key) == []
        # Storing a check is a change: the diary is not purged as unused.
        assert diaries.get_diary(connection, mine.key).updated_at == WHEN.replace(microsecond=0)  # type: ignore[union-attr]
    assert rows(engine) == 2


def test_deleting_a_diary_deletes_its_checks(engine: Engine) -> None:
    with engine.connect() as connection:
        gone = diaries.create_diary(connection, timezone="UTC")
        kept = diaries.create_diary(connection, timezone="UTC")
        for days in (0, 14, 28):
            function_checks.add_check(connection, gone.key, Check(WHEN + timedelta(days=days), "UTC", ANSWERS))
        function_checks.add_check(connection, kept.key, Check(WHEN, "UTC", ANSWERS))
        assert diaries.delete_diary(connection, gone.key)
        assert function_checks.list_checks(connection, gone.key) == []
    assert rows(engine) == 1


def test_the_cascade_is_the_database_s_own(engine: Engine) -> None:
    with engine.connect() as connection:
        diary = diaries.create_diary(connection, timezone="UTC")
        function_checks.add_check(connection, diary.key, Check(WHEN, "UTC", ANSWERS))
        connection.execute(delete(diary_table))
        connection.commit()
    assert rows(engine) == 0


@pytest.mark.postgres
def test_checks_sent_at_once_store_only_one_on_postgresql(postgres_url: str) -> None:
    """The diary's row is locked while "is it due" is decided and the check is written: of several
    checks sent at the same moment, one is stored and the others are refused as not due."""
    import threading

    from app.services import function_checks as service

    engine = make_engine(postgres_url, 10)
    migrate.upgrade(engine)
    answers = dict.fromkeys(("buttons", "jars", "stairs", "walking", "speech", "swallowing"), "same")
    try:
        with engine.connect() as connection:
            diary = diaries.create_diary(connection, timezone="UTC")
        barrier = threading.Barrier(6)
        outcomes: list[str] = []

        def send() -> None:
            with engine.connect() as connection:
                barrier.wait()
                try:
                    service.add(connection, diary, answers, WHEN)
                    outcomes.append("stored")
                except service.NotDue:
                    outcomes.append("not due")

        threads = [threading.Thread(target=send) for _ in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(outcomes) == ["not due"] * 5 + ["stored"]
        assert rows(engine) == 1
    finally:
        engine.dispose()
