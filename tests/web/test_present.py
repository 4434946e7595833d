"""The assessment JSON built from pre-serialised pieces is the same text as serialising the result."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings

from app.engine import assess, compile_knowledge
from app.knowledge.loader import load
from app.web.present import ResultJson, dump_json, result_body
from tests.engine.strategies import answers

KB = load()
KNOWLEDGE = compile_knowledge(KB)
RESULT_JSON = ResultJson(KB)


@settings(
    max_examples=150, derandomize=True, database=None, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(answers(KB))
def test_pieced_result_is_byte_for_byte_the_serialised_result(raw: dict) -> None:
    assessment = assess(KNOWLEDGE, raw)
    text = RESULT_JSON(assessment)
    assert text == dump_json(result_body(assessment, KB))
    assert json.loads(text)["causes"][0]["id"] == assessment.causes[0].id


def test_warning_signs_and_non_ascii_text_survive() -> None:
    """A fired warning sign and the disclaimer's typography go out as the plain serialiser writes them."""
    assessment = assess(KNOWLEDGE, {"breathing_difficulty": True, "locations": ["calf"]})
    assert assessment.red_flags
    assert RESULT_JSON(assessment) == dump_json(result_body(assessment, KB))
