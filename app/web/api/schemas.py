"""Request and response shapes of the JSON API (spec: docs/api.md), for validation and OpenAPI.

Each response is a model; the small records repeated inside the busiest responses (a ranked
cause, a reason, a warning sign, a cause's probability) are TypedDicts, as pydantic's performance
guide advises over nested models: validated and serialised by the same Rust core, with the same
OpenAPI schema, but without a Python object per record. An assessment's response holds about
seventy of them, and building them as models was a tenth of the time of POST /api/assessments.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from typing_extensions import TypedDict  # pydantic validates only this TypedDict before Python 3.12

from app.core.engine.interview import Reason
from app.core.knowledge.model import Category, Urgency

AnswerJSON = bool | str | float | list[str] | None


class AssessmentRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    answers: dict[str, AnswerJSON] = Field(
        description=(
            "Answers keyed by question id (see GET /api/questions). boolean: true/false; single: one value; "
            'multi: a list of values; number: within [min, max]. An omitted question means "don\'t know".'
        ),
        max_length=200,
    )


class OptionOut(BaseModel):
    value: str
    label: str


class QuestionOut(BaseModel):
    id: str
    text: str
    help: str
    type: Literal["boolean", "single", "multi", "number"]
    section: str
    # Left out, not null, where they do not apply: options but for choices, the rest but for numbers.
    options: list[OptionOut] | None = Field(default=None, exclude_if=lambda v: v is None)
    min: float | None = Field(default=None, exclude_if=lambda v: v is None)
    max: float | None = Field(default=None, exclude_if=lambda v: v is None)
    unit: str | None = Field(default=None, exclude_if=lambda v: v is None)


class QuestionsOut(BaseModel):
    questions: list[QuestionOut]


class SourceOut(BaseModel):
    title: str
    url: str


class CauseInfoOut(BaseModel):
    id: str
    name: str
    category: Category
    summary: str
    self_care: list[str]
    see_a_doctor_if: list[str]
    sources: list[SourceOut]


class CausesOut(BaseModel):
    causes: list[CauseInfoOut]


Probability = Annotated[float, Field(ge=0, le=1)]


class RedFlagOut(TypedDict):
    id: str
    title: str
    advice: str
    urgency: Urgency


class ReasonOut(TypedDict):
    question: str
    effect: Literal["raises", "lowers"]
    text: str


class RankedCauseOut(TypedDict):
    id: str
    name: str
    category: Category
    probability: Probability
    explanation: list[ReasonOut]
    self_care: list[str]


UNCHECKED_WARNING_SIGNS = Field(
    description=(
        "The warning-sign questions (the safety screen, GET /api/questions section `warning_signs`) that the "
        'answers leave unanswered (omitted or "don\'t know"), in screen order. Advice of `self_care` with any '
        "here is not a clean bill of health: those signs were not checked."
    ),
)


class AssessmentOut(BaseModel):
    """A stored assessment: what POST /api/assessments returns and GET /api/assessments/{id} returns again."""

    id: str
    created_at: datetime
    urgency: Urgency
    red_flags: list[RedFlagOut]
    unchecked_warning_signs: list[str] = UNCHECKED_WARNING_SIGNS
    causes: list[RankedCauseOut]
    disclaimer: str
    kb_version: str
    answers: dict[str, Any] = Field(description="The answers as given, keyed by question id.")


class PreviewOut(BaseModel):
    """A result that was not stored (no id, no answers)."""

    urgency: Urgency
    red_flags: list[RedFlagOut]
    unchecked_warning_signs: list[str] = UNCHECKED_WARNING_SIGNS
    causes: list[RankedCauseOut]
    disclaimer: str
    kb_version: str


class ErrorOut(BaseModel):
    detail: Any


class HealthOut(BaseModel):
    status: Literal["ok"]
    checks: dict[str, str] = Field(default_factory=dict, description="Each part checked, and how it is.")


class UnavailableOut(BaseModel):
    """A 503 from /healthz or /readyz: `detail` names the failing part, `checks` says how each part is."""

    detail: str
    checks: dict[str, str]


class InterviewRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    answers: dict[str, AnswerJSON] = Field(default_factory=dict, max_length=200)
    unknown: list[str] = Field(
        default_factory=list, max_length=200, description='Questions already asked and answered "don\'t know".'
    )


class CauseProbabilityOut(TypedDict):
    id: str
    probability: Probability


class InterviewOut(BaseModel):
    done: bool
    questions: list[QuestionOut] = Field(
        description=(
            "The next step: one question, or a few related ones shown together (contract version 2). "
            'Answer them at once; each left unanswered goes into `unknown` ("don\'t know"). Empty when done.'
        )
    )
    question: QuestionOut | None = Field(description="The first of `questions`, for clients asking one at a time.")
    step: str = Field(description="The id of the step's question group (or of its one question); empty when done.")
    title: str = Field(description="The step's heading.")
    reason: Reason = Field(description="Why this step (or why the interview is done), as a key.")
    rationale: str = Field(description="The reason in words.")
    asked: int
    urgency: Urgency
    red_flags: list[RedFlagOut]
    causes: list[CauseProbabilityOut]
