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
from contextvars import ContextVar, Token
from datetime import UTC, datetime

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
_SECRET_SEGMENTS = re.compile(r"^/(results|api/assessments|diary|api/diaries)/(?!forget$)[^/]+")
_access = logging.getLogger("twitchcheck.access")
_request_id: ContextVar[str | None] = ContextVar("twitchcheck_request_id", default=None)


class JsonFormatter(logging.Formatter):
    """One JSON object per record: the record's `fields` (the access line's), the message as
    `event`, the traceback (if any) as `exception`, the request id (the record's own, else the
    one bound to the current context), then the level and the record's time in UTC, ISO 8601 to
    the microsecond."""

    def format(self, record: logging.LogRecord) -> str:
        fields: dict[str, object] = dict(getattr(record, "fields", {}))
        request_id = fields.pop("request_id", None) or _request_id.get()
        fields["event"] = record.getMessage()
        if record.exc_info:
            fields["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            fields["stack"] = self.formatStack(record.stack_info)
        if request_id is not None:
            fields["request_id"] = request_id
        fields["level"] = _LEVEL_NAMES.get(record.levelname.lower(), record.levelname.lower())
        fields["timestamp"] = datetime.fromtimestamp(record.created, UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        return json.dumps(fields, default=repr)


_LEVEL_NAMES = {"warn": "warning", "exception": "error"}


def configure(level: str = "INFO") -> None:
    """JSON lines on stderr for the app, uvicorn and SQLAlchemy alike."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    handler._twitchcheck = True  # type: ignore[attr-defined]
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
    """One access line per request, through the JSON formatter like every other line. The path is
    redacted here, so no caller can log an id by mistake."""
    fields = {"method": method, "path": redact(path), "status": status, "ms": ms, "request_id": request_id}
    _access.info("request", extra={"fields": fields})


def bind(request_id: str) -> Token[str | None]:
    """Every log line written while the request runs carries its id."""
    return _request_id.set(request_id)


def unbind(token: Token[str | None]) -> None:
    _request_id.reset(token)
