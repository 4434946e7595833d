"""One pure-ASGI middleware for every request's guarantees, in the order they apply:

request id and a redacted access line (outermost), security headers on every response, errors
included (secure, with a strict policy), the per-client rate limit (429: JSON for the API, a
page that keeps the answers for the pages), the body limit (413), and a friendly 500 for
anything unexpected (innermost). They used to be six middleware layers,
each wrapping `send` again; as one layer, each response passes one wrapper and the header
list is precomputed once.

Cache-Control is left to each response (pages and API answers say no-store; static files are
cached), with no-store as the default for anything that did not choose. The CSP is set the same
way, so the documentation page can allow its one inline script by hash. HSTS is only sent
when the request came over HTTPS, where it means something.
"""

from __future__ import annotations

import json
import logging
import os
import random
import time

from secure import (
    ContentSecurityPolicy,
    CrossOriginOpenerPolicy,
    PermissionsPolicy,
    ReferrerPolicy,
    Secure,
    StrictTransportSecurity,
    XContentTypeOptions,
    XFrameOptions,
)
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from app.web import requestlog, try_again
from app.web.bodylimit import TooLarge, read_bounded
from app.web.errors import is_page_path
from app.web.ratelimit import LIMITED_METHODS, STEPS, WRITES, RateLimiter, budget_for

CSP = (
    ContentSecurityPolicy()
    .default_src("'self'")
    .script_src("'self'")
    .style_src("'self'")
    .img_src("'self'")
    .object_src("'none'")
    .base_uri("'none'")
    .form_action("'self'")
    .frame_ancestors("'none'")
)

CSP_VALUE = CSP.header_value

HEADERS = Secure(
    coop=CrossOriginOpenerPolicy().same_origin(),
    permissions=PermissionsPolicy().geolocation().microphone().camera().payment().usb(),
    referrer=ReferrerPolicy().no_referrer(),
    xcto=XContentTypeOptions().nosniff(),
    xfo=XFrameOptions().deny(),
)
HSTS = StrictTransportSecurity().max_age(63072000).include_subdomains()


# Request ids only correlate log lines with a response: they guard nothing, so they come from a
# seeded Mersenne Twister, not os.urandom, whose system call (it releases the GIL) was a measurable
# share of every request while the assessment writer thread was busy.
_ids = random.Random()
os.register_at_fork(after_in_child=_ids.seed)  # forked workers must not repeat each other's ids

# Precomputed once: (lower-case name, value) pairs every response gets, replacing any of its own.
_SECURE = [(name.lower().encode("ascii"), value.encode("latin-1")) for name, value in HEADERS.headers.items()]
_SECURE_NAMES = frozenset(name for name, _ in _SECURE)
_NO_STORE = (b"cache-control", b"no-store")
_CSP = (b"content-security-policy", CSP_VALUE.encode("latin-1"))
_HSTS = (b"strict-transport-security", HSTS.header_value.encode("latin-1"))
_JSON = (b"content-type", b"application/json")
_UNEXPECTED = json.dumps({"detail": "Something went wrong on our side; nothing was stored. Please try again."}).encode()

log = logging.getLogger("twitchcheck")


