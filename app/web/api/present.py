"""Build the API's response models (app.web.api.schemas) from engine results, stored assessments and the
knowledge base: routes return them, and FastAPI serialises them with pydantic, so the OpenAPI is
what is sent."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from app.core.diary import Summary
from app.core.diary.function_check import Source
from app.core.engine import NextStep
from app.core.knowledge.model import KnowledgeBase, Question
from app.services.diaries import DiaryView
from app.services.function_checks import FunctionCheckView
from app.storage.diaries import StoredEntry
from app.storage.function_checks import StoredCheck
from app.storage.repository import StoredAssessment
from app.storage.snapshots import Result, unchecked_warning_signs
from app.web import messages
from app.web.api.diary_schemas import (
    DayCount,
    DiaryLinks,
    DiaryOut,
    EntryOut,
    FunctionChecksOut,
    LocationCount,
    PatternOut,
    PrefillOut,
    SummaryOut,
    TriggerCount,
)
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


def interview_out(step: NextStep, kb: KnowledgeBase, rationale: str, shown: Mapping[str, QuestionOut]) -> InterviewOut:
    """POST /api/interview/next: `questions` is the step (contract version 2), `question` its first
    question for older clients; `rationale` is the words for `reason` (app/web/messages.py);
    `shown`: each of the knowledge base's questions as the API shows it (`questions_out`, built once)."""
    questions = [shown[q.id] for q in step.questions]
    red_flags: list[RedFlagOut] = [
        {"id": f.id, "title": f.title, "advice": f.advice, "urgency": f.urgency} for f in step.red_flags
    ]
    causes: list[CauseProbabilityOut] = [{"id": cid, "probability": round(p, 4)} for cid, p in step.probabilities]
    return InterviewOut(
        done=step.done,
        questions=questions,
        question=questions[0] if questions else None,  # the same as `step.question`'s
        step=step.step,
        title=step_title(kb, step),
        reason=step.reason,  # type: ignore[arg-type]  # the engine's reasons are the Literal's
        rationale=rationale,
        asked=step.asked,
        urgency=step.urgency,
        red_flags=red_flags,
        causes=causes,
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


def entry_out(stored: StoredEntry, names: dict[str, str]) -> EntryOut:
    e = stored.entry
    return EntryOut(
        id=stored.id,
        occurred_at=e.local_time.isoformat(),
        occurred_at_utc=_utc(e.occurred_at),
        timezone=e.timezone,
        local_date=e.local_date.isoformat(),
        location=e.location,
        location_label=names.get(e.location, e.location),
        duration_seconds=e.duration_seconds,
        intensity=e.intensity,
        triggers=list(e.triggers),
        caffeine_cups=e.caffeine_cups,
        sleep_hours=e.sleep_hours,
        note=e.note,
    )


def summary_out(summary: Summary) -> SummaryOut:
    return SummaryOut(
        today=summary.today.isoformat(),
        total=summary.total,
        window_total=summary.window_total,
        first_date=summary.first_date.isoformat() if summary.first_date else None,
        last_date=summary.last_date.isoformat() if summary.last_date else None,
        per_day=[DayCount(date=d.isoformat(), count=n) for d, n in summary.per_day],
        by_location=[LocationCount(location=loc, count=n) for loc, n in summary.by_location],
        by_trigger=[TriggerCount(trigger=t, count=n) for t, n in summary.by_trigger],
        patterns=[PatternOut(text=messages.say(p.message), count=p.count, total=p.total) for p in summary.patterns],
    )


def diary_out(v: DiaryView, names: dict[str, str]) -> DiaryOut:
    key = v.diary.key
    return DiaryOut(
        id=key,
        created_at=_utc(v.diary.created_at),
        updated_at=_utc(v.diary.updated_at),
        timezone=v.diary.timezone,
        entries=[entry_out(s, names) for s in v.entries],
        summary=summary_out(v.summary),
        prefill=PrefillOut(answers=v.prefill.answers, reasons=messages.prefill_reasons(v.prefill)),
        links=DiaryLinks(
            page=f"/diary/{key}",
            csv=f"/diary/{key}/entries.csv",
            report=f"/diary/{key}/report",
            check=f"/diary/{key}/check",
        ),
    )


def _utc(moment: datetime) -> str:
    """An aware UTC time as the API has always written it: ISO 8601 with `Z` (microseconds kept)."""
    return moment.isoformat().replace("+00:00", "Z")


def _sources(sources: list[Source]) -> list[dict[str, str]]:
    return [{"title": s.title, "url": str(s.url)} for s in sources]


def check_json(stored: StoredCheck) -> dict[str, Any]:
    c = stored.check
    return {
        "id": stored.id,
        "taken_at": c.taken_at.isoformat().replace("+00:00", "Z"),
        "local_date": c.local_date.isoformat(),
        "timezone": c.timezone,
        "answers": dict(c.answers),
    }


def function_checks_out(v: FunctionCheckView) -> FunctionChecksOut:
    """The diary's function checks as GET/POST /api/diaries/{id}/function-checks return them."""
    t = v.text
    o = v.outcome
    return FunctionChecksOut.model_validate(
        {
            "due": v.due,
            "next_due": v.next_due.isoformat() if v.next_due else None,
            "interval_days": t.interval_days,
            "questions": [{"id": i.id, "text": i.question, "bulbar": i.bulbar} for i in t.items],
            "options": [{"value": opt.value, "label": opt.label} for opt in t.options],
            "checks": [check_json(s) for s in reversed(v.checks)],
            "outcome": {
                "status": o.status,
                "urgency": o.urgency,
                "worse": list(o.worse),
                "weeks": o.weeks,
                "changed_on": o.changed_on.isoformat() if o.changed_on else None,
                "title": v.said.title if v.said else None,
                "text": v.said.text if v.said else None,
                "sources": _sources(v.said.sources) if v.said else [],
            },
            "not_due": {"title": v.not_due.title, "text": v.not_due.text} if v.not_due else None,
            "why_not_more_often": {
                "title": t.why_not_more_often.title,
                "paragraphs": list(t.why_not_more_often.paragraphs),
                "sources": _sources(t.cited(t.why_not_more_often.sources)),
            },
        }
    )
