"""Counts in words, singular or plural as the number needs: "1 episode", "2 episodes".

gettext-style, so that a translation catalogue (Babel) can take over later without touching the
callers: `ngettext` picks the form, and the form carries the number as `%(num)d`, as Jinja's i18n
extension does in templates (`{{ ngettext("%(num)d entry", "%(num)d entries", n) }}`).
"""

from __future__ import annotations

from gettext import ngettext


def counted(n: int, singular: str, plural: str) -> str:
    """`counted(1, "%(num)d episode", "%(num)d episodes")` -> "1 episode"."""
    return ngettext(singular, plural, n) % {"num": n}


def episodes(n: int) -> str:
    return counted(n, "%(num)d episode", "%(num)d episodes")


def days(n: int) -> str:
    return counted(n, "%(num)d day", "%(num)d days")


def share(part: int, whole: int) -> str:
    """Part of a number of episodes: "3 of 8 episodes", "all 8 episodes", "the only episode"."""
    if whole == 1:
        return "the only episode" if part else "no episode"
    if part == whole:
        return counted(whole, "all %(num)d episode", "all %(num)d episodes")
    return ngettext("%(part)d of %(num)d episode", "%(part)d of %(num)d episodes", whole) % {"part": part, "num": whole}


def per_day(n: int, number_of_days: int, *, unit: bool = True) -> str:
    """A rate with at most one decimal: "2 episodes a day", "1.5 episodes a day", "1 a day"."""
    rate = f"{n / number_of_days:.1f}".rstrip("0").rstrip(".")
    if not unit:
        return f"{rate} a day"
    return f"{rate} episode a day" if rate == "1" else f"{rate} episodes a day"
