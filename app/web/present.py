"""Turn engine results into the JSON shapes of the API (shared by the JSON routes and the pages)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from app.engine import Assessment, NextStep
from app.knowledge.model import KnowledgeBase, Question
from app.storage.repository import StoredAssessment
from app.storage.snapshots import flag_body, unchecked_warning_signs


def result_body(assessment: Assessment, kb: KnowledgeBase) -> dict[str, Any]:
    """Everything about an assessment except its id, time and answers: what is stored as `result`."""
    return {
        "urgency": assessment.urgency,
        "red_flags": [flag_body(f) for f in assessment.red_flags],
        "unchecked_warning_signs": unchecked_warning_signs(kb, assessment.answers),
        "causes": [
            {
                "id": c.id,
                "name": c.name,
                "category": c.category,
                "probability": round(c.probability, 4),
                "explanation": [{"question": r.question, "effect": r.effect, "text": r.text} for r in c.explanation],
                "self_care": list(c.self_care),
            }
            for c in assessment.causes
        ],
        "disclaimer": kb.disclaimer,
        "kb_version": assessment.kb_version,
    }


def assessment_json(token: str, created_at: datetime, result_json: str, answers_json: str) -> bytes:
    """The bytes of `assessment_body(..., with_answers=True)`, built around the already serialised
    result and answers instead of serialising them again."""
    if not token.isascii() or not token.replace("-", "").replace("_", "").isalnum():
        raise ValueError("an assessment id is URL-safe base64")  # written into the JSON as it is
    stamp = created_at.strftime("%Y-%m-%dT%H:%M:%SZ")
    return f'{{"id":"{token}","created_at":"{stamp}",{result_json[1:-1]},"answers":{answers_json}}}'.encode()


def assessment_body(stored: StoredAssessment, kb: KnowledgeBase, *, with_answers: bool) -> dict[str, Any]:
    body: dict[str, Any] = {"id": stored.id, "created_at": stored.created_at.strftime("%Y-%m-%dT%H:%M:%SZ")}
    body.update(stored.result)
    body["unchecked_warning_signs"] = unchecked_of(stored, kb)
    if with_answers:
        body["answers"] = stored.answers
    return body


def unchecked_of(stored: StoredAssessment, kb: KnowledgeBase) -> list[str]:
    """A stored assessment's unchecked warning signs: as stored, or, for rows written before the
    field existed, worked out from its answers."""
    stored_list = stored.result.get("unchecked_warning_signs")
    return list(stored_list) if stored_list is not None else unchecked_warning_signs(kb, stored.answers)


def question_body(q: Question) -> dict[str, Any]:
    item: dict[str, Any] = {"id": q.id, "text": q.text, "help": q.help, "type": q.type, "section": q.section}
    if q.options is not None:
        item["options"] = [{"value": o.value, "label": o.label} for o in q.options]
    if q.type == "number":
        item.update(min=q.min, max=q.max, unit=q.unit)
    return item


def questions_body(kb: KnowledgeBase) -> dict[str, Any]:
    return {"questions": [question_body(q) for q in kb.questions]}


def step_title(kb: KnowledgeBase, step: NextStep) -> str:
    """The heading of a step: its question group's title, or the section title of a lone question."""
    group = next((g for g in kb.question_groups if g.id == step.step), None)
    if group is not None:
        return group.title
    if step.question is not None:
        return next((s.title for s in kb.sections if s.id == step.question.section), "")
    return ""


def interview_body(step: NextStep, kb: KnowledgeBase, rationale: str) -> dict[str, Any]:
    """POST /api/interview/next: `questions` is the step (contract version 2), `question` its first
    question for older clients; `rationale` is the words for `reason` (app/web/messages.py)."""
    return {
        "done": step.done,
        "questions": [question_body(q) for q in step.questions],
        "question": question_body(step.question) if step.question is not None else None,
        "step": step.step,
        "title": step_title(kb, step),
        "reason": step.reason,
        "rationale": rationale,
        "asked": step.asked,
        "urgency": step.urgency,
        "red_flags": [flag_body(f) for f in step.red_flags],
        "causes": [{"id": cid, "probability": round(p, 4)} for cid, p in step.probabilities],
    }


def causes_body(kb: KnowledgeBase) -> dict[str, Any]:
    return {
        "causes": [
            {
                "id": c.id,
                "name": c.name,
                "category": c.category,
                "summary": c.summary,
                "self_care": list(c.self_care),
                "see_a_doctor_if": list(c.see_a_doctor_if),
                "sources": [{"title": s.title, "url": s.url} for s in c.sources],
            }
            for c in kb.causes
        ]
    }
