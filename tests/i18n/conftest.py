"""The compiled catalogues the app loads, built from the .po files when missing or older (as
`make translations` does), and a page client from Mexico, whose browser asks for Spanish.

`app.web.i18n.translations` caches a language's catalogue for the process, so the .mo files are
brought up to date once, before any test here loads one.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from fastapi.testclient import TestClient

from app.main import create_app
from app.settings import Settings
from app.web import i18n
from tests.conftest import UNLIMITED

LOCALES = i18n.LOCALES_DIR
POT = LOCALES / "messages.pot"


def po_path(language: str) -> Path:
    return LOCALES / language / "LC_MESSAGES" / "messages.po"


@pytest.fixture(scope="session", autouse=True)
def compiled_catalogues() -> None:
    for language in i18n.LANGUAGES[1:]:
        po = po_path(language)
        mo = po.with_suffix(".mo")
        if not mo.is_file() or mo.stat().st_mtime < po.stat().st_mtime:
            with po.open("rb") as source:
                catalog = read_po(source, locale=language)
            with mo.open("wb") as target:
                write_mo(target, catalog)
    i18n.translations.cache_clear()


@pytest.fixture
def spanish(tmp_path: Path) -> Iterator[TestClient]:
    """A browser-like client whose pages are in Spanish, for Mexico."""
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'es.sqlite3'}", rate_limit=UNLIMITED, rate_limit_steps=UNLIMITED
    )
    app = create_app(settings)
    headers = {"accept-language": "es-MX,es;q=0.9"}  # a browser in Mexico (the locale middleware decides)
    with TestClient(app, base_url="https://testserver", raise_server_exceptions=False, headers=headers) as client:
        yield client
