"""The full questionnaire as a sequence of steps, and the translation between HTML forms and answers.

Steps are the knowledge base's sections, in order (warning signs first). Which questions apply
comes from each question's `ask_if`; nothing medical is decided here. Form conventions are a
public test hook: every input's `name` is the question id; booleans are radios `yes`/`no`/
`unknown`; single choices are radios with the option values (plus `unknown`); multi choices are
checkboxes; numbers are `<input type="text" inputmode="decimal">` (empty means "don't know"):
a browser's number field silently empties what it cannot read ("4-5"), so the server reads what
was typed: a decimal comma ("6,5"), a range ("4-5", "4 to 5": the middle), a leading "about" or
a trailing unit ("5 cups"). Anything else is an error that says what to type; nothing typed is
dropped silently, and the next page says how a range or a comma was read.

The warning signs (the safety screen, the knowledge base's first section) must be answered:
yes, no, or "don't know" chosen on purpose. None of their radios is preselected, and a warning
sign left blank is an error naming it.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from app.core.engine import CompiledKnowledge, InvalidAnswers, validate_answers
from app.core.engine.answers import AnswerKey
from app.core.knowledge.message import Message
from app.core.knowledge.model import Question, Section
from app.web import messages
from app.web.i18n import gettext as _
from app.web.messages import N_, QUESTIONNAIRE_FORM

UNKNOWN = "unknown"

#: The section whose questions must be answered: the safety screen (the contract's warning signs).
SAFETY_SECTION = "warning_signs"
MUST_ANSWER = N_("Answer yes, no or don't know: this is a warning sign we need to check.")


def must_answer(question: Question) -> bool:
    return question.section == SAFETY_SECTION and question.type == "boolean"


def must_answer_text() -> str:
    """The error of a warning sign left blank, in the request's language."""
    return _(MUST_ANSWER)


@dataclass(frozen=True)
class Step:
    index: int
    section: Section
    questions: tuple[Question, ...]


def steps(knowledge: CompiledKnowledge) -> list[Step]:
    kb = knowledge.kb
    result: list[Step] = []
    for section in kb.sections:
        questions = tuple(q for q in kb.questions if q.section == section.id)
        if questions:
            result.append(Step(len(result), section, questions))
    return result


def visible(knowledge: CompiledKnowledge, step: Step, raw_answers: Mapping[str, Any]) -> list[Question]:
    """The questions of a step that can apply given the answers so far."""
    try:
        typed = validate_answers(knowledge.kb, raw_answers)
    except InvalidAnswers:
        typed = {}
    return [q for q in step.questions if knowledge.applies(q.id, typed)]


_NUMBER = r"\d+(?:[.,]\d+)?|[.,]\d+"
# "about 5", "4 to 5" in every language the pages speak (English, Spanish: "unos 5", "4 a 5"),
# whichever the person is reading: a word the other language uses is still understood
_ABOUT = r"about|around|roughly|approx\.?|approximately|unos|unas|alrededor de|aproximadamente|aprox\.?|cerca de|~|c\."
_TO = r"-|\u2013|\u2014|to|or|a|o"
_TYPED_NUMBER = re.compile(
    rf"(?:{_ABOUT})?\s*(?P<low>{_NUMBER})"
    rf"(?:\s*(?:{_TO})\s*(?P<high>{_NUMBER}))?"
    r"\s*(?P<unit>[^\W\d_][^\W\d_ .]*(?: [^\W\d_]+){0,3})?\.?",
    re.IGNORECASE,
)


def read_number(typed: str) -> tuple[float, str | None] | None:
    """A typed number: (the value, how it was read when that was not plain), or None if unreadable.
    "6,5" -> 6.5; "4-5" or "4 to 5" -> 4.5 (the middle); "about 5 cups" -> 5."""
    found = _TYPED_NUMBER.fullmatch(typed.strip())
    if found is None:
        return None
    low = float(found["low"].replace(",", "."))
    high = found["high"]
    if high is None:
        plain = re.fullmatch(r"\d+(?:\.\d+)?", typed.strip()) is not None
        return low, None if plain else _("%(number)s (you typed \u201c%(typed)s\u201d)") % {
            "number": _num(low),
            "typed": typed.strip(),
        }
    top = float(high.replace(",", "."))
    middle = (low + top) / 2
    return middle, _("%(middle)s, the middle of %(low)s to %(high)s") % {
        "middle": _num(middle),
        "low": _num(min(low, top)),
        "high": _num(max(low, top)),
    }


def parse_step(
    questions: list[Question], form: Mapping[str, Any], notes: dict[str, str] | None = None
) -> tuple[dict[str, Any], dict[str, str]]:
    """Read one step's form fields into raw JSON-style answers; errors are keyed by question id.

    `form` maps a field name to the list of submitted values (checkboxes submit several).
    A question left blank or answered "don't know" maps to None, which clears an earlier answer.
    `notes` receives, per number question, how a typed range or decimal comma was read.
    """
    answers: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for q in questions:
        values = [v for v in form.get(q.id, []) if isinstance(v, str)]
        if q.type == "multi":
            answers[q.id] = values or None
            continue
        value = values[0].strip() if values else ""
        if value == "" and must_answer(q):
            errors[q.id] = must_answer_text()
            answers[q.id] = None
        elif value in ("", UNKNOWN):
            answers[q.id] = None
        elif q.type == "boolean":
            if value not in ("yes", "no"):
                errors[q.id] = _("Choose yes, no or don't know.")
            answers[q.id] = value == "yes"
        elif q.type == "single":
            answers[q.id] = value
        else:
            read = read_number(value)
            if read is None:
                errors[q.id] = messages.form_text(QUESTIONNAIRE_FORM, "number.help")
                continue
            number, how = read
            if q.integer and not number.is_integer():  # a whole-number question: the nearest whole number
                whole = float(math.floor(number + 0.5))
                how = _("%(whole)s (the nearest whole number to %(read)s)") % {
                    "whole": _num(whole),
                    "read": how or _num(number),
                }
                number = whole
            answers[q.id] = int(number) if number.is_integer() else number
            if how is not None and notes is not None:
                notes[q.id] = how
    return answers, errors


