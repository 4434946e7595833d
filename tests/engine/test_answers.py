"""Answer validation: every bad answer is rejected with a message that names its question."""

from __future__ import annotations

import pytest

from app.core.engine import InvalidAnswers, validate_answers
from app.core.knowledge.model import KnowledgeBase
from app.web.messages import say


@pytest.mark.parametrize(
    ("raw", "question", "fragment"),
    [
        ({"no_such_question": True}, "no_such_question", "unknown question"),
        ({"age": 500}, "age", "between 0 and 120"),
        ({"age": -1}, "age", "between 0 and 120"),
        ({"age": "old"}, "age", "takes a number"),
        ({"age": True}, "age", "takes a number"),
        ({"caffeine_cups_per_day": 40.5}, "caffeine_cups_per_day", "between 0 and 40"),
        ({"duration": "forever"}, "duration", "one of hours, days, weeks, months"),
        ({"duration": ["days"]}, "duration", "one of"),
        ({"locations": ["elbowz"]}, "locations", "does not offer 'elbowz'"),
        ({"locations": "eyelid"}, "locations", "takes a list"),
        ({"breathing_difficulty": "maybe"}, "breathing_difficulty", "true or false"),
        ({"breathing_difficulty": 1}, "breathing_difficulty", "true or false"),
        ({"medications": ["none", "statins"]}, "medications", "cannot be combined"),
        ({"sleep_hours": float("nan")}, "sleep_hours", "takes a number"),
    ],
)
def test_bad_answers_name_the_question(kb: KnowledgeBase, raw: dict, question: str, fragment: str) -> None:
    with pytest.raises(InvalidAnswers) as info:
        validate_answers(kb, raw)
    [problem] = info.value.problems
    assert problem.question == question
    words = say(problem.message)  # the engine returns a key; the catalogue words it
    assert fragment in words
    assert question in words


def test_all_bad_answers_are_reported_together(kb: KnowledgeBase) -> None:
    with pytest.raises(InvalidAnswers) as info:
        validate_answers(kb, {"age": 500, "duration": "forever", "fever": True})
    assert {p.question for p in info.value.problems} == {"age", "duration"}


def test_good_answers_are_typed(kb: KnowledgeBase) -> None:
    answers = validate_answers(
        kb, {"age": 30, "locations": ["calf", "eyelid"], "fever": False, "duration": "days", "sleep_hours": None}
    )
    assert answers == {"age": 30.0, "locations": frozenset({"calf", "eyelid"}), "fever": False, "duration": "days"}


def test_empty_answers_are_valid(kb: KnowledgeBase) -> None:
    assert validate_answers(kb, {}) == {}


def test_every_number_question_takes_a_decimal(kb: KnowledgeBase) -> None:
    """Contract v2: 1.5 cups a day or 6.5 hours of sleep are real answers, never refused."""
    numbers = [q for q in kb.questions if q.type == "number"]
    assert {"age", "caffeine_cups_per_day", "sleep_hours"} <= {q.id for q in numbers}
    for q in numbers:
        value = q.min + 1.5
        assert validate_answers(kb, {q.id: value})[q.id] == value
