"""Per-client rate limits, with the `limits` library: two budgets, so limits fit people.

- **writes** (TWITCHCHECK_RATE_LIMIT, 30/minute): what costs. Storing an assessment (the
  questionnaire's last step and `POST /api/assessments`), diary writes, deleting answers, and
  every POST, PUT, PATCH and DELETE of the JSON API.
- **steps** (TWITCHCHECK_RATE_LIMIT_STEPS, 300/minute): the questionnaire's page steps
  (`POST /check`, `POST /check/full`), which only move between steps (Next and Back are POSTs; the
  answers so far wait in the browser's progress cookie). Counted apart, so a school or an office behind one address
  does not spend its writes on moving through questions. The step that stores the result also
  takes one from the writes (`charge_write`, called by the page route just before it stores).

The client is the connection's address; behind a reverse proxy it is the forwarded address
only when the proxy is listed in TWITCHCHECK_TRUSTED_PROXIES. Nothing is exempt by default, not
even this machine: behind a proxy on the same host every client looks local, and an exemption
for loopback silently turned the limit off. TWITCHCHECK_RATE_LIMIT_EXEMPT lists clients never
counted (local tools, load tests), when an operator wants that.

The counters live in the storage TWITCHCHECK_RATE_LIMIT_STORAGE names: `memory://` (each
process its own, the default) or a Redis URL, which every process shares, so N processes
enforce one limit rather than N. Redis is used through the library's asyncio storage (redis-py),
so a check never blocks the event loop. If Redis does not answer, requests go ahead (and a
warning is logged at most once a minute): a broken counter store must not take the checker down.
After a failure Redis is left alone for RETRY_STORAGE_SECONDS, so an unreachable server costs
one timeout (a second at most) every few seconds, not one per request.

`RateLimitMiddleware` checks the budget before the body is read (a flood costs no reading) and
answers 429 through the error family: JSON with Retry-After for the API, and for a page the
friendly page that keeps the step's answers. It sits outside the body limit, so that page reads
the form itself, bounded by the same limit.
"""

from __future__ import annotations

import ipaddress
import logging
import math
import time
from collections.abc import Sequence
from functools import lru_cache
from urllib.parse import urlsplit

from fastapi import FastAPI, Request
from limits import RateLimitItem, parse
from limits.aio.strategies import MovingWindowRateLimiter as AsyncMovingWindow
from limits.errors import ConfigurationError, StorageError
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter
from starlette.types import ASGIApp, Receive, Scope, Send

from app.settings import MEMORY_SCHEMES, REDIS_SCHEMES, Settings
from app.web.errors import PayloadTooLarge, TooManyRequests, is_page_path, respond
from app.web.middleware.body_limit import TooLarge, read_bounded, replay

LIMITED_METHODS = frozenset({"POST", "DELETE", "PUT", "PATCH"})
WRITES = "writes"
STEPS = "steps"
#: The questionnaire's page steps: Next and Back of /check and /check/full.
STEP_PATHS = frozenset({"/check", "/check/full"})

#: After the shared storage fails, requests go ahead unchecked for this long before it is tried again.
RETRY_STORAGE_SECONDS = 5.0

log = logging.getLogger("twitchcheck")


def _network(text: str) -> ipaddress.IPv4Network | ipaddress.IPv6Network | None:
    try:
        return ipaddress.ip_network(text, strict=False)
    except ValueError:
        return None


def check_storage_url(url: str) -> str:
    """Refuse storage URLs other than memory:// and Redis at start-up (ValueError names them)."""
    scheme = urlsplit(url).scheme
    if scheme not in MEMORY_SCHEMES | REDIS_SCHEMES:
        raise ValueError(f"rate-limit storage must be memory:// or a redis:// URL, not {scheme or url!r}://")
    return url


def budget_for(path: str) -> str:
    """Which budget a POST, PUT, PATCH or DELETE to `path` takes from."""
    return STEPS if path in STEP_PATHS else WRITES


