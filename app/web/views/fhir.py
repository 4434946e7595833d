"""HL7 FHIR R4 exports: the questionnaire as a `Questionnaire`, an assessment's answers as a
`QuestionnaireResponse`, so a clinic's system can take the answers without retyping them."""

from __future__ import annotations

import uuid
from typing import Any

from app.core.knowledge.model import KnowledgeBase, Question
from app.storage.repository import StoredAssessment
from app.web.i18n import current
from app.web.i18n import gettext as _

CANONICAL = "https://twitchcheck.example/fhir/Questionnaire/twitchcheck"
ANSWER_SYSTEM = "https://twitchcheck.example/fhir/CodeSystem/answers"

_TYPES = {"boolean": "boolean", "single": "choice", "multi": "choice"}


def _item(q: Question) -> dict[str, Any]:
    item: dict[str, Any] = {"linkId": q.id, "text": q.text, "required": False}
    if q.type == "number":
        item["type"] = "integer" if q.integer else "decimal"
    else:
        item["type"] = _TYPES[q.type]
    if q.type == "multi":
        item["repeats"] = True
    if q.options:
        item["answerOption"] = [
            {"valueCoding": {"system": f"{ANSWER_SYSTEM}/{q.id}", "code": o.value, "display": o.label}}
            for o in q.options
        ]
    return item


def questionnaire(kb: KnowledgeBase) -> dict[str, Any]:
    return {
        "resourceType": "Questionnaire",
        "id": "twitchcheck",
        "language": current().language,  # the language of its texts (Resource.language)
        "url": CANONICAL,
        "version": kb.version,
        "name": "Twitchcheck",
        "title": _("Twitchcheck muscle twitching questionnaire"),
        "status": "active",
        "subjectType": ["Patient"],
        "description": kb.disclaimer,
        "item": [
            {
                "linkId": section.id,
                "text": section.title,
                "type": "group",
                "item": [_item(q) for q in kb.questions if q.section == section.id],
            }
            for section in kb.sections
            if any(q.section == section.id for q in kb.questions)
        ],
    }


def _answers(q: Question, value: Any) -> list[dict[str, Any]]:
    if q.type == "boolean":
        return [{"valueBoolean": bool(value)}]
    if q.type == "number":
        return [{"valueInteger": int(value)} if q.integer else {"valueDecimal": value}]
    values = value if isinstance(value, list) else [value]
    return [{"valueCoding": {"system": f"{ANSWER_SYSTEM}/{q.id}", "code": v, "display": q.label(v)}} for v in values]


def questionnaire_response(kb: KnowledgeBase, stored: StoredAssessment) -> dict[str, Any]:
    groups = []
    for section in kb.sections:
        items = [
            {"linkId": q.id, "text": q.text, "answer": _answers(q, stored.answers[q.id])}
            for q in kb.questions
            if q.section == section.id and q.id in stored.answers and stored.answers[q.id] != []
        ]
        if items:
            groups.append({"linkId": section.id, "text": section.title, "item": items})
    body: dict[str, Any] = {
        "resourceType": "QuestionnaireResponse",
        "language": current().language,
        "questionnaire": f"{CANONICAL}|{kb.version}",
        "status": "completed",
        "authored": stored.created_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    if groups:
        body["item"] = groups
    return body


ICD10_SYSTEM = "http://hl7.org/fhir/sid/icd-10"
SNOMED_SYSTEM = "http://snomed.info/sct"
LOINC_SYSTEM = "http://loinc.org"
FASCICULATION = ("R25.3", "Fasciculation")  # twitching itself, the reason for every assessment
CAUSES_CODED = 3  # the likely causes a doctor sees as a differential: the three ranked first


def bundle(kb: KnowledgeBase, stored: StoredAssessment) -> dict[str, Any]:
    """The answers and what they suggest, coded for a clinic's system: a FHIR R4 `collection`.

    Holds the `QuestionnaireResponse`; the twitching itself as a `Condition` (ICD-10 R25.3); the
    findings answered "yes" that have a SNOMED CT code as `Observation`s; the three likely causes
    as `Condition`s with their ICD-10 codes, marked `differential` (ranked from self-reported
    answers, not diagnosed); and the laboratory tests a doctor may order for them as proposed
    `ServiceRequest`s with their LOINC codes. Every code comes from the knowledge base, where it
    is verified or cites the page that shows it. The patient is a blank `Patient`: nothing
    identifies anyone.
    """
    patient_url = f"urn:uuid:{uuid.uuid4()}"
    subject = {"reference": patient_url}
    authored = stored.created_at.strftime("%Y-%m-%dT%H:%M:%SZ")
    entries: list[dict[str, Any]] = [
        {"resourceType": "Patient"},
        {**questionnaire_response(kb, stored), "subject": subject},
        _condition(FASCICULATION, "confirmed", subject, authored),
    ]
    for q in kb.questions:
        if q.snomed is not None and stored.answers.get(q.id) is True:
            entries.append(
                {
                    "resourceType": "Observation",
                    "status": "final",
                    "code": {"coding": [{"system": SNOMED_SYSTEM, "code": q.snomed.code, "display": q.snomed.display}]},
                    "subject": subject,
                    "effectiveDateTime": authored,
                    "valueBoolean": True,
                }
            )
    ranked = [c["id"] for c in stored.result.get("causes", [])[:CAUSES_CODED]]
    top = [kb.causes_by_id[cause_id] for cause_id in ranked if cause_id in kb.causes_by_id]
    tests: dict[str, Any] = {}
    for cause in top:
        entries.append(_condition((cause.icd10, cause.name), "differential", subject, authored, note=kb.disclaimer))
        for check_id in cause.checks:
            check = kb.checks_by_id[check_id]
            if check.loinc is not None:
                tests.setdefault(check.loinc.code, check.loinc)
    for term in tests.values():
        entries.append(
            {
                "resourceType": "ServiceRequest",
                "status": "draft",
                "intent": "proposal",
                "code": {"coding": [{"system": LOINC_SYSTEM, "code": term.code, "display": term.display}]},
                "subject": subject,
                "authoredOn": authored,
            }
        )
    return {
        "resourceType": "Bundle",
        "type": "collection",
        "timestamp": authored,
        "entry": [
            {"fullUrl": patient_url if i == 0 else f"urn:uuid:{uuid.uuid4()}", "resource": resource}
            for i, resource in enumerate(entries)
        ],
    }


def _condition(
    code: tuple[str, str], verification: str, subject: dict[str, str], when: str, note: str | None = None
) -> dict[str, Any]:
    condition: dict[str, Any] = {
        "resourceType": "Condition",
        "verificationStatus": {
            "coding": [
                {
                    "system": "http://terminology.hl7.org/CodeSystem/condition-ver-status",
                    "code": verification,
                }
            ]
        },
        "code": {"coding": [{"system": ICD10_SYSTEM, "code": code[0], "display": code[1]}]},
        "subject": subject,
        "recordedDate": when,
    }
    if note is not None:
        condition["note"] = [{"text": note}]
    return condition
