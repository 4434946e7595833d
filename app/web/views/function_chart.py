"""The function check's chart, laid out here and drawn as inline SVG by
`templates/diary/_function_chart.html`, like the diary's other charts (app/web/views/diary_charts.py):
no viewBox, so text keeps its CSS size (12-13 px) on a 320 px phone; across, positions are
percentages of the width; down, pixels.

One band per everyday task: its name, then four levels (easier, the same, harder, much harder,
each labelled at the left) and a point per check at its answer, placed by date, joined by lines.
Answers that are harder or much harder are drawn as a different mark (a filled square instead of
a circle), not by colour alone. The chart shows the last `MAX_CHECKS` checks; the table has all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from app.core.diary.function_check import ANSWERS, WORSE, Check, FunctionCheckText
from app.services.function_checks import FunctionCheckView
from app.web.messages import date_text

MAX_CHECKS = 12
NAME = 15  # px: baseline of the task's name in its band
FIRST_LEVEL = 32  # px: the first level line in a band
LEVEL = 17  # px between levels
BAND = FIRST_LEVEL + LEVEL * (len(ANSWERS) - 1) + 22  # px per task
X0, X1 = 36.0, 97.0  # % of the width: where the points go (the level labels sit left of X0)
TICKS = 46  # px under the last band: the first date, and the last on a line of its own (never overlapping)


def _short(d: date) -> str:
    """ "2 Nov 2026" ("2 nov 2026" in Spanish)."""
    return date_text(d, "date")


@dataclass(frozen=True)
class Point:
    x: float  # %
    y: float  # px
    worse: bool
    answer: str  # the answer's label


@dataclass(frozen=True)
class Level:
    label: str
    y: float


@dataclass(frozen=True)
class Band:
    name: str
    y: float  # px: top of the band
    levels: tuple[Level, ...]
    points: tuple[Point, ...]


@dataclass(frozen=True)
class DateTick:
    x: float  # %
    y: float  # px
    text: str
    anchor: str


@dataclass(frozen=True)
class Row:
    date: str
    answers: tuple[str, ...]  # labels, in the items' order
    worse: tuple[bool, ...]


@dataclass(frozen=True)
class FunctionChart:
    id: str
    first: str  # the first and last dates charted
    last: str
    shown: int  # checks in the chart (the last MAX_CHECKS)
    total: int  # checks in the table (all)
    harder: tuple[str, ...]  # tasks harder or much harder at the latest check
    bands: tuple[Band, ...]
    ticks: tuple[DateTick, ...]
    height: int
    x0: float
    names: tuple[str, ...]  # each task's short name, for the table's headers
    rows: tuple[Row, ...]  # every check, oldest first


def chart(checks: Sequence[Check], t: FunctionCheckText) -> FunctionChart | None:
    if not checks:
        return None
    ordered = sorted(checks, key=lambda c: c.taken_at)
    shown = ordered[-MAX_CHECKS:]
    first, last = shown[0].local_date, shown[-1].local_date
    span = (last - first).days

    def x(check: Check) -> float:
        if span == 0:
            return (X0 + X1) / 2
        return X0 + (X1 - X0) * (check.local_date - first).days / span

    bands = []
    for i, item in enumerate(t.items):
        top = i * BAND
        levels = tuple(Level(t.label(a), top + FIRST_LEVEL + k * LEVEL) for k, a in enumerate(ANSWERS))
        points = tuple(
            Point(
                x(c),
                top + FIRST_LEVEL + ANSWERS.index(c.answers[item.id]) * LEVEL,
                c.answers[item.id] in WORSE,
                t.label(c.answers[item.id]),
            )
            for c in shown
            if c.answers.get(item.id) in ANSWERS
        )
        bands.append(Band(item.short, top, levels, points))
    axis = len(t.items) * BAND
    ticks = [DateTick(X0 if span else (X0 + X1) / 2, axis + 14, _short(first), "start" if span else "middle")]
    if span:
        ticks.append(DateTick(X1, axis + 32, _short(last), "end"))

    harder = tuple(i.short for i in shown[-1].worse(t.items))
    rows = tuple(
        Row(
            _short(c.local_date),
            tuple(t.label(c.answers[i.id]) if c.answers.get(i.id) in ANSWERS else "" for i in t.items),
            tuple(c.answers.get(i.id) in WORSE for i in t.items),
        )
        for c in ordered
    )
    return FunctionChart(
        "function-check",
        _short(first),
        _short(last),
        len(shown),
        len(ordered),
        harder,
        tuple(bands),
        tuple(ticks),
        axis + TICKS,
        X0,
        tuple(i.short for i in t.items),
        rows,
    )


def chart_of(view: FunctionCheckView) -> FunctionChart | None:
    """The chart of a diary's function checks (templates call it as `function_chart(fc)`)."""
    return chart([s.check for s in view.checks], view.text)
