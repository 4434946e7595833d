"""The message catalogue: every sentence the core returns as a key, in English.

The engine and the diary domain return keys and numbers (`app.core.knowledge.message.Message`, the
interview's reason keys), never sentences, so that the words live in one place a translator can
work from. Each string is marked with `N_()` (a no-op marker) so `pybabel extract` finds it
(`make messages`), and is translated when it is used, through `app.web.i18n`'s `gettext` and
`ngettext`: into the language of the current request, English by default; placeholders are
`%(name)s`.

`text(key, **params)` words one key; `say(message)` words a domain `Message`, turning its numbers
into phrases first (`_phrases`: "3 of 8 episodes", "2 days", "1.5 episodes a day"). Dates and
decimals are written the language's way (`date_text`, `decimal_text`: "1 Dec 2026" / "1 dic 2026",
"1.5" / "1,5").
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from app.core.diary.entries import TRIGGERS, EntryKey
from app.core.diary.patterns import PatternKey
from app.core.diary.prefill import Prefill, PrefillKey
from app.core.engine.answers import AnswerKey
from app.core.engine.interview import REASONS
from app.core.knowledge.message import Message
from app.web import i18n
from app.web.i18n import gettext as _
from app.web.i18n import ngettext


def N_(message: str) -> str:  # noqa: N802 - the gettext marker's conventional name
    """Mark a string for extraction without translating it here (it is translated in `text`)."""
    return message


MESSAGES: Mapping[str, str] = {
    # the adaptive interview: why this step (the `rationale` of POST /api/interview/next)
    "interview.reason.warning_signs": N_("Warning signs are always checked first."),
    "interview.reason.opening": N_("We start with what you noticed and the everyday causes of most twitching."),
    "interview.reason.follow_up": N_("Your answers so far make this worth asking."),
    "interview.reason.safety": N_("We check this so that no warning sign is missed."),
    "interview.reason.urgency": N_("The answers may change how soon you need to see a doctor."),
    "interview.reason.causes": N_("The answers help show which cause is most likely."),
    "interview.reason.emergency": N_("Your answers need emergency help now, so the questions stop here."),
    "interview.reason.enough": N_("We have asked enough to give you advice."),
    "interview.reason.no_change": N_("More questions would be unlikely to change the advice."),
    "interview.reason.nothing_left": N_("More questions would be unlikely to change the advice."),
    # refused answers (app.core.engine.answers.AnswerKey): the 422 `msg`, naming the question
    AnswerKey.UNKNOWN_QUESTION: N_("unknown question id '%(question)s'"),
    AnswerKey.BOOLEAN: N_("'%(question)s' takes true or false, not %(got)s"),
    AnswerKey.SINGLE: N_("'%(question)s' takes one of %(values)s; got %(got)s"),
    AnswerKey.MULTI_NOT_LIST: N_("'%(question)s' takes a list of values from %(values)s"),
    AnswerKey.MULTI_NOT_OFFERED: N_("'%(question)s' does not offer %(offered)s; choose from %(values)s"),
    AnswerKey.MULTI_REPEAT: N_("'%(question)s' lists a value more than once"),
    AnswerKey.MULTI_EXCLUSIVE: N_("'%(question)s': '%(exclusive)s' cannot be combined with other values"),
    AnswerKey.NUMBER: N_("'%(question)s' takes a number, not %(got)s"),
    AnswerKey.NUMBER_RANGE: N_("'%(question)s' must be between %(min)s and %(max)s; got %(got)s"),
    AnswerKey.NUMBER_WHOLE: N_("'%(question)s' takes a whole number; got %(got)s"),
    "answers.unknown_listed": N_("unknown question id '%(question)s' in 'unknown'"),
    # refused diary entries and function-check answers (app.core.diary.entries.EntryKey), after the field
    EntryKey.UNKNOWN_ZONE: N_("not a known time zone (use a name such as Europe/London)"),
    EntryKey.SKIPPED_TIME: N_("does not exist in this time zone: the clocks skipped it (daylight saving)"),
    EntryKey.FUTURE: N_("is more than a day in the future"),
    EntryKey.BEFORE_2000: N_("is before the year 2000"),
    EntryKey.UNKNOWN_LOCATION: N_("not a body location this checker knows"),
    EntryKey.CONTROL_CHARACTERS: N_("contains control characters"),
    EntryKey.CHOOSE_AN_ANSWER: N_("choose an answer"),
    EntryKey.NOT_AN_ANSWER: N_("must be one of %(values)s"),
    EntryKey.NOT_A_QUESTION: N_("is not a question of this check"),
    # diary patterns (app.core.diary.patterns.PatternKey)
    PatternKey.TOTAL: N_("%(episodes)s on %(days)s in the last %(window)d days."),
    PatternKey.WHERE: N_("Where: %(places)s, %(share)s."),
    PatternKey.MOST_OFTEN: N_("Most often: %(places)s, %(share)s."),
    PatternKey.MOST_OFTEN_TIED: N_("Most often: %(places)s, %(share)s each."),
    PatternKey.TRIGGER: N_("%(trigger)s as a possible trigger: %(share)s."),
    PatternKey.CAFFEINE_HIGH: N_(
        "On days with %(cups)d or more cups of caffeine: %(rate)s (%(rate_episodes)d on %(days)s)."
    ),
    PatternKey.CAFFEINE_LOW: N_("On days with fewer cups: %(rate_number)s a day (%(rate_episodes)d on %(days)s)."),
    PatternKey.SLEEP_SHORT: N_(
        "After nights with less than %(hours)d hours of sleep: %(rate)s (%(rate_episodes)d on %(days)s)."
    ),
    PatternKey.SLEEP_ENOUGH: N_(
        "After nights with %(hours)d hours or more: %(rate_number)s a day (%(rate_episodes)d on %(days)s)."
    ),
    PatternKey.NIGHT: N_("In the evening or at night (6 pm to 6 am): %(share)s."),
    PatternKey.LAST_TWO_WEEKS: N_("Last 7 days: %(last_episodes)s. The 7 days before: %(before_episodes)s."),
    PatternKey.SMALL_SAMPLE: N_("With fewer than %(limit)d episodes, any pattern here may be chance."),
    # diary prefill reasons (app.core.diary.prefill.PrefillKey)
    PrefillKey.DURATION: N_(
        "Your diary's first entry is from %(first)s (%(ago)d days ago). "
        "If the twitching started before you began the diary, choose a longer time."
    ),
    PrefillKey.FREQUENCY: N_("Your diary has episodes on %(on)d of the last %(window)d days."),
    PrefillKey.LOCATIONS: N_("Places in your diary: %(place_counts)s"),
    PrefillKey.SPREADING: N_(
        "New places appeared in your diary a week or more after the first entry: %(places_since)s"
    ),
    # diary triggers (app.core.diary.entries.TRIGGERS), and the row of episodes with none noted
    "diary.trigger.caffeine": N_("Caffeine"),
    "diary.trigger.stress": N_("Stress"),
    "diary.trigger.short_sleep": N_("Short sleep"),
    "diary.trigger.exercise": N_("Exercise"),
    "diary.trigger.alcohol": N_("Alcohol"),
    "diary.trigger.nicotine": N_("Nicotine"),
    "diary.trigger.new_medicine": N_("A new medicine"),
    "diary.trigger.other": N_("Other"),
    "diary.trigger.none": N_("No trigger noted"),
    # pieces of the sentences above
    "list.and": N_(" and "),
    "list.comma": N_(", "),
    "diary.place_count": N_("%(place)s (%(count)d)"),
    "diary.place_since": N_("%(place)s (first on %(date)s)"),
    "diary.share.only": N_("the only episode"),
    "diary.share.none": N_("no episode"),
    "diary.rate.one": N_("%(rate)s episode a day"),
    "diary.rate.many": N_("%(rate)s episodes a day"),
}


#: What a person reads when a request cannot be served (app.web.errors), by error key: `title`
#: and `message` for a page, `detail` for the API. A key without a page (no `title`) is answered in
#: JSON everywhere.
ERRORS: Mapping[str, Mapping[str, str]] = {
    "not_found.page": {"title": N_("Page not found"), "message": N_("There is no page at this address.")},
    "not_found.assessment": {
        "title": N_("We could not find these answers"),
        "message": N_("The link may be mistyped, or the answers were deleted."),
        "detail": N_("No assessment with this id. It may have been deleted."),
    },
    "not_found.assessment_deleted": {"detail": N_("No assessment with this id. It may have been deleted already.")},
    "not_found.diary": {
        "title": N_("We could not find this diary"),
        "message": N_("The link may be mistyped, or the diary was deleted."),
        "detail": N_("No diary with this id. It may have been deleted."),
    },
    "not_found.entry": {"detail": N_("No entry with this id in this diary.")},
    "method_not_allowed": {"title": N_("Not available"), "message": N_("This page cannot be used that way.")},
    "payload_too_large": {"detail": N_("The request body is larger than %(kb)s KB.")},
    "too_many_requests": {"detail": N_("Too many requests. Please wait %(wait)s seconds and try again.")},
    "service_unavailable": {
        "title": N_("We cannot save or load answers right now"),
        "message": N_(
            "Our database is not answering. Nothing was lost on your side; please try again in a few "
            "minutes. If you have warning signs such as trouble breathing or sudden weakness, call your local "
            "emergency number now."
        ),
        "detail": N_("The database is unavailable right now; nothing was stored. Please try again in a minute."),
    },
    "internal": {"detail": N_("Something went wrong on our side; nothing was stored. Please try again.")},
}

#: The diary entry form's messages, by field (app.web.pages.diary)
DIARY_FORM: Mapping[str, str] = {
    "occurred_at": N_("Enter the date and time as on your clock"),
    "occurred_at.subject": N_("The date and time"),
    "location": N_("Choose where the twitching was"),
    "duration": N_("Enter a duration from 1 second to 12 hours"),
    "duration.unreadable": N_("Enter how long it lasted, as a number, and choose seconds, minutes or hours"),
    "intensity": N_("Choose how strong it was, from 1 to 5"),
    "number": N_("Enter a number, or leave it empty"),
    "caffeine_cups": N_("Enter a number of cups from 0 to 40, or leave it empty"),
    "sleep_hours": N_("Enter hours of sleep from 0 to 24, or leave it empty"),
    "note": N_("Keep the note under 500 characters"),
    "triggers": N_("Choose triggers from the list"),
    "timezone": N_("Your time zone was not recognised: choose one from the list"),
    "other": N_("Check this field"),
}

#: The questionnaire form's messages (app.web.pages.questionnaire)
QUESTIONNAIRE_FORM: Mapping[str, str] = {
    "number.help": N_(
        "Enter a number, for example 3 or 2.5 (a range such as 4-5 is fine), or leave it empty if you don't know."
    ),
    "number.range": N_(
        "Enter a number from %(low)s to %(high)s (a range such as 4-5 is fine), or leave it empty if you don't know."
    ),
    "number.whole_range": N_(
        "Enter a number from %(low)s to %(high)s (a whole number) (a range such as 4-5 is fine), "
        "or leave it empty if you don't know."
    ),
    "exclusive": N_("'%(option)s' cannot be ticked together with other answers."),
    "choose": N_("Choose one of the answers shown."),
}


def error_text(key: str, **params: object) -> dict[str, str]:
    """An error's texts (title, message, detail), translated, placeholders filled in."""
    return {name: _fill(value, params) for name, value in ERRORS[key].items()}


