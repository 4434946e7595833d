"""Entry checks: time zones, daylight-saving changes, the one-day future limit, locations, notes."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.core.diary import EntryIn, InvalidEntry, check_entry
from app.core.diary.entries import to_utc
from app.web.messages import say

LOCATIONS = ["eyelid", "calf", "hand"]
NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


def entry(**fields) -> EntryIn:  # type: ignore[no-untyped-def]
    base = {"location": "calf", "duration_seconds": 30, "intensity": 2}
    return EntryIn.model_validate(base | fields)


def check(e: EntryIn, zone: str = "Europe/London"):  # type: ignore[no-untyped-def]
    return check_entry(e, locations=LOCATIONS, default_zone=zone, now=NOW)


def test_local_time_is_read_in_the_entry_zone_and_stored_in_utc() -> None:
    checked = check(entry(occurred_at="2026-07-01T21:30", timezone="America/New_York"))
    assert checked.occurred_at == datetime(2026, 7, 2, 1, 30, tzinfo=UTC)
    assert checked.local_time.hour == 21 and checked.local_date.isoformat() == "2026-07-01"


def test_the_diary_zone_is_the_default() -> None:
    summer = check(entry(occurred_at="2026-07-01T09:00"))  # London in summer is UTC+1
    assert summer.timezone == "Europe/London" and summer.occurred_at.hour == 8


def test_an_explicit_offset_wins_over_the_zone() -> None:
    checked = check(entry(occurred_at="2026-07-01T09:00+02:00"))
    assert checked.occurred_at == datetime(2026, 7, 1, 7, 0, tzinfo=UTC)


def test_a_time_skipped_by_the_clocks_is_refused_naming_the_field() -> None:
    with pytest.raises(InvalidEntry) as caught:
        check(entry(occurred_at="2026-03-29T01:30"))  # London springs forward 01:00 -> 02:00
    assert [p.field for p in caught.value.problems] == ["occurred_at"]
    assert "does not exist" in say(caught.value.problems[0].message)


def test_a_time_that_happens_twice_means_the_first() -> None:
    checked = check(entry(occurred_at="2026-10-25T01:30"))  # London falls back 02:00 -> 01:00
    assert checked.occurred_at == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # still BST (+1)


def test_not_more_than_a_day_in_the_future() -> None:
    assert check(entry(occurred_at="2026-11-23T11:00"))  # 23 h ahead: a zone ahead of ours
    with pytest.raises(InvalidEntry) as caught:
        check(entry(occurred_at="2026-11-23T13:00"))
    assert caught.value.problems[0].field == "occurred_at"


def test_default_time_is_now() -> None:
    assert check(entry()).occurred_at == NOW


def test_every_problem_is_reported_at_once() -> None:
    with pytest.raises(InvalidEntry) as caught:
        check(entry(occurred_at="2026-11-20T10:00", timezone="Mars/Olympus", location="nose"))
    assert {p.field for p in caught.value.problems} == {"timezone", "location"}


@pytest.mark.parametrize("zone", ["EST5EDT", "Cuba", "../../etc/passwd", "Not/AZone"])
def test_unknown_or_legacy_zone_names_are_refused(zone: str) -> None:
    with pytest.raises((InvalidEntry, ValueError)):
        check(entry(timezone=zone))


def test_types_and_ranges_are_checked_by_the_model() -> None:
    for bad in ({"intensity": 6}, {"duration_seconds": 0}, {"triggers": ["coffee"]}, {"note": "x" * 501}):
        with pytest.raises(ValueError):
            entry(**bad)


def test_triggers_are_kept_once_in_a_fixed_order() -> None:
    checked = check(entry(triggers=["stress", "caffeine", "stress"]))
    assert checked.triggers == ("caffeine", "stress")


def test_control_characters_in_notes_are_refused_but_newlines_kept() -> None:
    assert check(entry(note="line one\r\nline two")).note == "line one\nline two"
    with pytest.raises(InvalidEntry):
        check(entry(note="bell\x07"))


def test_to_utc_round_trips_in_every_hour_of_a_day() -> None:
    from zoneinfo import ZoneInfo

    zone = ZoneInfo("Australia/Lord_Howe")  # a 30-minute daylight-saving shift
    for hour in range(24):
        local = datetime(2026, 6, 1, hour, 15)
        assert to_utc(local, zone).astimezone(zone).replace(tzinfo=None) == local


@pytest.mark.parametrize(
    ("when", "zone", "message"),
    [("9999-12-31T23:30", "America/New_York", "future"), ("0001-01-01T00:30", "Asia/Tokyo", "2000")],
)
def test_times_at_the_calendar_s_edges_are_refused_not_crashed(when: str, zone: str, message: str) -> None:
    with pytest.raises(InvalidEntry) as caught:
        check(entry(occurred_at=when, timezone=zone))
    assert caught.value.problems[0].field == "occurred_at" and message in say(caught.value.problems[0].message)
