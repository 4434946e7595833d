"""Diary entries: the input shape, and the checks that need more than a type (the time zone, the
local time, the body location from the knowledge base, "not more than a day in the future").

People enter the time as they read it on their clock, in their own time zone; we store the instant
in UTC together with the zone, so an entry keeps its local day and hour when the person travels or
the clocks change. A local time that does not exist (skipped by a daylight-saving change) is refused
rather than silently moved; one that happens twice (clocks going back) means the first occurrence.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from importlib import resources
from typing import Annotated, Literal, get_args
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, WithJsonSchema

from app.core.knowledge.message import Message

Trigger = Literal["caffeine", "stress", "short_sleep", "exercise", "alcohol", "nicotine", "new_medicine", "other"]
#: The possible triggers, in the order they are offered and counted. Ids only: their labels are the
#: web layer's catalogue (`app/web/messages.py`, `diary.trigger.<id>`).
TRIGGERS: tuple[Trigger, ...] = get_args(Trigger)

MAX_NOTE = 500
MAX_DURATION_SECONDS = 12 * 3600  # "seconds to hours": a twitch lasting longer is not one episode
FUTURE_SLACK = timedelta(days=1)  # a clock set wrong, or a zone ahead of ours, but no further
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)

#: IANA zone names people can choose: "Area/Location" names and UTC (not legacy aliases such as
#: "EST5EDT" or "Cuba"). From the tzdata package, so the same on every machine.
ZONES: tuple[str, ...] = (
    *sorted(z for z in resources.files("tzdata").joinpath("zones").read_text(encoding="utf-8").split() if "/" in z),
    "UTC",
)
_ZONE_SET = frozenset(ZONES)

ZoneName = Annotated[
    str,
    StringConstraints(min_length=1, max_length=64),
    WithJsonSchema({"type": "string", "enum": list(ZONES), "description": "An IANA time zone name."}),
]


class EntryIn(BaseModel):
    """One episode as a person or a client sends it. Types and ranges here; `check_entry` does the rest."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    occurred_at: datetime | None = Field(
        default=None,
        description="When it happened: local time as on the person's clock (2026-11-20T21:30), or an ISO "
        "8601 time with an offset. Default: now. Not more than a day in the future.",
    )
    timezone: ZoneName | None = Field(
        default=None,
        description="IANA time zone of the local time (Europe/London). Default: the diary's time zone.",
        examples=["Europe/London"],
    )
    location: Annotated[str, StringConstraints(min_length=1, max_length=32)] = Field(
        description="Where: one of the body locations of the question 'locations' (GET /api/questions).",
        examples=["calf"],
    )
    duration_seconds: int = Field(ge=1, le=MAX_DURATION_SECONDS, description="How long the episode lasted.")
    intensity: int = Field(ge=1, le=5, description="How strong, from 1 (barely noticeable) to 5 (very strong).")
    triggers: list[Trigger] = Field(default_factory=list, max_length=len(TRIGGERS), description="Possible triggers.")
    caffeine_cups: int | None = Field(
        default=None, ge=0, le=40, description="Cups of coffee, tea, cola or energy drink that day, if noted."
    )
    sleep_hours: float | None = Field(default=None, ge=0, le=24, description="Hours slept the night before, if noted.")
    note: Annotated[str, StringConstraints(max_length=MAX_NOTE)] = Field(default="", description="Free text.")


@dataclass(frozen=True)
class Entry:
    """A checked entry: the instant in UTC and the zone it was lived in."""

    occurred_at: datetime  # aware, UTC
    timezone: str
    location: str
    duration_seconds: int
    intensity: int
    triggers: tuple[str, ...]
    caffeine_cups: int | None
    sleep_hours: float | None
    note: str

    @property
    def local_time(self) -> datetime:
        return self.occurred_at.astimezone(ZoneInfo(self.timezone))

    @property
    def local_date(self) -> date:
        """The day as the person lived it: days are counted in the zone the entry was made in."""
        return self.local_time.date()


