"""Property tests over random valid answers built from the knowledge base."""

from __future__ import annotations

import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core.engine import CompiledKnowledge, assess, compile_knowledge
from app.core.engine.answers import validate_answers
from app.core.engine.compiled import RuleIndex
from app.core.knowledge.conditions import compile_condition
from app.core.knowledge.loader import load
from app.core.knowledge.model import URGENCY_LEVELS
from tests.engine.strategies import answer_for, answers

KB = load()
KNOWLEDGE = compile_knowledge(KB)
EMERGENCY_SIGNS = [f.when.question for f in KB.red_flags if f.urgency == "emergency" and f.when.operator == "is"]
PROPERTY = settings(
    max_examples=150, derandomize=True, database=None, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@PROPERTY
@given(answers(KB))
def test_probabilities_are_a_ranked_distribution(raw: dict) -> None:
    result = assess(KNOWLEDGE, raw)
    ps = [c.probability for c in result.causes]
    assert all(0.0 <= p <= 1.0 for p in ps)
    assert math.isclose(sum(ps), 1.0, abs_tol=1e-9)
    assert ps == sorted(ps, reverse=True)
    assert result.urgency in URGENCY_LEVELS


@PROPERTY
@given(answers(KB))
def test_same_answers_same_result(raw: dict) -> None:
    assert assess(KNOWLEDGE, raw) == assess(KNOWLEDGE, dict(reversed(list(raw.items()))))


@PROPERTY
@given(answers(KB), st.sampled_from(EMERGENCY_SIGNS))
def test_an_emergency_sign_always_yields_emergency(raw: dict, sign: str) -> None:
    assert assess(KNOWLEDGE, {**raw, sign: True}).urgency == "emergency"


def _raising_only(knowledge: CompiledKnowledge, cause_id: str, question: str) -> bool:
    """Every piece of this cause's evidence that reads `question` raises it, with no negation."""
    cause = next(c for c in knowledge.causes if c.cause.id == cause_id)
    reading = [e for e in cause.evidence if question in e.evidence.when.questions()]

    def negates(condition) -> bool:  # type: ignore[no-untyped-def]
        return condition.operator in ("not", "none_of") or any(negates(c) for c in condition.children())

    return bool(reading) and all(e.log_lr > 0 and not negates(e.evidence.when) for e in reading)


def _untouched_by(knowledge: CompiledKnowledge, question: str) -> list[str]:
    return [
        c.cause.id for c in knowledge.causes if all(question not in e.evidence.when.questions() for e in c.evidence)
    ]


@PROPERTY
@given(st.data())
def test_a_raising_finding_never_lowers_its_cause(data: st.DataObject) -> None:
    """Adding a finding that only raises cause C never lowers C against a cause it does not touch."""
    question = data.draw(st.sampled_from([q for q in KB.questions]))
    base = data.draw(answers(KB, exclude=frozenset({question.id})))
    value = data.draw(answer_for(question))
    before = {c.id: c.probability for c in assess(KNOWLEDGE, base).causes}
    after = {c.id: c.probability for c in assess(KNOWLEDGE, {**base, question.id: value}).causes}
    others = _untouched_by(KNOWLEDGE, question.id)
    if not others:
        return  # every cause reads this question: there is no fixed reference to compare with
    reference = others[0]
    for cause in before:
        if _raising_only(KNOWLEDGE, cause, question.id):
            odds_before = math.log(before[cause]) - math.log(before[reference])
            odds_after = math.log(after[cause]) - math.log(after[reference])
            assert odds_after >= odds_before - 1e-9, (cause, question.id, value)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=8,
)


@PROPERTY
@given(st.dictionaries(st.sampled_from([q.id for q in KB.questions] + ["bogus", ""]), JSON_VALUES, max_size=12))
def test_any_json_answers_either_assess_or_name_the_bad_question(raw: dict) -> None:
    """Random JSON never crashes the engine: it yields a contract urgency, or errors naming questions."""
    from app.core.engine import InvalidAnswers

    try:
        result = assess(KNOWLEDGE, raw)
    except InvalidAnswers as exc:
        assert exc.problems and all(p.question in raw for p in exc.problems)
        return
    assert result.urgency in URGENCY_LEVELS


@PROPERTY
@given(answers(KB))
def test_indexed_rules_agree_with_evaluating_every_rule(raw: dict) -> None:
    """The engine evaluates only the rules that read an answered question; the result must be what
    evaluating every rule gives, including rules that hold with nothing answered (none_of)."""
    typed = validate_answers(KB, raw)
    every_rule = [[i for i, e in enumerate(c.evidence) if e.holds(typed) is True] for c in KNOWLEDGE.causes]
    assert KNOWLEDGE.held_by_cause(typed) == every_rule
    assert KNOWLEDGE.fired_flags(typed) == [f for f in KNOWLEDGE.flags if f.holds(typed) is True]


def test_a_rule_that_holds_with_nothing_answered_stops_holding_once_answered() -> None:
    """`none_of` rules hold while nothing they read is answered: the index must re-check them as
    soon as one of their questions is answered, not keep the precomputed verdict."""
    from app.core.knowledge.model import Condition

    condition = Condition.model_validate({"none_of": [{"question": "fever", "is": True}]})
    predicate = compile_condition(condition)
    # with the verdicts per answer worked out in advance (a yes/no question), and without
    for choices in ({"fever": (True, False)}, {}):
        index = RuleIndex.of([condition], [predicate], choices)
        assert index.holding({}) == [0]
        assert index.holding({"fever": True}) == []
        assert index.holding({"fever": False}) == [0]
        assert index.holding({"age": 40.0}) == [0]
