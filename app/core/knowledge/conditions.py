"""The condition language: checking conditions against the questions, and evaluating them.

Conditions are compiled once, at load time, into plain closures, so evaluating a rule on a
request is a few dictionary look-ups and no model traversal. Evaluation is three-valued
(Kleene): True, False, or None when it depends on an unanswered question.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import cast

from app.core.knowledge.model import Condition, Question

AnswerValue = bool | str | float | frozenset[str]
Answers = Mapping[str, AnswerValue]
Predicate = Callable[[Answers], "bool | None"]

_LEAF_TYPES = {
    "is": ("boolean", "single"),
    "in": ("single",),
    "includes": ("multi",),
    "includes_any": ("multi",),
    "count_gte": ("multi",),
    "gte": ("number",),
    "gt": ("number",),
    "lte": ("number",),
    "lt": ("number",),
}


def check(
    condition: Condition,
    questions: Mapping[str, Question],
    skip: frozenset[str] | set[str] = frozenset(),
) -> list[str]:
    """Return every problem with `condition` against the question catalogue (empty when sound).

    Questions in `skip` are known to be broken elsewhere; conditions on them are not re-flagged.
    """
    problems: list[str] = []
    for child in condition.children():
        problems.extend(check(child, questions, skip))
    if condition.question is None or condition.question in skip:
        return problems
    op = condition.operator
    question = questions.get(condition.question)
    if question is None:
        return [*problems, f"unknown question '{condition.question}'"]
    if question.type not in _LEAF_TYPES[op]:
        return [
            *problems,
            f"operator '{op}' does not apply to {question.type} question '{question.id}'",
        ]
    operand = condition.operand
    if question.type == "boolean":
        if not isinstance(operand, bool):
            problems.append(f"'{question.id}' is a yes/no question: use 'is: true' or 'is: false', not {operand!r}")
    elif question.type in ("single", "multi") and op != "count_gte":
        values = operand if isinstance(operand, list) else [operand]
        for value in values:
            if value not in question.values:
                problems.append(
                    f"'{value}' is not an option of '{question.id}' (options: {', '.join(question.values)})"
                )
    elif question.type == "number":
        assert question.min is not None and question.max is not None
        if not question.min <= float(operand) <= question.max:  # type: ignore[arg-type]
            problems.append(f"{operand} is outside the range of '{question.id}' ({question.min}–{question.max})")
    return problems


def compile_condition(condition: Condition) -> Predicate:
    """Turn a checked condition into a fast three-valued predicate."""
    op = condition.operator
    if op in ("all", "any", "none_of"):
        parts = tuple(compile_condition(c) for c in condition.children())
        return {"all": _all, "any": _any, "none_of": _none_of}[op](parts)
    if op == "not":
        inner = compile_condition(condition.children()[0])
        return lambda answers: None if (v := inner(answers)) is None else not v
    qid = condition.question
    assert qid is not None
    test = _leaf_test(op, condition.operand)

    def leaf(answers: Answers) -> bool | None:
        value = answers.get(qid)
        return None if value is None else test(value)

    return leaf


def _leaf_test(op: str, operand: object) -> Callable[[AnswerValue], bool]:
    if op == "is":
        return lambda v: v == operand
    if op == "in":
        options = frozenset(cast(Iterable[object], operand))
        return lambda v: v in options
    if op == "includes":
        return lambda v: operand in v  # type: ignore[operator]
    if op == "includes_any":
        wanted = frozenset(cast(Iterable[object], operand))
        return lambda v: not wanted.isdisjoint(v)  # type: ignore[arg-type]
    if op == "count_gte":
        return lambda v: len(v) >= operand  # type: ignore[arg-type,operator]
    number = float(operand)  # type: ignore[arg-type]
    return {
        "gte": lambda v: v >= number,
        "gt": lambda v: v > number,
        "lte": lambda v: v <= number,
        "lt": lambda v: v < number,
    }[op]


def _all(parts: tuple[Predicate, ...]) -> Predicate:
    def evaluate(answers: Answers) -> bool | None:
        unknown = False
        for part in parts:
            value = part(answers)
            if value is False:
                return False
            unknown = unknown or value is None
        return None if unknown else True

    return evaluate


def _any(parts: tuple[Predicate, ...]) -> Predicate:
    def evaluate(answers: Answers) -> bool | None:
        unknown = False
        for part in parts:
            value = part(answers)
            if value is True:
                return True
            unknown = unknown or value is None
        return None if unknown else False

    return evaluate


def _none_of(parts: tuple[Predicate, ...]) -> Predicate:
    return lambda answers: not any(part(answers) is True for part in parts)


def reachable(condition: Condition, answers: Answers, open_questions: frozenset[str] | set[str]) -> tuple[bool, bool]:
    """(can it still become true, can it still become false) when only `open_questions` can be answered.

    Answered questions are fixed; open ones may take any value; every other question stays
    unknown for good (the person said "don't know"). Used by the interview to ignore warning
    signs that no remaining question could complete.
    """
    op = condition.operator
    if condition.question is not None:
        qid = condition.question
        if qid in answers:
            value = compile_condition(condition)(answers)
            return value is True, value is False
        return (True, True) if qid in open_questions else (False, False)
    parts = [reachable(c, answers, open_questions) for c in condition.children()]
    if op == "all":
        return all(t for t, _ in parts), any(f for _, f in parts)
    if op == "any":
        return any(t for t, _ in parts), all(f for _, f in parts)
    if op == "not":
        t, f = parts[0]
        return f, t
    # none_of: true unless a part is known true; answered parts are fixed
    known_true = [compile_condition(c)(answers) is True for c in condition.children()]
    return not any(known_true), any(t for t, _ in parts)
