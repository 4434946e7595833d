"""A refused form says why, without blaming the person, and keeps the answers when it is safe to.

The CSRF token is good for four hours; its cookie lives longer, so an old form is "expired", and
only a browser that sent no cookie at all hears about cookies. The answers come back in a
"Try again" form with a fresh token, but only for a request the browser says came from this
site: a fresh token beside another site's fields would defeat the CSRF check.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from itsdangerous import TimestampSigner, URLSafeTimedSerializer

from app.main import create_app
from app.settings import Settings
from app.web import csrf
from app.web.csrf import MAX_AGE, SALT
from app.web.deps import check_csrf
from app.web.errors import every_route, is_page_path
from tests.conftest import UNLIMITED
from tests.pages.kept import progress_of
from tests.pages.walker import hidden_fields, questions_shown

COOKIE = "__Host-csrf"
SAME_ORIGIN = {"sec-fetch-site": "same-origin"}


class _Earlier(TimestampSigner):
    def get_timestamp(self) -> int:
        return int(time.time()) - MAX_AGE - 60


class _Old(URLSafeTimedSerializer):
    default_signer = _Earlier


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path, rate_limit=UNLIMITED, rate_limit_steps=UNLIMITED)


@pytest.fixture
def browser(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings), base_url="https://testserver", raise_server_exceptions=False) as client:
        yield client


def expire_the_form(browser: TestClient, settings: Settings, fields: dict[str, str]) -> None:
    """As if the page had been shown more than MAX_AGE ago: its token, signed then, in the cookie."""
    signed = _Old(csrf.signing_secret(settings), salt=SALT).dumps(fields["csrf_token"])
    # replaces the cookie the page set (http.cookiejar keeps a dotless host's cookies under ".local")
    browser.cookies.set(COOKIE, signed, domain="testserver.local", path="/")


def test_an_expired_form_says_so_and_keeps_the_answers(browser: TestClient, settings: Settings) -> None:
    first = browser.get("/check")
    none = {**hidden_fields(first.text), "nav": "none"}  # the first warning signs: "None of these"
    page = browser.post("/check", data=none)
    signs = {qid: "no" for qid in questions_shown(page.text)} | {"fever": "no", "confusion": "unknown"}
    fields = hidden_fields(page.text)
    assert fields["at"] == "1" and "fever" in signs and "cannot_swallow" not in signs
    expire_the_form(browser, settings, fields)
    refused = browser.post("/check", data={**fields, "nav": "next", **signs}, headers=SAME_ORIGIN)
    assert refused.status_code == 403
    assert "This form has expired" in refused.text and 'data-reason="expired"' in refused.text
    assert "cookie" not in refused.text.split("<main", 1)[1].split("</main>", 1)[0].lower()  # no blame
    kept = hidden_fields(refused.text)
    assert {k: kept[k] for k in signs} == signs and kept["at"] == fields["at"] and kept["nav"] == "next"
    assert kept["csrf_token"] != fields["csrf_token"]  # a fresh token, with a fresh cookie
    again = browser.post("/check", data=kept, follow_redirects=False)
    assert again.status_code == 303 and again.headers["location"] == "/check?step=2"
    assert "fever" not in questions_shown(browser.get(again.headers["location"]).text)  # the step after
    progress = progress_of(browser)  # this step's answers, and the earlier step's still there
    assert progress is not None and progress.state["fever"] is False and progress.unknown == ["confusion"]
    assert progress.state["cannot_swallow"] is False and len(progress.trail) == 3


def test_a_form_from_another_site_is_not_offered_a_fresh_token(browser: TestClient, settings: Settings) -> None:
    fields = hidden_fields(browser.get("/check").text)
    expire_the_form(browser, settings, fields)
    for headers in ({}, {"sec-fetch-site": "cross-site"}, {"origin": "https://evil.example"}):
        refused = browser.post("/check", data={**fields, "nav": "next", "fever": "no"}, headers=headers)
        assert refused.status_code == 403 and "This form has expired" in refused.text
        assert 'data-testid="try-again"' not in refused.text and "reload the page" in refused.text
    same_host = browser.post(
        "/check", data={**fields, "nav": "next"}, headers={"origin": "https://testserver"}
    )  # a browser without Sec-Fetch-Site, on this site
    assert 'data-testid="try-again"' in same_host.text


def test_only_a_browser_that_sent_no_cookie_hears_about_cookies(browser: TestClient) -> None:
    fields = hidden_fields(browser.get("/check").text)
    browser.cookies.clear()
    answers = {"breathing_difficulty": "no", "cannot_swallow": "unknown", "swallowing_difficulty": "no"}
    answers |= {"speech_difficulty": "no"}
    refused = browser.post("/check", data={**fields, "nav": "next", **answers}, headers=SAME_ORIGIN)
    assert refused.status_code == 403 and 'data-reason="no_cookie"' in refused.text
    assert "cookies are blocked" in refused.text and "expired" not in refused.text.lower()
    kept = hidden_fields(refused.text)  # kept: cookies may only have been cleared
    assert kept["at"] == fields["at"] and {k: kept[k] for k in answers} == answers
    again = browser.post("/check", data=kept, follow_redirects=False)  # cookies allowed again: it carries on
    assert again.status_code == 303 and again.headers["location"] == "/check?step=1"
    progress = progress_of(browser)
    assert progress is not None and progress.state["breathing_difficulty"] is False
    assert progress.unknown == ["cannot_swallow"]


def test_every_form_route_checks_csrf(settings: Settings) -> None:
    """Every route that takes a form (a POST, PUT, PATCH or DELETE outside the JSON API) declares
    the CSRF dependency, so a new form route cannot forget it."""
    app = create_app(settings)
    form_routes = [
        route
        for route in every_route(app.routes)
        if isinstance(route, APIRoute) and route.methods - {"GET", "HEAD"} and is_page_path(route.path)
    ]
    assert len(form_routes) >= 10  # the questionnaire's, the result's and the diary's forms
    unchecked = [
        route.path for route in form_routes if check_csrf not in {d.call for d in route.dependant.dependencies}
    ]
    assert not unchecked, f"form routes without dependencies=[CsrfChecked]: {unchecked}"


def test_a_form_without_a_token_is_refused_before_the_route_runs(browser: TestClient) -> None:
    """The dependency answers 403 (the try-again page) before the route looks anything up."""
    browser.get("/diary")  # the security cookie
    refused = browser.post("/diary/no-such-diary/entries", data={"intensity": "3"}, headers=SAME_ORIGIN)
    assert refused.status_code == 403
    assert 'data-testid="try-again-page"' in refused.text
