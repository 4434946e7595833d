"""What a diary shows: counts per day, per body location and per trigger, and plain-language patterns.

A pattern is a key and its numbers (`PatternKey`, params), never a sentence: the words are the
catalogue's (`app/web/messages.py`). Param names say how a number is read: `*episodes` is a count
of episodes, `*days` a count of days, `share` a (part, whole) of episodes, `rate` a number of
episodes over a number of days.

Honesty rules, because people will read these as answers: every pattern states its counts ("14 of 20"),
compares only what was logged (a day without entries says nothing about caffeine or sleep), never
claims a cause, and says so when the numbers are too small to mean much. Views cover the last
`WINDOW_DAYS` days, counted in each entry's own local day.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from app.core.diary.entries import TRIGGERS, Entry
from app.core.knowledge.message import Message

WINDOW_DAYS = 30
SMALL_SAMPLE = 10  # below this many episodes, say that a pattern may be chance
HIGH_CAFFEINE_CUPS = 4
SHORT_SLEEP_HOURS = 6
NIGHT_START, NIGHT_END = 18, 6  # "evening or night": 6 pm to 6 am local time


class PatternKey(StrEnum):
    """Every pattern a summary can hold; each has a sentence in the web layer's catalogue."""

    TOTAL = "diary.pattern.total"
    WHERE = "diary.pattern.where"
    MOST_OFTEN = "diary.pattern.most_often"
    MOST_OFTEN_TIED = "diary.pattern.most_often_tied"
    TRIGGER = "diary.pattern.trigger"
    CAFFEINE_HIGH = "diary.pattern.caffeine_high"
    CAFFEINE_LOW = "diary.pattern.caffeine_low"
    SLEEP_SHORT = "diary.pattern.sleep_short"
    SLEEP_ENOUGH = "diary.pattern.sleep_enough"
    NIGHT = "diary.pattern.night"
    LAST_TWO_WEEKS = "diary.pattern.last_two_weeks"
    SMALL_SAMPLE = "diary.pattern.small_sample"


@dataclass(frozen=True)
class Pattern:
    message: Message  # key: a PatternKey
    count: int
    total: int


def _pattern(key: PatternKey, count: int, total: int, **params: object) -> Pattern:
    return Pattern(Message.of(key, **params), count, total)


@dataclass(frozen=True)
class Summary:
    today: date
    total: int  # every entry in the diary
    window_total: int  # entries in the last WINDOW_DAYS days
    first_date: date | None
    last_date: date | None
    per_day: list[tuple[date, int]]  # the last WINDOW_DAYS days, oldest first, zeros included
    by_location: list[tuple[str, int]]  # most first
    by_trigger: list[tuple[str, int]]  # in TRIGGERS order, zeros left out; "none noted" last
    patterns: list[Pattern]

    @property
    def days_with_episodes(self) -> int:
        return sum(1 for _, n in self.per_day if n)


def summarise(entries: Sequence[Entry], today: date, location_names: dict[str, str] | None = None) -> Summary:
    names = location_names or {}
    # An entry made in a zone ahead of the diary's (or up to a day ahead) may fall on "tomorrow":
    # the window then ends on that day, so no entry is silently left out of the counts.
    today = max([today, *(e.local_date for e in entries if e.local_date <= today + timedelta(days=1))])
    start = today - timedelta(days=WINDOW_DAYS - 1)
    recent = [e for e in entries if start <= e.local_date <= today]
    per_date = Counter(e.local_date for e in recent)
    per_day = [(start + timedelta(days=i), per_date.get(start + timedelta(days=i), 0)) for i in range(WINDOW_DAYS)]
    by_location = sorted(Counter(e.location for e in recent).items(), key=lambda kv: (-kv[1], kv[0]))
    trigger_counts = Counter(t for e in recent for t in e.triggers)
    by_trigger: list[tuple[str, int]] = [(t, trigger_counts[t]) for t in TRIGGERS if trigger_counts[t]]
    untriggered = sum(1 for e in recent if not e.triggers)
    if untriggered and by_trigger:
        by_trigger.append(("none", untriggered))
    dates = [e.local_date for e in entries]
    return Summary(
        today=today,
        total=len(entries),
        window_total=len(recent),
        first_date=min(dates) if dates else None,
        last_date=max(dates) if dates else None,
        per_day=per_day,
        by_location=by_location,
        by_trigger=by_trigger,
        patterns=_patterns(recent, today, names),
    )


