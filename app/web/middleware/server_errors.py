"""A friendly 500 for anything unexpected: logged with its traceback, answered without it.

Why not Starlette's own: its ServerErrorMiddleware answers from outside every other middleware,
so its 500 would carry neither the security headers nor the request id. This one runs inside
them and answers through the error family (`app.web.errors.respond`), like every other error.
A response that had already started cannot be replaced: then the error goes on up.
"""

from __future__ import annotations

import logging

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.web.errors import InternalError, respond

log = logging.getLogger("twitchcheck")


class ServerErrorsMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_noting_start(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, send_noting_start)
        except Exception as exc:
            log.error("unexpected error: %s", type(exc).__name__, exc_info=exc)
            if started:
                raise
            response = await respond(Request(scope, receive), InternalError())
            await response(scope, receive, send)
