"""The knowledge model's derived answers."""

from __future__ import annotations

from app.core.knowledge.model import Condition


def test_questions_in_order_of_appearance_without_repeats() -> None:
    condition = Condition.model_validate(
        {
            "all": [
                {"question": "b", "is": True},
                {"any": [{"question": "a", "is": True}, {"question": "b", "is": False}]},
                {"not": {"question": "c", "gte": 2}},
            ]
        }
    )
    assert condition.questions() == ["b", "a", "c"]
    assert condition.question_ids == ("b", "a", "c")


def test_questions_returns_a_new_list_each_time() -> None:
    condition = Condition.model_validate({"question": "a", "is": True})
    first = condition.questions()
    first.append("x")  # a caller's list is its own: the cached answer does not change
    assert condition.questions() == ["a"]
