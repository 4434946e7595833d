"""A request id on every response and log line, and one redacted access line per request.

Why: a person reporting a problem can quote the id from the response, and an operator finds
every line that request wrote. A caller's own `X-Request-Id` is kept when it is well formed (a
proxy's id then follows the request through); otherwise a new one is made. The ids guard
nothing, they only need to be unique: `uuid4` from the standard library.

Outermost of the app's middlewares (inside compression), so the access line sees the status of
every answer, the 413s, 429s and 500s of the middlewares inside it included.
"""

from __future__ import annotations

import time
import uuid

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.web import requestlog


class RequestIdMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        request_id = Headers(scope=scope).get("x-request-id")
        if request_id is None or not requestlog.valid_request_id(request_id):
            request_id = uuid.uuid4().hex
        status = 500  # if the response never starts, the server answers 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message.setdefault("headers", [])
                MutableHeaders(scope=message).append("x-request-id", request_id)
            await send(message)

        token = requestlog.bind(request_id)
        try:
            await self.app(scope, receive, send_with_id)
        finally:
            elapsed_ms = round((time.perf_counter() - start) * 1000, 1)
            requestlog.access(scope["method"], scope["path"], status, elapsed_ms, request_id)
            requestlog.unbind(token)
