"""What a diary can answer in an assessment, with the reason shown next to each prefilled answer.

Only what the entries really show: how long the diary has run (duration, once it is two weeks or
more: a shorter diary says nothing about how long the twitching went on before), on how many recent days
there were episodes (frequency), where (locations), and a new place appearing a week or more after
the first entry, in a diary that covers at least two weeks (spreading). "Has not spread" is never
prefilled: a diary only holds what was logged, and a warning-sign question is better answered by
the person than assumed from missing entries. Every prefilled answer stays editable.

The reasons are messages (`PrefillKey` and numbers, dates and the knowledge base's place names),
worded by the web layer's catalogue. The question ids and option values written here are declared
in `app.core.knowledge.required`, so the loader refuses a knowledge base without them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from app.core.diary.entries import Entry
from app.core.knowledge.message import Message

FREQUENCY_WINDOW_DAYS = 14
DAILY_SHARE = 0.7  # episodes on at least 70 % of recent days reads as "most days"
MIN_DAYS_FOR_FREQUENCY = 3
SPREAD_AFTER_DAYS = 7
SPREAD_MIN_SPAN_DAYS = 14  # "spread over weeks" needs a diary that covers weeks


class PrefillKey(StrEnum):
    """Why a question is prefilled (or left to the person); each has a sentence in the catalogue."""

    DURATION = "diary.prefill.duration"
    FREQUENCY = "diary.prefill.frequency"
    LOCATIONS = "diary.prefill.locations"
    SPREADING = "diary.prefill.spreading"


@dataclass(frozen=True)
class Prefill:
    answers: dict[str, Any] = field(default_factory=dict)
    reasons: dict[str, Message] = field(default_factory=dict)  # question id -> why


def _duration(span_days: int) -> str:
    """The contract's bands: under a day / 1-13 days / 2-8 weeks / over 2 months."""
    if span_days < 1:
        return "hours"
    if span_days < 14:
        return "days"
    if span_days < 60:
        return "weeks"
    return "months"


def prefill(entries: Sequence[Entry], today: date, location_names: dict[str, str] | None = None) -> Prefill:
    if not entries:
        return Prefill()
    names = location_names or {}
    answers: dict[str, Any] = {}
    reasons: dict[str, Message] = {}
    first = min(e.local_date for e in entries)
    span = (today - first).days
    # The diary's span is only a lower bound for how long the twitching has lasted: prefill it
    # only when it already reaches "2 weeks or more" (which can only raise the advice); otherwise
    # show it beside the question and let the person answer.
    if span >= 14:
        answers["duration"] = _duration(span)
    reasons["duration"] = Message.of(PrefillKey.DURATION, first=first.isoformat(), ago=span)

    window = min(FREQUENCY_WINDOW_DAYS, span + 1)
    if window >= MIN_DAYS_FOR_FREQUENCY:
        since = today - timedelta(days=window - 1)
        days = len({e.local_date for e in entries if since <= e.local_date <= today + timedelta(days=1)})
        answers["frequency"] = "daily" if days >= DAILY_SHARE * window else "occasional"
        reasons["frequency"] = Message.of(PrefillKey.FREQUENCY, on=days, window=window)

    seen: dict[str, int] = {}  # every place ever logged: an old entry may hold a warning sign (tongue)
    for e in entries:
        seen[e.location] = seen.get(e.location, 0) + 1
    answers["locations"] = sorted(seen, key=lambda loc: (-seen[loc], loc))
    reasons["locations"] = Message.of(
        PrefillKey.LOCATIONS, place_counts=tuple((names.get(loc, loc), seen[loc]) for loc in answers["locations"])
    )

    first_seen: dict[str, date] = {}
    for e in sorted(entries, key=lambda e: e.occurred_at):
        first_seen.setdefault(e.location, e.local_date)
    newer = sorted(loc for loc, d in first_seen.items() if (d - first).days >= SPREAD_AFTER_DAYS)
    if newer and span >= SPREAD_MIN_SPAN_DAYS:
        answers["spreading"] = True
        reasons["spreading"] = Message.of(
            PrefillKey.SPREADING,
            places_since=tuple((names.get(loc, loc), first_seen[loc].isoformat()) for loc in newer),
        )
    return Prefill(answers, reasons)