class GuardMiddleware:
    """Request id + access log, security headers, rate limit, body limit, friendly 500s.

    Security headers: the secure library's set replaces any a response set itself; the strict
    CSP and no-store are defaults a response may override (only /docs widens the CSP, by
    script hashes; static files and knowledge listings choose their own caching); HSTS over
    HTTPS only. The rate limit is checked before the body is read, the body limit before the
    app sees it, and every reply, 413, 429 and 500 included, leaves through the same headers.
    """

    def __init__(
        self, app: ASGIApp, *, max_body_bytes: int, limiter: RateLimiter | None, proxies_trusted: bool = False
    ) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.limiter = limiter
        # Behind a proxy nobody declared trusted, every client shares the proxy's address and so
        # one budget: say so once, in the log, the first time a forwarded request is counted.
        self.warn_forwarded = limiter is not None and not proxies_trusted

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        request_id = declared = None
        forwarded = False
        for name, value in scope["headers"]:
            if name == b"x-request-id":
                request_id = value.decode("latin-1")
            elif name == b"content-length":
                declared = value
            elif name == b"x-forwarded-for":
                forwarded = True
        if request_id is None or not requestlog.valid_request_id(request_id):
            request_id = f"{_ids.getrandbits(128):032x}"
        https = scope.get("scheme") == "https"
        status = 500
        started = False

        async def guarded_send(message: Message) -> None:
            nonlocal status, started
            if message["type"] == "http.response.start":
                started = True
                status = message["status"]
                own = message.get("headers", [])
                headers = [h for h in own if h[0].lower() not in _SECURE_NAMES]
                names = {name.lower() for name, _ in headers}
                headers += _SECURE
                if b"cache-control" not in names:
                    headers.append(_NO_STORE)
                if b"content-security-policy" not in names:
                    headers.append(_CSP)
                if https:
                    headers.append(_HSTS)
                headers.append((b"x-request-id", request_id.encode("latin-1")))
                message["headers"] = headers
            await send(message)

        async def reply(code: int, body: bytes, *extra: tuple[bytes, bytes]) -> None:
            headers = [_JSON, (b"content-length", str(len(body)).encode()), *extra]
            await guarded_send({"type": "http.response.start", "status": code, "headers": headers})
            await guarded_send({"type": "http.response.body", "body": body})

        token = requestlog.bind(request_id)
        try:
            method = scope["method"]
            if self.limiter is not None and method in LIMITED_METHODS:
                client = (scope.get("client") or ("unknown", 0))[0]
                if forwarded and self.warn_forwarded:
                    self.warn_forwarded = False
                    log.warning(
                        "requests arrive through a proxy that is not in TWITCHCHECK_TRUSTED_PROXIES: "
                        "its clients share one rate limit",
                        extra={"proxy": client},
                    )
                path = scope["path"]
                wait = await self.limiter.retry_after(budget_for(path), client)
                if wait is not None:
                    if is_page_path(path):  # a person: a page that keeps the answers, not JSON
                        try:
                            body, pending = await read_bounded(receive, self.max_body_bytes)
                        except TooLarge:
                            await reply(413, self._too_large())
                            return
                        request = Request(scope, _replay(body, pending, receive))
                        response = await try_again.page(request, try_again.BUSY, 429, wait)
                        await response(scope, receive, guarded_send)
                        return
                    detail = f"Too many requests. Please wait {wait} seconds and try again."
                    await reply(429, json.dumps({"detail": detail}).encode(), (b"retry-after", str(wait).encode()))
                    return
            if declared is not None and declared.isdigit() and int(declared) > self.max_body_bytes:
                await reply(413, self._too_large())
                return
            if method not in ("GET", "HEAD", "OPTIONS"):
                try:  # read at most max_bytes + 1 (bounded memory), then replay the body to the app
                    body, pending = await read_bounded(receive, self.max_body_bytes)
                except TooLarge:
                    await reply(413, self._too_large())
                    return
                receive = _replay(body, pending, receive)
            try:
                await self.app(scope, receive, guarded_send)
            except Exception as exc:
                log.error("unexpected error: %s", type(exc).__name__, exc_info=exc)
                if started:
                    raise
                await reply(500, _UNEXPECTED)
        finally:
            requestlog.access(
                scope["method"], scope["path"], status, round((time.perf_counter() - start) * 1000, 1), request_id
            )
            requestlog.unbind(token)

    def _too_large(self) -> bytes:
        return json.dumps({"detail": f"The request body is larger than {self.max_body_bytes // 1024} KB."}).encode()


def _replay(body: bytes, pending: Message | None, receive: Receive) -> Receive:
    replayed = False

    async def replay() -> Message:
        nonlocal replayed, pending
        if not replayed:
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}
        if pending is not None:
            message, pending = pending, None
            return message
        return await receive()

    return replay


def install(app, settings) -> None:  # type: ignore[no-untyped-def]
    """The guard, and outside it (optionally) the proxy-headers middleware."""
    budgets = {WRITES: settings.rate_limit, STEPS: settings.rate_limit_steps}
    limiter = None
    if any(limit.strip().lower() != "off" for limit in budgets.values()):
        limiter = RateLimiter(budgets, settings.rate_limit_exempt, settings.rate_limit_storage)
    app.state.limiter = limiter  # the page routes that store take from the writes too (ratelimit.charge_write)
    app.add_middleware(
        GuardMiddleware,
        max_body_bytes=settings.max_body_bytes,
        limiter=limiter,
        proxies_trusted=bool(settings.trusted_proxies),
    )
    if settings.trusted_proxies:  # the client address is the forwarded one only from these proxies
        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=settings.trusted_proxies)
