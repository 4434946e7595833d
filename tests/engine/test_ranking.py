"""Bayesian ranking: priors, evidence in both directions, explanations, and clinical sense."""

from __future__ import annotations

from app.core.engine import CompiledKnowledge, assess
from app.core.knowledge.model import KnowledgeBase


def ranking(knowledge: CompiledKnowledge, answers: dict) -> list[str]:
    return [c.id for c in assess(knowledge, answers).causes]


def test_empty_answers_give_the_prior_ranking(knowledge: CompiledKnowledge, kb: KnowledgeBase) -> None:
    result = assess(knowledge, {})
    by_prior = sorted(kb.causes, key=lambda c: -c.prior)
    assert [c.id for c in result.causes] == [c.id for c in by_prior]
    total = sum(c.prior for c in kb.causes)
    for ranked in result.causes:
        assert abs(ranked.probability - kb.cause(ranked.id).prior / total) < 1e-9
        assert ranked.explanation == ()


def test_every_cause_is_ranked_once(knowledge: CompiledKnowledge, kb: KnowledgeBase) -> None:
    ids = ranking(knowledge, {"locations": ["calf"]})
    assert sorted(ids) == sorted(c.id for c in kb.causes)


def test_explanation_shows_what_raised_and_lowered(knowledge: CompiledKnowledge) -> None:
    result = assess(knowledge, {"caffeine_cups_per_day": 8, "nicotine": False})
    caffeine = next(c for c in result.causes if c.id == "caffeine_stimulants")
    assert any(r.effect == "raises" and r.question == "caffeine_cups_per_day" for r in caffeine.explanation)
    nicotine = next(c for c in result.causes if c.id == "nicotine")
    assert any(r.effect == "lowers" and r.question == "nicotine" for r in nicotine.explanation)


def test_no_means_evidence_too(knowledge: CompiledKnowledge) -> None:
    """Answering "no" or "low" lowers a cause below its prior (clinical notes, how to encode, 0)."""

    def p(answers: dict, cause: str) -> float:
        return next(c.probability for c in assess(knowledge, answers).causes if c.id == cause)

    assert p({"stress_level": "low"}, "stress_anxiety") < p({}, "stress_anxiety")
    assert p({"nicotine": False}, "nicotine") < p({}, "nicotine")
    assert p({"sleep_hours": 8}, "sleep_deprivation") < p({}, "sleep_deprivation")


def test_eyelid_only_twitch_points_to_eyelid_causes(knowledge: CompiledKnowledge) -> None:
    top = ranking(knowledge, {"locations": ["eyelid"], "duration": "days"})[:3]
    assert "eyelid_myokymia" in top
    assert "motor_neuron_disease" not in ranking(knowledge, {"locations": ["eyelid"]})[:10]


def test_motor_signs_bring_serious_causes_forward(knowledge: CompiledKnowledge) -> None:
    answers = {"muscle_weakness": True, "muscle_wasting": True, "spreading": True, "age": 65, "duration": "months"}
    assert ranking(knowledge, answers)[0] == "motor_neuron_disease"
    assert (
        "motor_neuron_disease"
        not in ranking(knowledge, {**answers, "muscle_weakness": False, "muscle_wasting": False, "age": 25})[:3]
    )


def test_result_is_deterministic(knowledge: CompiledKnowledge) -> None:
    answers = {"locations": ["calf", "thigh"], "recent_intense_exercise": True, "age": 33}
    assert assess(knowledge, answers) == assess(knowledge, answers)
