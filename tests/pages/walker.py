"""Drive the questionnaire pages through their public hooks only, as other tools do.

Works with any client that has `get` and `post(data=...)` returning responses with `.text`
(the in-process TestClient here; the browser tests use Playwright with the same hooks).
"""

from __future__ import annotations

import re
from typing import Any

HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)">')
NAMES = re.compile(r'name="([a-z0-9_]+)"')
URGENCY = re.compile(r'data-testid="urgency" data-urgency="([a-z_]+)"')
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


def walk(client: Any, answers: dict[str, Any], max_steps: int = 20) -> Any:
    """Answer every step from `answers` (unanswered: left blank) and return the final response."""
    response = client.get("/check")
    for _ in range(max_steps):
        fields = hidden_fields(response.text)
        asked = {n for n in NAMES.findall(response.text)} - set(fields) - {"nav"}
        data: dict[str, Any] = {**fields, "nav": "next"}
        for qid in asked:
            if qid in answers:
                data[qid] = form_value(answers[qid])
        response = client.post("/check", data=data, follow_redirects=False)
        if response.status_code == 303:
            return client.get(response.headers["location"])
        assert response.status_code == 200, response.text[:2000]
    raise AssertionError("the questionnaire did not finish")


def outcome(html: str) -> tuple[str | None, list[str]]:
    found = URGENCY.search(html)
    return (found.group(1) if found else None), CAUSE.findall(html)
