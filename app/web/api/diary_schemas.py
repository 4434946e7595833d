"""Request and response shapes of the diary API, for validation and OpenAPI. The entry's input shape
is the domain's own `EntryIn`."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from app.core.diary.entries import ZoneName
from app.core.diary.function_check import Answer


class DiaryCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    timezone: ZoneName = Field(
        default="UTC",
        description="IANA time zone for 'today' and for entries sent without one.",
        examples=["Europe/London"],
    )


class DiaryPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")

    timezone: ZoneName = Field(description="IANA time zone, e.g. Europe/London.")


class EntryOut(BaseModel):
    id: int
    occurred_at: str = Field(description="Local time with its UTC offset, in the entry's time zone.")
    occurred_at_utc: str
    timezone: str
    local_date: str = Field(description="The day the episode belongs to, in its own time zone.")
    location: str
    location_label: str
    duration_seconds: int
    intensity: int
    triggers: list[str]
    caffeine_cups: int | None
    sleep_hours: float | None
    note: str


class DayCount(BaseModel):
    date: str
    count: int


class LocationCount(BaseModel):
    location: str
    count: int


class TriggerCount(BaseModel):
    trigger: str = Field(description="A trigger id, or 'none' for episodes logged without a trigger.")
    count: int


class PatternOut(BaseModel):
    text: str = Field(description="Plain-language pattern with its counts; a description, never a diagnosis.")
    count: int
    total: int


class SummaryOut(BaseModel):
    today: str
    total: int
    window_total: int = Field(description="Entries in the last 30 days.")
    first_date: str | None
    last_date: str | None
    per_day: list[DayCount]
    by_location: list[LocationCount]
    by_trigger: list[TriggerCount]
    patterns: list[PatternOut]


class PrefillOut(BaseModel):
    answers: dict[str, Any] = Field(description="Answers the diary can give an assessment (question id: value).")
    reasons: dict[str, str] = Field(description="Why each answer was prefilled, keyed by question id.")


class DiaryLinks(BaseModel):
    page: str
    csv: str
    report: str
    check: str


class DiaryOut(BaseModel):
    id: str = Field(description="The diary's private key: anyone with it can read and change the diary.")
    created_at: str
    updated_at: str
    timezone: str
    entries: list[EntryOut] = Field(description="Newest first.")
    summary: SummaryOut
    prefill: PrefillOut
    links: DiaryLinks


# ---------------------------------------------------------------- the function check


class FunctionAnswers(BaseModel):
    """An answer for every task of data/function_check.yaml (tests check that the two agree):
    compared with about two weeks ago."""

    model_config = ConfigDict(extra="forbid")

    buttons: Answer = Field(description="Doing up buttons or zips.")
    jars: Answer = Field(description="Opening jars or bottles.")
    stairs: Answer = Field(description="Climbing stairs or getting up from a chair.")
    walking: Answer = Field(description="Walking without tripping or catching a foot.")
    speech: Answer = Field(description="Speaking clearly (without slurred or changed speech).")
    swallowing: Answer = Field(description="Swallowing food and drinks without choking.")


class FunctionCheckIn(BaseModel):
    """A completed function check: every task answered."""

    model_config = ConfigDict(extra="forbid")

    answers: FunctionAnswers


class FunctionCheckOut(BaseModel):
    id: int
    taken_at: str
    local_date: str = Field(description="The day it was taken, in the diary's time zone then.")
    timezone: str
    answers: dict[str, Answer]


class SourceOut(BaseModel):
    title: str
    url: str


class FunctionQuestionOut(BaseModel):
    id: str
    text: str
    bulbar: bool = Field(description="Speech or swallowing: a change is advised 'within 24 hours'.")


class OptionOut(BaseModel):
    value: Answer
    label: str


class FunctionOutcomeOut(BaseModel):
    status: Literal["none", "first", "stable", "changed", "changed_before"]
    urgency: Literal["none", "gp", "within_24h"] = Field(
        description="gp: book a GP appointment; within_24h: speech or swallowing worse, see a doctor within 24 hours."
    )
    worse: list[str] = Field(description="Tasks harder or much harder (at the latest check, or on changed_on).")
    weeks: int = Field(description="status stable: whole weeks from the first check to the latest.")
    changed_on: str | None
    title: str | None
    text: str | None
    sources: list[SourceOut]


class MessageOut(BaseModel):
    title: str
    text: str


class WhyOut(BaseModel):
    title: str
    paragraphs: list[str]
    sources: list[SourceOut]


class FunctionChecksOut(BaseModel):
    due: bool = Field(description="Whether a check can be taken now (none yet, or the last is 14 days old or more).")
    next_due: str | None = Field(description="The first day the next check is offered, in the diary's time zone.")
    interval_days: int
    questions: list[FunctionQuestionOut]
    options: list[OptionOut]
    checks: list[FunctionCheckOut] = Field(description="Newest first.")
    outcome: FunctionOutcomeOut
    not_due: MessageOut | None
    why_not_more_often: WhyOut
