"""Bar charts for the diary, laid out here and drawn as inline SVG by `templates/diary/_chart.html`.

No chart library: three bar charts do not need one, and inline SVG works without JavaScript, under
the strict CSP, in print, and on a slow phone. Every chart carries a title, a one-sentence
description for screen readers, and the same numbers as a table.

The SVG has no viewBox, so it is never scaled: text is drawn at its CSS size (13 px, 12 px for day
labels) on a 320 px phone as on a desktop. Across, positions are percentages of the chart's width
(bars stretch, text does not); down, they are pixels. So that labels never collide or get cut:

- per day: a label every 7th day counted back from today (5 in 30 days), the day number with the
  month under it when the month changes; labels near an edge are aligned to that edge;
- per body location or trigger: horizontal bars with the full name above each bar, and the count
  just after its end (bars use at most 85 % of the width, leaving room for the count).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.core.diary import Summary
from app.web.i18n import gettext as _
from app.web.messages import date_text, days, episodes, text, trigger_label

# per day (columns)
TOP = 26  # px above the tallest column: room for its label
COLUMN_HEIGHT = 120  # px
AXIS = TOP + COLUMN_HEIGHT
LEFT, RIGHT = 1.0, 1.0  # % of the width kept free at each side
LABEL_EVERY = 7  # days between day labels, counted back from today
# per category (rows)
ROW = 46  # px: a name, then its bar
BAR_HEIGHT = 16
MAX_BAR = 85.0  # % of the width for the longest bar; the rest is for its count


@dataclass(frozen=True)
class Tick:
    """A day label under the columns: the day number, and the month when it changes."""

    x: float  # % of the width
    day: str
    month: str
    anchor: str  # "start", "middle" or "end"


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    x: float  # % of the width
    y: float  # px
    width: float  # % of the width
    height: float  # px


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    description: str
    kind: str  # "columns" (per day) or "rows" (per category)
    bars: list[Bar]
    height: int  # px
    max_value: int
    headers: tuple[str, str]
    ticks: tuple[Tick, ...] = ()
    max_label: str = ""  # the tallest column's value, over the grid line drawn at its height
    top: int = TOP
    axis: int = AXIS


def _short(d: date) -> str:
    """ "5 Dec" ("5 dic" in Spanish)."""
    return date_text(d, "day")


def _ticks(days: list[date], slot: float) -> tuple[Tick, ...]:
    """Every LABEL_EVERY-th day back from the last, oldest first; the month where it changes."""
    chosen = sorted(range(len(days) - 1, -1, -LABEL_EVERY))
    ticks = []
    month = ""
    for i in chosen:
        center = LEFT + (i + 0.5) * slot
        if center < 8:  # near the left edge: start the text at the column's left
            x, anchor = LEFT + i * slot, "start"
        elif center > 92:  # near the right edge: end it at the column's right
            x, anchor = LEFT + (i + 1) * slot, "end"
        else:
            x, anchor = center, "middle"
        name = date_text(days[i], "month")
        ticks.append(Tick(x, str(days[i].day), name if name != month else "", anchor))
        month = name
    return tuple(ticks)


def per_day(summary: Summary) -> Chart:
    per = summary.per_day
    top = max((n for _d, n in per), default=0)
    slot = (100 - LEFT - RIGHT) / len(per)
    bars = []
    for i, (d, n) in enumerate(per):
        h = COLUMN_HEIGHT * n / top if top else 0
        bars.append(Bar(_short(d), n, LEFT + (i + 0.15) * slot, AXIS - h, slot * 0.7, h))
    busiest = max(per, key=lambda dn: (dn[1], dn[0])) if top else None
    words = {
        "first": _short(per[0][0]),
        "last": _short(per[-1][0]),
        "episodes": episodes(summary.window_total),
        "days": days(summary.days_with_episodes),
    }
    if busiest:
        description = _(
            "Column chart of episodes per day from %(first)s to %(last)s: %(episodes)s on %(days)s; "
            "the most in one day was %(most)s, on %(busiest)s."
        ) % {**words, "most": busiest[1], "busiest": _short(busiest[0])}
    else:
        description = (
            _("Column chart of episodes per day from %(first)s to %(last)s: %(episodes)s on %(days)s.") % words
        )
    return Chart(
        "per-day",
        _("Episodes per day, last %(days)d days") % {"days": len(per)},
        description,
        "columns",
        bars,
        AXIS + 40,
        top,
        (_("Day"), _("Episodes")),
        ticks=_ticks([d for d, _n in per], slot),
        max_label=episodes(top),
    )


def _rows(chart_id: str, title: str, items: list[tuple[str, int]], description: str, first: str) -> Chart:
    top = max((n for _label, n in items), default=0)
    bars = [Bar(label, n, 0, i * ROW + 22, MAX_BAR * n / top, BAR_HEIGHT) for i, (label, n) in enumerate(items)]
    return Chart(
        chart_id, title, description, "rows", bars, max(ROW, len(items) * ROW + 2), top, (first, _("Episodes"))
    )


def _listed(items: list[tuple[str, int]]) -> str:
    return text("list.comma").join(f"{label} {n}" for label, n in items)


def by_location(summary: Summary, names: dict[str, str]) -> Chart:
    items = [(names.get(loc, loc), n) for loc, n in summary.by_location]
    if items:
        description = _("Bar chart of episodes by body location in the last 30 days: %(listed)s.") % {
            "listed": _listed(items)
        }
    else:
        description = _("No episodes in the last 30 days, so no chart by body location.")
    return _rows("by-location", _("Where: episodes by body location"), items, description, _("Body location"))


def by_trigger(summary: Summary) -> Chart:
    items = [(trigger_label(t), n) for t, n in summary.by_trigger]
    if items:
        description = _("Bar chart of episodes by possible trigger in the last 30 days: %(listed)s.") % {
            "listed": _listed(items)
        }
    else:
        description = _("No episodes in the last 30 days, so no chart by possible trigger.")
    return _rows("by-trigger", _("Possible triggers noted with episodes"), items, description, _("Possible trigger"))


def charts(summary: Summary, names: dict[str, str]) -> list[Chart]:
    return [per_day(summary), by_location(summary, names), by_trigger(summary)]
