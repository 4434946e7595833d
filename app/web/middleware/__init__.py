"""The app's middlewares, one concern a file, and `install`, which adds them in order.

From the outside in (a request passes them top to bottom, its response bottom to top):

1. `compression`: gzip what everything inside produced, error pages included.
2. uvicorn's `ProxyHeadersMiddleware`, only when TWITCHCHECK_TRUSTED_PROXIES is set: the
   client's address becomes the forwarded one before anything below reads it.
3. `request_id`: the id and the access line see every answer, the refusals below included.
4. `headers`: the security headers go on every response, 413, 429 and 500 included.
5. `locale`: the request's language and region (`?lang=`, cookie, Accept-Language), so every
   answer inside, the refusals and the 500 page included, is in that language.
6. `rate_limit` (when a budget is on): checked before the body is read, so a flood costs no
   reading; its page for people reads the form itself, bounded.
7. `body_limit`: 413 before the app reads a body over the limit.
8. `server_errors`: a friendly 500 for anything the app's exception handlers did not answer,
   innermost, so that answer still passes the headers and the request id above.

Starlette's `add_middleware` puts each new middleware outside the ones before it, so `install`
adds them from the innermost out.
"""

from __future__ import annotations

from fastapi import FastAPI
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from app.core.knowledge import regions
from app.settings import Settings
from app.web.middleware import rate_limit
from app.web.middleware.body_limit import BodyLimitMiddleware
from app.web.middleware.compression import CompressionMiddleware
from app.web.middleware.headers import SecurityHeadersMiddleware
from app.web.middleware.locale import LocaleMiddleware
from app.web.middleware.request_id import RequestIdMiddleware
from app.web.middleware.server_errors import ServerErrorsMiddleware

#: Responses smaller than this go uncompressed: gzip would save too little to pay for itself.
COMPRESS_FROM_BYTES = 1024


def install(app: FastAPI, settings: Settings) -> None:
    """Add the middlewares in the order the module docstring explains (innermost first)."""
    app.add_middleware(ServerErrorsMiddleware)
    app.add_middleware(BodyLimitMiddleware, max_body_bytes=settings.max_body_bytes)
    limiter = rate_limit.install(app, settings)
    if limiter is not None:
        app.add_middleware(
            rate_limit.RateLimitMiddleware,
            limiter=limiter,
            max_body_bytes=settings.max_body_bytes,
            proxies_trusted=bool(settings.trusted_proxies),
        )
    app.add_middleware(LocaleMiddleware, regions=regions.load())
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(RequestIdMiddleware)
    if settings.trusted_proxies:
        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=settings.trusted_proxies)
    app.add_middleware(CompressionMiddleware, minimum_size=COMPRESS_FROM_BYTES)
