"""Refuse request bodies over the limit with 413, before they are read into memory.

Why not Starlette's own limit: it answers from outside the app's middleware, so its 413 would
miss the security headers and the request id; this one runs inside them. A declared
Content-Length over the limit is refused at once; otherwise the body is read up to the limit
(memory stays bounded whatever a client sends) and replayed to the app.
"""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.web.errors import PayloadTooLarge, respond

#: Methods whose bodies are read (the others have none worth reading).
BODILESS = frozenset({"GET", "HEAD", "OPTIONS"})


class TooLarge(Exception):
    pass


class BodyLimitMiddleware:
    def __init__(self, app: ASGIApp, *, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in BODILESS:
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_body_bytes:
            await self.refuse(scope, receive, send)
            return
        try:
            body, pending = await read_bounded(receive, self.max_body_bytes)
        except TooLarge:
            await self.refuse(scope, receive, send)
            return
        await self.app(scope, replay(body, pending, receive), send)

    async def refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = await respond(Request(scope, receive), PayloadTooLarge(self.max_body_bytes))
        await response(scope, receive, send)


async def read_bounded(receive: Receive, max_bytes: int) -> tuple[bytes, Message | None]:
    """Read the whole body, at most max_bytes (raises TooLarge beyond). Returns the body and the
    first non-body message (a disconnect), if one came before the body ended."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return b"".join(chunks), message
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > max_bytes:
            raise TooLarge
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks), None


def replay(body: bytes, pending: Message | None, receive: Receive) -> Receive:
    """A `receive` that gives the app the body already read, then what was pending, then the rest."""
    replayed = False

    async def replayed_receive() -> Message:
        nonlocal replayed, pending
        if not replayed:
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}
        if pending is not None:
            message, pending = pending, None
            return message
        return await receive()

    return replayed_receive
