"""Turn raw JSON answers into typed answers, or say exactly which question is wrong and why.

Raw answers come from API clients and forms; everything the engine later reads has passed
here, so the engine itself never meets a wrong type. A refusal is a key and its values
(`AnswerKey`), worded by the web layer's catalogue.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from app.core.knowledge.conditions import Answers, AnswerValue
from app.core.knowledge.message import Message
from app.core.knowledge.model import KnowledgeBase, Question


class AnswerKey(StrEnum):
    """Why an answer is refused; each has a sentence in the web layer's catalogue."""

    UNKNOWN_QUESTION = "answers.unknown_question"
    BOOLEAN = "answers.boolean"
    SINGLE = "answers.single"
    MULTI_NOT_LIST = "answers.multi_not_list"
    MULTI_NOT_OFFERED = "answers.multi_not_offered"
    MULTI_REPEAT = "answers.multi_repeat"
    MULTI_EXCLUSIVE = "answers.multi_exclusive"
    NUMBER = "answers.number"
    NUMBER_RANGE = "answers.number_range"
    NUMBER_WHOLE = "answers.number_whole"


@dataclass(frozen=True)
class AnswerProblem:
    question: str
    message: Message  # a key (AnswerKey) and its params: the question id, the values offered, what came


class InvalidAnswers(ValueError):
    """One or more answers are unusable; `problems` names each question."""

    def __init__(self, problems: list[AnswerProblem]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{p.question}: {p.message.key}" for p in problems))


class _Refused(ValueError):
    def __init__(self, message: Message) -> None:
        super().__init__(message.key)
        self.message = message


def validate_answers(kb: KnowledgeBase, raw: Mapping[str, Any]) -> Answers:
    """Check every answer against its question; `None` means "don't know" and is dropped."""
    answers: dict[str, AnswerValue] = {}
    problems: list[AnswerProblem] = []
    for qid, value in raw.items():
        if not kb.has_question(qid):
            problems.append(AnswerProblem(str(qid), Message.of(AnswerKey.UNKNOWN_QUESTION, question=str(qid))))
            continue
        if value is None:
            continue
        question = kb.question(qid)
        try:
            answers[qid] = _coerce(question, value)
        except _Refused as exc:
            problems.append(AnswerProblem(qid, exc.message))
    if problems:
        raise InvalidAnswers(problems)
    return answers


def _coerce(question: Question, value: Any) -> AnswerValue:
    def refuse(key: AnswerKey, **params: object) -> _Refused:
        return _Refused(Message.of(key, question=question.id, **params))

    if question.type == "boolean":
        if not isinstance(value, bool):
            raise refuse(AnswerKey.BOOLEAN, got=_show(value))
        return value
    if question.type == "single":
        if not isinstance(value, str) or value not in question.value_set:
            raise refuse(AnswerKey.SINGLE, values=tuple(question.values), got=_show(value))
        return value
    if question.type == "multi":
        if not isinstance(value, list):
            raise refuse(AnswerKey.MULTI_NOT_LIST, values=tuple(question.values))
        allowed = question.value_set
        wrong = [v for v in value if not isinstance(v, str) or v not in allowed]
        if wrong:
            raise refuse(
                AnswerKey.MULTI_NOT_OFFERED, offered=tuple(_show(v) for v in wrong), values=tuple(question.values)
            )
        chosen = frozenset(value)
        if len(chosen) != len(value):
            raise refuse(AnswerKey.MULTI_REPEAT)
        exclusive = chosen & frozenset(question.exclusive or ())
        if exclusive and len(chosen) > 1:
            raise refuse(AnswerKey.MULTI_EXCLUSIVE, exclusive=sorted(exclusive)[0])
        return chosen
    # number
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise refuse(AnswerKey.NUMBER, got=_show(value))
    assert question.min is not None and question.max is not None
    if not question.min <= value <= question.max:
        raise refuse(AnswerKey.NUMBER_RANGE, min=_num(question.min), max=_num(question.max), got=str(value))
    if question.integer and value != int(value):
        raise refuse(AnswerKey.NUMBER_WHOLE, got=str(value))
    return float(value)


def _num(x: float) -> str:
    return str(int(x)) if x == int(x) else str(x)


def _show(value: Any) -> str:
    """The value as the client sent it (Python's repr), cut to 40 characters."""
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
