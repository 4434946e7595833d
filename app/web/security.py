"""Security headers on every response, errors included (secure, with a strict policy).

Cache-Control is left to each response (pages and API answers say no-store; static files are
cached), with no-store as the default for anything that did not choose. The CSP is set the same
way, so the documentation page can allow its one inline script by hash. HSTS is only sent
when the request came over HTTPS, where it means something.
"""

from __future__ import annotations

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
from secure.middleware import SecureASGIMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from app.web.bodylimit import BodyLimitMiddleware
from app.web.errors import UnexpectedErrorMiddleware
from app.web.ratelimit import RateLimitMiddleware
from app.web.requestlog import RequestLogMiddleware

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


class DefaultsMiddleware:
    """The strict CSP and no-store unless a response chose its own (only /docs widens the CSP, by
    script hashes); HSTS over HTTPS only."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        https = scope.get("scheme") == "https"

        async def send_wrapper(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {name.lower() for name, _ in headers}
                if b"cache-control" not in names:
                    headers.append((b"cache-control", b"no-store"))
                if b"content-security-policy" not in names:
                    headers.append((b"content-security-policy", CSP_VALUE.encode("latin-1")))
                if https:
                    headers.append((b"strict-transport-security", HSTS.header_value.encode("latin-1")))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_wrapper)


def install(app, settings) -> None:  # type: ignore[no-untyped-def]
    """Middleware, innermost first (the last added is the outermost)."""
    app.add_middleware(UnexpectedErrorMiddleware)
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    if settings.rate_limit.lower() != "off":  # outside the body limit: refuse before reading a body
        app.add_middleware(RateLimitMiddleware, limit=settings.rate_limit, exempt=settings.rate_limit_exempt)
    # Security headers outside the rate limiter, so 413, 429 and 500 replies carry them too.
    app.add_middleware(DefaultsMiddleware)
    app.add_middleware(SecureASGIMiddleware, secure=HEADERS)
    app.add_middleware(RequestLogMiddleware)
    if settings.trusted_proxies:  # the client address is the forwarded one only from these proxies
        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=settings.trusted_proxies)
