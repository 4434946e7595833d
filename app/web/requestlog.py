"""Structured JSON logs with a request id, and an access log that never records secrets.

Answers, assessment ids and diary text must never reach a log: the access line records the
route template (`/results/{id}`), not the path, and no query string or body.

Every line is one JSON object, `{"event": ..., "request_id": ..., "level": ..., "timestamp": ...}`,
built by a small `logging.Formatter` on the standard library. These lines were written by
structlog before; it had become a dependency for three processors, and importing it also imported
its console renderer's optional `rich`, which alone cost more than a tenth of the app's start-up
wherever `rich` is installed.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import time
from contextvars import ContextVar, Token
from datetime import UTC, datetime

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
_SECRET_SEGMENTS = re.compile(r"^/(results|api/assessments|diary|api/diaries)/(?!forget$)[^/]+")
_access = logging.getLogger("twitchcheck.access")
_handler: logging.Handler | None = None  # the JSON handler `configure` installed
_request_id: ContextVar[str | None] = ContextVar("twitchcheck_request_id", default=None)


class JsonFormatter(logging.Formatter):
    """One JSON object per record: the message as `event`, the traceback (if any) as `exception`,
    the request id bound to the current context, then the level and a UTC ISO timestamp."""

    def format(self, record: logging.LogRecord) -> str:
        fields: dict[str, object] = {"event": record.getMessage()}
        if record.exc_info:
            fields["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            fields["stack"] = self.formatStack(record.stack_info)
        request_id = _request_id.get()
        if request_id is not None:
            fields.setdefault("request_id", request_id)
        fields["level"] = _LEVEL_NAMES.get(record.levelname.lower(), record.levelname.lower())
        fields["timestamp"] = _now()
        return json.dumps(fields, default=repr)


_LEVEL_NAMES = {"warn": "warning", "exception": "error"}


def _now() -> str:
    """The UTC time as `2026-11-22T07:00:00.123456Z`. The date and time to the second are
    formatted once per second, not on every line (the access line is written for every request)."""
    global _second, _second_text
    now = time.time()
    second = int(now)
    if second != _second:
        _second_text = datetime.fromtimestamp(second, UTC).strftime("%Y-%m-%dT%H:%M:%S")
        _second = second
    return f"{_second_text}.{int((now - second) * 1_000_000):06d}Z"


_second, _second_text = -1, ""


def configure(level: str = "INFO") -> None:
    """JSON lines on stderr for the app, uvicorn and SQLAlchemy alike."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    handler._twitchcheck = True  # type: ignore[attr-defined]
    global _handler
    _handler = handler
    root = logging.getLogger()
    root.handlers = [h for h in root.handlers if not getattr(h, "_twitchcheck", False)] + [handler]
    root.setLevel(level.upper())
    for name in ("uvicorn", "uvicorn.error"):
        logging.getLogger(name).handlers = []
        logging.getLogger(name).propagate = True
    logging.getLogger("uvicorn.access").disabled = True  # it logs raw paths, which hold assessment ids
    logging.getLogger("httpx").setLevel(logging.WARNING)  # (test clients) would log full URLs


def redact(path: str) -> str:
    return _SECRET_SEGMENTS.sub(lambda m: f"/{m.group(1)}/{{id}}", path)


def valid_request_id(value: str) -> bool:
    return _REQUEST_ID.match(value) is not None


def access(method: str, path: str, status: int, ms: float, request_id: str) -> None:
    """One access line per request, the same JSON as every other line, written by the handler
    `configure` installed (under its lock) without a LogRecord, and as text put together here
    rather than by json.dumps of a dict: a line is written for every request, and that was most
    of its cost. The path is redacted here, so no caller can log an id by mistake."""
    if not _access.isEnabledFor(logging.INFO):
        return
    dumps, path = json.dumps, redact(path)
    handler = _handler
    if handler is None or not isinstance(handler, logging.StreamHandler):  # not configured: the slow path
        fields = {"method": method, "path": path, "status": status, "ms": ms, "request_id": request_id}
        _access.info("request %s", dumps(fields))
        return
    line = (
        f'{{"method": {dumps(method)}, "path": {dumps(path)}, "status": {int(status)}, "ms": {float(ms)!r}, '
        f'"event": "request", "request_id": {dumps(request_id)}, "level": "info", "timestamp": "{_now()}"}}\n'
    )
    with handler.lock:  # type: ignore[union-attr]
        handler.stream.write(line)
        handler.stream.flush()


def bind(request_id: str) -> Token[str | None]:
    """Every log line written while the request runs carries its id."""
    return _request_id.set(request_id)


def unbind(token: Token[str | None]) -> None:
    _request_id.reset(token)