def check_step(knowledge: CompiledKnowledge, answers: dict[str, Any], errors: dict[str, str]) -> dict[str, str]:
    """Add the engine's validation messages (ranges, options) for this step's answers."""
    present = {k: v for k, v in answers.items() if v is not None and k not in errors}
    try:
        validate_answers(knowledge.kb, present)
    except InvalidAnswers as exc:
        for problem in exc.problems:
            errors.setdefault(problem.question, _friendly(knowledge, problem.question, problem.message))
    return errors


def _friendly(knowledge: CompiledKnowledge, question_id: str, message: Message) -> str:
    if not knowledge.kb.has_question(question_id):
        return messages.say(message)
    q = knowledge.kb.question(question_id)
    if q.type == "number":
        low, high = _num(q.min), _num(q.max)
        key = "number.whole_range" if q.integer else "number.range"
        return messages.form_text(QUESTIONNAIRE_FORM, key, low=low, high=high)
    if q.type == "multi" and message.key == AnswerKey.MULTI_EXCLUSIVE:
        return messages.form_text(QUESTIONNAIRE_FORM, "exclusive", option=q.label((q.exclusive or [""])[0]))
    return messages.form_text(QUESTIONNAIRE_FORM, "choose")


def _num(x: float | None) -> str:
    """A number as the person's language writes it, without a needless ".0": 4, 4.5 ("4,5")."""
    return "" if x is None else messages.decimal_text(int(x) if float(x).is_integer() else x)


def check_step_values(knowledge: CompiledKnowledge, answers: dict[str, Any]) -> dict[str, Any]:
    """Keep only the answers that pass validation (used when going Back past a half-filled step)."""
    errors = check_step(knowledge, answers, {})
    return {k: v for k, v in answers.items() if k not in errors}


def merge(state: dict[str, Any], step_answers: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(state)
    for qid, value in step_answers.items():
        if value is None:
            merged.pop(qid, None)
        else:
            merged[qid] = value
    return merged


def chosen_unknown(questions: list[Question], form: Mapping[str, Any], before: Collection[str]) -> list[str]:
    """The warning signs answered "don't know" on purpose, after this step's form: those chosen
    now, and those from before that this step did not show."""
    shown = {q.id for q in questions}
    kept = [qid for qid in before if qid not in shown]
    return kept + [q.id for q in questions if must_answer(q) and list(form.get(q.id, []))[:1] == [UNKNOWN]]


def load_unknown(raw: str | None, knowledge: CompiledKnowledge) -> list[str]:
    try:
        data = json.loads(raw or "[]")
    except ValueError:
        return []
    kb = knowledge.kb
    items = data if isinstance(data, list) else []
    return [q for q in items if isinstance(q, str) and kb.has_question(q) and must_answer(kb.question(q))]


def load_state(raw: str | None, knowledge: CompiledKnowledge) -> dict[str, Any]:
    """The answers carried between steps (in the progress cookie); anything unusable is dropped."""
    try:
        data = json.loads(raw or "{}")
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    kept = {}
    for qid, value in data.items():
        try:
            validate_answers(knowledge.kb, {qid: value})
        except InvalidAnswers:
            continue
        kept[qid] = value
    return kept


def dump_state(state: Mapping[str, Any] | list[Any]) -> str:
    return json.dumps(state, separators=(",", ":"), sort_keys=True)


def field_value(question: Question, answers: Mapping[str, Any], unknown: Collection[str] = ()) -> Any:
    """How a stored answer shows in the form: yes/no/unknown, the option, the list, or the number.
    A warning sign without an answer shows no choice unless "don't know" was chosen (`unknown`)."""
    value = answers.get(question.id)
    if question.type == "boolean":
        if value is None:
            return UNKNOWN if question.id in unknown or not must_answer(question) else ""
        return "yes" if value else "no"
    if question.type == "multi":
        return list(value or [])
    if value is None:
        return UNKNOWN if question.type == "single" else ""
    return value


def answer_text(question: Question, value: Any) -> str:
    """An answer in plain words, for the report."""
    if question.type == "boolean":
        return _("Yes") if value else _("No")
    if question.type == "single":
        return question.label(value)
    if question.type == "multi":
        return messages.text("list.comma").join(question.label(v) for v in value) or _("None")
    unit = f" {one(question.unit) if value == 1 else question.unit}" if question.unit else ""
    return f"{_num(value)}{unit}"


def one(unit: str) -> str:
    """A unit after the number 1: "cups of coffee" -> "cup of coffee", "hours a night" -> "hour a night"."""
    first, _, rest = unit.partition(" ")
    if first.endswith("s") and not first.endswith("ss") and len(first) > 2:
        first = first[:-1]
    return f"{first} {rest}".rstrip()
