"""Per-client rate limiting of every POST and DELETE, with the `limits` library.

The client is the connection's address; behind a reverse proxy it is the forwarded address
only when the proxy is listed in TWITCHCHECK_TRUSTED_PROXIES (see app.main). Clients in
TWITCHCHECK_RATE_LIMIT_EXEMPT (by default this machine itself and in-process test clients, so
local tools, health checks and validation suites are never throttled) are not counted. The counters live
in this process's memory: with several processes each keeps its own (the README says so).
"""

from __future__ import annotations

import ipaddress
import json
import math
import time

from limits import parse
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter
from starlette.types import ASGIApp, Receive, Scope, Send

LIMITED_METHODS = frozenset({"POST", "DELETE", "PUT", "PATCH"})


def _network(text: str) -> ipaddress.IPv4Network | ipaddress.IPv6Network | None:
    try:
        return ipaddress.ip_network(text, strict=False)
    except ValueError:
        return None


class RateLimitMiddleware:
    def __init__(self, app: ASGIApp, limit: str, exempt: list[str] | tuple[str, ...] = ()) -> None:
        self.app = app
        self.item = parse(limit)
        self.limiter = MovingWindowRateLimiter(MemoryStorage())
        self.exempt_names = {e for e in exempt if _network(e) is None}
        self.exempt_networks = [n for n in map(_network, exempt) if n is not None]

    def _exempt(self, client: str) -> bool:
        if client in self.exempt_names:
            return True
        try:
            address = ipaddress.ip_address(client)
        except ValueError:
            return False
        return any(address in network for network in self.exempt_networks)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in LIMITED_METHODS:
            await self.app(scope, receive, send)
            return
        client = (scope.get("client") or ("unknown", 0))[0]
        if self._exempt(client) or self.limiter.hit(self.item, client):
            await self.app(scope, receive, send)
            return
        reset, _ = self.limiter.get_window_stats(self.item, client)
        retry_after = max(1, math.ceil(reset - time.time()))
        body = json.dumps({"detail": f"Too many requests. Please wait {retry_after} seconds and try again."}).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 429,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"retry-after", str(retry_after).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
