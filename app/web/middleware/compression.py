"""gzip on the wire (Starlette's GZipMiddleware), keeping ASGI debug messages intact.

Why a wrapper: Starlette's responders drop `http.response.debug`, the extension that tells a
test client which template rendered a page (the page tests assert on it); this wrapper hands
such messages past the compressor unchanged. Everything else, including `Vary:
Accept-Encoding` for clients that do not take gzip, is Starlette's own.
"""

from __future__ import annotations

from starlette.middleware.gzip import GZipMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class CompressionMiddleware:
    def __init__(self, app: ASGIApp, minimum_size: int = 1024) -> None:
        self.app = app
        self.minimum_size = minimum_size

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def app_with_debug_past_gzip(scope: Scope, receive: Receive, gzip_send: Send) -> None:
            async def route(message: Message) -> None:
                await (send if message["type"] == "http.response.debug" else gzip_send)(message)

            await self.app(scope, receive, route)

        await GZipMiddleware(app_with_debug_past_gzip, minimum_size=self.minimum_size)(scope, receive, send)
