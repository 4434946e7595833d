"""What a questionnaire's progress cookie holds, read as the app reads it (signature checked).

Since Post/Redirect/Get, the answers of earlier steps wait in the signed progress cookie, not in
the page's hidden fields: tests that want to see them read the cookie with this.
"""

from __future__ import annotations

from types import SimpleNamespace

from fastapi.testclient import TestClient

from app.web.pages import progress
from app.web.pages.progress import Progress


def progress_of(client: TestClient, kind: progress.Kind = "interview") -> Progress | None:
    """The progress in `client`'s cookie, as its app reads it; None when it has none (or a forged one)."""
    runtime = client.app.state.runtime  # type: ignore[attr-defined]
    request = SimpleNamespace(cookies={progress.COOKIES[kind]: client.cookies.get(progress.COOKIES[kind])})
    return progress.load(request, kind, runtime.settings, runtime.knowledge)  # type: ignore[arg-type]
