"""Turn raw JSON answers into typed answers, or say exactly which question is wrong and why.

Raw answers come from API clients and forms; everything the engine later reads has passed
here, so the engine itself never meets a wrong type.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from app.knowledge.conditions import Answers, AnswerValue
from app.knowledge.model import KnowledgeBase, Question


@dataclass(frozen=True)
class AnswerProblem:
    question: str
    message: str


class InvalidAnswers(ValueError):
    """One or more answers are unusable; `problems` names each question."""

    def __init__(self, problems: list[AnswerProblem]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{p.question}: {p.message}" for p in problems))


def validate_answers(kb: KnowledgeBase, raw: Mapping[str, Any]) -> Answers:
    """Check every answer against its question; `None` means "don't know" and is dropped."""
    answers: dict[str, AnswerValue] = {}
    problems: list[AnswerProblem] = []
    for qid, value in raw.items():
        if not kb.has_question(qid):
            problems.append(AnswerProblem(str(qid), f"unknown question id '{qid}'"))
            continue
        if value is None:
            continue
        question = kb.question(qid)
        try:
            answers[qid] = _coerce(question, value)
        except ValueError as exc:
            problems.append(AnswerProblem(qid, str(exc)))
    if problems:
        raise InvalidAnswers(problems)
    return answers


def _coerce(question: Question, value: Any) -> AnswerValue:
    if question.type == "boolean":
        if not isinstance(value, bool):
            raise ValueError(f"'{question.id}' takes true or false, not {_show(value)}")
        return value
    if question.type == "single":
        if not isinstance(value, str) or value not in question.value_set:
            raise ValueError(f"'{question.id}' takes one of {', '.join(question.values)}; got {_show(value)}")
        return value
    if question.type == "multi":
        if not isinstance(value, list):
            raise ValueError(f"'{question.id}' takes a list of values from {', '.join(question.values)}")
        allowed = question.value_set
        wrong = [v for v in value if not isinstance(v, str) or v not in allowed]
        if wrong:
            raise ValueError(
                f"'{question.id}' does not offer {', '.join(_show(v) for v in wrong)}; "
                f"choose from {', '.join(question.values)}"
            )
        chosen = frozenset(value)
        if len(chosen) != len(value):
            raise ValueError(f"'{question.id}' lists a value more than once")
        exclusive = chosen & frozenset(question.exclusive or ())
        if exclusive and len(chosen) > 1:
            raise ValueError(f"'{question.id}': '{sorted(exclusive)[0]}' cannot be combined with other values")
        return chosen
    # number
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"'{question.id}' takes a number, not {_show(value)}")
    assert question.min is not None and question.max is not None
    if not question.min <= value <= question.max:
        raise ValueError(f"'{question.id}' must be between {_num(question.min)} and {_num(question.max)}; got {value}")
    if question.integer and value != int(value):
        raise ValueError(f"'{question.id}' takes a whole number; got {value}")
    return float(value)


def _num(x: float) -> str:
    return str(int(x)) if x == int(x) else str(x)


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def to_json(answers: Answers) -> dict[str, Any]:
    """Typed answers back to their JSON form (multi as sorted lists, whole numbers as ints)."""
    out: dict[str, Any] = {}
    for qid, value in answers.items():
        if isinstance(value, frozenset):
            out[qid] = sorted(value)
        elif isinstance(value, float) and value.is_integer():
            out[qid] = int(value)
        else:
            out[qid] = value
    return out
