"""The adaptive interview at /check, in-process: screen first, rationale, Back, emergency, result."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from fastapi.testclient import TestClient

from app.engine import assess
from app.engine.interview_eval import simulate
from app.knowledge.model import URGENCY_LEVELS
from app.web import progress
from tests.conftest import OWN_VIGNETTES, PUBLIC_VIGNETTES, read_yaml
from tests.pages.walker import checked_choices, hidden_fields, outcome, questions_shown, walk, warning_signs_unknown


def start(pages: TestClient):  # type: ignore[no-untyped-def]
    response = pages.get("/check")
    assert response.status_code == 200
    return response


def post(pages: TestClient, page, nav: str = "next", **answers):  # type: ignore[no-untyped-def]
    """Submit the page with `answers`; warning signs left without a choice are answered "don't know"."""
    given = {**checked_choices(page.text), **answers}
    data = {**hidden_fields(page.text), **warning_signs_unknown(page.text, given), "nav": nav, **given}
    return pages.post("/check", data=data, follow_redirects=True)  # Post/Redirect/Get: the page it leads to


def shown(page) -> list[str]:  # type: ignore[no-untyped-def]
    return questions_shown(page.text)


def rationale(page) -> str:  # type: ignore[no-untyped-def]
    return re.search(r'data-testid="rationale">([^<]*)<', page.text).group(1)  # type: ignore[union-attr]


NO_WARNING_SIGNS = {"fever": "no", "confusion": "no", "muscle_weakness": "no"}


def test_first_step_is_the_whole_safety_screen_with_its_rationale(pages: TestClient, contract: dict) -> None:
    page = start(pages)
    assert page.template.name == "interview.html"  # type: ignore[attr-defined]
    assert shown(page) == contract["safety_screen"]
    for qid in contract["safety_screen"]:
        for value in ("yes", "no", "unknown"):
            assert f'name="{qid}" value="{value}"' in page.text, (qid, value)
    assert "Warning signs" in rationale(page)
    assert 'data-testid="next"' in page.text and 'data-testid="back"' not in page.text
    assert 'href="/check/full" data-testid="full-questionnaire">Answer every question instead</a>' in page.text
    assert "<progress" not in page.text  # its length varies: no progress bar that would pretend otherwise


def test_then_one_question_a_step_with_why_and_an_honest_progress_hint(pages: TestClient) -> None:
    page = post(pages, start(pages), **NO_WARNING_SIGNS)
    assert page.status_code == 200 and page.template.name == "interview.html"  # type: ignore[attr-defined]
    assert len(shown(page)) == 1
    assert rationale(page).startswith("We ask this because")
    assert "Question 1 after the warning signs" in page.text and "%" not in page.text
    assert 'data-testid="next"' in page.text and 'data-testid="back"' in page.text
    assert "Answer every question instead" in page.text
    second = post(pages, page)
    assert "Question 2 after the warning signs" in second.text and shown(second) != shown(page)


def test_every_question_can_be_skipped_and_is_not_asked_twice(pages: TestClient) -> None:
    steps: list[list[str]] = []
    walk(pages, {}, asked=steps)
    asked = [qid for step in steps for qid in step]
    assert len(asked) == len(set(asked))
    kb = pages.app.state.runtime.knowledge.kb  # type: ignore[attr-defined]
    for step in steps[1:]:
        assert len(step) == 1
    page = start(pages)
    for _ in range(len(steps) - 1):
        page = post(pages, page)
        if "/results/" in str(page.url):
            break
        (qid,) = shown(page)
        q = kb.question(qid)
        if q.type in ("boolean", "single"):
            assert f'name="{qid}" value="unknown"' in page.text
        elif q.type == "number":
            assert "Leave empty if you don't know" in page.text
        else:
            assert "none if you don't know" in page.text


def an_answer(page, qid: str) -> str:  # type: ignore[no-untyped-def]
    """A valid, non-"don't know" answer to the question on the page, read from its inputs."""
    if f'inputmode="decimal" id="f-{qid}"' in page.text:
        return re.search(rf'name="{qid}"[^>]*data-min="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    return next(v for v in re.findall(rf'name="{qid}" value="([^"]+)"', page.text) if v != "unknown")


def checked(page, qid: str, value: str) -> bool:  # type: ignore[no-untyped-def]
    return f'name="{qid}" value="{value}" checked' in page.text or (
        f'name="{qid}" value="{value}"' in page.text and f'inputmode="decimal" id="f-{qid}"' in page.text
    )


def test_back_returns_to_the_previous_step_with_answers_kept(pages: TestClient) -> None:
    screen = start(pages)
    first = post(pages, screen, **NO_WARNING_SIGNS)
    (q1,) = shown(first)
    a1 = an_answer(first, q1)
    second = post(pages, first, **{q1: a1})
    (q2,) = shown(second)
    a2 = an_answer(second, q2)
    third = post(pages, second, **{q2: a2})
    back = post(pages, third, nav="back")
    assert shown(back) == [q2] and rationale(back) == rationale(second)
    assert checked(back, q2, a2)
    back = post(pages, back, nav="back", **{q2: a2})  # a browser sends the page's fields with Back
    assert shown(back) == [q1] and checked(back, q1, a1)
    assert "Question 1 after the warning signs" in back.text
    screen_again = post(pages, back, nav="back", **{q1: a1})
    assert 'data-testid="back"' not in screen_again.text
    assert checked(screen_again, "fever", "no") and checked(screen_again, "confusion", "no")
    # forward again without changes: the same questions, still answered
    again = post(pages, screen_again)
    assert shown(again) == [q1] and checked(again, q1, a1)
    again = post(pages, again, **{q1: a1})
    assert shown(again) == [q2] and checked(again, q2, a2)


def test_an_emergency_answer_ends_the_interview(pages: TestClient) -> None:
    page = post(pages, start(pages), cannot_swallow="yes")
    assert "/results/" in str(page.url)
    assert page.template.name == "emergency.html"  # type: ignore[attr-defined]
    assert outcome(page.text) == ("emergency", [])
    assert "emergency number" in page.text and "Not a diagnosis" in page.text


def test_a_bad_answer_on_the_screen_keeps_the_screen_and_the_good_answers(pages: TestClient) -> None:
    bad = post(pages, start(pages), fever="maybe", confusion="no")
    assert str(bad.url).endswith("/check?step=0") and "<title>Error:" in bad.text  # after a 303: no re-post
    assert "There is a problem" in bad.text and 'id="e-fever"' in bad.text
    assert "cannot_swallow" in shown(bad) and checked(bad, "confusion", "no")


def test_a_validation_error_stays_on_the_step(pages: TestClient) -> None:
    page = post(pages, start(pages), **NO_WARNING_SIGNS)
    calm = {"locations": "calf"}
    for _ in range(20):  # answer until the interview asks for a number
        (qid,) = shown(page)
        if f'inputmode="decimal" id="f-{qid}"' in page.text:
            break
        page = post(pages, page, **({qid: calm[qid]} if qid in calm else {}))
        if "/results/" in str(page.url):
            pytest.skip("the interview asked no number question")
    else:
        pytest.skip("the interview asked no number question")
    bad = post(pages, page, **{qid: "100000"})
    assert "<title>Error:" in bad.text and shown(bad) == [qid]
    assert "There is a problem" in bad.text and f'id="e-{qid}"' in bad.text and 'value="100000"' in bad.text
    assert rationale(bad) == rationale(page)


def test_tampered_or_missing_state_starts_from_the_screen(pages: TestClient) -> None:
    token = hidden_fields(start(pages).text)["csrf_token"]
    for trail in ("", "nonsense", '["screen","no_such_question"]', '{"a":1}', "[1,2]"):
        page = pages.post("/check", data={"csrf_token": token, "trail": trail, "state": "[", "nav": "back"})
        assert page.status_code == 200 and "cannot_swallow" in shown(page), trail


def test_a_full_questionnaire_page_opened_before_the_move_still_works(pages: TestClient) -> None:
    token = hidden_fields(pages.get("/check/full").text)["csrf_token"]
    pages.cookies.delete("twitchcheck-full", path="/check")  # the page carried its answers in the form
    fields = {"csrf_token": token, "step": "1", "state": '{"muscle_weakness":true}', "nav": "next", "locations": "calf"}
    page = pages.post("/check", data=fields)  # as a page rendered with action="/check" would post it
    assert page.template.name == "check.html" and page.context["step"].section.id == "twitch"  # type: ignore[attr-defined]
    settings = pages.app.state.runtime.settings  # type: ignore[attr-defined]
    cookie = SimpleNamespace(cookies={"twitchcheck-full": pages.cookies.get("twitchcheck-full")})
    kept = progress.load(cookie, "full", settings, pages.app.state.runtime.knowledge)  # type: ignore[arg-type, attr-defined]
    assert kept is not None and kept.state["muscle_weakness"] is True  # the warning-sign answer is kept


def test_form_post_without_csrf_token_is_refused(pages: TestClient) -> None:
    start(pages)
    response = pages.post("/check", data={"trail": '["screen"]', "state": "{}", "nav": "next"})
    assert response.status_code == 403


def test_only_the_answers_the_interview_asked_for_are_stored(pages: TestClient) -> None:
    steps: list[list[str]] = []
    case = {
        "locations": ["eyelid"],
        "duration": "days",
        "caffeine_cups_per_day": 7,
        "family_history_neuromuscular": False,
    }
    page = walk(pages, case, asked=steps)
    rid = re.search(r"/results/([A-Za-z0-9_-]+)/report", page.text).group(1)  # type: ignore[union-attr]
    stored = pages.get(f"/api/assessments/{rid}").json()["answers"]
    asked = {qid for step in steps for qid in step}
    assert set(stored) == {qid for qid in case if qid in asked} | set()
    assert page.template.name == "results.html" and "Delete my answers" in page.text  # type: ignore[attr-defined]


def _cases() -> list:
    cases = []
    for path in (PUBLIC_VIGNETTES, OWN_VIGNETTES):
        if path.exists():
            cases += [pytest.param(case, id=case["id"]) for case in read_yaml(path)]
    return cases


@pytest.mark.parametrize("case", _cases())
def test_vignette_through_the_pages_is_the_engine_s_interview(pages: TestClient, case: dict) -> None:
    """The interview through the pages asks what the engine asks, gives the engine's advice, and is
    never less urgent than /check/full. (How often its causes match the full questionnaire's is a
    measurement, not a pass/fail: `twitchcheck evaluate --interview`, README.)"""
    runtime = pages.app.state.runtime  # type: ignore[attr-defined]
    steps: list[list[str]] = []
    urgency, causes = outcome(walk(pages, case["answers"], asked=steps).text)
    full_urgency, _ = outcome(walk(pages, case["answers"], start="/check/full").text)

    count, engine_answers = simulate(runtime.interviewer, case["answers"])
    assert len(steps) - 1 == count  # the screen, then one question a step: what the engine asks
    expected = assess(runtime.knowledge, engine_answers)
    assert urgency == expected.urgency
    assert causes == ([] if expected.urgency == "emergency" else [c.id for c in expected.causes])
    assert URGENCY_LEVELS.index(urgency) <= URGENCY_LEVELS.index(full_urgency), "never less urgent"
