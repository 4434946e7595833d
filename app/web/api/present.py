"""Build the API's response models (app.web.api.schemas) from engine results, stored assessments and the
knowledge base: routes return them, and FastAPI serialises them with pydantic, so the OpenAPI is
what is sent."""

from __future__ import annotations

from typing import Any

from app.core.engine import NextStep
from app.core.knowledge.model import KnowledgeBase, Question
from app.storage.repository import StoredAssessment
from app.storage.snapshots import Result, unchecked_warning_signs
from app.web.api.schemas import (
    AssessmentOut,
    CauseInfoOut,
    CauseProbabilityOut,
    CausesOut,
    InterviewOut,
    OptionOut,
    PreviewOut,
    QuestionOut,
    QuestionsOut,
    RedFlagOut,
    SourceOut,
)


def assessment_out(stored: StoredAssessment, kb: KnowledgeBase) -> AssessmentOut:
    """A stored assessment as the API returns it: at creation, and the same again when read back."""
    fields = _result_fields(stored.result, kb, unchecked_of(stored, kb))
    body = {"id": stored.id, "created_at": stored.created_at, **fields, "answers": stored.answers}
    return AssessmentOut.model_validate(body)


def preview_out(result: Result, kb: KnowledgeBase) -> PreviewOut:
    """A result that is not stored (POST /api/assessments/preview)."""
    fields = _result_fields(result, kb, result.get("unchecked_warning_signs", []))
    return PreviewOut.model_validate(fields)


def _result_fields(result: Result, kb: KnowledgeBase, unchecked: list[str]) -> dict[str, Any]:
    """The fields of storage's result that a response repeats (an old row without a disclaimer
    gets the knowledge base's)."""
    return {
        "urgency": result["urgency"],
        "red_flags": result["red_flags"],
        "unchecked_warning_signs": unchecked,
        "causes": result["causes"],
        "disclaimer": result.get("disclaimer", kb.disclaimer),
        "kb_version": result["kb_version"],
    }


def unchecked_of(stored: StoredAssessment, kb: KnowledgeBase) -> list[str]:
    """A stored assessment's unchecked warning signs: as stored, or, for rows written before the
    field existed, worked out from its answers."""
    stored_list = stored.result.get("unchecked_warning_signs")
    return list(stored_list) if stored_list is not None else unchecked_warning_signs(kb, stored.answers)


def question_out(q: Question) -> QuestionOut:
    """A question as the API shows it (options only for choices; min, max and unit only for numbers)."""
    return QuestionOut(
        id=q.id,
        text=q.text,
        help=q.help,
        type=q.type,
        section=q.section,
        options=[OptionOut(value=o.value, label=o.label) for o in q.options] if q.options is not None else None,
        min=q.min if q.type == "number" else None,
        max=q.max if q.type == "number" else None,
        unit=q.unit if q.type == "number" else None,
    )


def questions_out(kb: KnowledgeBase) -> QuestionsOut:
    return QuestionsOut(questions=[question_out(q) for q in kb.questions])


def step_title(kb: KnowledgeBase, step: NextStep) -> str:
    """The heading of a step: its question group's title, or the section title of a lone question."""
    group = next((g for g in kb.question_groups if g.id == step.step), None)
    if group is not None:
        return group.title
    if step.question is not None:
        return next((s.title for s in kb.sections if s.id == step.question.section), "")
    return ""


def interview_out(step: NextStep, kb: KnowledgeBase, rationale: str) -> InterviewOut:
    """POST /api/interview/next: `questions` is the step (contract version 2), `question` its first
    question for older clients; `rationale` is the words for `reason` (app/web/messages.py)."""
    return InterviewOut(
        done=step.done,
        questions=[question_out(q) for q in step.questions],
        question=question_out(step.question) if step.question is not None else None,
        step=step.step,
        title=step_title(kb, step),
        reason=step.reason,  # type: ignore[arg-type]  # the engine's reasons are the Literal's
        rationale=rationale,
        asked=step.asked,
        urgency=step.urgency,
        red_flags=[RedFlagOut.model_validate(f, from_attributes=True) for f in step.red_flags],
        causes=[CauseProbabilityOut(id=cid, probability=round(p, 4)) for cid, p in step.probabilities],
    )


def causes_out(kb: KnowledgeBase) -> CausesOut:
    return CausesOut(
        causes=[
            CauseInfoOut(
                id=c.id,
                name=c.name,
                category=c.category,
                summary=c.summary,
                self_care=list(c.self_care),
                see_a_doctor_if=list(c.see_a_doctor_if),
                sources=[SourceOut(title=s.title, url=s.url) for s in c.sources],
            )
            for c in kb.causes
        ]
    )
