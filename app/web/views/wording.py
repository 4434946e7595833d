"""Dates and counts in the request's language, for the domain's texts that hold them.

The core fills its placeholders (`{next_date}`, `{weeks}`) through a `Wording` it is given, so
it holds no language of its own; this is the one the pages and the API give it.
"""

from __future__ import annotations

from datetime import date

from app.core.diary.function_check import Wording
from app.web import i18n


def _day(d: date) -> str:
    return i18n.format_date(d, "long")  # "19 December 2026", "19 de diciembre de 2026"


def _weeks(n: int) -> str:
    return i18n.ngettext("%(num)d week", "%(num)d weeks", n) % {"num": n}


#: What the request's language makes of a date and a number of weeks.
REQUEST = Wording(day=_day, weeks=_weeks)
