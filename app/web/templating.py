"""The Jinja2 environment of the pages: templates under `templates/`, autoescaped, with the few
globals they call (fingerprinted asset URLs, core messages in words, the function check's chart),
the interface's words in the request's language, and what every page shows about it.

Sentences are gettext messages (`app.web.i18n`): `_()`, `ngettext()` and `{% trans %}` blocks,
newstyle (placeholders are filled and escaped by Jinja, `%` is written `%%`), with whitespace
trimmed the way `babel.cfg` extracts them. Dates and numbers go through the Babel filters
(`format_date` and friends, `messages.DATE_FORMATS` names the patterns). The context processor gives
every page the current language, the languages offered, and the region's words: the emergency
number and the names of the services a person is told to use are never written into a template.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from babel import Locale
from fastapi import Request
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from app.core.knowledge import regions as regions_data
from app.settings import PROJECT_ROOT
from app.web import i18n, messages
from app.web.assets import FingerprintedStatic
from app.web.views.function_chart import chart_of


def language_name(code: str) -> str:
    """A language's name in itself, as a switch shows it ("English", "Español"), from Babel's data."""
    name = Locale.parse(code).get_display_name(code) or code
    return name[:1].upper() + name[1:]


@dataclass(frozen=True)
class PageRegion:
    """The current region's words in the current language, with its id and number to dial."""

    id: str
    emergency_number: str | None
    name: str
    emergency: str
    emergency_department: str
    urgent_help: str
    doctor: str

    @property
    def emergency_link(self) -> Markup:
        """The emergency number as a tap-to-call link where the region has one, else its words."""
        if self.emergency_number:
            return Markup('<a href="tel:{}" class="tel">{}</a>').format(self.emergency_number, self.emergency)
        return Markup("{}").format(self.emergency)


def page_region(locale: i18n.RequestLocale | None = None) -> PageRegion:
    locale = locale or i18n.current()
    region = regions_data.load().get(locale.region)
    words = region.words.get(locale.language) or region.words[i18n.DEFAULT_LANGUAGE]
    return PageRegion(id=region.id, emergency_number=region.emergency_number, **words.model_dump())


def region_choices(language: str) -> list[tuple[str, str]]:
    """Every region's id and name in `language`, for the region switch."""
    return [(r.id, (r.words.get(language) or r.words[i18n.DEFAULT_LANGUAGE]).name) for r in regions_data.load().regions]


def page_context(request: Request) -> dict[str, Any]:
    """What every page is given: `language`, `languages` (code, name), `region`, `regions` (id, name)."""
    locale = i18n.current()
    return {
        "language": locale.language,
        "languages": [(code, language_name(code)) for code in i18n.LANGUAGES],
        "region": page_region(locale),
        "regions": region_choices(locale.language),
    }


def _date(value: date, style: str = "date") -> str:
    return messages.date_text(value, style)


def _time(value: datetime, format: str = "HH:mm") -> str:  # noqa: A002 - Babel's own name
    return i18n.format_time(value, format)


def templates(static: FingerprintedStatic) -> Jinja2Templates:
    built = Jinja2Templates(directory=PROJECT_ROOT / "templates", context_processors=[page_context])  # autoescaped
    env = built.env
    env.globals["asset"] = static.url
    env.globals["say"] = messages.say  # a core message (key, params) in words
    env.globals["function_chart"] = chart_of  # a diary's function checks as a chart
    env.add_extension("jinja2.ext.i18n")
    env.policies["ext.i18n.trimmed"] = True  # as babel.cfg extracts them
    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=i18n.gettext, ngettext=i18n.ngettext, newstyle=True, pgettext=i18n.pgettext
    )
    env.filters["format_date"] = _date  # a named style of messages.DATE_FORMATS: "date", "day", "long"...
    env.filters["format_datetime"] = messages.datetime_text
    env.filters["format_time"] = _time
    env.filters["format_decimal"] = messages.decimal_text
    return built
