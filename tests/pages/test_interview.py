"""The adaptive interview at /check, in-process: warning signs first in groups, steps, Back, emergency, result."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from fastapi.testclient import TestClient

from app.core.engine import assess
from app.core.engine.interview_eval import simulate
from app.core.knowledge.model import URGENCY_LEVELS
from app.web.pages import progress as progress_cookie
from tests.conftest import OWN_VIGNETTES, PUBLIC_VIGNETTES, read_yaml
from tests.pages.kept import progress_of
from tests.pages.walker import checked_choices, hidden_fields, outcome, questions_shown, walk, warning_signs_unknown


def start(pages: TestClient):  # type: ignore[no-untyped-def]
    response = pages.get("/check")
    assert response.status_code == 200
    return response


def post(pages: TestClient, page, nav: str = "next", **answers):  # type: ignore[no-untyped-def]
    """Submit the page with `answers` and the choices it shows, as a browser does; for Continue and
    Back, warning signs left without a choice are answered "don't know" (a blank one is an error),
    while "None of these" sends them blank, as a browser sends a radio group nobody chose in."""
    given = {**checked_choices(page.text), **answers}
    unknown = warning_signs_unknown(page.text, given) if nav != "none" else {}
    data = {**hidden_fields(page.text), **unknown, "nav": nav, **given}
    return pages.post("/check", data=data, follow_redirects=True)  # Post/Redirect/Get: the page it leads to


def shown(page) -> list[str]:  # type: ignore[no-untyped-def]
    return questions_shown(page.text)


def title(page) -> str:  # type: ignore[no-untyped-def]
    """The step's heading: the legend of the fieldset that holds its questions."""
    found = re.search(r'<fieldset class="step"[^>]*>\s*<legend><h1>([^<]*)</h1></legend>', page.text)
    return found.group(1)  # type: ignore[union-attr]


def progress(page) -> str:  # type: ignore[no-untyped-def]
    return re.search(r'data-testid="progress">([^<]*)<', page.text).group(1)  # type: ignore[union-attr]


def kb(pages: TestClient):  # type: ignore[no-untyped-def]
    return pages.app.state.runtime.knowledge.kb  # type: ignore[attr-defined]


def screen_groups(pages: TestClient) -> list:
    screen = {q.id for q in kb(pages).questions if q.section == kb(pages).sections[0].id}
    return [g for g in kb(pages).question_groups if set(g.questions) <= screen]


def through_the_warning_signs(pages: TestClient):  # type: ignore[no-untyped-def]
    """Tap "None of these" on every warning-sign page; the first page after them."""
    page = start(pages)
    for _ in screen_groups(pages):
        page = post(pages, page, nav="none")
    return page


def test_first_step_is_the_first_group_of_warning_signs(pages: TestClient, contract: dict) -> None:
    page = start(pages)
    assert page.template.name == "interview.html"  # type: ignore[attr-defined]
    first = screen_groups(pages)[0]
    assert shown(page) == list(first.questions) and set(first.questions) <= set(contract["safety_screen"])
    for qid in first.questions:
        for value in ("yes", "no", "unknown"):
            assert f'name="{qid}" value="{value}"' in page.text, (qid, value)
    assert title(page) == first.title and "<title>" + first.title in page.text
    assert progress(page) == f"Warning signs: page 1 of {len(screen_groups(pages))}"
    assert 'data-testid="none">None of these</button>' in page.text
    assert 'data-testid="next"' in page.text and 'data-testid="back"' not in page.text
    assert 'href="/check/full" data-testid="full-questionnaire">Answer every question instead</a>' in page.text
    assert "<progress" not in page.text  # its length varies: no progress bar that would pretend otherwise


def test_none_of_these_answers_each_warning_sign_no_in_one_tap_each(pages: TestClient, contract: dict) -> None:
    groups = screen_groups(pages)
    assert len(groups) <= 6
    page, seen = start(pages), []
    for number, group in enumerate(groups, start=1):
        assert shown(page) == list(group.questions) and progress(page).startswith(f"Warning signs: page {number} ")
        seen += shown(page)
        page = post(pages, page, nav="none")
    assert sorted(seen) == sorted(contract["safety_screen"])  # every sign shown, each once
    assert "Page 1 after the warning signs" in progress(page) and 'data-testid="none"' not in page.text
    kept = progress_of(pages)  # the answers wait in the progress cookie
    assert kept is not None and not kept.unknown
    assert all(kept.state.get(qid) is False for qid in contract["safety_screen"])  # all "no", none "don't know"


