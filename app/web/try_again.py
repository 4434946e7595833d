"""Pages that keep a person's answers when their form cannot be handled right now.

Two cases: over a rate limit (429, with Retry-After), and a form whose CSRF check failed (403):
its token expired, or the browser sent no security cookie. Either way the step's answers are in
the form that was posted (the earlier steps' wait in the questionnaire's progress cookie, which
this page leaves alone; never on the server), so the page offers them back: a "Try again" form
posting the same fields to the same address, with a fresh CSRF token.

A fresh token beside fields someone else chose would let another site use this page to get a
forged form past the CSRF check with one click. So the re-post is offered only for a request
that provably came from this site's own page: its CSRF token is valid (a 429), or the browser
says so (`Sec-Fetch-Site: same-origin`, or an `Origin` equal to the `Host`). Otherwise the page
explains and sends the person back. Every sentence is in `templates/try_again.html`.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from fastapi import Request
from fastapi.responses import JSONResponse, Response
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException

from app.web.csrf import COOKIE_MAX_AGE, MAX_AGE, TOKEN_FIELD

BUSY = "busy"


def same_origin(request: Request) -> bool:
    """Whether the browser vouches that this request came from a page of this site."""
    site = request.headers.get("sec-fetch-site")
    if site is not None:
        return site == "same-origin"
    origin = request.headers.get("origin")
    if not origin or origin == "null":
        return False
    return urlsplit(origin).netloc == request.headers.get("host")


async def page(request: Request, reason: str, status_code: int, wait: int | None = None) -> Response:
    """The friendly page for `reason` ("busy", "expired", "no_cookie"), with the answers when safe."""
    from app.web.pages import render  # pages import this module's siblings; import late to avoid a cycle

    headers = {"Retry-After": str(wait)} if wait is not None else {}
    if getattr(request.app.state, "runtime", None) is None:  # the app is not serving pages yet
        return JSONResponse({"detail": reason}, status_code=status_code, headers=headers)
    try:
        form = await request.form()
    except HTTPException:  # a body that is not a form after all (Starlette says 400): nothing to keep
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
    response = render(request, "try_again.html", context, status_code=status_code)
    response.headers.update(headers)
    return response