def form_text(catalogue: Mapping[str, str], key: str, **params: object) -> str:
    """A form message, translated, placeholders filled in."""
    return _fill(catalogue[key], params)


def _fill(template: str, params: Mapping[str, object]) -> str:
    """A catalogue string translated, then its %(name)s placeholders filled (a string without
    parameters is not %-formatted, so a literal % in it stays as written)."""
    return _(template) % params if params else _(template)


def text(key: str, **params: object) -> str:
    """The sentence for `key`, translated, its placeholders filled in. KeyError for an unknown key:
    a key without words is a bug the catalogue test catches, not something to show a person."""
    return _fill(MESSAGES[key], params)


def say(message: Message) -> str:
    """A domain message in words."""
    return text(message.key, **_phrases(message.params))


def prefill_reasons(prefill: Prefill) -> dict[str, str]:
    """Question id -> why the diary prefilled it (or left it to the person), in words."""
    return {qid: say(message) for qid, message in prefill.reasons.items()}


def trigger_label(trigger: str) -> str:
    """A possible trigger's label ("none": the episodes with no trigger noted)."""
    return text(f"diary.trigger.{trigger}")


def trigger_labels() -> dict[str, str]:
    """Every trigger id -> its label, in the order they are offered."""
    return {t: trigger_label(t) for t in TRIGGERS}


