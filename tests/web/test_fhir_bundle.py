"""The coded FHIR export: a valid R4 Bundle whose every code is one the knowledge base verified."""

from __future__ import annotations

from datetime import UTC, datetime

from fhir.resources.R4B.bundle import Bundle

from app.core.engine import CompiledKnowledge, assess
from app.storage.repository import StoredAssessment
from app.web.views import fhir

ANSWERS = {
    "muscle_weakness": True,
    "muscle_wasting": True,
    "swallowing_difficulty": False,
    "locations": ["hand", "arm"],
    "duration": "months",
    "age": 62,
}


def export(knowledge: CompiledKnowledge, answers: dict) -> dict:
    result = assess(knowledge, answers)
    stored = StoredAssessment(
        "id", datetime(2026, 12, 5, 18, 0, tzinfo=UTC), knowledge.kb.version, answers,
        {"causes": [{"id": c.id} for c in result.causes]},
    )  # fmt: skip
    return fhir.bundle(knowledge.kb, stored)


def codes(body: dict, resource_type: str) -> list[tuple[str, str]]:
    return [
        (coding["system"], coding["code"])
        for entry in body["entry"]
        if entry["resource"]["resourceType"] == resource_type
        for coding in entry["resource"]["code"]["coding"]
    ]


def test_the_bundle_validates_against_the_r4_models(knowledge: CompiledKnowledge) -> None:
    body = export(knowledge, ANSWERS)
    parsed = Bundle.model_validate(body)
    assert parsed.type == "collection"
    kinds = [e["resource"]["resourceType"] for e in body["entry"]]
    assert kinds[:3] == ["Patient", "QuestionnaireResponse", "Condition"]


def test_every_code_is_the_knowledge_base_s(knowledge: CompiledKnowledge) -> None:
    kb = knowledge.kb
    body = export(knowledge, ANSWERS)
    conditions = codes(body, "Condition")
    assert conditions[0] == (fhir.ICD10_SYSTEM, "R25.3")  # twitching itself
    top3 = [c.id for c in assess(knowledge, ANSWERS).causes[:3]]
    assert conditions[1:] == [(fhir.ICD10_SYSTEM, kb.cause(c).icd10) for c in top3]
    findings = codes(body, "Observation")
    assert (fhir.SNOMED_SYSTEM, kb.question("muscle_weakness").snomed.code) in findings  # type: ignore[union-attr]
    assert all(code != kb.question("swallowing_difficulty").snomed.code for _, code in findings)  # type: ignore[union-attr]
    known_loinc = {c.loinc.code for c in kb.checks if c.loinc}
    tests = codes(body, "ServiceRequest")
    assert tests and all(system == fhir.LOINC_SYSTEM and code in known_loinc for system, code in tests)


def test_nothing_identifies_the_person(knowledge: CompiledKnowledge) -> None:
    patient = export(knowledge, ANSWERS)["entry"][0]["resource"]
    assert patient == {"resourceType": "Patient"}
