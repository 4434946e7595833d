"""Rate limits that hold by default and fit people.

Nothing is exempt by default (a proxy on the same host makes every client look local); page
steps have their own budget; what costs (storing, diary writes, the API) takes from the
writes; a person over a limit gets a page that keeps the answers, an API client JSON.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from app.main import create_app
from app.settings import IN_PROCESS_CLIENT, Settings
from app.web.middleware.rate_limit import WRITES, RateLimiter
from tests.pages.kept import progress_of
from tests.pages.walker import hidden_fields, questions_shown, warning_signs_unknown
from tests.servers import free_port

T = TypeVar("T")

LOOPBACK = ("127.0.0.1", 50000)


def browser(tmp_path: Path, client: tuple[str, int] = LOOPBACK, **overrides: object) -> TestClient:
    """A browser on this machine (127.0.0.1) against an app with its default settings but `overrides`."""
    options: dict = {"data_dir": tmp_path, **overrides}
    return TestClient(
        create_app(Settings(**options)), base_url="https://testserver", client=client, raise_server_exceptions=False
    )


def no_warning_signs(page) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """ "No" to each warning sign on the page (they have no preselected answer: a blank one is an error)."""
    return {qid: "no" for qid in warning_signs_unknown(page.text, {})}


def next_step(client: TestClient, page, **answers: object):  # type: ignore[no-untyped-def]
    """Continue with the page's warning signs answered "no" but for `answers`: the 303, or the page refusing it."""
    data = {**hidden_fields(page.text), **no_warning_signs(page), "nav": "next", **answers}
    return client.post("/check", data=data, follow_redirects=False)


def preview(client: TestClient, forwarded_for: str | None = None) -> int:
    headers = {"x-forwarded-for": forwarded_for} if forwarded_for else {}
    return client.post("/api/assessments/preview", json={"answers": {}}, headers=headers).status_code


def test_no_address_is_exempt_by_default() -> None:
    exempt = Settings().rate_limit_exempt
    assert exempt == [IN_PROCESS_CLIENT] == ["testclient"]  # in-process test clients: a name no connection has
    limiter = RateLimiter({WRITES: "1/minute"}, exempt)
    for client in ("127.0.0.1", "::1", "10.0.0.1", "203.0.113.9", "unknown"):
        assert not limiter.exempt(client), client


@pytest.mark.parametrize("address", ["127.0.0.1", "::1"])
def test_a_burst_from_this_machine_is_limited_without_configuration(tmp_path: Path, address: str) -> None:
    with browser(tmp_path, client=(address, 50000), rate_limit="3/minute") as client:
        codes = [client.post("/api/assessments", json={"answers": {}}).status_code for _ in range(4)]
        assert codes == [201, 201, 201, 429]
        limited = client.post("/api/assessments", json={"answers": {}})
        assert limited.status_code == 429 and limited.headers["content-type"] == "application/json"
        assert 1 <= int(limited.headers["retry-after"]) <= 60
        assert "Too many requests" in limited.json()["detail"]


def test_through_a_trusted_proxy_each_client_has_its_own_budget(tmp_path: Path) -> None:
    with browser(tmp_path, rate_limit="3/minute", trusted_proxies=["127.0.0.1", "::1"]) as client:
        assert [preview(client, "203.0.113.9") for _ in range(4)] == [200, 200, 200, 429]
        assert (
            int(
                client.post(
                    "/api/assessments/preview", json={"answers": {}}, headers={"x-forwarded-for": "203.0.113.9"}
                ).headers["retry-after"]
            )
            >= 1
        )
        assert preview(client, "203.0.113.10") == 200  # someone else behind the same proxy
        assert preview(client) == 200  # the proxy itself (a health check) counts on its own


def test_through_a_trusted_proxy_a_person_over_the_limit_gets_the_page_with_the_answers(tmp_path: Path) -> None:
    with browser(tmp_path, rate_limit_steps="1/minute", trusted_proxies=["127.0.0.1"]) as client:
        first = client.get("/check")
        data = {**hidden_fields(first.text), "nav": "next", "fever": "no"}
        person = {"x-forwarded-for": "203.0.113.9"}
        assert client.post("/check", data=data, headers=person).status_code == 200
        limited = client.post("/check", data=data, headers=person)
        assert limited.status_code == 429 and int(limited.headers["retry-after"]) >= 1
        assert 'data-reason="busy"' in limited.text and hidden_fields(limited.text)["fever"] == "no"
        other = client.post("/check", data=data, headers={"x-forwarded-for": "203.0.113.10"})
        assert other.status_code == 200  # someone else behind the same proxy goes on


