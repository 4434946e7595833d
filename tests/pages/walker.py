"""Drive the questionnaire pages through their public hooks only, as other tools do.

Works with any client that has `get` and `post(data=...)` returning responses with `.text`
(the in-process TestClient here; the browser tests use Playwright with the same hooks).
"""

from __future__ import annotations

import re
from typing import Any

HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)">')
ACTION = re.compile(r'<form method="post" action="(/check[^"]*)"')
NAMES = re.compile(r'name="([a-z0-9_]+)"')
URGENCY = re.compile(r'data-testid="urgency" data-urgency="([a-z_]+)"')
UNANSWERED = re.compile(r'<input type="radio" name="([a-z0-9_]+)" value="unknown"> <span>Don')
CHECKED = re.compile(r'<input type="radio" name="([a-z0-9_]+)" value="([a-z0-9_]+)" checked>')
CAUSE = re.compile(r'data-testid="cause" data-cause-id="([a-z_0-9]+)"')


def form_value(value: Any) -> Any:
    if value is True:
        return "yes"
    if value is False:
        return "no"
    if isinstance(value, list):
        return value
    return str(value)


def hidden_fields(html: str) -> dict[str, str]:
    import html as htmllib

    return {name: htmllib.unescape(value) for name, value in HIDDEN.findall(html)}


def warning_signs_unknown(html: str, given: dict[str, Any]) -> dict[str, str]:
    """ "Don't know" for every warning sign on the page without a choice and not in `given`: they
    must be answered (a blank one is an error), so a walker that skips them says so on purpose."""
    return {qid: "unknown" for qid in UNANSWERED.findall(html) if qid not in given}


def checked_choices(html: str) -> dict[str, str]:
    """The radios the page shows chosen, as a browser would send them."""
    return dict(CHECKED.findall(html))


def form_action(html: str) -> str:
    found = ACTION.search(html)
    assert found, "no questionnaire form on this page"
    return found.group(1)


def questions_shown(html: str) -> list[str]:
    """The question ids on a questionnaire page, in order: the form's inputs but the hidden ones and `nav`."""
    form = html[html.index('<form method="post" action="/check') :]
    form = form[: form.index("</form>")]
    fields = hidden_fields(form)
    return [n for n in dict.fromkeys(NAMES.findall(form)) if n not in fields and n != "nav"]


def walk(
    client: Any, answers: dict[str, Any], max_steps: int = 60, start: str = "/check", asked: list | None = None
) -> Any:
    """Answer every step from `answers` (the rest: "don't know") and return the final response.

    `start` is `/check` (the adaptive interview) or `/check/full` (every question); the form's own
    action is followed. The question ids of each step shown are appended to `asked`, one list a step.
    """
    response = client.get(start)
    for _ in range(max_steps):
        fields = hidden_fields(response.text)
        shown = questions_shown(response.text)
        if asked is not None:
            asked.append(shown)
        data: dict[str, Any] = {**fields, "nav": "next"}
        for qid in shown:
            if qid in answers:
                data[qid] = form_value(answers[qid])
            elif f'name="{qid}" value="unknown"' in response.text:
                data[qid] = "unknown"  # the warning signs must be answered: "don't know" on purpose
        response = client.post(form_action(response.text), data=data, follow_redirects=False)
        assert response.status_code == 303, response.text[:2000]  # Post/Redirect/Get, every step
        response = client.get(response.headers["location"])
        if "/results/" in str(response.url):
            return response
        assert response.status_code == 200, response.text[:2000]
    raise AssertionError("the questionnaire did not finish")


def outcome(html: str) -> tuple[str | None, list[str]]:
    found = URGENCY.search(html)
    return (found.group(1) if found else None), CAUSE.findall(html)
