"""Refuse request bodies over the limit with 413, before they are read into memory.

Starlette has a body limit of its own, but it answers from outside the app's middleware, so its
413 would miss the security headers; this one runs inside them (app.web.security).
"""

from __future__ import annotations

from starlette.types import Message, Receive


class TooLarge(Exception):
    pass


async def read_bounded(receive: Receive, max_bytes: int) -> tuple[bytes, Message | None]:
    """Read the whole body, at most max_bytes (raises TooLarge beyond). Returns the body and the
    first non-body message (a disconnect), if one came before the body ended."""
    message = await receive()
    if message["type"] != "http.request":
        return b"", message
    body = message.get("body", b"")
    if len(body) > max_bytes:
        raise TooLarge
    if not message.get("more_body", False):
        return body, None  # the usual case: the whole body in one message
    chunks = [body]
    size = len(body)
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