def test_an_untrusted_proxys_forwarded_address_is_ignored(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    with browser(tmp_path, rate_limit="2/minute") as client:
        codes = [preview(client, f"203.0.113.{i}") for i in range(3)]
    assert codes == [200, 200, 429]  # one budget: the proxy's address
    assert any("TWITCHCHECK_TRUSTED_PROXIES" in r.getMessage() for r in caplog.records)


def test_page_steps_do_not_spend_the_writes_budget(tmp_path: Path) -> None:
    with browser(tmp_path, rate_limit="1/minute") as client:
        page = client.get("/check")
        for _ in range(6):  # Next and Back, many times over
            step = next_step(client, page)
            assert step.status_code == 303 and step.headers["location"] == "/check?step=1"
            page = client.get(step.headers["location"])
            step = client.post("/check", data={**hidden_fields(page.text), "nav": "back"}, follow_redirects=False)
            assert step.status_code == 303 and step.headers["location"] == "/check?step=0"
            page = client.get(step.headers["location"])
            assert page.status_code == 200
        assert client.post("/api/assessments/preview", json={"answers": {}}).status_code == 200


def test_page_steps_have_their_own_generous_budget(tmp_path: Path) -> None:
    with browser(tmp_path, rate_limit_steps="3/minute") as client:
        page = client.get("/check")
        codes = [client.post("/check", data={**hidden_fields(page.text), "nav": "back"}).status_code for _ in range(4)]
        assert codes == [200, 200, 200, 429]
        assert Settings().rate_limit_steps == "300/minute"


def test_a_page_step_over_the_limit_gets_a_friendly_page_that_keeps_the_answers(tmp_path: Path) -> None:
    app_options = {"rate_limit_steps": "1/minute"}
    with browser(tmp_path, **app_options) as client:
        first = next_step(client, client.get("/check"))
        assert first.status_code == 303
        second = client.get(first.headers["location"])  # reading a page takes no step
        sent = {**no_warning_signs(second), "fever": "no", "confusion": "unknown"}
        limited = next_step(client, second, **sent)
        assert limited.status_code == 429
        assert limited.headers["content-type"].startswith("text/html")
        wait = int(limited.headers["retry-after"])
        assert 1 <= wait <= 60 and f"Try again in {wait} second" in limited.text
        kept = hidden_fields(limited.text)
        assert kept["at"] == hidden_fields(second.text)["at"] == "1"
        assert {k: kept[k] for k in sent} == sent and kept["nav"] == "next"
        assert kept["csrf_token"]  # a fresh token for the re-post
        assert 'action="/check"' in limited.text and 'data-testid="try-again"' in limited.text
        assert '"detail"' not in limited.text  # a page, not the API's JSON
        earlier = progress_of(client)  # the earlier steps' answers wait in the progress cookie
        assert earlier is not None and earlier.state["cannot_swallow"] is False and len(earlier.trail) == 2
        # a minute later, "Try again" posts the same answers and the interview carries on
        client.app.state.limiter.limiter.storage.reset()  # type: ignore[attr-defined]
        again = client.post("/check", data=kept, follow_redirects=False)
        assert again.status_code == 303 and again.headers["location"] == "/check?step=2"
        assert "fever" not in questions_shown(client.get(again.headers["location"]).text)
        progress = progress_of(client)
        assert progress is not None and progress.state["fever"] is False and progress.unknown == ["confusion"]
        assert progress.state["cannot_swallow"] is False  # the earlier step's answer is still there


def test_storing_the_result_takes_from_the_writes_and_over_it_keeps_the_answers(tmp_path: Path) -> None:
    full = {"fever": "no", "locations": "calf"}
    with browser(tmp_path, rate_limit="1/minute") as client:
        assert client.post("/api/assessments", json={"answers": {}}).status_code == 201  # the one write
        page = client.get("/check/full")
        for _ in range(20):  # every step of the full questionnaire, to the last
            data = {**hidden_fields(page.text), **no_warning_signs(page), "nav": "next"}
            data |= {k: v for k, v in full.items() if f'name="{k}"' in page.text}
            step = client.post("/check/full", data=data, follow_redirects=False)
            if step.status_code != 303:
                break
            assert step.headers["location"].startswith("/check/full?step="), step.headers["location"]
            page = client.get(step.headers["location"])
        assert step.status_code == 429, step.status_code
        assert int(step.headers["retry-after"]) >= 1
        kept = hidden_fields(step.text)
        assert kept["step"] == data["step"] and kept["nav"] == "next" and 'action="/check/full"' in step.text
        earlier = progress_of(client, "full")  # the earlier steps' answers wait in the progress cookie
        assert earlier is not None and earlier.state["fever"] is False and earlier.state["locations"] == ["calf"]
        client.app.state.limiter.limiter.storage.reset()  # type: ignore[attr-defined]
        stored = client.post("/check/full", data=kept, follow_redirects=False)
        assert stored.status_code == 303 and stored.headers["location"].startswith("/results/")
        rid = stored.headers["location"].rsplit("/", 1)[1]
        answers = client.get(f"/api/assessments/{rid}").json()["answers"]
        assert answers["fever"] is False and answers["locations"] == ["calf"]


def test_an_emergency_is_never_held_back_by_the_writes_limit(tmp_path: Path) -> None:
    with browser(tmp_path, rate_limit="1/minute") as client:
        assert client.post("/api/assessments", json={"answers": {}}).status_code == 201
        emergency = next_step(client, client.get("/check"), cannot_swallow="yes")
        assert emergency.status_code == 303


def test_diary_writes_are_limited_with_a_page(tmp_path: Path) -> None:
    with browser(tmp_path, rate_limit="1/minute") as client:
        page = client.get("/diary")
        form = {"csrf_token": hidden_fields(page.text)["csrf_token"], "timezone": "Europe/Berlin"}
        assert client.post("/diary", data=form, follow_redirects=False).status_code == 303
        limited = client.post("/diary", data=form, follow_redirects=False)
        assert limited.status_code == 429 and "retry-after" in limited.headers
        assert 'data-reason="busy"' in limited.text and hidden_fields(limited.text)["timezone"] == "Europe/Berlin"


def test_a_cross_site_post_over_the_limit_is_not_offered_a_fresh_token(tmp_path: Path) -> None:
    """Another site's form (no CSRF cookie) over the limit: no re-post form with a valid token."""
    with browser(tmp_path, rate_limit="1/minute") as client:
        client.get("/diary")
        client.cookies.clear()
        codes = [client.post("/diary", data={"timezone": "UTC"}).status_code for _ in range(2)]
        limited = client.post("/diary", data={"timezone": "UTC", "csrf_token": "forged"})
    assert codes[0] == 403 and limited.status_code == 429
    assert 'data-testid="try-again"' not in limited.text and "reload the page" in limited.text


def test_a_broken_form_body_over_the_limit_still_gets_the_page(tmp_path: Path) -> None:
    with browser(tmp_path, rate_limit_steps="1/minute") as client:
        client.get("/check")
        client.post("/check", data={"nav": "back"})
        broken = client.post(
            "/check", content=b"--x\r\nnot a part", headers={"content-type": "multipart/form-data; boundary=x"}
        )
    assert broken.status_code == 429 and 'data-reason="busy"' in broken.text
    assert 'data-testid="try-again"' not in broken.text


def test_the_storage_setting_takes_memory_or_redis_only() -> None:
    assert Settings().rate_limit_storage == "memory://"
    assert Settings(rate_limit_storage="redis://127.0.0.1:6379/0").rate_limit_storage.startswith("redis://")
    with pytest.raises(ValidationError, match="memory:// or a Redis URL"):
        Settings(rate_limit_storage="memcached://127.0.0.1:11211")


def run_apart(make: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """Run a coroutine on its own event loop in a thread of its own: an earlier test of the session
    may leave an event loop marked as running in this thread, where asyncio.run refuses to start."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(make())).result()


def test_requests_go_ahead_when_redis_does_not_answer(caplog: pytest.LogCaptureFixture) -> None:
    limiter = RateLimiter({WRITES: "1/minute"}, storage_url=f"redis://127.0.0.1:{free_port()}/0")

    async def burst() -> list[int | None]:
        return [await limiter.retry_after(WRITES, "203.0.113.9") for _ in range(3)]

    tries = 0
    hit = limiter.async_limiter.hit  # type: ignore[union-attr]

    async def counted_hit(*args: object, **kwargs: object) -> bool:
        nonlocal tries
        tries += 1
        return await hit(*args, **kwargs)  # type: ignore[arg-type]

    limiter.async_limiter.hit = counted_hit  # type: ignore[union-attr,method-assign]
    assert run_apart(burst) == [None, None, None]
    assert tries == 1  # after a failure, Redis is left alone for a few seconds: one timeout, not one a request
    assert sum("rate-limit storage unavailable" in r.getMessage() for r in caplog.records) == 1
    limiter._storage_down_until = 0  # a few seconds later it is tried again
    run_apart(burst)
    assert tries == 2
