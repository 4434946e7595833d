"""Patterns on fixed data: exact counts, honest comparisons, local days."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from app.core.diary import Entry, summarise
from app.web.messages import say

TODAY = date(2026, 11, 22)


def ep(
    day: int,
    hour: int = 10,
    location: str = "calf",
    triggers: tuple[str, ...] = (),
    cups=None,
    sleep=None,
    zone: str = "UTC",
) -> Entry:  # type: ignore[no-untyped-def]
    from zoneinfo import ZoneInfo

    local = datetime(2026, 11, day, hour, 0, tzinfo=ZoneInfo(zone))
    return Entry(local.astimezone(UTC), zone, location, 20, 2, triggers, cups, sleep, "")


def texts(entries: list[Entry]) -> list[str]:
    return [say(p.message) for p in summarise(entries, TODAY).patterns]


def test_caffeine_comparison_counts_only_days_with_caffeine_noted() -> None:
    entries = (
        [ep(3, cups=5), ep(3, cups=5), ep(3, cups=5), ep(4, cups=4), ep(4, cups=4), ep(5, cups=6)]  # 6 on 3 high days
        + [ep(6, cups=1), ep(7, cups=2)]  # 2 on 2 low days
        + [ep(8), ep(9)]  # caffeine not noted: left out of the comparison
    )
    summary = summarise(entries, TODAY)
    caffeine = [p for p in summary.patterns if "cups" in say(p.message)]
    assert [(say(p.message), p.count, p.total) for p in caffeine] == [
        ("On days with 4 or more cups of caffeine: 2 episodes a day (6 on 3 days).", 6, 8),
        ("On days with fewer cups: 1 a day (2 on 2 days).", 2, 8),
    ]


def test_the_day_value_of_caffeine_is_the_largest_noted_that_day() -> None:
    entries = [ep(3, cups=1), ep(3, hour=20, cups=5), ep(4, cups=4), ep(6, cups=1), ep(7, cups=0)]
    caffeine = [p for p in summarise(entries, TODAY).patterns if "cups of caffeine" in say(p.message)][0]
    assert (caffeine.count, caffeine.total) == (3, 5)


def test_no_comparison_without_two_days_on_each_side() -> None:
    entries = [ep(3, cups=5), ep(4, cups=5), ep(5, cups=1)]
    assert not [t for t in texts(entries) if "cups" in t]


def test_short_sleep_comparison() -> None:
    entries = [ep(10, sleep=5), ep(10, sleep=5), ep(11, sleep=4.5), ep(12, sleep=8), ep(13, sleep=7)]
    sleep = [p for p in summarise(entries, TODAY).patterns if "sleep" in say(p.message)][0]
    assert (sleep.count, sleep.total) == (3, 5)
    assert say(sleep.message) == "After nights with less than 6 hours of sleep: 1.5 episodes a day (3 on 2 days)."
    assert "After nights with 6 hours or more: 1 a day (2 on 2 days)." in texts(entries)


def test_trigger_and_location_counts() -> None:
    entries = [ep(1, triggers=("caffeine", "stress")), ep(2, triggers=("stress",)), ep(3, location="eyelid"), ep(4)]
    summary = summarise(entries, TODAY, {"calf": "Calf", "eyelid": "Eyelid"})
    assert summary.by_location == [("calf", 3), ("eyelid", 1)]
    assert summary.by_trigger == [("caffeine", 1), ("stress", 2), ("none", 2)]
    found = [say(p.message) for p in summary.patterns]
    assert "Most often: Calf, 3 of 4 episodes." in found
    assert found.index("Stress as a possible trigger: 2 of 4 episodes.") < found.index(
        "Caffeine as a possible trigger: 1 of 4 episodes."
    )
    assert "With fewer than 10 episodes, any pattern here may be chance." in found


def test_per_day_covers_thirty_days_with_zeros_and_counts_local_days() -> None:
    # 23:30 in Auckland on 20 Nov is 10:30 UTC on 20 Nov; 00:30 in Auckland on 21 Nov is 11:30 UTC on 20 Nov.
    entries = [ep(20, hour=23, zone="Pacific/Auckland"), ep(21, hour=0, zone="Pacific/Auckland")]
    summary = summarise(entries, TODAY)
    assert len(summary.per_day) == 30 and summary.per_day[-1][0] == TODAY
    counts = dict(summary.per_day)
    assert counts[date(2026, 11, 20)] == 1 and counts[date(2026, 11, 21)] == 1
    assert sum(counts.values()) == 2


def test_entries_older_than_the_window_are_counted_in_the_total_only() -> None:
    old = Entry(datetime(2026, 9, 1, tzinfo=UTC), "UTC", "calf", 10, 1, (), None, None, "")
    summary = summarise([old, ep(20)], TODAY)
    assert (summary.total, summary.window_total) == (2, 1)
    assert summary.first_date == date(2026, 9, 1)


def test_evening_and_trend() -> None:
    entries = [ep(d, hour=21) for d in (1, 2, 3)] + [ep(d, hour=9) for d in (16, 18, 20, 21, 22)]
    found = texts(entries)
    assert "In the evening or at night (6 pm to 6 am): 3 of 8 episodes." in found
    assert "Last 7 days: 5 episodes. The 7 days before: 0 episodes." in found


def test_an_empty_diary_has_no_patterns() -> None:
    summary = summarise([], TODAY)
    assert summary.patterns == [] and summary.window_total == 0 and summary.first_date is None


def test_many_entries_drop_the_small_sample_warning() -> None:
    entries = [ep(1 + i % 20, hour=8 + i % 10) for i in range(12)]
    assert not [t for t in texts(entries) if "chance" in t]
    assert texts(entries)[0] == "12 episodes on 12 days in the last 30 days."


def test_window_boundary_is_inclusive_of_the_thirtieth_day() -> None:
    first_day = TODAY - timedelta(days=29)
    inside = Entry(
        datetime(first_day.year, first_day.month, first_day.day, 12, tzinfo=UTC),
        "UTC",
        "calf",
        5,
        1,
        (),
        None,
        None,
        "",
    )
    assert summarise([inside], TODAY).window_total == 1


def test_an_entry_on_tomorrow_s_date_is_counted() -> None:
    ahead = ep(23, hour=9, zone="Pacific/Kiritimati")  # 23 Nov there, while the diary's today is 22 Nov
    summary = summarise([ahead], TODAY)
    assert summary.window_total == 1 and summary.per_day[-1] == (date(2026, 11, 23), 1)


def test_counts_take_the_singular_for_one() -> None:
    found = texts([ep(20, hour=21, triggers=("caffeine",))])
    assert found[:3] == [
        "1 episode on 1 day in the last 30 days.",
        "Where: Calf, the only episode.",
        "Caffeine as a possible trigger: the only episode.",
    ]
    entries = [ep(20, triggers=("stress",)), ep(20, hour=21), ep(21, location="eyelid"), ep(22, hour=23)]
    found = texts(entries)
    assert "Stress as a possible trigger: 1 of 4 episodes." in found
    assert "In the evening or at night (6 pm to 6 am): 2 of 4 episodes." in found
    assert not [t for t in found if " were" in t or "1 episodes" in t or "1 days" in t]


def test_a_tie_for_the_most_often_place_names_both() -> None:
    entries = [ep(1), ep(2), ep(3, location="eyelid"), ep(4, location="eyelid")]
    found = texts(entries)
    assert "Most often: Calf and Eyelid, 2 of 4 episodes each." in found
