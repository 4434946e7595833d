"""One place that maps the app's errors to HTTP: friendly bodies, never stack traces.

Validation messages name the field (the question id) and never echo the submitted value
back in full: answers are health data.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from app.engine import InvalidAnswers

log = logging.getLogger("twitchcheck")


def install(app: FastAPI) -> None:
    app.add_exception_handler(InvalidAnswers, _invalid_answers)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _invalid_request)  # type: ignore[arg-type]
    app.add_exception_handler(OperationalError, _database_down)  # type: ignore[arg-type]
    app.add_exception_handler(PoolTimeout, _database_down)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _unexpected)


async def _invalid_answers(request: Request, exc: InvalidAnswers) -> JSONResponse:
    detail = [
        {"loc": ["body", "answers", p.question], "msg": p.message, "type": "invalid_answer"} for p in exc.problems
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


async def _database_down(request: Request, exc: Exception) -> JSONResponse:
    log.warning("database unavailable: %s", type(exc).__name__)
    return JSONResponse(
        {"detail": "The database is unavailable right now; nothing was stored. Please try again in a minute."},
        status_code=503,
    )


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.error("unexpected error: %s", type(exc).__name__, exc_info=exc)
    return JSONResponse({"detail": "Something went wrong on our side; nothing was stored."}, status_code=500)
