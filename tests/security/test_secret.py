"""The CSRF secret survives restarts: made once, kept in the data directory, shared by processes."""

from __future__ import annotations

import stat
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app import secretfile
from app.main import create_app
from app.settings import Settings
from app.web import csrf
from tests.conftest import UNLIMITED
from tests.pages.kept import progress_of
from tests.pages.walker import hidden_fields, questions_shown


def settings(data_dir: Path, **overrides: object) -> Settings:
    options: dict = {"data_dir": data_dir, "rate_limit": UNLIMITED, **overrides}
    return Settings(**options)


def test_a_restart_between_two_steps_of_the_questionnaire_loses_nothing(tmp_path: Path) -> None:
    with TestClient(create_app(settings(tmp_path)), base_url="https://testserver") as before:
        first = before.get("/check")
        page = before.post("/check", data={**hidden_fields(first.text), "nav": "none"})  # the first warning signs
        fields = hidden_fields(page.text)
        signs = {qid: "no" for qid in questions_shown(page.text)}
        cookies = before.cookies  # the browser keeps them as they were set (path, domain)
    assert fields["csrf_token"] and fields["at"] == "1" and "interview" in "".join(cookies)
    csrf.read_secret.cache_clear()  # a new process: nothing remembered but what is in the data directory
    # the server restarts: a new app, the same data directory, the same browser
    with TestClient(create_app(settings(tmp_path)), base_url="https://testserver", cookies=cookies) as after:
        step = after.post("/check", data={**fields, "nav": "next", **signs}, follow_redirects=False)
        assert step.status_code == 303 and step.headers["location"] == "/check?step=2", step.text[:500]
        shown = questions_shown(after.get(step.headers["location"]).text)
        kept = progress_of(after)  # the progress cookie signed before the restart was read after it
    assert shown and not set(shown) & set(signs) and "cannot_swallow" not in shown  # the step after
    assert kept is not None and len(kept.trail) == 3
    assert kept.state["cannot_swallow"] is False  # answered before the restart
    assert all(kept.state[qid] is False for qid in signs)  # and after it


def test_the_secret_file_is_private_and_made_once(tmp_path: Path) -> None:
    first = csrf.signing_secret(settings(tmp_path))
    path = tmp_path / secretfile.FILE_NAME
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(first) >= 32 and path.read_text().strip() == first
    csrf.read_secret.cache_clear()  # the next start
    assert csrf.signing_secret(settings(tmp_path)) == first  # reads it
    assert csrf.signing_secret(settings(tmp_path / "elsewhere")) != first


def test_processes_starting_together_agree_on_one_secret(tmp_path: Path) -> None:
    with ThreadPoolExecutor(8) as pool:
        found = set(pool.map(lambda _: secretfile.load_or_create(tmp_path / "s"), range(32)))
    assert len(found) == 1


def test_a_configured_secret_wins_and_no_file_is_made(tmp_path: Path) -> None:
    assert csrf.signing_secret(settings(tmp_path, secret_key="k" * 40)) == "k" * 40
    assert not (tmp_path / secretfile.FILE_NAME).exists()


def test_an_unusable_secret_file_stops_the_start_with_a_clear_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / secretfile.FILE_NAME).write_text("")
    monkeypatch.setattr(secretfile, "WAIT_SECONDS", 0.1)
    with pytest.raises(secretfile.SecretFileError, match="delete it"):
        csrf.signing_secret(settings(tmp_path))


def test_a_data_directory_that_cannot_hold_the_secret_says_what_to_do(tmp_path: Path) -> None:
    not_a_directory = tmp_path / "file"
    not_a_directory.write_text("")
    with pytest.raises(secretfile.SecretFileError, match="TWITCHCHECK_SECRET_KEY"):
        create_app(settings(not_a_directory / "data"))
