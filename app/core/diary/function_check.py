"""The diary's function check: a few everyday tasks, each compared with about two weeks ago.

Not a strength test. People who fear motor neurone disease often test their strength again and
again; real weakness shows in everyday tasks over weeks, so the diary asks about those, at most
every `interval_days` (14), and says plainly whether anything changed.

The wording (questions, answer labels, advice and sources) is data: `data/function_check.yaml`,
validated here by `FunctionCheckText`. The logic is pure functions over plain data:

- `is_due` / `next_due`: a check is offered when there is none, or the last one was taken
  `interval_days` or more ago, counted in days as lived in the diary's time zone;
- `check_answers`: every item answered with a known value, else `InvalidEntry` naming each field;
- `outcome`: "first" (one check, nothing harder), "stable" (nothing harder in any check; weeks
  from the first to the latest), "changed" (something harder or much harder at the latest
  check: see a GP; speech or swallowing: within 24 hours), or "changed_before" (nothing harder at
  the latest check, but an earlier one noted a change: still a reason to see a GP).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from gettext import ngettext
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, model_validator

from app.core.diary.entries import EntryKey, EntryProblem, InvalidEntry
from app.core.knowledge import regions
from app.core.knowledge.localized import SOURCE_LANGUAGE, language_problems, localized_data, read_data, read_texts
from app.core.knowledge.message import Message as KeyedMessage
from app.core.knowledge.regions import RegionWords
from app.core.knowledge.translations import FUNCTION_CHECK_FIELDS, FUNCTION_CHECK_PLACEHOLDERS

DEFAULT_PATH = Path(__file__).resolve().parents[3] / "data" / "function_check.yaml"

Answer = Literal["easier", "same", "harder", "much_harder"]
#: The answers in order, from better to worse; the logic compares them.
ANSWERS: tuple[str, ...] = ("easier", "same", "harder", "much_harder")
WORSE = frozenset({"harder", "much_harder"})
Status = Literal["none", "first", "stable", "changed", "changed_before"]
Urgency = Literal["none", "gp", "within_24h"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(_Strict):
    title: str = Field(min_length=1)
    url: HttpUrl


class Option(_Strict):
    value: Answer
    label: str = Field(min_length=1)


class Item(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z_]{0,31}$")
    question: str = Field(min_length=1)
    short: str = Field(min_length=1, max_length=40, description="The item's name in the chart and the table.")
    bulbar: bool = False  # speech or swallowing: a change is advised "within 24 hours"


class Advice(_Strict):
    title: str = Field(min_length=1)
    text: str = Field(min_length=1)
    sources: list[str] = Field(min_length=1)


class Message(_Strict):
    title: str = Field(min_length=1)
    text: str = Field(min_length=1)


class WhyNotMoreOften(_Strict):
    title: str = Field(min_length=1)
    paragraphs: list[str] = Field(min_length=1)
    sources: list[str] = Field(min_length=1)


class AdviceSet(_Strict):
    first: Advice
    stable: Advice
    changed: Advice
    changed_bulbar: Advice
    changed_before: Advice


class FunctionCheckText(_Strict):
    """`data/function_check.yaml`: everything a person reads about the check, with its sources."""

    version: int = Field(ge=1)
    interval_days: int = Field(ge=1, le=90)
    sources: dict[str, Source] = Field(min_length=1)
    title: str = Field(min_length=1)
    intro: str = Field(min_length=1)
    comparison: str = Field(min_length=1)
    options: list[Option]
    items: list[Item] = Field(min_length=1, max_length=12)
    why_not_more_often: WhyNotMoreOften
    not_due: Message
    advice: AdviceSet

    @model_validator(mode="after")
    def _consistent(self) -> FunctionCheckText:
        problems = []
        if tuple(o.value for o in self.options) != ANSWERS:
            problems.append(f"options must be exactly {', '.join(ANSWERS)}, in this order")
        ids = [i.id for i in self.items]
        if len(set(ids)) != len(ids):
            problems.append("item ids must be unique")
        if not any(i.bulbar for i in self.items):
            problems.append("at least one item must be bulbar (speech or swallowing)")
        cited = list(self.why_not_more_often.sources)
        for name in AdviceSet.model_fields:
            cited += getattr(self.advice, name).sources
        problems += [f"unknown source {s!r}" for s in dict.fromkeys(cited) if s not in self.sources]
        needs = {
            "not_due": ("{next_date}", self.not_due.title + self.not_due.text),
            "advice.first": ("{next_date}", self.advice.first.text),
            "advice.stable": ("{weeks}", self.advice.stable.title),
            "advice.changed": ("{items}", self.advice.changed.text),
            "advice.changed_bulbar": ("{items}", self.advice.changed_bulbar.text),
            "advice.changed_before": ("{items}", self.advice.changed_before.text),
        }
        problems += [f"{where} must contain {field}" for where, (field, text) in needs.items() if field not in text]
        if problems:
            raise ValueError("; ".join(problems))
        return self

    @property
    def item_ids(self) -> tuple[str, ...]:
        return tuple(i.id for i in self.items)

    def label(self, answer: str) -> str:
        return next(o.label for o in self.options if o.value == answer)

    def cited(self, names: Sequence[str]) -> list[Source]:
        return [self.sources[n] for n in names]


def load_text(
    path: Path = DEFAULT_PATH, language: str = SOURCE_LANGUAGE, words: RegionWords | None = None
) -> FunctionCheckText:
    """Parse and validate the file in `language` (its texts from `function_check.<language>.yaml`
    beside it) with the region's `words` in (the neutral region's when none are given); pydantic's
    ValidationError names every problem, a language file's problems raise ValueError."""
    words = words or regions.load().by_id(regions.load().default).words[language]
    entries: dict[str, object] = {}
    if language != SOURCE_LANGUAGE:
        problems = language_problems(path, language, FUNCTION_CHECK_FIELDS, FUNCTION_CHECK_PLACEHOLDERS)
        if problems:
            raise ValueError("; ".join(problems))
        _, entries = read_texts(path, language, FUNCTION_CHECK_FIELDS)
    data = localized_data(read_data(path), entries, language, words, FUNCTION_CHECK_FIELDS)
    return FunctionCheckText.model_validate(data)


