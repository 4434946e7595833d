"""The request's language and region, and the interface text in that language.

A request's locale is worked out once, by `app.web.middleware.locale`, and kept in a context
variable for the rest of the request: the templates, the message catalogue and the presenters
all read it through the functions here, so none of them passes a language around.

Interface sentences are gettext messages: marked in code with `_()`/`ngettext()` from this module
and in the templates with Jinja2's i18n extension, extracted with `pybabel extract` into
`locales/messages.pot`, translated in `locales/<language>/LC_MESSAGES/messages.po` and compiled to
`.mo` files (`make translations`). English is the source language: it needs no catalogue.
Dates and numbers are formatted by Babel for the language (`format_date`, `format_decimal`).
"""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from gettext import NullTranslations

from babel import Locale, UnknownLocaleError
from babel.dates import format_date as _babel_date
from babel.dates import format_datetime as _babel_datetime
from babel.dates import format_time as _babel_time
from babel.numbers import format_decimal as _babel_decimal
from babel.support import Translations

from app.core.knowledge import regions
from app.settings import PROJECT_ROOT

DEFAULT_LANGUAGE = "en"  # the source language: the code, templates and data/causes.yaml are written in it
LOCALES_DIR = PROJECT_ROOT / "locales"


def _offered() -> tuple[str, ...]:
    """English, then every language with a catalogue (`locales/<lang>/LC_MESSAGES/messages.po`):
    adding a language is adding its files (README, "Languages and regions"); the app then refuses
    to start until its knowledge-base files are complete too."""
    found = sorted(po.parents[1].name for po in LOCALES_DIR.glob("*/LC_MESSAGES/messages.po"))
    return (DEFAULT_LANGUAGE, *found)


#: The languages the app speaks, the first being the default and the source language.
LANGUAGES: tuple[str, ...] = _offered()


@dataclass(frozen=True)
class RequestLocale:
    """A request's language (`en`, `es`) and region id (`uk`, `us`, `es`, `mx`, `neutral`)."""

    language: str = DEFAULT_LANGUAGE
    region: str = "neutral"


_current: ContextVar[RequestLocale] = ContextVar("twitchcheck_locale", default=RequestLocale())  # noqa: B039 - frozen


def current() -> RequestLocale:
    return _current.get()


def use(locale: RequestLocale) -> object:
    """Make `locale` the current one (for the rest of this request or task); returns a token for `reset`."""
    return _current.set(locale)


def reset(token: object) -> None:
    _current.reset(token)  # type: ignore[arg-type]


@cache
def translations(language: str) -> NullTranslations:
    """The compiled catalogue of `language` (English, the source language, translates to itself).

    A missing `.mo` file for a language the app offers is an error at start-up, not English text
    shown silently: `make translations` compiles them.
    """
    if language == DEFAULT_LANGUAGE:
        return NullTranslations()
    mo = LOCALES_DIR / language / "LC_MESSAGES" / "messages.mo"
    if not mo.is_file():
        raise FileNotFoundError(f"{mo} is missing: run `make translations` (pybabel compile)")
    return Translations.load(LOCALES_DIR, [language])


def gettext(message: str) -> str:
    return translations(current().language).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(current().language).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return translations(current().language).pgettext(context, message)


_ = gettext


#: A language's territory for dates and numbers when the region names none: English dates stay
#: day-month-year ("5 December 2026"), as the app has always written them.
_DEFAULT_TERRITORY = {"en": "GB"}


def babel_locale() -> Locale:
    """Babel's locale for the request: its language with the region's country (en_US writes
    "December 5, 2026", es_MX and es_ES their own ways)."""
    locale = current()
    return _babel_locale(locale.language, locale.region)


@cache
def _babel_locale(language: str, region: str) -> Locale:
    territories = regions.load().get(region).territories
    territory = territories[0] if territories else _DEFAULT_TERRITORY.get(language)
    if territory:
        try:
            return Locale.parse(f"{language}_{territory}")
        except (ValueError, UnknownLocaleError):
            pass
    return Locale.parse(language)


def format_date(value: date, format: str = "long") -> str:  # noqa: A002 - Babel's own name
    """'5 December 2026' in English, '5 de diciembre de 2026' in Spanish."""
    return _babel_date(value, format=format, locale=babel_locale())


def format_datetime(value: datetime, format: str = "medium") -> str:  # noqa: A002
    return _babel_datetime(value, format=format, locale=babel_locale())


def format_time(value: datetime, format: str = "short") -> str:  # noqa: A002
    return _babel_time(value, format=format, locale=babel_locale())


def format_decimal(value: float, format: str | None = None) -> str:  # noqa: A002
    """1.5 in English, 1,5 in Spanish."""
    return _babel_decimal(value, format=format, locale=babel_locale())
