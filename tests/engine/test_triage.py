"""Warning signs: every floor of the public contract holds, and the rules beyond it fire."""

from __future__ import annotations

import pytest

from app.core.engine import CompiledKnowledge, assess
from app.core.knowledge.model import URGENCY_LEVELS

# The contract's compound floors, each as the answers that must reach it.
COMPOUND_FLOORS = [
    ({"perioral_tingling": True, "hand_foot_spasm": True}, "emergency"),
    ({"fever": True, "medication_recent_change": True}, "emergency"),
    ({"fever": True, "medication_recent_change": True, "medications": ["antidepressants"]}, "emergency"),
    ({"medications": ["lithium"]}, "urgent"),
    ({"medications": ["lithium", "statins"]}, "urgent"),
    ({"muscle_weakness": True, "diarrhea_vomiting": True}, "urgent"),
    ({"muscle_weakness": True, "medications": ["diuretics"]}, "urgent"),
    ({"muscle_weakness": True, "back_neck_pain_radiating": True}, "urgent"),
    ({"locations": ["tongue"]}, "see_doctor"),
    ({"duration": "weeks"}, "see_doctor"),
    ({"duration": "months"}, "see_doctor"),
    ({"medication_recent_change": True, "medications": ["statins"]}, "see_doctor"),
    ({"medication_recent_change": True, "medications": ["estrogen"]}, "see_doctor"),
    ({"medications": ["diuretics"]}, "see_doctor"),
    ({"alcohol": "heavy", "diarrhea_vomiting": True}, "see_doctor"),
    ({"alcohol": "heavy", "diet_low_minerals": True}, "see_doctor"),
    ({"locations": ["arm", "calf"]}, "see_doctor"),
    ({"locations": ["widespread"]}, "see_doctor"),
    ({"locations": ["eyelid", "calf"], "caffeine_cups_per_day": 2, "sleep_hours": 8}, "see_doctor"),
    # contract version 2
    ({"medications": ["lithium"], "speech_difficulty": True}, "emergency"),
    ({"medications": ["lithium", "ppi"], "weakness_rapid": True}, "emergency"),
    ({"medications": ["statins"], "muscle_pain": True}, "urgent"),
    ({"medications": ["statins"], "muscle_weakness": True}, "urgent"),
    ({"medications": ["statins", "other"], "painful_cramps": True}, "urgent"),
    ({"thyroid_parathyroid_surgery": True, "numbness_tingling": True}, "urgent"),
    ({"thyroid_parathyroid_surgery": True, "painful_cramps": True}, "urgent"),
    ({"thyroid_parathyroid_surgery": True, "muscle_weakness": True}, "urgent"),
    ({"thyroid_parathyroid_surgery": True}, "see_doctor"),
    ({"age": 15.5}, "see_doctor"),
    ({"age": 3, "caffeine_cups_per_day": 5}, "see_doctor"),
    ({"medication_recent_change": True, "medications": ["ppi"]}, "see_doctor"),
    ({"medication_recent_change": True, "medications": ["anticonvulsants"]}, "see_doctor"),
    ({"medication_recent_change": True, "medications": ["other"]}, "see_doctor"),
]

# Answers that must NOT raise the urgency: a trigger explains twitching in several places, and
# a new medicine is only a warning sign when one is actually named.
SELF_CARE = [
    {},
    {"locations": ["arm", "calf"], "recent_intense_exercise": True},
    {"locations": ["widespread"], "caffeine_cups_per_day": 6},
    {"locations": ["eyelid", "calf"], "sleep_hours": 5},
    {"locations": ["thigh", "calf"], "stress_level": "moderate"},
    {"medication_recent_change": True, "medications": ["none"]},
    {"locations": ["eyelid"], "duration": "days", "frequency": "daily"},
    {"duration": "hours", "muscle_weakness": False, "muscle_wasting": False},
    {"age": 16, "locations": ["eyelid"], "duration": "days"},
    {"medications": ["statins"], "muscle_pain": False, "painful_cramps": False},
    {"medications": ["ppi", "anticonvulsants", "other"]},
    {"muscle_pain": True, "recent_intense_exercise": True},
]


def level(knowledge: CompiledKnowledge, answers: dict) -> str:
    return assess(knowledge, answers).urgency


def at_least(got: str, floor: str) -> bool:
    return URGENCY_LEVELS.index(got) <= URGENCY_LEVELS.index(floor)


def test_every_single_sign_floor_of_the_contract(knowledge: CompiledKnowledge, contract: dict) -> None:
    checked = 0
    for floor, items in contract["urgency_floor"].items():
        for item in items:
            if " " in item:
                continue  # compound: COMPOUND_FLOORS below
            got = level(knowledge, {item: True})
            assert at_least(got, floor), f"{item}=true gave {got}, floor {floor}"
            checked += 1
    assert checked >= 20


@pytest.mark.parametrize(("answers", "floor"), COMPOUND_FLOORS)
def test_compound_floors(knowledge: CompiledKnowledge, answers: dict, floor: str) -> None:
    assert at_least(level(knowledge, answers), floor)


@pytest.mark.parametrize("answers", SELF_CARE)
def test_no_needless_warning(knowledge: CompiledKnowledge, answers: dict) -> None:
    assert level(knowledge, answers) == "self_care"


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({"medications": ["lithium"], "diarrhea_vomiting": True}, "urgent"),
        ({"medications": ["lithium"], "confusion": True}, "emergency"),
        ({"weakness_rapid": True, "diarrhea_vomiting": True}, "emergency"),
        ({"weakness_rapid": True, "numbness_tingling": True}, "emergency"),
        ({"dark_urine": True, "recent_intense_exercise": True}, "urgent"),
    ],
)
def test_must_not_miss_combinations(knowledge: CompiledKnowledge, answers: dict, expected: str) -> None:
    result = assess(knowledge, answers)
    assert result.urgency == expected
    assert result.red_flags and all(f.advice for f in result.red_flags)


def test_urgency_is_the_most_urgent_flag_and_every_flag_is_listed(knowledge: CompiledKnowledge) -> None:
    result = assess(knowledge, {"breathing_difficulty": True, "muscle_wasting": True, "duration": "months"})
    assert result.urgency == "emergency"
    levels = [f.urgency for f in result.red_flags]
    assert "emergency" in levels and "see_doctor" in levels
    assert levels == sorted(levels, key=URGENCY_LEVELS.index), "flags come most urgent first"


def test_a_likely_benign_cause_never_lowers_a_warning_sign(knowledge: CompiledKnowledge) -> None:
    benign = {"caffeine_cups_per_day": 12, "stimulants": True, "sleep_hours": 3, "stress_level": "high"}
    result = assess(knowledge, {**benign, "muscle_wasting": True})
    assert result.causes[0].category == "lifestyle"
    assert result.urgency == "see_doctor"
