"""The compiled catalogues the app loads, built from the .po files when missing or older (as
`make translations` does), and a page client that speaks a given language.

`app.web.i18n.translations` caches a language's catalogue for the process, so the .mo files are
brought up to date once, before any test here loads one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

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


def speaking(app: Any) -> Callable[..., Any]:
    """The app, its requests in the language and region of an `x-test-locale: es/mx` header.

    A stand-in for the locale middleware (`?lang=` / `?region=` and their cookie), which is
    written elsewhere: it sets the request's locale the same way, through `i18n.use`."""

    async def asgi(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        wanted = dict(scope.get("headers", [])).get(b"x-test-locale", b"en/neutral").decode()
        language, _, region = wanted.partition("/")
        token = i18n.use(i18n.RequestLocale(language, region or "neutral"))
        try:
            await app(scope, receive, send)
        finally:
            i18n.reset(token)

    return asgi


@pytest.fixture
def spanish(tmp_path: Path) -> Iterator[TestClient]:
    """A browser-like client whose pages are in Spanish, for Mexico."""
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'es.sqlite3'}", rate_limit=UNLIMITED, rate_limit_steps=UNLIMITED
    )
    app = speaking(create_app(settings))
    headers = {"x-test-locale": "es/mx"}
    with TestClient(app, base_url="https://testserver", raise_server_exceptions=False, headers=headers) as client:
        yield client
