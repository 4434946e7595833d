"""A real server and a real headless Chromium (Debian's, driven by Playwright; never `playwright install`).

Without Chromium: in CI, or as root (where `make test` installs it), the tests fail; elsewhere
they are skipped with the command to run.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.servers import running_app

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("e2e") / "e2e.sqlite3"
    with running_app(f"sqlite:///{db}") as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        message = "Chromium is not installed: sudo apt-get install -y chromium"
        if os.environ.get("CI") or os.geteuid() == 0:
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, server_url: str):  # type: ignore[no-untyped-def]
    # A browser in the UK (Accept-Language en-GB): British dates, 999 and "your GP", as the suite expects
    context = browser.new_context(base_url=server_url, viewport={"width": 390, "height": 844}, locale="en-GB")
    page = context.new_page()
    page.foreign_requests = []  # type: ignore[attr-defined]
    page.on(
        "request",
        lambda request: None if request.url.startswith(server_url) else page.foreign_requests.append(request.url),
    )
    yield page
    assert page.foreign_requests == [], "a page made a request to another origin"  # type: ignore[attr-defined]
    context.close()
