"""What a result adds for the worried: the evidence block, help for the worry, and children."""

from __future__ import annotations

from app.core.engine import CompiledKnowledge, assess
from app.core.engine.guidance import guidance
from app.core.knowledge.model import KnowledgeBase


def decide(knowledge: CompiledKnowledge, answers: dict):  # type: ignore[no-untyped-def]
    result = assess(knowledge, answers)
    return guidance(knowledge, result.answers, result.urgency, [f.id for f in result.red_flags])


BFS_LIKE = {
    "locations": ["calf", "thigh", "arm"],
    "duration": "months",
    "muscle_weakness": False,
    "muscle_wasting": False,
    "stress_level": "high",
    "age": 32,
}


def test_a_bfs_like_case_gets_the_evidence(knowledge: CompiledKnowledge) -> None:
    assert decide(knowledge, BFS_LIKE).reassurance


def test_signs_that_change_the_picture_hide_it(knowledge: CompiledKnowledge) -> None:
    for sign in ("muscle_weakness", "muscle_wasting", "speech_difficulty", "swallowing_difficulty"):
        assert not decide(knowledge, {**BFS_LIKE, sign: True}).reassurance, sign


def test_urgent_advice_hides_it(knowledge: CompiledKnowledge) -> None:
    assert not decide(knowledge, {**BFS_LIKE, "perioral_tingling": True}).reassurance


def test_worry_help_only_when_the_worry_affects_daily_life(knowledge: CompiledKnowledge) -> None:
    assert decide(knowledge, {**BFS_LIKE, "worry_impact": "a_lot"}).worry_help
    assert decide(knowledge, {**BFS_LIKE, "worry_impact": "some"}).worry_help
    assert not decide(knowledge, {**BFS_LIKE, "worry_impact": "not_at_all"}).worry_help
    assert not decide(knowledge, BFS_LIKE).worry_help


def test_a_child_gets_no_ranking_and_a_doctor(knowledge: CompiledKnowledge, kb: KnowledgeBase) -> None:
    result = assess(knowledge, {"age": 3, "locations": ["eyelid"], "caffeine_cups_per_day": 0})
    assert result.urgency == "see_doctor"
    assert decide(knowledge, {"age": 3, "locations": ["eyelid"]}).ranking_withheld
    assert not decide(knowledge, {"age": 16, "locations": ["eyelid"]}).ranking_withheld


def test_every_fact_shown_cites_a_source(kb: KnowledgeBase) -> None:
    for fact in kb.reassurance.facts:
        assert fact.source.url.startswith("http")
    assert kb.worry_help.links
