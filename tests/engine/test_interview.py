"""The adaptive interview: warning signs first, never a repeat, always an end, emergencies stop it."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.engine import Interviewer, compile_knowledge
from app.engine.interview_eval import simulate
from app.knowledge.loader import load
from tests.engine.strategies import answers

KB = load()
KNOWLEDGE = compile_knowledge(KB)
INTERVIEWER = Interviewer(KNOWLEDGE)
SCREEN = [q.id for q in KB.questions if q.section == KB.sections[0].id]
EMERGENCY_SIGNS = [f.when.question for f in KB.red_flags if f.urgency == "emergency" and f.when.operator == "is"]
PROPERTY = settings(
    max_examples=60, derandomize=True, database=None, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def run(truth: dict) -> list[str]:
    """Every question the interview asks, in order, answering from `truth` ("don't know" otherwise)."""
    asked: list[str] = []
    given_answers: dict = {}
    unknown: list[str] = []
    for _ in range(len(KB.questions) + 1):
        step = INTERVIEWER.next(given_answers, unknown)
        if step.done:
            return asked
        qid = step.question.id  # type: ignore[union-attr]
        asked.append(qid)
        (given_answers.__setitem__(qid, truth[qid]) if qid in truth else unknown.append(qid))
    raise AssertionError("the interview did not terminate")


@PROPERTY
@given(answers(KB))
def test_terminates_never_repeats_and_screens_first(truth: dict) -> None:
    asked = run(truth)
    assert len(asked) == len(set(asked)), "a question was asked twice"
    head = asked[: len(SCREEN)]
    assert head == SCREEN[: len(head)], "warning signs come first, in order, before any other question"
    if not any(truth.get(q) is True for q in EMERGENCY_SIGNS):
        assert head == SCREEN, "without an emergency, the whole safety screen is asked"


@PROPERTY
@given(answers(KB, exclude=frozenset(SCREEN)), st.sampled_from(EMERGENCY_SIGNS))
def test_an_emergency_answer_ends_it(truth: dict, sign: str) -> None:
    step = INTERVIEWER.next({**truth, sign: True})
    assert step.done and step.question is None and step.urgency == "emergency"


def test_screen_asked_in_order_then_urgency_questions() -> None:
    asked = run({q: False for q in SCREEN})
    assert asked[: len(SCREEN)] == SCREEN
    assert len(asked) > len(SCREEN)


def test_never_misses_a_warning_sign_the_full_questionnaire_would_raise() -> None:
    truth = {**{q: False for q in SCREEN}, "alcohol": "heavy", "diet_low_minerals": True, "locations": ["calf"]}
    _, answered = simulate(INTERVIEWER, truth)
    assert "diet_low_minerals" in answered  # the combination rule needs both answers
    truth = {**{q: False for q in SCREEN}, "medications": ["lithium"]}
    _, answered = simulate(INTERVIEWER, truth)
    assert answered.get("medications") == ["lithium"]


def test_rationale_is_given() -> None:
    step = INTERVIEWER.next({q: False for q in SCREEN})
    assert step.question is not None and step.rationale.startswith("We ask this because")