class RateLimiter:
    def __init__(
        self,
        limits: dict[str, str],
        exempt: Sequence[str] = (),
        storage_url: str = "memory://",
    ) -> None:
        """`limits` maps a budget (WRITES, STEPS) to a limit in the library's syntax, or 'off'."""
        self.items: dict[str, RateLimitItem] = {
            budget: parse(limit) for budget, limit in limits.items() if limit.strip().lower() != "off"
        }
        scheme = urlsplit(check_storage_url(storage_url)).scheme
        self.shared = scheme in REDIS_SCHEMES
        if self.shared:  # the asyncio storage, with short timeouts: a check must not hang a request
            try:
                storage = storage_from_string(
                    "async+" + storage_url,
                    implementation="redispy",
                    key_prefix="twitchcheck",
                    wrap_exceptions=True,
                    socket_connect_timeout=1,
                    socket_timeout=1,
                )
            except ConfigurationError as exc:  # redis-py is an optional extra
                raise ConfigurationError(f"{exc} Install it with: pip install 'twitchcheck[redis]'") from exc
            self.async_limiter: AsyncMovingWindow | None = AsyncMovingWindow(storage)
            self.limiter: MovingWindowRateLimiter | None = None
        else:  # in this process: a plain call, nothing to wait for
            self.async_limiter = None
            self.limiter = MovingWindowRateLimiter(storage_from_string(storage_url))
        self._warned_at = -math.inf
        self._storage_down_until = -math.inf
        exempt_names = frozenset(e for e in exempt if _network(e) is None)
        exempt_networks = tuple(n for n in map(_network, exempt) if n is not None)

        # Parsing an address costs more than the rest of the check: remember the answer per client
        # (bounded, so a flood of distinct addresses cannot grow it without limit).
        @lru_cache(maxsize=4096)
        def exempt_client(client: str) -> bool:
            if client in exempt_names:
                return True
            try:
                address = ipaddress.ip_address(client)
            except ValueError:
                return False
            return any(address in network for network in exempt_networks)

        self.exempt = exempt_client

    async def retry_after(self, budget: str, client: str) -> int | None:
        """None if the request may go ahead (and count it against `budget`), else the seconds until it may."""
        item = self.items.get(budget)
        if item is None or self.exempt(client):
            return None
        if self.limiter is not None:
            if self.limiter.hit(item, budget, client):
                return None
            reset, _ = self.limiter.get_window_stats(item, budget, client)
        else:
            assert self.async_limiter is not None
            if time.monotonic() < self._storage_down_until:
                return None
            try:
                if await self.async_limiter.hit(item, budget, client):
                    return None
                reset, _ = await self.async_limiter.get_window_stats(item, budget, client)
            except StorageError as exc:
                self._storage_failed(exc)
                return None
        return max(1, math.ceil(reset - time.time()))

    def _storage_failed(self, exc: StorageError) -> None:
        now = time.monotonic()
        self._storage_down_until = now + RETRY_STORAGE_SECONDS
        if now - self._warned_at >= 60:
            self._warned_at = now
            reason = type(exc.storage_error).__name__
            log.warning("rate-limit storage unavailable, requests are not limited: %s", reason)


def client_of(request: Request) -> str:
    return request.client.host if request.client else "unknown"


async def charge_write(request: Request, refuse: bool = True) -> None:
    """Take one from the client's writes budget before storing; TooManyRequests when it is spent
    (unless not `refuse`: counted, but let through).

    For the page routes whose request took from the steps budget but stores a result: the
    exception handler answers with the friendly page that keeps the answers.
    """
    limiter: RateLimiter | None = getattr(request.app.state, "limiter", None)
    if limiter is None:
        return
    wait = await limiter.retry_after(WRITES, client_of(request))
    if wait is not None and refuse:
        raise TooManyRequests(wait)


class RateLimitMiddleware:
    """429 for a client over its budget: POST, PUT, PATCH and DELETE only (reading is free)."""

    def __init__(self, app: ASGIApp, *, limiter: RateLimiter, max_body_bytes: int, proxies_trusted: bool) -> None:
        self.app = app
        self.limiter = limiter
        self.max_body_bytes = max_body_bytes
        # Behind a proxy nobody declared trusted, every client shares the proxy's address and so
        # one budget: say so once, in the log, the first time a forwarded request is counted.
        self.warn_forwarded = not proxies_trusted

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in LIMITED_METHODS:
            await self.app(scope, receive, send)
            return
        client = (scope.get("client") or ("unknown", 0))[0]
        if self.warn_forwarded and any(name == b"x-forwarded-for" for name, _ in scope["headers"]):
            self.warn_forwarded = False
            log.warning(
                "requests arrive through a proxy that is not in TWITCHCHECK_TRUSTED_PROXIES: "
                "its clients share one rate limit",
                extra={"proxy": client},
            )
        wait = await self.limiter.retry_after(budget_for(scope["path"]), client)
        if wait is None:
            await self.app(scope, receive, send)
            return
        error: PayloadTooLarge | TooManyRequests = TooManyRequests(wait)
        if is_page_path(scope["path"]):  # the page that keeps the answers reads the form, bounded
            try:
                body, pending = await read_bounded(receive, self.max_body_bytes)
                receive = replay(body, pending, receive)
            except TooLarge:
                error = PayloadTooLarge(self.max_body_bytes)
        response = await respond(Request(scope, receive), error)
        await response(scope, receive, send)


def install(app: FastAPI, settings: Settings) -> RateLimiter | None:
    """The limiter the settings ask for (None when every budget is off), kept in app.state for
    `charge_write`; its middleware is added by `app.web.middleware.install`."""
    budgets = {WRITES: settings.rate_limit, STEPS: settings.rate_limit_steps}
    limiter = None
    if any(limit.strip().lower() != "off" for limit in budgets.values()):
        limiter = RateLimiter(budgets, settings.rate_limit_exempt, settings.rate_limit_storage)
    app.state.limiter = limiter
    return limiter
