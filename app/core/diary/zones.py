"""Time zones as a person chooses them: a list grouped by area, and a first guess from the
browser's languages when JavaScript cannot tell the browser's own zone.

The list holds one zone per place as the tz database lists them by country (`zone.tab`) and UTC;
every name in it is accepted by `check_zone`. Older names a browser may report (Asia/Calcutta)
are accepted too, and shown as an extra choice when they are in use.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from app.core.diary.entries import ZONES
from app.core.knowledge.regions import preferred_tags, territory_of

#: For countries with several zones, the one most people live in (zone.tab lists them by position,
#: so its first line can be a small place: Lord Howe Island for Australia, Newfoundland for Canada).
MAIN_ZONE = {
    "AU": "Australia/Sydney",
    "BR": "America/Sao_Paulo",
    "CA": "America/Toronto",
    "RU": "Europe/Moscow",
    "UA": "Europe/Kyiv",
    "UZ": "Asia/Tashkent",
}


@cache
def _zone_tab() -> tuple[tuple[str, str], ...]:
    """(country code, zone) for each line of the tz database's zone.tab, in its order."""
    text = resources.files("tzdata").joinpath("zoneinfo/zone.tab").read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if line and not line.startswith("#"):
            country, _, zone = line.split("\t")[:3]
            if zone in ZONES:
                rows.append((country, zone))
    return tuple(rows)


@cache
def zone_groups() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The zones to choose from, grouped by area (Africa, America, ...) and sorted, UTC last."""
    by_area: dict[str, set[str]] = {}
    for _, zone in _zone_tab():
        by_area.setdefault(zone.split("/", 1)[0], set()).add(zone)
    groups = [(area, tuple(sorted(zones))) for area, zones in sorted(by_area.items())]
    return (*groups, ("UTC", ("UTC",)))


@cache
def _country_zones() -> dict[str, str]:
    first: dict[str, str] = {}
    for country, zone in _zone_tab():
        first.setdefault(country, zone)
    return first | {c: z for c, z in MAIN_ZONE.items() if z in ZONES}


def zone_from_languages(accept_language: str | None) -> str | None:
    """A first guess at the person's zone from an Accept-Language header ("en-GB,en;q=0.8" ->
    Europe/London): the first language, by preference, that names a country. None if none does."""
    zones = _country_zones()
    for tag in preferred_tags(accept_language):
        country = territory_of(tag)
        if country in zones:
            return zones[country]
    return None
