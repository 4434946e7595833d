"""The time-zone list and the guess from the browser's languages."""

from __future__ import annotations

import pytest

from app.core.diary.entries import ZONES
from app.core.diary.zones import zone_from_languages, zone_groups


def test_the_list_is_grouped_sorted_and_only_holds_accepted_zones() -> None:
    groups = zone_groups()
    areas = [area for area, _ in groups]
    assert areas == sorted(areas) and areas[-1] == "UTC"
    assert {"Africa", "America", "Asia", "Australia", "Europe", "Pacific"} <= set(areas)
    for area, zones in groups:
        assert list(zones) == sorted(zones) and all(z in ZONES for z in zones)
        assert all(z.startswith(area) for z in zones)
    listed = {z for _, zones in groups for z in zones}
    assert {"Europe/London", "America/New_York", "Asia/Tokyo", "UTC"} <= listed
    assert not {"US/Eastern", "EST5EDT", "Etc/GMT+5"} & listed  # legacy aliases are accepted, not offered


@pytest.mark.parametrize(
    ("header", "zone"),
    [
        ("en-GB,en;q=0.9", "Europe/London"),
        ("en-US,en;q=0.5", "America/New_York"),
        ("en;q=0.9,de-DE;q=0.8", "Europe/Berlin"),
        ("fr-CH;q=0.5,pt-BR;q=0.9", "America/Sao_Paulo"),  # by preference, not by position
        ("en-AU", "Australia/Sydney"),  # not Lord Howe Island, zone.tab's first Australian line
        ("zh-Hant-TW", "Asia/Taipei"),
        ("en", None),
        ("es-419", None),
        ("", None),
        (None, None),
        ("de-DE;q=abc", None),
    ],
)
def test_a_guess_from_the_browser_s_languages(header: str | None, zone: str | None) -> None:
    assert zone_from_languages(header) == zone
