"""The function check's domain: the data file validates, a check is due every 14 days (days as lived
in the diary's zone), answers are checked field by field, and stable / changed are decided as the
README says."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pydantic import ValidationError
from ruamel.yaml import YAML

from app.core.diary import InvalidEntry
from app.core.diary import function_check as fc
from app.core.knowledge import regions

T = fc.text("en", regions.load().by_id("uk").words["en"])  # the UK's words: "your GP", "NHS 111"
SAME = dict.fromkeys(T.item_ids, "same")
START = datetime(2026, 11, 1, 20, 0, tzinfo=UTC)


def check(days: int, zone: str = "Europe/London", **answers: str) -> fc.Check:
    return fc.Check(START + timedelta(days=days), zone, SAME | answers)


def test_the_shipped_file_has_the_six_everyday_tasks_and_its_sources() -> None:
    assert T.item_ids == ("buttons", "jars", "stairs", "walking", "speech", "swallowing")
    assert {i.id for i in T.items if i.bulbar} == {"speech", "swallowing"}
    assert [o.value for o in T.options] == ["easier", "same", "harder", "much_harder"]
    urls = {str(s.url).rstrip("/") for s in T.sources.values()}
    assert urls == {
        "https://www.nice.org.uk/guidance/ng42",
        "https://doi.org/10.1001/jamainternmed.2013.2762",
        "https://www.nhs.uk/mental-health/conditions/health-anxiety",
    }
    assert T.interval_days == 14


def _broken(tmp_path: Path, change) -> Path:  # type: ignore[no-untyped-def]
    data = YAML(typ="safe").load(fc.DEFAULT_PATH.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "fc.yaml"
    with path.open("w", encoding="utf-8") as out:
        YAML().dump(data, out)
    return path


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["advice"]["stable"].update(sources=["nowhere"]), "unknown source 'nowhere'"),
        (lambda d: d["options"].pop(), "options must be exactly"),
        (lambda d: d["items"].append(dict(d["items"][0])), "item ids must be unique"),
        (lambda d: [i.pop("bulbar", None) for i in d["items"]], "at least one item must be bulbar"),
        (lambda d: d["advice"]["stable"].update(title="Stable"), "advice.stable must contain {weeks}"),
        (lambda d: d["sources"]["nice_ng42"].update(url="not a url"), "url"),
        (lambda d: d.update(colour="red"), "colour"),
    ],
)
def test_a_broken_file_is_refused_with_the_problem_named(tmp_path: Path, change, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match=message):
        fc.load_text(_broken(tmp_path, change))


def test_due_when_there_is_none_or_the_last_is_14_days_old() -> None:
    assert fc.is_due([], START, "UTC", 14) and fc.next_due([], 14) is None
    first = check(0)  # 20:00 UTC on 1 Nov: 1 Nov in London
    assert fc.next_due([first], 14) == first.local_date + timedelta(days=14)
    assert not fc.is_due([first], START + timedelta(days=1), "Europe/London", 14)
    assert not fc.is_due([first], START + timedelta(days=13, hours=3), "Europe/London", 14)  # 14 Nov, 23:00
    assert fc.is_due([first], START + timedelta(days=13, hours=4, minutes=1), "Europe/London", 14)  # 15 Nov
    assert fc.is_due([first], START + timedelta(days=40), "Europe/London", 14)
    # Days as lived in the zone: 20:00 UTC on 1 Nov is 2 Nov in Tokyo, so the next is from 16 Nov there.
    tokyo = [check(0, "Asia/Tokyo")]
    assert str(fc.next_due(tokyo, 14)) == "2026-11-16"
    assert not fc.is_due(tokyo, START + timedelta(days=13, hours=18, minutes=59), "Asia/Tokyo", 14)
    assert fc.is_due(tokyo, START + timedelta(days=13, hours=19), "Asia/Tokyo", 14)  # midnight in Tokyo


def test_answers_are_checked_field_by_field() -> None:
    assert fc.check_answers(SAME, T.items) == SAME
    with pytest.raises(InvalidEntry) as caught:
        fc.check_answers({k: v for k, v in SAME.items() if k != "speech"} | {"jars": "worse", "colour": "red"}, T.items)
    fields = [p.field for p in caught.value.problems]
    assert fields == ["answers.jars", "answers.speech", "answers.colour"]


def test_no_check_says_nothing() -> None:
    assert fc.outcome([], T.items).status == "none" and fc.said(fc.outcome([], T.items), T, None) is None


def test_a_first_check_without_a_change() -> None:
    result = fc.outcome([check(0, jars="easier")], T.items)
    assert (result.status, result.urgency) == ("first", "none")
    words = fc.said(result, T, fc.next_due([check(0)], 14))
    assert words and "15 November 2026" in words.text


@pytest.mark.parametrize(("days", "weeks"), [(14, 2), (20, 2), (21, 3), (28, 4), (7 * 52, 52)])
def test_stable_for_the_weeks_from_the_first_check_to_the_latest(days: int, weeks: int) -> None:
    checks = [check(0), check(days // 2, buttons="easier"), check(days)]
    result = fc.outcome(checks, T.items)
    assert (result.status, result.urgency, result.weeks) == ("stable", "none", weeks)
    words = fc.said(result, T, None)
    assert words and words.title == f"Stable for {weeks} weeks"


@pytest.mark.parametrize("answer", ["harder", "much_harder"])
def test_a_task_harder_at_the_latest_check_means_a_gp_appointment(answer: str) -> None:
    result = fc.outcome([check(0), check(14, stairs=answer, buttons="easier")], T.items)
    assert (result.status, result.urgency, result.worse) == ("changed", "gp", ("stairs",))
    words = fc.said(result, T, None)
    assert words and "GP" in words.text and "Climbing stairs" in words.text and "24 hours" not in words.text
    elsewhere = fc.said(result, fc.text(), None)  # no region chosen: no country's services named
    assert elsewhere and "a doctor" in elsewhere.text and "GP" not in elsewhere.text


@pytest.mark.parametrize("item", ["speech", "swallowing"])
def test_speech_or_swallowing_worse_means_within_24_hours(item: str) -> None:
    result = fc.outcome([check(0, **{item: "harder", "jars": "much_harder"})], T.items)
    assert (result.status, result.urgency, result.worse) == ("changed", "within_24h", ("jars", item))
    words = fc.said(result, T, None)
    assert words and "24 hours" in words.title + words.text


def test_a_change_noted_earlier_is_not_forgotten_when_the_latest_is_the_same() -> None:
    checks = [check(0), check(14, walking="harder"), check(28)]
    result = fc.outcome(list(reversed(checks)), T.items)  # the order given does not matter
    assert (result.status, result.urgency, result.worse) == ("changed_before", "gp", ("walking",))
    assert result.changed_on == checks[1].local_date
    words = fc.said(result, T, None)
    assert words and "15 November 2026" in words.text and "GP" in words.text


def test_not_due_says_when_kindly() -> None:
    message = fc.not_due(T, check(0).local_date + timedelta(days=14))
    assert "15 November 2026" in message.title and "15 November 2026" in message.text