@cache
def text(language: str = SOURCE_LANGUAGE, words: RegionWords | None = None) -> FunctionCheckText:
    """The shipped `data/function_check.yaml` in a language and region, loaded once for each."""
    return load_text(DEFAULT_PATH, language, words)


@dataclass(frozen=True)
class Wording:
    """How a date and a number of weeks are put in the advice: the caller's language decides
    (the web layer passes the request's; English by default)."""

    day: Callable[[date], str]
    weeks: Callable[[int], str]


# ---------------------------------------------------------------- checks and their logic


@dataclass(frozen=True)
class Check:
    """A completed check: when (UTC, and the zone it was taken in) and an answer for every item."""

    taken_at: datetime  # aware, UTC
    timezone: str
    answers: Mapping[str, str]

    @property
    def local_date(self) -> date:
        return self.taken_at.astimezone(ZoneInfo(self.timezone)).date()

    def worse(self, items: Sequence[Item]) -> list[Item]:
        """Items answered "harder" or "much harder", in the check's order."""
        return [i for i in items if self.answers.get(i.id) in WORSE]


def check_answers(answers: Mapping[str, object], items: Sequence[Item]) -> dict[str, str]:
    """Every item answered with a known value, in the items' order; else InvalidEntry naming every
    field ("answers.speech")."""
    problems = []
    for item in items:
        value = answers.get(item.id)
        if value is None or value == "":
            problems.append(EntryProblem(f"answers.{item.id}", KeyedMessage.of(EntryKey.CHOOSE_AN_ANSWER)))
        elif value not in ANSWERS:
            problems.append(
                EntryProblem(f"answers.{item.id}", KeyedMessage.of(EntryKey.NOT_AN_ANSWER, values=tuple(ANSWERS)))
            )
    known = {i.id for i in items}
    problems += [
        EntryProblem(f"answers.{k}", KeyedMessage.of(EntryKey.NOT_A_QUESTION)) for k in answers if k not in known
    ]
    if problems:
        raise InvalidEntry(problems)
    return {i.id: str(answers[i.id]) for i in items}


