"""What a diary shows: counts per day, per body location and per trigger, and plain-language patterns.

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

from app.diary.entries import TRIGGERS, Entry
from app.diary.wording import days, episodes, per_day, share

WINDOW_DAYS = 30
SMALL_SAMPLE = 10  # below this many episodes, say that a pattern may be chance
HIGH_CAFFEINE_CUPS = 4
SHORT_SLEEP_HOURS = 6
NIGHT_START, NIGHT_END = 18, 6  # "evening or night": 6 pm to 6 am local time


@dataclass(frozen=True)
class Pattern:
    text: str
    count: int
    total: int


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
    by_trigger = [(t, trigger_counts[t]) for t in TRIGGERS if trigger_counts[t]]
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
    """Short sentences, each with its counts: what was logged, never why."""
    n = len(recent)
    if n == 0:
        return []
    found: list[Pattern] = []
    day_count = len({e.local_date for e in recent})
    found.append(Pattern(f"{episodes(n)} on {days(day_count)} in the last {WINDOW_DAYS} days.", n, n))

    locations = Counter(e.location for e in recent).most_common()
    top_n = locations[0][1]
    tied = sorted(loc for loc, k in locations if k == top_n)
    places = " and ".join(names.get(loc, loc.replace("_", " ").capitalize()) for loc in tied)
    if len(locations) == 1:
        found.append(Pattern(f"Where: {places}, {share(n, n)}.", n, n))
    elif len(tied) == 1:
        found.append(Pattern(f"Most often: {places}, {share(top_n, n)}.", top_n, n))
    else:  # a tie: no place is "most often" on its own
        found.append(Pattern(f"Most often: {places}, {share(top_n, n)} each.", top_n, n))

    counts = Counter(t for e in recent for t in e.triggers)
    for trigger, k in sorted(counts.items(), key=lambda kv: (-kv[1], list(TRIGGERS).index(kv[0]))):
        found.append(Pattern(f"{TRIGGERS[trigger]} as a possible trigger: {share(k, n)}.", k, n))

    found += _day_split(
        recent,
        value=lambda e: e.caffeine_cups,
        pick=max,  # cups "that day": the largest number noted that day
        is_high=lambda v: v >= HIGH_CAFFEINE_CUPS,
        high=f"On days with {HIGH_CAFFEINE_CUPS} or more cups of caffeine",
        low="On days with fewer cups",
    )
    found += _day_split(
        recent,
        value=lambda e: e.sleep_hours,
        pick=min,
        is_high=lambda v: v < SHORT_SLEEP_HOURS,
        high=f"After nights with less than {SHORT_SLEEP_HOURS} hours of sleep",
        low=f"After nights with {SHORT_SLEEP_HOURS} hours or more",
    )

    night = sum(1 for e in recent if e.local_time.hour >= NIGHT_START or e.local_time.hour < NIGHT_END)
    if n >= 3:
        found.append(Pattern(f"In the evening or at night (6 pm to 6 am): {share(night, n)}.", night, n))

    first = min(e.local_date for e in recent)
    if first <= today - timedelta(days=13):
        last7 = sum(1 for e in recent if e.local_date > today - timedelta(days=7))
        before7 = sum(1 for e in recent if today - timedelta(days=14) < e.local_date <= today - timedelta(days=7))
        found.append(
            Pattern(
                f"Last 7 days: {episodes(last7)}. The 7 days before: {episodes(before7)}.",
                last7,
                last7 + before7,
            )
        )
    if n < SMALL_SAMPLE:
        found.append(Pattern(f"With fewer than {SMALL_SAMPLE} episodes, any pattern here may be chance.", n, n))
    return found


def _day_split(
    recent: list[Entry],
    *,
    value: Callable[[Entry], float | None],
    pick: Callable[[list[float]], float],
    is_high: Callable[[float], bool],
    high: str,
    low: str,
) -> list[Pattern]:
    """Episodes a day on days with a high value against days with a low one, counting only days where
    the value was noted, so that a few busy days or days without a note do not mislead. Two
    sentences: one for each side, each with its episodes and days."""
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
    high_rate, low_rate = per_day(on_high, len(high_days)), per_day(on_low, len(low_days), unit=False)
    return [
        Pattern(f"{high}: {high_rate} ({on_high} on {days(len(high_days))}).", on_high, total),
        Pattern(f"{low}: {low_rate} ({on_low} on {days(len(low_days))}).", on_low, total),
    ]
