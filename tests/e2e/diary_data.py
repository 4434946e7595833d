"""Diaries for the browser tests, made through the JSON API of the running server (no CSRF, no clicks)."""

from __future__ import annotations

import json
import urllib.request
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

LONG_WORD = "Twitchy" * 40  # one 280-character word: a phone cannot fit it on a line
LONG_URL = "https://example.org/" + "a-very-long-path-segment/" * 12 + "?with=query&and=more"


def api(server_url: str, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
    request = urllib.request.Request(
        server_url + path,
        method=method,
        data=None if body is None else json.dumps(body).encode(),
        headers={"content-type": "application/json"},
    )
    with urllib.request.urlopen(request) as response:
        return json.load(response) if response.status != 204 else None


def make_diary(server_url: str, zone: str, entries: list[dict[str, Any]]) -> str:
    key = api(server_url, "POST", "/api/diaries", {"timezone": zone})["id"]
    for entry in entries:
        api(server_url, "POST", f"/api/diaries/{key}/entries", {"timezone": zone} | entry)
    return key


def rich_diary(server_url: str, zone: str = "Europe/London") -> str:
    """Thirty days of entries in many places, some of them with long names, triggers, cups and sleep,
    and notes with a long URL and a long word."""
    today = datetime.now(ZoneInfo(zone)).replace(hour=9, minute=15, second=0, microsecond=0)
    places = ["calf", "widespread", "arm", "face", "eyelid", "chest_abdomen", "neck_shoulder", "hand", "foot"]
    entries: list[dict[str, Any]] = []
    for days_ago in range(29, -1, -1):
        for n in range(1 + days_ago % 3):
            when = today - timedelta(days=days_ago) + timedelta(hours=2 * n)
            entries.append(
                {
                    "occurred_at": when.strftime("%Y-%m-%dT%H:%M"),
                    "location": places[(days_ago + n) % len(places)],
                    "duration_seconds": 5 + days_ago,
                    "intensity": 1 + days_ago % 5,
                    "triggers": [["caffeine"], ["stress"], ["short_sleep", "new_medicine"], []][days_ago % 4],
                    "caffeine_cups": 5 if days_ago % 2 else 1,
                    "sleep_hours": 5 if days_ago % 3 else 7.5,
                }
            )
    entries[-1]["note"] = f"Read {LONG_URL} about it"
    entries[-2]["note"] = LONG_WORD
    return make_diary(server_url, zone, entries)