def test_none_of_these_overrides_the_default_don_t_know_as_a_browser_sends_it(pages: TestClient) -> None:
    """A browser sends every radio's checked value. A warning sign starts with none checked (it must
    be answered on purpose), so "None of these" answers the blank ones "no" but keeps a "don't know"
    the person chose; other yes/no questions start on "Don't know", which then becomes "no"."""
    page = start(pages)
    first = screen_groups(pages)[0]
    assert not any(checked(page, qid, value) for qid in first.questions for value in ("yes", "no", "unknown"))
    chosen, *blank = first.questions
    post(pages, page, nav="none", **{chosen: "unknown"})
    kept = progress_of(pages)
    assert kept is not None and all(kept.state.get(qid) is False for qid in blank), kept
    assert chosen not in kept.state and kept.unknown == [chosen]  # "don't know" chosen on purpose stays
    # Continue keeps "don't know": the question is on the trail, unanswered, and known as unchecked
    post(pages, start(pages), **{qid: "unknown" for qid in first.questions})
    kept = progress_of(pages)
    assert kept is not None and not set(first.questions) & set(kept.state) and kept.unknown == list(first.questions)
    # a later step of yes/no questions: each starts on "Don't know", and the browser sends it
    page = through_the_warning_signs(pages)
    for _ in range(20):
        if 'data-testid="none"' in page.text:
            break
        page = post(pages, page)
    questions = shown(page)
    assert 'data-testid="none"' in page.text and not set(questions) & set(first.questions), questions
    assert all(checked(page, qid, "unknown") for qid in questions)
    post(pages, page, nav="none", **{qid: "unknown" for qid in questions})
    kept = progress_of(pages)
    assert kept is not None and all(kept.state.get(qid) is False for qid in questions), kept.state


def test_none_of_these_keeps_a_yes_and_an_emergency_still_stops_at_once(pages: TestClient) -> None:
    first = screen_groups(pages)[0]
    assert "cannot_swallow" in first.questions
    page = post(pages, start(pages), nav="none", cannot_swallow="yes")
    assert "/results/" in str(page.url) and page.template.name == "emergency.html"  # type: ignore[attr-defined]
    rid = str(page.url).rsplit("/", 1)[1]
    stored = pages.get(f"/api/assessments/{rid}").json()["answers"]
    assert stored["cannot_swallow"] is True  # the "yes" is kept; the other signs of the step are "no"
    assert all(stored.get(qid) is False for qid in first.questions if qid != "cannot_swallow"), stored


def test_then_steps_of_related_questions_each_with_one_why_line(pages: TestClient) -> None:
    page = through_the_warning_signs(pages)
    assert page.status_code == 200 and page.template.name == "interview.html"  # type: ignore[attr-defined]
    opening = next(g for g in kb(pages).question_groups if g.opening)
    assert shown(page) == list(opening.questions) and title(page) == opening.title
    assert {"locations", "duration", "age"} <= set(shown(page))  # what the person came with, and their age
    for qid in shown(page):  # one "why we ask" line each, and no other explanation box
        assert page.text.count(f'id="h-{qid}"') == 1
    assert 'data-testid="rationale"' not in page.text
    assert progress(page) == "Page 1 after the warning signs (most checks need 4 to 5)" and "%" not in page.text
    assert 'data-testid="next"' in page.text and 'data-testid="back"' in page.text
    second = post(pages, page)
    assert "Page 2 after the warning signs" in progress(second) and not set(shown(second)) & set(shown(page))
    assert "caffeine_cups_per_day" in shown(second) and "sleep_hours" in shown(second)


def test_every_question_can_be_skipped_and_is_not_asked_twice(pages: TestClient) -> None:
    steps: list[list[str]] = []
    walk(pages, {}, asked=steps)
    asked = [qid for step in steps for qid in step]
    assert len(asked) == len(set(asked))
    page = start(pages)
    for _ in range(len(steps)):
        for qid in shown(page):
            q = kb(pages).question(qid)
            if q.type in ("boolean", "single"):
                assert f'name="{qid}" value="unknown"' in page.text
            elif q.type == "number":
                assert "Leave empty if you don't know" in page.text
            else:
                assert "none if you don't know" in page.text
        page = post(pages, page)
        if "/results/" in str(page.url):
            break


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
    first = through_the_warning_signs(pages)
    q1 = shown(first)
    a1 = {"locations": "calf", "duration": "days", "age": "40"}
    assert set(a1) <= set(q1)
    second = post(pages, first, **a1)
    q2 = shown(second)
    a2 = {"caffeine_cups_per_day": "6", "stress_level": "high"}
    assert set(a2) <= set(q2)
    third = post(pages, second, **a2)
    back = post(pages, third, nav="back")
    assert shown(back) == q2 and title(back) == title(second)
    assert checked(back, "stress_level", "high") and 'value="6"' in back.text
    back = post(pages, back, nav="back", **a2)  # a browser sends the page's fields with Back
    assert shown(back) == q1 and checked(back, "duration", "days") and checked(back, "locations", "calf")
    assert "Page 1 after the warning signs" in progress(back)
    last_screen = post(pages, back, nav="back", **a1)
    assert shown(last_screen) == list(screen_groups(pages)[-1].questions) and 'data-testid="back"' in last_screen.text
    assert all(checked(last_screen, qid, "no") for qid in shown(last_screen))
    # forward again without changes: the same questions, still answered
    again = post(pages, last_screen)
    assert shown(again) == q1 and checked(again, "duration", "days")
    again = post(pages, again, **a1)
    assert shown(again) == q2 and checked(again, "stress_level", "high")


