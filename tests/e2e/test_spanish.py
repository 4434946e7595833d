"""Every page in Spanish, as a person in Mexico meets it in Chromium: `<html lang="es">`, nothing
left in English (neither an interface sentence nor a knowledge-base text), axe clean, and nothing
scrolls sideways at 320 px, where Spanish sentences are longest. Screenshots at 390 and 1280 px
go to docs/screenshots/es/ with TWITCHCHECK_SCREENSHOTS=1.

Citations keep their publishers' English titles and are marked `lang="en"`; they are the only
English a page may hold, and the check leaves them out.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po

from app.core.knowledge import regions, translations
from app.core.knowledge.loader import DEFAULT_PATH, read_yaml
from app.core.knowledge.localized import localized_data
from app.web import i18n
from tests.e2e.diary_data import api
from tests.e2e.driver import assert_accessible, follow

SHOTS = (
    Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "es"
    if os.environ.get("TWITCHCHECK_SCREENSHOTS")
    else Path(tempfile.gettempdir()) / "twitchcheck-screenshots" / "es"
)
# English that never occurs in Spanish: the commonest English words of the interface and the advice
ENGLISH_WORDS = re.compile(r"\b(the|and|your|you|with|this|that|what|which|have|when|about|doctor|twitching)\b", re.I)
_SPLIT = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w+\}|<[^>]+>")


def english_fragments() -> set[str]:
    """Pieces of every English sentence the pages could show (interface messages and the knowledge
    base's texts, split where a value is put in) that are long enough to be unmistakably English."""
    with (i18n.LOCALES_DIR / "es" / "LC_MESSAGES" / "messages.po").open("rb") as po:
        catalogue = read_po(po)
    english: list[str] = []
    for message in catalogue:
        if message.id:
            english += list(message.id) if isinstance(message.id, tuple) else [message.id]
    words = regions.load().by_id("mx").words["en"]
    base = localized_data(read_yaml(DEFAULT_PATH.read_text(encoding="utf-8")), {}, "en", words)
    english += [text for _, text in translations.texts_of(base)]
    pieces = {piece.strip(" .,:;()") for text in english for piece in _SPLIT.split(text)}
    return {piece for piece in pieces if len(piece) >= 15 and piece.count(" ") >= 2}


FRAGMENTS = english_fragments()


@pytest.fixture(scope="module")
def made(server_url: str) -> dict[str, str]:
    """An assessment, an emergency, and a diary with entries and two function checks, made through the API."""
    calm = {"age": 34, "locations": ["eyelid", "calf"], "duration": "weeks", "caffeine_cups_per_day": 6}
    result = api(server_url, "POST", "/api/assessments", {"answers": calm | {"stress_level": "high"}})["id"]
    emergency = api(server_url, "POST", "/api/assessments", {"answers": {"cannot_swallow": True, "age": 60}})["id"]
    diary = api(server_url, "POST", "/api/diaries", {"timezone": "America/Mexico_City"})["id"]
    for hour in (8, 13, 20):
        entry = {"timezone": "America/Mexico_City", "location": "calf", "duration_seconds": 20, "intensity": 2}
        entry["triggers"] = ["caffeine"]
        api(server_url, "POST", f"/api/diaries/{diary}/entries", entry | {"occurred_at": f"2026-12-01T{hour:02d}:00"})
    api(server_url, "POST", f"/api/diaries/{diary}/function-checks", {"answers": dict.fromkeys(_ITEMS, "same")})
    return {"result": result, "emergency": emergency, "diary": diary}


_ITEMS = ("buttons", "jars", "stairs", "walking", "speech", "swallowing")


def pages(made: dict[str, str]) -> list[tuple[str, str]]:
    diary, result = made["diary"], made["result"]
    return [
        ("home", "/"),
        ("interview", "/check"),
        ("full-questionnaire", "/check/full"),
        ("results", f"/results/{result}"),
        ("report", f"/results/{result}/report"),
        ("results-delete", f"/results/{result}/delete"),
        ("emergency", f"/results/{made['emergency']}"),
        ("about-safety", "/about/safety"),
        ("privacy", "/privacy"),
        ("diary-start", "/diary"),
        ("diary", f"/diary/{diary}"),
        ("diary-report", f"/diary/{diary}/report"),
        ("diary-function-check", f"/diary/{diary}/function-check"),
        ("diary-delete", f"/diary/{diary}/delete"),
        ("not-found", "/no-such-page"),
    ]


@pytest.fixture
def mexico(browser: Any, server_url: str) -> Iterator[Any]:
    context = browser.new_context(base_url=server_url, locale="es-MX", timezone_id="America/Mexico_City")
    yield context.new_page()
    context.close()


def visible_text(page: Any) -> str:
    """The page's text as a person reads it, citations (marked lang="en") left out."""
    return page.evaluate(
        """() => { const body = document.body.cloneNode(true);
                   body.querySelectorAll('[lang="en"], script, style').forEach(e => e.remove());
                   return body.innerText; }"""
    )


def test_every_page_is_in_spanish_and_fits(mexico: Any, made: dict[str, str]) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    for name, path in pages(made):
        mexico.set_viewport_size({"width": 320, "height": 700})
        mexico.goto(path)
        assert mexico.evaluate("document.documentElement.lang") == "es", path
        text = visible_text(mexico)
        left = sorted(f for f in FRAGMENTS if f in text)
        assert not left, f"{path}: English left: {left[:5]}"
        words = sorted({m.group(0) for m in ENGLISH_WORDS.finditer(text)})
        assert not words, f"{path}: English words: {words}"
        wide, window = mexico.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        assert wide <= window, f"{path} scrolls sideways at 320 px ({wide} > {window})"
        assert_accessible(mexico)
        for width in (390, 1280):
            mexico.set_viewport_size({"width": width, "height": 900})
            mexico.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)


def test_the_emergency_number_is_a_tap_to_call_link(mexico: Any, made: dict[str, str]) -> None:
    mexico.goto(f"/results/{made['emergency']}")
    link = mexico.locator('a[href="tel:911"]').first
    assert link.is_visible() and link.inner_text() == "911"


def test_the_language_switch_works_without_javascript_and_is_remembered(browser: Any, server_url: str) -> None:
    context = browser.new_context(base_url=server_url, java_script_enabled=False, locale="en-GB")
    page = context.new_page()
    page.goto("/privacy")
    assert page.evaluate("document.documentElement.lang") == "en"
    follow(page, 'a[href*="lang=es"]')
    assert page.evaluate("document.documentElement.lang") == "es" and "/privacy" in page.url
    page.goto("/about/safety")  # remembered in a cookie for the next pages
    assert page.evaluate("document.documentElement.lang") == "es"
    context.close()


def test_a_long_question_of_the_function_check_stays_inside_its_card(mexico: Any, server_url: str) -> None:
    """At 320 px the Spanish task names wrap to two or three lines; each must sit inside its white
    card, not on the card's top border (a fieldset draws its border through its legend)."""
    diary = api(server_url, "POST", "/api/diaries", {"timezone": "America/Mexico_City"})["id"]
    mexico.set_viewport_size({"width": 320, "height": 800})
    mexico.goto(f"/diary/{diary}/function-check")
    boxes = mexico.eval_on_selector_all(
        '[data-testid="function-check-form"] legend',
        """els => els.map(l => { const card = l.closest('.question');
             const a = l.getBoundingClientRect(), b = card.getBoundingClientRect();
             return [l.textContent.trim(), a.top - b.top, b.bottom - a.bottom]; })""",
    )
    assert boxes and all(top > 0 and bottom > 0 for _, top, bottom in boxes), boxes
