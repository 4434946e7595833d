"""What a diary prefills in an assessment, and what it never assumes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from app.core.diary import Entry, prefill
from app.web.messages import say

TODAY = date(2026, 11, 22)


def on(days_ago: int, location: str = "calf") -> Entry:
    d = TODAY - timedelta(days=days_ago)
    return Entry(datetime(d.year, d.month, d.day, 12, tzinfo=UTC), "UTC", location, 10, 2, (), None, None, "")


def test_empty_diary_prefills_nothing() -> None:
    assert prefill([], TODAY).answers == {}


def test_duration_is_prefilled_only_once_the_diary_covers_two_weeks() -> None:
    # A short diary says nothing about how long the twitching went on before it: shown, not answered.
    assert "duration" not in prefill([on(0)], TODAY).answers
    assert "duration" not in prefill([on(13)], TODAY).answers
    assert "13 days ago" in say(prefill([on(13)], TODAY).reasons["duration"])
    assert prefill([on(14)], TODAY).answers["duration"] == "weeks"
    assert prefill([on(70)], TODAY).answers["duration"] == "months"


def test_old_places_are_kept() -> None:
    assert prefill([on(60, "tongue"), on(1, "calf")], TODAY).answers["locations"] == ["calf", "tongue"]


def test_frequency_from_recent_days() -> None:
    daily = [on(d) for d in range(0, 14) if d not in (3, 9)]  # 12 of 14 days
    result = prefill(daily, TODAY)
    assert result.answers["frequency"] == "daily"
    assert say(result.reasons["frequency"]) == "Your diary has episodes on 12 of the last 14 days."
    assert prefill([on(0), on(5), on(10)], TODAY).answers["frequency"] == "occasional"
    assert "frequency" not in prefill([on(0), on(1)], TODAY).answers  # two days say nothing yet


def test_locations_most_frequent_first() -> None:
    assert prefill([on(1, "hand"), on(2, "calf"), on(3, "calf")], TODAY).answers["locations"] == ["calf", "hand"]


def test_spreading_only_when_a_new_place_appears_a_week_later_in_a_diary_of_weeks() -> None:
    spread = prefill([on(20, "calf"), on(10, "arm"), on(1, "calf")], TODAY)
    assert spread.answers["spreading"] is True and "arm" in say(spread.reasons["spreading"]).lower()
    assert "spreading" not in prefill([on(20, "calf"), on(18, "arm")], TODAY).answers  # within the first week
    assert "spreading" not in prefill([on(10, "calf"), on(1, "arm")], TODAY).answers  # diary too short


def test_not_spreading_is_never_assumed() -> None:
    steady = [on(d, "calf") for d in range(0, 40, 2)]
    assert "spreading" not in prefill(steady, TODAY).answers
