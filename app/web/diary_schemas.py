"""Request and response shapes of the diary API, for validation and OpenAPI. The entry's input shape
is the domain's own `EntryIn`."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from app.diary.entries import ZoneName


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


class CountOut(BaseModel):
    count: int


class DayCount(CountOut):
    date: str


class LocationCount(CountOut):
    location: str


class TriggerCount(CountOut):
    trigger: str = Field(description="A trigger id, or 'none' for episodes logged without a trigger.")


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