def next_due(checks: Sequence[Check], interval_days: int) -> date | None:
    """The first day (in the latest check's zone) the check is offered again; None: offered now."""
    if not checks:
        return None
    latest = max(checks, key=lambda c: c.taken_at)
    return latest.local_date + timedelta(days=interval_days)


def is_due(checks: Sequence[Check], now: datetime, zone: str, interval_days: int) -> bool:
    """True when there is no check, or the last is `interval_days` or more old (days as lived in `zone`)."""
    due = next_due(checks, interval_days)
    return due is None or now.astimezone(ZoneInfo(zone)).date() >= due


@dataclass(frozen=True)
class Outcome:
    status: Status
    urgency: Urgency
    worse: tuple[str, ...] = ()  # item ids harder at the latest check (or at `changed_on` for changed_before)
    weeks: int = 0  # "stable": whole weeks from the first check to the latest
    first_date: date | None = None
    latest_date: date | None = None
    changed_on: date | None = None  # "changed_before": the last check that noted something harder


def outcome(checks: Sequence[Check], items: Sequence[Item]) -> Outcome:
    if not checks:
        return Outcome("none", "none")
    ordered = sorted(checks, key=lambda c: c.taken_at)
    first, latest = ordered[0], ordered[-1]
    first_date, latest_date = first.local_date, latest.local_date
    worse_now = latest.worse(items)
    if worse_now:
        urgency: Urgency = "within_24h" if any(i.bulbar for i in worse_now) else "gp"
        return Outcome(
            "changed", urgency, tuple(i.id for i in worse_now), first_date=first_date, latest_date=latest_date
        )
    earlier = [c for c in ordered[:-1] if c.worse(items)]
    if earlier:
        last_change = earlier[-1]
        ids = tuple(i.id for i in last_change.worse(items))
        return Outcome(
            "changed_before",
            "gp",
            ids,
            first_date=first_date,
            latest_date=latest_date,
            changed_on=last_change.local_date,
        )
    if len(ordered) == 1:
        return Outcome("first", "none", first_date=first_date, latest_date=latest_date)
    weeks = (latest_date - first_date).days // 7
    return Outcome("stable", "none", weeks=weeks, first_date=first_date, latest_date=latest_date)


# ---------------------------------------------------------------- in words


def day(d: date) -> str:
    """A date as people write it: "19 December 2026"."""
    return f"{d.day} {d.strftime('%B %Y')}"


@dataclass(frozen=True)
class Said:
    """An outcome in words, from the data file's advice, with its sources."""

    title: str
    text: str
    sources: list[Source]


def weeks(n: int) -> str:
    return ngettext("%(num)d week", "%(num)d weeks", n) % {"num": n}


ENGLISH = Wording(day=day, weeks=weeks)


def said(result: Outcome, t: FunctionCheckText, next_date: date | None, wording: Wording = ENGLISH) -> Said | None:
    """The advice for an outcome, its placeholders filled in; None when there is no check yet."""
    if result.status == "none":
        return None
    advice = {
        "first": t.advice.first,
        "stable": t.advice.stable,
        "changed": t.advice.changed_bulbar if result.urgency == "within_24h" else t.advice.changed,
        "changed_before": t.advice.changed_before,
    }[result.status]
    names = {i.id: i for i in t.items}
    fields = {
        "weeks": wording.weeks(result.weeks),
        "next_date": wording.day(next_date) if next_date else "",
        "date": wording.day(result.changed_on) if result.changed_on else "",
        "items": "; ".join(names[i].question for i in result.worse),
    }
    return Said(advice.title.format(**fields), advice.text.format(**fields), t.cited(advice.sources))


def not_due(t: FunctionCheckText, next_date: date, wording: Wording = ENGLISH) -> Message:
    """The kind refusal when the check is not due yet."""
    fields = {"next_date": wording.day(next_date)}
    return Message(title=t.not_due.title.format(**fields), text=t.not_due.text.format(**fields))
