"""One error family, mapped to HTTP in one place: friendly bodies, never stack traces.

Code that cannot go on raises an `AppError` subclass (`NotFound("diary")`, `TooManyRequests(wait)`,
...); each carries its HTTP status and a key into `messages.ERRORS`, the catalogue of what a person
reads. `respond` turns one into a response: `{"detail": ...}` JSON for the API (the body FastAPI
writes, as the contract says), a friendly page for the HTML pages when the error has one. The
exception handler uses it, and so do the middlewares that must answer before routing (413, 429,
500): every error leaves through the same function, and so looks the same wherever it began.

Validation errors (422) keep their own handlers below: their bodies are lists that name each
offending field. They name the field (the question id) and never echo the submitted value back
in full: answers are health data.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from typing import Any, ClassVar
from urllib.parse import urlsplit

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import BaseRoute, Match

from app.core.diary import InvalidEntry
from app.core.engine import InvalidAnswers
from app.web import messages
from app.web.csrf import COOKIE_MAX_AGE, MAX_AGE, TOKEN_FIELD
from app.web.i18n import gettext as _

log = logging.getLogger("twitchcheck")


class AppError(Exception):
    """An outcome the app answers on purpose: its HTTP status and the key of what a person reads."""

    status: ClassVar[int] = 500
    key: str = "internal"

    def __init__(self, key: str | None = None, **params: Any) -> None:
        if key is not None:
            self.key = key
        self.params = params  # fills the message's {placeholders}
        self.headers: dict[str, str] = {}
        super().__init__(self.key)


class InternalError(AppError):
    """Anything unexpected: logged with its traceback, answered without it."""

    status = 500


class NotFound(AppError):
    """Nothing at this address: `NotFound("assessment")`, `NotFound("diary")`, or a page."""

    status = 404

    def __init__(self, what: str = "page") -> None:
        super().__init__(f"not_found.{what}")


class MethodNotAllowed(AppError):
    """The address exists, the method does not: `allow` lists the methods it takes."""

    status = 405
    key = "method_not_allowed"

    def __init__(self, allow: str) -> None:
        super().__init__()
        self.headers = {"Allow": allow}


class CsrfRejected(AppError):
    """A form whose CSRF token failed: `reason` is "expired" or "no_cookie" (csrf.failure_reason)."""

    status = 403

    def __init__(self, reason: str) -> None:
        super().__init__(reason)  # the try-again template words each reason
        self.reason = reason


class PayloadTooLarge(AppError):
    status = 413
    key = "payload_too_large"

    def __init__(self, max_bytes: int) -> None:
        super().__init__(kb=max_bytes // 1024)


class TooManyRequests(AppError):
    """Over a rate limit: the seconds to wait go out as Retry-After."""

    status = 429
    key = "too_many_requests"

    def __init__(self, retry_after: int) -> None:
        super().__init__(wait=retry_after)
        self.retry_after = retry_after
        self.headers = {"Retry-After": str(retry_after)}


class ServiceUnavailable(AppError):
    status = 503
    key = "service_unavailable"


#: The reason the try-again page shows for a rate limit (its template words each reason).
BUSY = "busy"


def install(app: FastAPI) -> None:
    app.add_exception_handler(AppError, respond)  # type: ignore[arg-type]
    app.add_exception_handler(InvalidAnswers, _invalid_answers)  # type: ignore[arg-type]
    app.add_exception_handler(InvalidEntry, _invalid_entry)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _invalid_request)  # type: ignore[arg-type]
    app.add_exception_handler(OperationalError, _database_down)  # type: ignore[arg-type]
    app.add_exception_handler(PoolTimeout, _database_down)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, _http_error)  # type: ignore[arg-type]


def is_page_path(path: str) -> bool:
    """Whether a path is one of the pages (answered in HTML) rather than the JSON API."""
    return not path.startswith(("/api/", "/healthz", "/docs", "/openapi")) and not path.endswith(".json")


async def respond(request: Request, exc: AppError) -> Response:
    """The one mapping from an AppError to a response: a page for a person, JSON for a program.

    A rate limit or a refused form on a page gets the try-again page, which keeps the answers;
    other errors with a page in `messages.ERRORS` get `message.html`; the rest, and the whole API, get
    `{"detail": ...}`."""
    page = is_page_path(request.url.path)
    if page and isinstance(exc, TooManyRequests):
        return await _try_again(request, BUSY, exc.status, exc.retry_after)
    if isinstance(exc, CsrfRejected):
        return await _try_again(request, exc.reason, exc.status)
    text = messages.error_text(exc.key, **exc.params)
    if not (page and "title" in text):
        detail = text.get("detail", text.get("message"))
        return JSONResponse({"detail": detail}, status_code=exc.status, headers=exc.headers)
    if getattr(request.app.state, "runtime", None) is None:  # the app is not serving pages yet
        return JSONResponse({"detail": text["message"]}, status_code=exc.status, headers=exc.headers)
    response = _render(request, "message.html", {"title": text["title"], "message": text["message"]}, exc.status)
    response.headers.update(exc.headers)
    return response


def _render(request: Request, template: str, context: dict[str, Any], status: int) -> Response:
    from app.web.pages.checker import render  # pages import this module's siblings; import late to avoid a cycle

    return render(request, template, context, status_code=status)


def same_origin(request: Request) -> bool:
    """Whether the browser vouches that this request came from a page of this site."""
    site = request.headers.get("sec-fetch-site")
    if site is not None:
        return site == "same-origin"
    origin = request.headers.get("origin")
    if not origin or origin == "null":
        return False
    return urlsplit(origin).netloc == request.headers.get("host")


async def _try_again(request: Request, reason: str, status: int, wait: int | None = None) -> Response:
    """The page for a form that cannot be handled right now, offering the answers back when safe.

    Two cases: over a rate limit (429, with Retry-After), and a form whose CSRF check failed
    (403): its token expired, or the browser sent no security cookie. Either way the step's
    answers are in the form that was posted (the earlier steps' wait in the questionnaire's
    progress cookie, which this page leaves alone; never on the server), so the page offers
    them back: a "Try again" form posting the same fields to the same address, with a fresh
    CSRF token.

    A fresh token beside fields someone else chose would let another site use this page to get
    a forged form past the CSRF check with one click. So the re-post is offered only for a
    request that provably came from this site's own page: its CSRF token is valid (a 429), or
    the browser says so (`Sec-Fetch-Site: same-origin`, or an `Origin` equal to the `Host`).
    Otherwise the page explains and sends the person back. Every sentence is in
    `templates/try_again.html`.
    """
    headers = {"Retry-After": str(wait)} if wait is not None else {}
    if getattr(request.app.state, "runtime", None) is None:  # the app is not serving pages yet
        return JSONResponse({"detail": reason}, status_code=status, headers=headers)
    try:
        form: FormData | None = await request.form()
    except StarletteHTTPException:  # a body that is not a form after all (Starlette says 400): nothing to keep
        form = None
    fields = [(k, v) for k, v in (form or FormData()).multi_items() if k != TOKEN_FIELD and isinstance(v, str)]
    offer = form is not None and (
        same_origin(request) or (reason == BUSY and await request.app.state.csrf.is_valid(request))
    )
    context = {
        "reason": reason,
        "wait": wait,
        "fields": fields if offer else None,
        "action": request.url.path,
        "hours": MAX_AGE // 3600,
        "cookie_days": COOKIE_MAX_AGE // 86400,
    }
    response = _render(request, "try_again.html", context, status)
    response.headers.update(headers)
    return response


async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
    """Starlette's own errors (routing, a body FastAPI could not decode, the API's HTTPExceptions)."""
    page = is_page_path(request.url.path)
    if exc.status_code == 400 and not page:  # a body FastAPI could not even decode
        detail = [{"loc": ["body"], "msg": _("the request body is not valid JSON (UTF-8)"), "type": "json_invalid"}]
        return JSONResponse({"detail": detail}, status_code=422)
    headers = dict(exc.headers or {})
    if exc.status_code == 405:  # Allow must list every method of the path, not just the first route's
        headers["Allow"] = ", ".join(sorted(_allowed_methods(request)))
    if page and exc.status_code == 404:
        return await respond(request, NotFound())
    if page and exc.status_code == 405:
        return await respond(request, MethodNotAllowed(headers["Allow"]))
    return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=headers)


def _allowed_methods(request: Request) -> set[str]:
    """The methods of the address as routing sees it: the first route whose path matches decides
    the address (as Starlette's own 405 does: `/api/assessments/preview` is not the `{id}` route's),
    and every route with that same path adds its methods (a path can have a route per method)."""
    routes = list(every_route(request.app.router.routes))
    first = next((r for r in routes if r.matches(request.scope)[0] != Match.NONE), None)
    path = getattr(first, "path", None)
    if path is None:
        return set()
    return {m for r in routes if getattr(r, "path", None) == path for m in getattr(r, "methods", None) or ()}


def every_route(routes: Iterable[BaseRoute]) -> Iterator[BaseRoute]:
    """Every route, those of included routers too (FastAPI 0.16x keeps an included router whole,
    as one entry of `app.routes` holding the original router)."""
    for route in routes:
        inner = getattr(route, "original_router", None)
        if inner is not None:
            yield from every_route(inner.routes)
        else:
            yield route


async def _database_down(request: Request, exc: Exception) -> Response:
    log.warning("database unavailable: %s", type(exc).__name__)
    return await respond(request, ServiceUnavailable())


async def _invalid_answers(request: Request, exc: InvalidAnswers) -> JSONResponse:
    detail = [
        {"loc": ["body", "answers", p.question], "msg": messages.say(p.message), "type": "invalid_answer"}
        for p in exc.problems
    ]
    return JSONResponse({"detail": detail}, status_code=422)


async def _invalid_entry(request: Request, exc: InvalidEntry) -> JSONResponse:
    detail = [
        {"loc": ["body", p.field], "msg": f"{p.field}: {messages.say(p.message)}", "type": "invalid_entry"}
        for p in exc.problems
    ]
    return JSONResponse({"detail": detail}, status_code=422)


async def _invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
    detail = []
    for error in exc.errors():
        loc = [part for part in error.get("loc", ()) if isinstance(part, str | int)]
        field = ".".join(str(p) for p in loc[1:]) or "body"
        message = error.get("msg", "invalid value")  # pydantic's own words, in English
        if error.get("type") == "json_invalid":
            message = _("the request body is not valid JSON")
        elif error.get("type") == "missing":
            message = _("'%(field)s' is required") % {"field": field}
        elif error.get("type") == "extra_forbidden":
            message = _("unknown field '%(field)s'") % {"field": field}
        else:
            message = f"{field}: {message}"
        detail.append({"loc": loc, "msg": message, "type": error.get("type", "invalid")})
    return JSONResponse({"detail": detail}, status_code=422)
