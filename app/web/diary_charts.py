"""Bar charts for the diary, laid out here and drawn as inline SVG by `templates/diary/_chart.html`.

No chart library: three bar charts do not need one, and inline SVG works without JavaScript, under
the strict CSP, in print, and on a slow phone. Every chart carries a title, a one-sentence
description for screen readers, and the same numbers as a table.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.diary import Summary
from app.diary.entries import TRIGGERS

WIDTH = 600
ROW = 28  # height of one horizontal bar's row
LABEL_WIDTH = 150
COLUMN_HEIGHT = 160


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    x: float
    y: float
    width: float
    height: float
    tick: str = ""  # label under a column, for some columns only


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    description: str
    kind: str  # "columns" (per day) or "rows" (per category)
    bars: list[Bar]
    height: int
    max_value: int
    headers: tuple[str, str]


def _short(d: date) -> str:
    return f"{d.day} {d.strftime('%b')}"


def per_day(summary: Summary) -> Chart:
    days = summary.per_day
    top = max((n for _, n in days), default=0)
    scale = COLUMN_HEIGHT / top if top else 0
    step = (WIDTH - 40) / len(days)
    bars = []
    for i, (d, n) in enumerate(days):
        h = n * scale
        tick = _short(d) if i % 7 == 0 or i == len(days) - 1 else ""
        bars.append(Bar(_short(d), n, 36 + i * step, 10 + COLUMN_HEIGHT - h, step * 0.7, h, tick))
    busiest = max(days, key=lambda dn: (dn[1], dn[0])) if top else None
    description = f"Column chart of episodes per day from {_short(days[0][0])} to {_short(days[-1][0])}: "
    description += f"{summary.window_total} episodes on {summary.days_with_episodes} days"
    description += f"; the most in one day was {busiest[1]}, on {_short(busiest[0])}." if busiest else "."
    return Chart(
        "per-day",
        f"Episodes per day, last {len(days)} days",
        description,
        "columns",
        bars,
        COLUMN_HEIGHT + 40,
        top,
        ("Day", "Episodes"),
    )


def _rows(chart_id: str, title: str, items: list[tuple[str, int]], what: str, first: str) -> Chart:
    top = max((n for _, n in items), default=0)
    usable = WIDTH - LABEL_WIDTH - 40
    bars = [
        Bar(label, n, LABEL_WIDTH, 6 + i * ROW, usable * n / top if top else 0, ROW - 10)
        for i, (label, n) in enumerate(items)
    ]
    if items:
        listed = ", ".join(f"{label} {n}" for label, n in items)
        description = f"Bar chart of episodes {what} in the last 30 days: {listed}."
    else:
        description = f"No episodes in the last 30 days, so no chart {what}."
    return Chart(chart_id, title, description, "rows", bars, max(ROW, len(items) * ROW + 6), top, (first, "Episodes"))


def by_location(summary: Summary, names: dict[str, str]) -> Chart:
    items = [(names.get(loc, loc), n) for loc, n in summary.by_location]
    return _rows("by-location", "Where: episodes by body location", items, "by body location", "Body location")


def by_trigger(summary: Summary) -> Chart:
    items = [(TRIGGERS.get(t, "No trigger noted"), n) for t, n in summary.by_trigger]
    return _rows(
        "by-trigger", "Possible triggers noted with episodes", items, "by possible trigger", "Possible trigger"
    )


def charts(summary: Summary, names: dict[str, str]) -> list[Chart]:
    return [per_day(summary), by_location(summary, names), by_trigger(summary)]
