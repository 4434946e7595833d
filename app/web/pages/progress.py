"""Where a questionnaire's answers wait between steps: a short-lived, signed cookie.

The questionnaire pages follow Post/Redirect/Get: each Continue or Back posts the page's form,
the server folds its answers into the progress, stores the progress in this cookie and answers
`303 See Other` to `GET /check?step=N` (or `/check/full?step=N`), which renders step N from the
cookie. So the browser's Back and reload only ever repeat a GET: no "Confirm Form Resubmission",
and the answers are never in a URL (the URL holds a step number only) nor in a server-side
session. The cookie is signed with the app's secret (it cannot be forged or edited), `HttpOnly`,
`SameSite=Strict`, `Secure` (as configured), sent only to `/check` and expires after `MAX_AGE`;
"Start again" (`GET /check` or `/check/full` without a step) replaces it, and deleting the
result's answers removes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from fastapi import Request, Response
from itsdangerous import BadData, URLSafeTimedSerializer

from app.core.engine import CompiledKnowledge
from app.settings import Settings
from app.web.csrf import signing_secret
from app.web.pages import adaptive, questionnaire

Kind = Literal["interview", "full"]
COOKIES: dict[Kind, str] = {"interview": "twitchcheck-interview", "full": "twitchcheck-full"}
PATH = "/check"
MAX_AGE = 2 * 3600  # long enough to finish the questions at a slow pace, short enough to go
_RAW_LIMIT = 64  # characters of a typed answer kept to show beside its error
_SIZE_LIMIT = 3800  # bytes: browsers keep cookies up to 4096; beyond this, what was typed is dropped


@dataclass
class Progress:
    """Everything a questionnaire needs between steps, none of it in the URL."""

    state: dict[str, Any] = field(default_factory=dict)  # every answer so far, as the API takes them
    unknown: list[str] = field(default_factory=list)  # warning signs answered "don't know" on purpose
    trail: list[list[str]] = field(default_factory=list)  # the interview's steps so far, each its question ids
    step: int = 0  # the full questionnaire's step last shown
    diary: str | None = None  # the diary a full questionnaire was started from
    errors: dict[str, str] = field(default_factory=dict)  # the last submitted step's errors ...
    raw: dict[str, list[str]] = field(default_factory=dict)  # ... and what was typed there
    errors_at: int = -1  # ... and which step they belong to
    notes: dict[str, str] = field(default_factory=dict)  # how typed numbers were read ("4.5, the middle of 4 to 5")
    notes_at: int = -1  # ... shown once on this step, the one after they were typed


def _serializer(settings: Settings) -> URLSafeTimedSerializer:
    """Signed with the app's secret, the one the forms' CSRF tokens use (read in one place)."""
    return URLSafeTimedSerializer(signing_secret(settings), salt="twitchcheck-progress")


def load(request: Request, kind: Kind, settings: Settings, knowledge: CompiledKnowledge) -> Progress | None:
    """The progress in the visitor's cookie; None when there is none or it is expired or forged."""
    cookie = request.cookies.get(COOKIES[kind])
    if not cookie:
        return None
    try:
        data = _serializer(settings).loads(cookie, max_age=MAX_AGE)
    except BadData:
        return None
    if not isinstance(data, dict):
        return None
    return from_json(data, knowledge)


def from_json(data: dict[str, Any], knowledge: CompiledKnowledge) -> Progress:
    """Validated again on every read: the knowledge base may have changed since it was written."""
    dumped = questionnaire.dump_state
    errors: dict[Any, Any] = data["errors"] if isinstance(data.get("errors"), dict) else {}
    raw: dict[Any, Any] = data["raw"] if isinstance(data.get("raw"), dict) else {}
    step, at, notes_at = data.get("step"), data.get("errors_at"), data.get("notes_at")
    notes: dict[Any, Any] = data["notes"] if isinstance(data.get("notes"), dict) else {}
    diary = data.get("diary")
    return Progress(
        state=questionnaire.load_state(dumped(data.get("state") or {}), knowledge),
        unknown=questionnaire.load_unknown(dumped(data.get("unknown") or []), knowledge),
        trail=adaptive.load_trail(dumped(data.get("trail") or []), knowledge),
        step=step if isinstance(step, int) and step >= 0 else 0,
        diary=diary if isinstance(diary, str) and diary else None,
        errors={k: v for k, v in errors.items() if isinstance(k, str) and isinstance(v, str)},
        raw={k: [str(x)[:_RAW_LIMIT] for x in v] for k, v in raw.items() if isinstance(k, str) and isinstance(v, list)},
        errors_at=at if isinstance(at, int) else -1,
        notes={k: v[:200] for k, v in notes.items() if isinstance(k, str) and isinstance(v, str)},
        notes_at=notes_at if isinstance(notes_at, int) else -1,
    )


def save(response: Response, kind: Kind, settings: Settings, progress: Progress) -> None:
    data = {
        "state": progress.state,
        "unknown": progress.unknown,
        "trail": progress.trail,
        "step": progress.step,
        "diary": progress.diary,
        "errors": progress.errors,
        "raw": {k: [v[:_RAW_LIMIT] for v in values] for k, values in progress.raw.items()},
        "errors_at": progress.errors_at,
        "notes": progress.notes,
        "notes_at": progress.notes_at,
    }
    value = _serializer(settings).dumps(data)
    if len(value) > _SIZE_LIMIT:  # never lose answers for the sake of showing what was typed
        value = _serializer(settings).dumps({**data, "raw": {}})
    response.set_cookie(
        COOKIES[kind],
        value,
        max_age=MAX_AGE,
        path=PATH,
        secure=settings.cookie_secure,
        httponly=True,
        samesite="strict",
    )


def clear(response: Response, kind: Kind, settings: Settings) -> None:
    response.delete_cookie(COOKIES[kind], path=PATH, secure=settings.cookie_secure, httponly=True, samesite="strict")