class EntryKey(StrEnum):
    """Why an entry (or a function check's answer) is refused; each has words in the web layer's catalogue."""

    UNKNOWN_ZONE = "diary.entry.unknown_zone"
    SKIPPED_TIME = "diary.entry.skipped_time"
    FUTURE = "diary.entry.future"
    BEFORE_2000 = "diary.entry.before_2000"
    UNKNOWN_LOCATION = "diary.entry.unknown_location"
    CONTROL_CHARACTERS = "diary.entry.control_characters"
    CHOOSE_AN_ANSWER = "diary.check.choose_an_answer"
    NOT_AN_ANSWER = "diary.check.not_an_answer"
    NOT_A_QUESTION = "diary.check.not_a_question"


@dataclass(frozen=True)
class EntryProblem:
    field: str
    message: Message  # key: an EntryKey


class InvalidEntry(ValueError):
    def __init__(self, problems: list[EntryProblem]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{p.field}: {p.message.key}" for p in problems))


class SkippedTime(ValueError):
    """A local time the clocks skipped (daylight saving): it never happened in that zone."""


def _problem(field: str, key: EntryKey, **params: object) -> EntryProblem:
    return EntryProblem(field, Message.of(key, **params))


def check_zone(name: str, field: str = "timezone") -> ZoneInfo:
    """The zone for an IANA name; InvalidEntry naming `field` when there is no such zone."""
    try:
        if name not in _ZONE_SET:
            raise ZoneInfoNotFoundError(name)
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidEntry([_problem(field, EntryKey.UNKNOWN_ZONE)]) from None


def to_utc(value: datetime, zone: ZoneInfo) -> datetime:
    """The UTC instant of a local wall-clock time in `zone`; SkippedTime for a time the clocks skipped."""
    if value.tzinfo is not None:
        return value.astimezone(UTC)
    aware = value.replace(tzinfo=zone, fold=0)
    if aware.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != value:
        raise SkippedTime(value.isoformat())
    return aware.astimezone(UTC)


def check_entry(entry: EntryIn, *, locations: Collection[str], default_zone: str, now: datetime) -> Entry:
    """Every problem at once, each naming its field; nothing is stored unless this returns."""
    problems: list[EntryProblem] = []
    zone_name = entry.timezone or default_zone
    zone: ZoneInfo | None = None
    try:
        zone = check_zone(zone_name)
    except InvalidEntry as exc:
        problems += exc.problems
    occurred = now.astimezone(UTC).replace(microsecond=0)
    if entry.occurred_at is not None and zone is not None:
        try:
            occurred = to_utc(entry.occurred_at.replace(microsecond=0), zone)
        except OverflowError:  # year 1 or 9999 shifted past the calendar's edge
            late = entry.occurred_at.year > EARLIEST.year
            problems.append(_problem("occurred_at", EntryKey.FUTURE if late else EntryKey.BEFORE_2000))
        except SkippedTime:
            problems.append(_problem("occurred_at", EntryKey.SKIPPED_TIME))
        else:
            if occurred > now + FUTURE_SLACK:
                problems.append(_problem("occurred_at", EntryKey.FUTURE))
            elif occurred < EARLIEST:
                problems.append(_problem("occurred_at", EntryKey.BEFORE_2000))
    if entry.location not in locations:
        problems.append(_problem("location", EntryKey.UNKNOWN_LOCATION))
    note = entry.note.replace("\r\n", "\n")
    if any(ord(ch) < 32 and ch not in "\n\t" for ch in note):
        problems.append(_problem("note", EntryKey.CONTROL_CHARACTERS))
    if problems:
        raise InvalidEntry(problems)
    return Entry(
        occurred_at=occurred,
        timezone=zone_name,
        location=entry.location,
        duration_seconds=entry.duration_seconds,
        intensity=entry.intensity,
        triggers=tuple(t for t in TRIGGERS if t in entry.triggers),  # known order, no repeats
        caffeine_cups=entry.caffeine_cups,
        sleep_hours=entry.sleep_hours,
        note=note,
    )