def _patterns(recent: list[Entry], today: date, names: dict[str, str]) -> list[Pattern]:
    """Short statements, each with its counts: what was logged, never why."""
    n = len(recent)
    if n == 0:
        return []
    found: list[Pattern] = []
    day_count = len({e.local_date for e in recent})
    found.append(_pattern(PatternKey.TOTAL, n, n, episodes=n, days=day_count, window=WINDOW_DAYS))

    locations = Counter(e.location for e in recent).most_common()
    top_n = locations[0][1]
    tied = sorted(loc for loc, k in locations if k == top_n)
    # the knowledge base's names; an id without one is shown as itself, spaced and capitalised
    places = tuple(names.get(loc, loc.replace("_", " ").capitalize()) for loc in tied)
    if len(locations) == 1:
        found.append(_pattern(PatternKey.WHERE, n, n, places=places, share=(n, n)))
    elif len(tied) == 1:
        found.append(_pattern(PatternKey.MOST_OFTEN, top_n, n, places=places, share=(top_n, n)))
    else:  # a tie: no place is "most often" on its own
        found.append(_pattern(PatternKey.MOST_OFTEN_TIED, top_n, n, places=places, share=(top_n, n)))

    counts = Counter(t for e in recent for t in e.triggers)
    for trigger, k in sorted(counts.items(), key=lambda kv: (-kv[1], TRIGGERS.index(kv[0]))):
        found.append(_pattern(PatternKey.TRIGGER, k, n, trigger=trigger, share=(k, n)))

    found += _day_split(
        recent,
        value=lambda e: e.caffeine_cups,
        pick=max,  # cups "that day": the largest number noted that day
        is_high=lambda v: v >= HIGH_CAFFEINE_CUPS,
        high=(PatternKey.CAFFEINE_HIGH, {"cups": HIGH_CAFFEINE_CUPS}),
        low=(PatternKey.CAFFEINE_LOW, {}),
    )
    found += _day_split(
        recent,
        value=lambda e: e.sleep_hours,
        pick=min,
        is_high=lambda v: v < SHORT_SLEEP_HOURS,
        high=(PatternKey.SLEEP_SHORT, {"hours": SHORT_SLEEP_HOURS}),
        low=(PatternKey.SLEEP_ENOUGH, {"hours": SHORT_SLEEP_HOURS}),
    )

    night = sum(1 for e in recent if e.local_time.hour >= NIGHT_START or e.local_time.hour < NIGHT_END)
    if n >= 3:
        found.append(_pattern(PatternKey.NIGHT, night, n, share=(night, n)))

    first = min(e.local_date for e in recent)
    if first <= today - timedelta(days=13):
        last7 = sum(1 for e in recent if e.local_date > today - timedelta(days=7))
        before7 = sum(1 for e in recent if today - timedelta(days=14) < e.local_date <= today - timedelta(days=7))
        found.append(
            _pattern(PatternKey.LAST_TWO_WEEKS, last7, last7 + before7, last_episodes=last7, before_episodes=before7)
        )
    if n < SMALL_SAMPLE:
        found.append(_pattern(PatternKey.SMALL_SAMPLE, n, n, limit=SMALL_SAMPLE))
    return found


def _day_split(
    recent: list[Entry],
    *,
    value: Callable[[Entry], float | None],
    pick: Callable[[list[float]], float],
    is_high: Callable[[float], bool],
    high: tuple[PatternKey, dict[str, object]],
    low: tuple[PatternKey, dict[str, object]],
) -> list[Pattern]:
    """Episodes a day on days with a high value against days with a low one, counting only days where
    the value was noted, so that a few busy days or days without a note do not mislead. Two
    patterns: one for each side, each with its episodes and days (`high`, `low`: key and params)."""
    by_day: dict[date, list[float]] = {}
    for e in recent:
        v = value(e)
        if v is not None:
            by_day.setdefault(e.local_date, []).append(v)
    day_value = {d: pick(vs) for d, vs in by_day.items()}
    high_days = {d for d, v in day_value.items() if is_high(v)}
    low_days = set(day_value) - high_days
    if len(high_days) < 2 or len(low_days) < 2:  # nothing to compare
        return []
    on_high = sum(1 for e in recent if e.local_date in high_days)
    on_low = sum(1 for e in recent if e.local_date in low_days)
    total = on_high + on_low
    (high_key, high_params), (low_key, low_params) = high, low
    return [
        _pattern(high_key, on_high, total, rate=(on_high, len(high_days)), days=len(high_days), **high_params),
        _pattern(low_key, on_low, total, rate=(on_low, len(low_days)), days=len(low_days), **low_params),
    ]
