"""The real-presentation evidence set: a valid file, a fair mix, and the safety the checker owes it.

The set is the development data for knowledge-base work (tests/real_presentations.yaml). These
tests keep it honest: every case cites its source, speaks the contract's vocabulary, claims no
urgency below what the contract's floors give its answers, and the mix stays as the issue set it
(80 or more cases, at least 35 % benign or lifestyle). They also hold the checker to the two
safety rules on it: no under-triage and no serious cause in the top three of a self-care case.
"""

from __future__ import annotations

import pytest

from app.core.engine import CompiledKnowledge, validate_answers
from app.core.engine.evaluation import evaluate
from app.core.knowledge.model import URGENCY_LEVELS, KnowledgeBase
from tests.conftest import ROOT, read_yaml

CASES = read_yaml(ROOT / "tests" / "real_presentations.yaml")
BENIGN = {"benign_fasciculation_syndrome", "eyelid_myokymia"}  # medical category, harmless course


def test_the_set_is_large_distinct_and_sourced() -> None:
    assert len(CASES) >= 80
    assert len({c["id"] for c in CASES}) == len(CASES)
    for case in CASES:
        assert case["story"].strip(), case["id"]
        source = case["source"]
        assert source["title"].strip() and source["url"].startswith(("http://", "https://")), case["id"]


def test_answers_use_the_contract_vocabulary(kb: KnowledgeBase, contract: dict) -> None:
    for case in CASES:
        validate_answers(kb, case["answers"])  # raises, naming the question, on a bad answer
        for qid, value in case["answers"].items():
            spec = contract["questions"][qid]
            if spec["type"] in ("single", "multi"):
                values = value if isinstance(value, list) else [value]
                assert set(values) <= set(spec["values"]), (case["id"], qid)
        assert set(case["expect"]["causes"]) <= set(contract["causes"]), case["id"]
        assert case["expect"]["urgency"] in contract["urgency_levels"], case["id"]


TRIGGERS = (
    lambda a: a.get("recent_intense_exercise") is True,
    lambda a: a.get("repetitive_movements") is True,
    lambda a: a.get("caffeine_cups_per_day", 0) >= 4,
    lambda a: a.get("stimulants") is True,
    lambda a: a.get("sleep_hours", 24) < 6,
    lambda a: a.get("stress_level") in ("moderate", "high"),
    lambda a: a.get("nicotine") is True,
    lambda a: a.get("heavy_sweating") is True,
    lambda a: a.get("low_fluid_intake") is True,
    lambda a: a.get("diarrhea_vomiting") is True,
    lambda a: a.get("alcohol") == "heavy",
)


def _meds(a: dict) -> set[str]:
    return set(a.get("medications", []))


# The contract's compound floors, written out independently of the knowledge base's rules.
COMPOUND = {
    "perioral_tingling and hand_foot_spasm": lambda a: bool(a.get("perioral_tingling") and a.get("hand_foot_spasm")),
    "fever and medication_recent_change": lambda a: bool(a.get("fever") and a.get("medication_recent_change")),
    "medications includes lithium and (speech_difficulty or weakness_rapid)": lambda a: (
        "lithium" in _meds(a) and bool(a.get("speech_difficulty") or a.get("weakness_rapid"))
    ),
    "medications includes lithium": lambda a: "lithium" in _meds(a),
    "muscle_weakness and (diarrhea_vomiting or medications includes diuretics)": lambda a: bool(
        a.get("muscle_weakness") and (a.get("diarrhea_vomiting") or "diuretics" in _meds(a))
    ),
    "muscle_weakness and back_neck_pain_radiating": lambda a: bool(
        a.get("muscle_weakness") and a.get("back_neck_pain_radiating")
    ),
    "medications includes statins and (muscle_pain or muscle_weakness or painful_cramps)": lambda a: (
        "statins" in _meds(a) and bool(a.get("muscle_pain") or a.get("muscle_weakness") or a.get("painful_cramps"))
    ),
    "thyroid_parathyroid_surgery and (numbness_tingling or painful_cramps or muscle_weakness)": lambda a: bool(
        a.get("thyroid_parathyroid_surgery")
        and (a.get("numbness_tingling") or a.get("painful_cramps") or a.get("muscle_weakness"))
    ),
    "locations includes tongue": lambda a: "tongue" in a.get("locations", []),
    "duration is weeks or months": lambda a: a.get("duration") in ("weeks", "months"),
    "medication_recent_change and medications holds a medicine (not only none)": lambda a: bool(
        a.get("medication_recent_change") and _meds(a) - {"none"}
    ),
    "medications includes diuretics": lambda a: "diuretics" in _meds(a),
    "age below 16": lambda a: a.get("age", 99) < 16,
    "alcohol is heavy and (diarrhea_vomiting or diet_low_minerals)": lambda a: (
        a.get("alcohol") == "heavy" and bool(a.get("diarrhea_vomiting") or a.get("diet_low_minerals"))
    ),
    "locations holds two or more places (widespread counts as several) and no trigger is answered": lambda a: (
        (len(a.get("locations", [])) >= 2 or "widespread" in a.get("locations", [])) and not any(t(a) for t in TRIGGERS)
    ),
}


def contract_floor(contract: dict, answers: dict) -> str:
    for level in URGENCY_LEVELS[:-1]:
        for item in contract["urgency_floor"].get(level, []):
            holds = COMPOUND[item](answers) if item in COMPOUND else answers.get(item) is True
            if holds:
                return level
    return "self_care"


def test_the_floor_table_covers_the_contract(contract: dict) -> None:
    compound = {item for items in contract["urgency_floor"].values() for item in items if " " in item}
    assert compound == set(COMPOUND)


def test_expected_urgency_follows_the_contract_floors(contract: dict) -> None:
    """Each case expects the floor its answers reach, or says in a note why a clinician differs."""
    for case in CASES:
        floor = contract_floor(contract, case["answers"])
        expected = case["expect"]["urgency"]
        assert URGENCY_LEVELS.index(expected) <= URGENCY_LEVELS.index(floor), (case["id"], expected, floor)
        if expected != floor:
            assert case.get("note"), (case["id"], expected, floor)


def test_the_mix_has_benign_causes_and_each_cause_more_than_once(kb: KnowledgeBase) -> None:
    firsts = [c["expect"]["causes"][0] for c in CASES if c["expect"]["causes"]]
    benign = [c for c in firsts if kb.cause(c).category == "lifestyle" or c in BENIGN]
    assert len(benign) >= 0.35 * len(CASES)
    mentioned = [cause for c in CASES for cause in c["expect"]["causes"]]
    assert {cause.id for cause in kb.causes if mentioned.count(cause.id) < 2} == set()


@pytest.mark.parametrize("prefix", ["real-a", "real-b", "real-c", "real-d", "real-e", "real-f", "real-g"])
def test_no_under_triage_and_no_needless_alarm(knowledge: CompiledKnowledge, prefix: str) -> None:
    report = evaluate(knowledge, [c for c in CASES if c["id"].startswith(prefix)])
    print(report.render())
    assert report.under_triage == 0, report.render()
    assert report.needless_alarm == 0, report.render()
