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


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _rate(episodes: int, days: int) -> str:
    return f"{episodes / days:.1f}".rstrip("0").rstrip(".") + " a day"


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
    n = len(recent)
    if n == 0:
        return []
    found: list[Pattern] = []
    days = len({e.local_date for e in recent})
    found.append(Pattern(f"{_plural(n, 'episode')} on {_plural(days, 'day')} in the last {WINDOW_DAYS} days.", n, n))

    locations = Counter(e.location for e in recent).most_common()
    top, top_n = locations[0]
    where = names.get(top, top.replace("_", " "))
    where = where[:1].lower() + where[1:]  # a label inside a sentence
    if len(locations) == 1:
        found.append(Pattern(f"All {_plural(n, 'episode')} were in the {where}.", n, n))
    else:
        found.append(Pattern(f"{top_n} of {n} episodes were in the {where}, more than anywhere else.", top_n, n))

    counts = Counter(t for e in recent for t in e.triggers)
    for trigger, k in sorted(counts.items(), key=lambda kv: (-kv[1], list(TRIGGERS).index(kv[0]))):
        label = TRIGGERS[trigger].lower()
        found.append(Pattern(f"{k} of {n} episodes were logged with {label} as a possible trigger.", k, n))

    found += _day_split(
        recent,
        value=lambda e: e.caffeine_cups,
        pick=max,  # cups "that day": the largest number noted that day
        is_high=lambda v: v >= HIGH_CAFFEINE_CUPS,
        noted="your caffeine",
        high=f"{HIGH_CAFFEINE_CUPS} or more cups of caffeine",
        low="fewer cups",
    )
    found += _day_split(
        recent,
        value=lambda e: e.sleep_hours,
        pick=min,
        is_high=lambda v: v < SHORT_SLEEP_HOURS,
        noted="your sleep",
        high=f"less than {SHORT_SLEEP_HOURS} hours of sleep the night before",
        low=f"{SHORT_SLEEP_HOURS} hours or more",
    )

    night = sum(1 for e in recent if e.local_time.hour >= NIGHT_START or e.local_time.hour < NIGHT_END)
    if n >= 3:
        found.append(Pattern(f"{night} of {n} episodes were in the evening or at night (6 pm to 6 am).", night, n))

    first = min(e.local_date for e in recent)
    if first <= today - timedelta(days=13):
        last7 = sum(1 for e in recent if e.local_date > today - timedelta(days=7))
        before7 = sum(1 for e in recent if today - timedelta(days=14) < e.local_date <= today - timedelta(days=7))
        found.append(
            Pattern(
                f"Last 7 days: {_plural(last7, 'episode')}; the 7 days before: {_plural(before7, 'episode')}.",
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
    noted: str,
    high: str,
    low: str,
) -> list[Pattern]:
    """Episodes on days with a high value against days with a low one, counting only days where the
    value was noted, with episodes per day so that a few busy days do not mislead."""
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
    text = (
        f"{on_high} of {total} episodes on days you noted {noted} came on days with {high} "
        f"({_plural(len(high_days), 'day')}, {_rate(on_high, len(high_days))}); "
        f"{on_low} came on {_plural(len(low_days), 'day')} with {low} ({_rate(on_low, len(low_days))})."
    )
    return [Pattern(text, on_high, total)]
