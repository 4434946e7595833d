"""The one scoring module: log prior + capped log likelihood ratios, and the softmax."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.engine import CompiledKnowledge, assess
from app.core.engine.scoring import evidence_sum, log_score, softmax


def _cause_with_group(knowledge: CompiledKnowledge) -> tuple[int, str, list[int]]:
    """A cause whose evidence has a cap group with at least two members (cause index, group, members)."""
    for c, cause in enumerate(knowledge.causes):
        for group in cause.log_caps:
            members = [i for i, e in enumerate(cause.evidence) if e.evidence.group == group]
            if len(members) >= 2:
                return c, group, members
    raise AssertionError("the knowledge base has no cap group with two members")


def test_nothing_held_scores_the_prior(knowledge: CompiledKnowledge) -> None:
    for cause in knowledge.causes:
        assert evidence_sum(cause, []) == 0.0
        assert log_score(cause, []) == math.log(cause.cause.prior)


def test_ungrouped_evidence_adds_its_log_ratio(knowledge: CompiledKnowledge) -> None:
    for cause in knowledge.causes:
        for i, e in enumerate(cause.evidence):
            if e.evidence.group is None:
                assert math.isclose(evidence_sum(cause, [i]), math.log(e.evidence.lr))


def test_a_cap_group_is_clamped_to_its_cap(knowledge: CompiledKnowledge) -> None:
    c, group, members = _cause_with_group(knowledge)
    cause = knowledge.causes[c]
    cap = math.log(cause.cause.caps[group])
    raw = sum(cause.evidence[i].log_lr for i in members)
    assert math.isclose(evidence_sum(cause, members), max(-cap, min(cap, raw)))
    assert abs(evidence_sum(cause, members)) <= cap + 1e-12


@settings(max_examples=100, derandomize=True, database=None, deadline=None)
@given(st.lists(st.floats(min_value=-700, max_value=700), min_size=1, max_size=40))
def test_softmax_is_a_distribution_in_the_order_of_the_scores(scores: list[float]) -> None:
    probabilities = softmax(scores)
    assert len(probabilities) == len(scores)
    assert math.isclose(sum(probabilities), 1.0, abs_tol=1e-9)
    assert all(0.0 <= p <= 1.0 for p in probabilities)
    for i, j in zip(range(len(scores)), range(1, len(scores)), strict=False):
        if scores[i] < scores[j]:
            assert probabilities[i] <= probabilities[j]


def test_softmax_is_the_odds_ratio_of_the_scores() -> None:
    probabilities = softmax([math.log(3.0), 0.0])
    assert math.isclose(probabilities[0] / probabilities[1], 3.0)


def test_softmax_of_huge_scores_does_not_overflow() -> None:
    assert softmax([1000.0, 1000.0]) == [0.5, 0.5]


def test_an_assessment_is_the_softmax_of_the_log_scores(knowledge: CompiledKnowledge) -> None:
    answers = {"locations": ["calf"], "duration": "weeks", "caffeine_cups_per_day": 5}
    result = assess(knowledge, answers)
    held = knowledge.held_by_cause(result.answers)
    expected = softmax([log_score(c, h) for c, h in zip(knowledge.causes, held, strict=True)])
    by_id = {c.cause.id: p for c, p in zip(knowledge.causes, expected, strict=True)}
    assert {c.id: c.probability for c in result.causes} == by_id
