"""The function check's chart layout: a band per task, points by date at their answer's level,
harder answers marked, the last 12 checks charted and every check in the table."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.core.diary import function_check as fc
from app.web.views.function_chart import BAND, FIRST_LEVEL, LEVEL, MAX_CHECKS, X0, X1, chart

T = fc.text()
SAME = dict.fromkeys(T.item_ids, "same")
START = datetime(2026, 11, 2, 9, tzinfo=UTC)


def check(days: int, **answers: str) -> fc.Check:
    return fc.Check(START + timedelta(days=days), "UTC", SAME | answers)


def test_no_check_no_chart() -> None:
    assert chart([], T) is None


def test_points_sit_at_their_answer_placed_by_date() -> None:
    c = chart([check(28, stairs="much_harder"), check(0), check(7, jars="easier")], T)  # any order
    assert c is not None
    assert [b.name for b in c.bands] == [i.short for i in T.items]
    stairs = c.bands[T.item_ids.index("stairs")]
    assert [p.x for p in stairs.points] == [X0, X0 + (X1 - X0) / 4, X1]
    levels = [(p.y - stairs.y - FIRST_LEVEL) / LEVEL for p in stairs.points]
    assert levels == [1, 1, 3]  # the same, the same, much harder
    assert [p.worse for p in stairs.points] == [False, False, True]
    jars = c.bands[T.item_ids.index("jars")]
    assert jars.points[1].y == jars.y + FIRST_LEVEL and jars.y == T.item_ids.index("jars") * BAND
    assert [lv.label for lv in jars.levels] == ["Easier", "The same", "Harder", "Much harder"]
    assert c.harder == ("Stairs or a chair",)
    assert [t.text for t in c.ticks] == ["2 Nov 2026", "30 Nov 2026"] and c.ticks[0].y < c.ticks[1].y < c.height
    assert [r.date for r in c.rows] == ["2 Nov 2026", "9 Nov 2026", "30 Nov 2026"]
    assert c.rows[2].answers[T.item_ids.index("stairs")] == "Much harder" and c.rows[2].worse[2]


def test_one_check_is_a_point_in_the_middle() -> None:
    c = chart([check(0)], T)
    assert c is not None and c.bands[0].points[0].x == (X0 + X1) / 2 and len(c.ticks) == 1


def test_the_chart_shows_the_last_twelve_checks_and_the_table_all() -> None:
    c = chart([check(14 * n) for n in range(MAX_CHECKS + 3)], T)
    assert c is not None and c.shown == MAX_CHECKS and c.total == MAX_CHECKS + 3
    assert len(c.bands[0].points) == MAX_CHECKS and len(c.rows) == MAX_CHECKS + 3
    assert c.first == "14 Dec 2026"  # the 4th check (6 weeks on): the first three are in the table only