def reason_text(reason: str) -> str:
    """Why the interview shows a step (or stops), from the engine's reason key."""
    return text(f"interview.reason.{reason}")


# ---------------------------------------------------------------- numbers in words


def episodes(n: int) -> str:
    """ "1 episode", "2 episodes"."""
    return ngettext("%(num)d episode", "%(num)d episodes", n) % {"num": n}


def days(n: int) -> str:
    return ngettext("%(num)d day", "%(num)d days", n) % {"num": n}


def share(part: int, whole: int) -> str:
    """Part of a number of episodes: "3 of 8 episodes", "all 8 episodes", "the only episode"."""
    if whole == 1:
        return text("diary.share.only") if part else text("diary.share.none")
    if part == whole:
        return ngettext("all %(num)d episode", "all %(num)d episodes", whole) % {"num": whole}
    return ngettext("%(part)d of %(num)d episode", "%(part)d of %(num)d episodes", whole) % {"part": part, "num": whole}


def rate_number(n: int, number_of_days: int) -> str:
    """Episodes a day with at most one decimal: "2", "1.5" ("1,5" in Spanish)."""
    return decimal_text(round(n / number_of_days, 1))


def per_day(n: int, number_of_days: int) -> str:
    """ "2 episodes a day", "1.5 episodes a day", "1 episode a day"."""
    rate = rate_number(n, number_of_days)
    return text("diary.rate.one" if round(n / number_of_days, 1) == 1 else "diary.rate.many", rate=rate)


