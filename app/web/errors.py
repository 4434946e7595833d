"""One place that maps the app's errors to HTTP: friendly bodies, never stack traces.

Validation messages name the field (the question id) and never echo the submitted value
back in full: answers are health data.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from app.diary import InvalidEntry
from app.engine import InvalidAnswers
from app.web import messages, try_again
from app.web.csrf import CsrfProtectError
from app.web.ratelimit import RateLimited

log = logging.getLogger("twitchcheck")


def install(app: FastAPI) -> None:
    app.add_exception_handler(InvalidAnswers, _invalid_answers)  # type: ignore[arg-type]
    app.add_exception_handler(InvalidEntry, _invalid_entry)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _invalid_request)  # type: ignore[arg-type]
    app.add_exception_handler(OperationalError, _database_down)  # type: ignore[arg-type]
    app.add_exception_handler(PoolTimeout, _database_down)  # type: ignore[arg-type]
    app.add_exception_handler(CsrfProtectError, _csrf_failed)  # type: ignore[arg-type]
    app.add_exception_handler(RateLimited, _rate_limited)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, _http_error)  # type: ignore[arg-type]


def is_page_path(path: str) -> bool:
    """Whether a path is one of the pages (answered in HTML) rather than the JSON API."""
    return not path.startswith(("/api/", "/healthz", "/docs", "/openapi")) and not path.endswith(".json")


def _wants_html(request: Request) -> bool:
    return is_page_path(request.url.path)


def _page(request: Request, status: int, title: str, message: str) -> Response:
    from app.web.pages import render  # pages import this module's siblings; import late to avoid a cycle

    if getattr(request.app.state, "runtime", None) is None:
        return JSONResponse({"detail": message}, status_code=status)
    return render(request, "message.html", {"title": title, "message": message}, status_code=status)


async def _csrf_failed(request: Request, exc: CsrfProtectError) -> Response:
    """403, saying what happened (an expired form, or no security cookie) and keeping the answers."""
    return await try_again.page(request, request.app.state.csrf.failure_reason(request), 403)


async def _rate_limited(request: Request, exc: RateLimited) -> Response:
    """429 from a page about to store (the questionnaire's last step): the answers are kept."""
    if not _wants_html(request):
        detail = f"Too many requests. Please wait {exc.retry_after} seconds and try again."
        return JSONResponse({"detail": detail}, status_code=429, headers={"Retry-After": str(exc.retry_after)})
    return await try_again.page(request, try_again.BUSY, 429, exc.retry_after)


async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
    if exc.status_code == 400 and not _wants_html(request):  # a body FastAPI could not even decode
        detail = [{"loc": ["body"], "msg": "the request body is not valid JSON (UTF-8)", "type": "json_invalid"}]
        return JSONResponse({"detail": detail}, status_code=422)
    headers = dict(exc.headers or {})
    if exc.status_code == 405:  # Allow must list every method of the path, not just the first route's
        headers["Allow"] = ", ".join(sorted(_allowed_methods(request)))
    if _wants_html(request) and exc.status_code == 404:
        return _page(request, 404, "Page not found", "There is no page at this address.")
    if _wants_html(request) and exc.status_code == 405:
        response = _page(request, 405, "Not available", "This page cannot be used that way.")
        response.headers["Allow"] = headers["Allow"]
        return response
    return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=headers)


def _allowed_methods(request: Request) -> set[str]:
    allowed: set[str] = set()
    for route in request.app.router.routes:
        methods = getattr(route, "methods", None)
        if methods and route.matches(request.scope)[0] != Match.NONE:
            allowed |= set(methods)
    return allowed


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
        message = error.get("msg", "invalid value")
        if error.get("type") == "json_invalid":
            message = "the request body is not valid JSON"
        elif error.get("type") == "missing":
            message = f"'{field}' is required"
        elif error.get("type") == "extra_forbidden":
            message = f"unknown field '{field}'"
        else:
            message = f"{field}: {message}"
        detail.append({"loc": loc, "msg": message, "type": error.get("type", "invalid")})
    return JSONResponse({"detail": detail}, status_code=422)


async def _database_down(request: Request, exc: Exception) -> Response:
    log.warning("database unavailable: %s", type(exc).__name__)
    if _wants_html(request):
        return _page(
            request,
            503,
            "We cannot save or load answers right now",
            "Our database is not answering. Nothing was lost on your side; please try again in a few minutes. "
            "If you have warning signs such as trouble breathing or sudden weakness, call your local emergency "
            "number now.",
        )
    return JSONResponse(
        {"detail": "The database is unavailable right now; nothing was stored. Please try again in a minute."},
        status_code=503,
    )