def test_an_emergency_answer_ends_the_interview(pages: TestClient) -> None:
    page = post(pages, start(pages), cannot_swallow="yes")
    assert "/results/" in str(page.url)
    assert page.template.name == "emergency.html"  # type: ignore[attr-defined]
    assert outcome(page.text) == ("emergency", [])
    assert "emergency number" in page.text and "Not a diagnosis" in page.text


def test_a_bad_answer_on_the_screen_keeps_the_step_and_the_good_answers(pages: TestClient) -> None:
    bad = post(pages, start(pages), breathing_difficulty="maybe", cannot_swallow="no")
    assert str(bad.url).endswith("/check?step=0") and "<title>Error:" in bad.text  # after a 303: no re-post
    assert "There is a problem" in bad.text and 'id="e-breathing_difficulty"' in bad.text
    assert shown(bad) == list(screen_groups(pages)[0].questions) and checked(bad, "cannot_swallow", "no")


def test_a_validation_error_stays_on_the_step(pages: TestClient) -> None:
    page = through_the_warning_signs(pages)
    assert "age" in shown(page)
    bad = post(pages, page, age="100000", duration="days")
    assert "<title>Error:" in bad.text and shown(bad) == shown(page)
    assert "There is a problem" in bad.text and 'id="e-age"' in bad.text and 'value="100000"' in bad.text
    assert checked(bad, "duration", "days") and progress(bad) == progress(page)


def test_tampered_or_missing_state_starts_from_the_screen(pages: TestClient) -> None:
    token = hidden_fields(start(pages).text)["csrf_token"]
    for trail in ("", "nonsense", '["screen","no_such_question"]', '{"a":1}', "[1,2]"):
        page = pages.post("/check", data={"csrf_token": token, "trail": trail, "state": "[", "nav": "back"})
        assert page.status_code == 200 and "cannot_swallow" in shown(page), trail
        assert 'data-testid="back"' not in page.text


def test_a_full_questionnaire_page_opened_before_the_move_still_works(pages: TestClient) -> None:
    token = hidden_fields(pages.get("/check/full").text)["csrf_token"]
    pages.cookies.delete("twitchcheck-full", path="/check")  # the page carried its answers in the form
    fields = {"csrf_token": token, "step": "1", "state": '{"muscle_weakness":true}', "nav": "next", "locations": "calf"}
    page = pages.post("/check", data=fields)  # as a page rendered with action="/check" would post it
    assert page.template.name == "check.html" and page.context["step"].section.id == "twitch"  # type: ignore[attr-defined]
    settings = pages.app.state.runtime.settings  # type: ignore[attr-defined]
    cookie = SimpleNamespace(cookies={"twitchcheck-full": pages.cookies.get("twitchcheck-full")})
    kept = progress_cookie.load(cookie, "full", settings, pages.app.state.runtime.knowledge)  # type: ignore[arg-type, attr-defined]
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

    run = simulate(runtime.interviewer, case["answers"])
    assert [tuple(step) for step in steps] == list(run.shown)  # step by step what the engine asks
    expected = assess(runtime.knowledge, run.answers)
    assert urgency == expected.urgency
    withheld = {f.id for f in runtime.knowledge.kb.red_flags if f.withholds_ranking}  # a child: no ranking shown
    hidden = expected.urgency == "emergency" or any(f.id in withheld for f in expected.red_flags)
    assert causes == ([] if hidden else [c.id for c in expected.causes])
    assert URGENCY_LEVELS.index(urgency) <= URGENCY_LEVELS.index(full_urgency), "never less urgent"
