"""The function check's use cases, shared by the JSON API and the pages: what the diary shows (is a
check due, the outcome in words) and storing a check (answers checked, then "is it due",
then one short transaction). "Now" comes from the caller (app.web.clock), so tests can move it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Connection

from app.core.diary import function_check as fc
from app.storage import function_checks as store
from app.storage.diaries import StoredDiary
from app.storage.function_checks import StoredCheck


class NotDue(Exception):
    """A check posted before the interval has passed: nothing is stored."""

    def __init__(self, message: fc.Message, next_due: date) -> None:
        self.message = message
        self.next_due = next_due
        super().__init__(message.title)


@dataclass(frozen=True)
class Words:
    """The check's texts and how dates and weeks are put in them, in the reader's language and region."""

    text: fc.FunctionCheckText
    wording: fc.Wording = fc.ENGLISH


def english() -> Words:
    return Words(fc.text())


@dataclass(frozen=True)
class FunctionCheckView:
    text: fc.FunctionCheckText
    checks: list[StoredCheck]  # oldest first
    due: bool
    next_due: date | None
    outcome: fc.Outcome
    said: fc.Said | None
    not_due: fc.Message | None  # the kind message when it is not due
    wording: fc.Wording

    @property
    def next_due_text(self) -> str:
        return self.wording.day(self.next_due) if self.next_due else ""

    @property
    def latest_text(self) -> str:
        return self.wording.day(self.checks[-1].check.local_date) if self.checks else ""


def view(
    connection: Connection,
    diary: StoredDiary,
    now: datetime,
    *,
    words: Words | None = None,
) -> FunctionCheckView:
    """The diary's function checks with the advice in words, in the reader's language and region
    (English, no region, by default)."""
    words = words or english()
    t, wording = words.text, words.wording
    stored = store.list_checks(connection, diary.key)
    plain = [s.check for s in stored]
    next_due = fc.next_due(plain, t.interval_days)
    due = fc.is_due(plain, now, diary.timezone, t.interval_days)
    result = fc.outcome(plain, t.items)
    return FunctionCheckView(
        t,
        stored,
        due,
        next_due,
        result,
        fc.said(result, t, next_due, wording),
        None if due or next_due is None else fc.not_due(t, next_due, wording),
        wording,
    )


def add(
    connection: Connection,
    diary: StoredDiary,
    answers: Mapping[str, object],
    now: datetime,
    *,
    words: Words | None = None,
) -> StoredCheck | None:
    """Store a completed check. InvalidEntry (naming each field) for bad answers, NotDue when the
    last check is less than `interval_days` old; None when the diary is gone. Nothing stored on error."""
    words = words or english()
    t, wording = words.text, words.wording
    checked = fc.check_answers(answers, t.items)
    if connection.in_transaction():
        connection.commit()  # end the reads so far: the lock below starts the transaction that writes
    try:
        if not store.lock_diary(connection, diary.key):
            return None
        plain = [s.check for s in store.list_checks(connection, diary.key)]
        if not fc.is_due(plain, now, diary.timezone, t.interval_days):
            next_due = fc.next_due(plain, t.interval_days)
            assert next_due is not None
            raise NotDue(fc.not_due(t, next_due, wording), next_due)
        return store.add_check(connection, diary.key, fc.Check(now, diary.timezone, checked))  # commits
    finally:
        if connection.in_transaction():
            connection.rollback()  # refused or failed: release the lock, nothing written