# ---------------------------------------------------------------- dates and numbers

#: Dates and times as each language writes them (CLDR patterns, formatted by Babel), by style. The
#: English keeps the day-month-year order the pages have always used ("1 Dec 2026").
DATE_FORMATS: Mapping[str, Mapping[str, str]] = {
    "en": {
        "date": "d MMM y",  # 1 Dec 2026
        "day": "d MMM",  # 1 Dec
        "month": "LLL",  # Dec
        "weekday": "EEE d MMM y",  # Tue 1 Dec 2026
        "long": "d MMMM y",  # 1 December 2026
        "datetime": "d MMM y, HH:mm",  # 1 Dec 2026, 14:05
        "long_datetime": "d MMMM y, HH:mm",  # 1 December 2026, 14:05
    },
    "es": {
        "date": "d MMM y",  # 1 dic 2026
        "day": "d MMM",  # 1 dic
        "month": "LLL",  # dic
        "weekday": "EEE, d MMM y",  # mar, 1 dic 2026
        "long": "d 'de' MMMM 'de' y",  # 1 de diciembre de 2026
        "datetime": "d MMM y, HH:mm",  # 1 dic 2026, 14:05
        "long_datetime": "d 'de' MMMM 'de' y, HH:mm",  # 1 de diciembre de 2026, 14:05
    },
}


def _pattern(style: str) -> str:
    formats = DATE_FORMATS.get(i18n.current().language) or DATE_FORMATS[i18n.DEFAULT_LANGUAGE]
    return formats[style]


def date_text(value: date, style: str = "date") -> str:
    """A date in the current language, in one of the `DATE_FORMATS` styles."""
    return i18n.format_date(value, _pattern(style))


def datetime_text(value: datetime, style: str = "datetime") -> str:
    """A date and time in the current language, in its own time zone (never converted)."""
    return i18n.format_datetime(value, _pattern(style))


def decimal_text(value: float) -> str:
    """A number as the current language writes it: 5.5 / 5,5; 2.0 is "2"."""
    return i18n.format_decimal(value)


def _phrases(params: Mapping[str, Any]) -> dict[str, object]:
    """A message's params as its sentence reads them. The names say how (app.core.diary.patterns):
    `*episodes` and `days` are counts, `share` a (part, whole), `rate` (episodes, days), `trigger`
    an id, `places` names joined with "and", `place_counts` / `places_since` (name, number or date)."""
    out: dict[str, object] = {}
    for name, value in params.items():
        if name == "share":
            out[name] = share(*value)
        elif name == "rate":
            n, number_of_days = value
            out.update(rate=per_day(n, number_of_days), rate_number=rate_number(n, number_of_days), rate_episodes=n)
        elif name == "trigger":
            out[name] = trigger_label(value)
        elif name in ("values", "offered"):
            out[name] = text("list.comma").join(value)
        elif name == "places":
            out[name] = text("list.and").join(value)
        elif name == "place_counts":
            out[name] = text("list.comma").join(text("diary.place_count", place=p, count=n) for p, n in value)
        elif name == "places_since":
            out[name] = text("list.comma").join(text("diary.place_since", place=p, date=d) for p, d in value)
        elif name.endswith("episodes"):
            out[name] = episodes(value)
        elif name == "days":
            out[name] = days(value)
        else:
            out[name] = value
    return out


#: every key the core can return, for the catalogue test (tests/web/test_messages.py)
CORE_KEYS: tuple[str, ...] = (
    *(f"interview.reason.{r}" for r in REASONS),
    *PatternKey,
    *PrefillKey,
    *AnswerKey,
    *EntryKey,
    *(f"diary.trigger.{t}" for t in (*TRIGGERS, "none")),
)
