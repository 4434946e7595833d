"""Chart layout on fixed data: day labels thinned (every 7th day back from today, the month where it
changes), edge labels aligned to the edge, bars within the width with room for their counts."""

from __future__ import annotations

from datetime import date

from app.core.diary import summarise
from app.web.views.diary_charts import LABEL_EVERY, MAX_BAR, by_location, per_day
from tests.diary.test_patterns import ep


def test_day_labels_every_seventh_day_back_from_today_with_the_month_where_it_changes() -> None:
    chart = per_day(summarise([ep(20), ep(21)], date(2026, 12, 3)))
    assert [(t.day, t.month) for t in chart.ticks] == [("5", "Nov"), ("12", ""), ("19", ""), ("26", ""), ("3", "Dec")]
    assert len(chart.ticks) == 1 + (30 - 1) // LABEL_EVERY
    assert chart.ticks[0].anchor == "start" and chart.ticks[-1].anchor == "end"
    assert all(t.anchor == "middle" for t in chart.ticks[1:-1])
    assert all(0 <= t.x <= 100 for t in chart.ticks)
    assert chart.max_label == "1 episode"


def test_rows_keep_whole_names_and_leave_room_for_the_count() -> None:
    names = {"calf": "Calf (back of the lower leg)", "eyelid": "Eyelid"}
    chart = by_location(summarise([ep(20), ep(21), ep(21, location="eyelid")], date(2026, 11, 22), names), names)
    assert [(b.label, b.value) for b in chart.bars] == [("Calf (back of the lower leg)", 2), ("Eyelid", 1)]
    assert chart.bars[0].width == MAX_BAR and chart.bars[1].width == MAX_BAR / 2
    assert chart.bars[1].y - chart.bars[0].y >= 40  # a name above each bar, not beside it
