"""Diary use cases shared by the JSON API and the pages: checks first, then one short transaction.

Everything the person sees about a diary (entries, summary, prefill) is computed here from the
stored entries and "today" in the diary's time zone, so both front ends say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection

from app.core.diary import Entry, EntryIn, Prefill, Summary, check_entry, check_zone, prefill, summarise
from app.core.knowledge.model import KnowledgeBase
from app.storage import diaries
from app.storage.diaries import StoredDiary, StoredEntry
from app.web import messages
from app.web.api.diary_schemas import (
    DayCount,
    DiaryLinks,
    DiaryOut,
    EntryOut,
    LocationCount,
    PatternOut,
    PrefillOut,
    SummaryOut,
    TriggerCount,
)
from app.web.views.diary_charts import charts

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


def entry_out(stored: StoredEntry, names: dict[str, str]) -> EntryOut:
    e = stored.entry
    return EntryOut(
        id=stored.id,
        occurred_at=e.local_time.isoformat(),
        occurred_at_utc=_utc(e.occurred_at),
        timezone=e.timezone,
        local_date=e.local_date.isoformat(),
        location=e.location,
        location_label=names.get(e.location, e.location),
        duration_seconds=e.duration_seconds,
        intensity=e.intensity,
        triggers=list(e.triggers),
        caffeine_cups=e.caffeine_cups,
        sleep_hours=e.sleep_hours,
        note=e.note,
    )


def summary_out(summary: Summary) -> SummaryOut:
    return SummaryOut(
        today=summary.today.isoformat(),
        total=summary.total,
        window_total=summary.window_total,
        first_date=summary.first_date.isoformat() if summary.first_date else None,
        last_date=summary.last_date.isoformat() if summary.last_date else None,
        per_day=[DayCount(date=d.isoformat(), count=n) for d, n in summary.per_day],
        by_location=[LocationCount(location=loc, count=n) for loc, n in summary.by_location],
        by_trigger=[TriggerCount(trigger=t, count=n) for t, n in summary.by_trigger],
        patterns=[PatternOut(text=messages.say(p.message), count=p.count, total=p.total) for p in summary.patterns],
    )


def diary_out(v: DiaryView, names: dict[str, str]) -> DiaryOut:
    key = v.diary.key
    return DiaryOut(
        id=key,
        created_at=_utc(v.diary.created_at),
        updated_at=_utc(v.diary.updated_at),
        timezone=v.diary.timezone,
        entries=[entry_out(s, names) for s in v.entries],
        summary=summary_out(v.summary),
        prefill=PrefillOut(answers=v.prefill.answers, reasons=messages.prefill_reasons(v.prefill)),
        links=DiaryLinks(
            page=f"/diary/{key}",
            csv=f"/diary/{key}/entries.csv",
            report=f"/diary/{key}/report",
            check=f"/diary/{key}/check",
        ),
    )


def _utc(moment: datetime) -> str:
    """An aware UTC time as the API has always written it: ISO 8601 with `Z` (microseconds kept)."""
    return moment.isoformat().replace("+00:00", "Z")


def report_context(
    connection: Connection, kb: KnowledgeBase, diary_hash: str | None, until: datetime
) -> dict[str, Any]:
    """What an assessment's doctor's report adds when the assessment was started from a diary."""
    diary = linked(connection, kb, diary_hash, until)
    if diary is None:
        return {}
    return {"diary": {"summary": diary.summary, "charts": charts(diary.summary, location_names(kb))}}
