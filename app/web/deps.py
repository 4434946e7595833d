"""Typed dependencies for the routes: the runtime, a database connection, the CSRF check.

Routes declare what they need in their signature (`runtime: RuntimeDep`) and FastAPI provides
it, so a route never reaches into `request.app.state` and a test can override any of them
(`app.dependency_overrides`).

Every HTML form route (a POST that is not the JSON API) takes `dependencies=[CsrfChecked]`:
the check runs before the route, so a route cannot forget it, and a test walks `app.routes`
to keep it so (tests/security/test_csrf_forms.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy import Connection

from app.web.csrf import CsrfGuard, CsrfProtectError
from app.web.errors import CsrfRejected
from app.web.runtime import Runtime


async def get_runtime(request: Request) -> Runtime:  # async: no threadpool hop for a lookup
    """What the app built at start-up (app.factory's lifespan)."""
    return request.app.state.runtime


def get_connection(runtime: Annotated[Runtime, Depends(get_runtime)]) -> Iterator[Connection]:
    """A connection for the request (from the engine's pool), rolled back and returned at the end
    unless the route committed."""
    with runtime.engine.connect() as connection:
        yield connection


async def get_csrf(request: Request) -> CsrfGuard:
    """The app's CSRF guard: it holds the signing secret (made in create_app, read once)."""
    return request.app.state.csrf


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]
ConnectionDep = Annotated[Connection, Depends(get_connection)]
CsrfGuardDep = Annotated[CsrfGuard, Depends(get_csrf)]


async def check_csrf(request: Request, guard: CsrfGuardDep) -> None:
    """Refuse a form whose CSRF token does not match its signed cookie (CsrfRejected: 403, the
    page that says why and keeps the answers)."""
    try:
        await guard.validate(request)
    except CsrfProtectError:
        raise CsrfRejected(guard.failure_reason(request)) from None


#: For `dependencies=[CsrfChecked]` on every HTML form route.
CsrfChecked = Depends(check_csrf)
