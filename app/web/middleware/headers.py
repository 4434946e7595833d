"""Security headers on every response, errors included.

Why a middleware: a header set by each route would be forgotten by the next route, and the
answers that never reach a route (404, 413, 429, 500) need them too. The `secure` library's set
replaces any a response set itself. Cache-Control and the CSP are defaults a response may
override: pages and API answers say no-store (the default), static files and knowledge listings
choose their own caching, and only /docs widens the CSP, by the hash of its one inline script.
HSTS is only sent when the request came over HTTPS, where it means something.
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
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

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

# The values, worked out once: the library builds them from its builders at every read.
HEADER_VALUES = dict(HEADERS.headers)
HSTS_VALUE = HSTS.header_value


class SecurityHeadersMiddleware:
    """Adds the security headers to each response as it starts."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        https = scope.get("scheme") == "https"

        async def send_secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                headers = MutableHeaders(scope=message)
                for name, value in HEADER_VALUES.items():
                    headers[name] = value  # ours, replacing any the response set
                headers.setdefault("cache-control", "no-store")
                headers.setdefault("content-security-policy", CSP_VALUE)
                if https:
                    headers["strict-transport-security"] = HSTS_VALUE
            await send(message)

        await self.app(scope, receive, send_secured)
