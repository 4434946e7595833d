"""Per-client rate limiting of every POST and DELETE, with the `limits` library.

The client is the connection's address; behind a reverse proxy it is the forwarded address
only when the proxy is listed in TWITCHCHECK_TRUSTED_PROXIES (see app.main). Clients in
TWITCHCHECK_RATE_LIMIT_EXEMPT (by default this machine itself and in-process test clients, so
local tools, health checks and validation suites are never throttled) are not counted. The counters live
in this process's memory: with several processes each keeps its own (the README says so).
The check runs inside the one security middleware (app.web.security), outside the body limit.
"""

from __future__ import annotations

import ipaddress
import math
import time
from functools import lru_cache

from limits import parse
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter

LIMITED_METHODS = frozenset({"POST", "DELETE", "PUT", "PATCH"})


def _network(text: str) -> ipaddress.IPv4Network | ipaddress.IPv6Network | None:
    try:
        return ipaddress.ip_network(text, strict=False)
    except ValueError:
        return None


class RateLimiter:
    def __init__(self, limit: str, exempt: list[str] | tuple[str, ...] = ()) -> None:
        self.item = parse(limit)
        self.limiter = MovingWindowRateLimiter(MemoryStorage())
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

    def retry_after(self, client: str) -> int | None:
        """None if the request may go ahead (and count it), else the seconds until it may."""
        if self.exempt(client) or self.limiter.hit(self.item, client):
            return None
        reset, _ = self.limiter.get_window_stats(self.item, client)
        return max(1, math.ceil(reset - time.time()))
