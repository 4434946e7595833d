"""Diary use cases shared by the JSON API and the pages: checks first, then one short transaction.

What a diary shows (entries, summary, prefill) is computed here from the stored entries and
"today" in the diary's time zone, so both front ends say the same thing; how each front end
words it is theirs (app.web.api.present, the diary templates).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import Connection

from app.core.diary import Entry, EntryIn, Prefill, Summary, check_entry, check_zone, prefill, summarise
from app.core.knowledge.model import KnowledgeBase
from app.storage import diaries
from app.storage.diaries import StoredDiary, StoredEntry

DEFAULT_ZONE = "UTC"


def location_names(kb: KnowledgeBase) -> dict[str, str]:
    return {o.value: o.label for o in kb.question("locations").options or []}


def today_in(diary: StoredDiary, now: datetime | None = None) -> date:
    return (now or datetime.now(UTC)).astimezone(ZoneInfo(diary.timezone)).date()


@dataclass(frozen=True)
class DiaryView:
    diary: StoredDiary
    entries: list[StoredEntry]  # newest first, as a timeline reads
    summary: Summary
    prefill: Prefill


def view(connection: Connection, kb: KnowledgeBase, key: str, now: datetime | None = None) -> DiaryView | None:
    diary = diaries.get_diary(connection, key)
    if diary is None:
        return None
    stored = diaries.list_entries(connection, key)
    plain = [s.entry for s in stored]
    today = today_in(diary, now)
    names = location_names(kb)
    return DiaryView(diary, stored[::-1], summarise(plain, today, names), prefill(plain, today, names))


def prefill_for(connection: Connection, kb: KnowledgeBase, key: str, now: datetime | None = None) -> Prefill | None:
    """Only what a check started from the diary needs, on every step: no summary, no charts."""
    diary = diaries.get_diary(connection, key)
    if diary is None:
        return None
    entries = [s.entry for s in diaries.list_entries(connection, key)]
    return prefill(entries, today_in(diary, now), location_names(kb))


@dataclass(frozen=True)
class LinkedDiary:
    """The diary an assessment was started from, as its doctor's report shows it."""

    summary: Summary
    entries: list[StoredEntry]  # newest first


def linked(connection: Connection, kb: KnowledgeBase, diary_hash: str | None, until: datetime) -> LinkedDiary | None:
    """The diary as it was when the assessment was made: entries logged for later times are left out."""
    if diary_hash is None:
        return None
    zone = diaries.timezone_by_hash(connection, diary_hash)
    if zone is None:
        return None
    stored = [s for s in diaries.entries_by_hash(connection, diary_hash) if s.entry.occurred_at <= until]
    today = until.astimezone(ZoneInfo(zone)).date()
    return LinkedDiary(summarise([s.entry for s in stored], today, location_names(kb)), stored[::-1])


def create(connection: Connection, zone: str | None) -> StoredDiary:
    name = zone or DEFAULT_ZONE
    check_zone(name)  # InvalidEntry naming "timezone": nothing stored
    return diaries.create_diary(connection, timezone=name)


def checked(kb: KnowledgeBase, diary: StoredDiary, entry: EntryIn, now: datetime | None = None) -> Entry:
    locations = kb.question("locations").values
    return check_entry(entry, locations=locations, default_zone=diary.timezone, now=now or datetime.now(UTC))
