"""HL7 FHIR R4 exports: the questionnaire as a `Questionnaire`, an assessment's answers as a
`QuestionnaireResponse`, so a clinic's system can take the answers without retyping them."""

from __future__ import annotations

from typing import Any

from app.knowledge.model import KnowledgeBase, Question
from app.storage.repository import StoredAssessment

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
        "url": CANONICAL,
        "version": kb.version,
        "name": "Twitchcheck",
        "title": "Twitchcheck muscle twitching questionnaire",
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
        "questionnaire": f"{CANONICAL}|{kb.version}",
        "status": "completed",
        "authored": stored.created_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    if groups:
        body["item"] = groups
    return body
