"""gzip on the wire (Starlette's GZipMiddleware), keeping ASGI debug messages intact.

Starlette's responders drop `http.response.debug`, the extension that tells a test client which
template rendered a page; this wrapper hands such messages past the compressor unchanged.
A client that does not accept gzip skips the compressor (and its per-request objects)
altogether; its responses still say `Vary: Accept-Encoding` when they are large enough that a
gzip-accepting client would have got them compressed, as Starlette's own would.
"""

from __future__ import annotations

from starlette.middleware.gzip import GZipMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

_VARY = (b"vary", b"Accept-Encoding")


class Compression:
    def __init__(self, app: ASGIApp, minimum_size: int = 1024) -> None:
        self.app = app
        self.minimum_size = minimum_size

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if not any(name == b"accept-encoding" and b"gzip" in value for name, value in scope["headers"]):
            await self.app(scope, receive, self._identity(send))
            return

        async def inner(scope: Scope, receive: Receive, compress_send: Send) -> None:
            async def route(message: Message) -> None:
                await (send if message["type"] == "http.response.debug" else compress_send)(message)

            await self.app(scope, receive, route)

        await GZipMiddleware(inner, minimum_size=self.minimum_size)(scope, receive, send)

    def _identity(self, send: Send) -> Send:
        async def identity(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = message.get("headers", [])
                for name, value in headers:
                    if name == b"content-length":
                        if int(value) >= self.minimum_size and not any(n == b"vary" for n, _ in headers):
                            message["headers"] = [*headers, _VARY]
                        break
            await send(message)

        return identity
