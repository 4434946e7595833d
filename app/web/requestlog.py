"""Structured JSON logs with a request id, and an access log that never records secrets.

Answers, assessment ids and diary text must never reach a log: the access line records the
route template (`/results/{id}`), not the path, and no query string or body.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from datetime import UTC, datetime

import structlog

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
_SECRET_SEGMENTS = re.compile(r"^/(results|api/assessments|diary|api/diaries)/(?!forget$)[^/]+")
_access = logging.getLogger("twitchcheck.access")
_handler: logging.Handler | None = None  # the JSON handler `configure` installed


def configure(level: str = "INFO") -> None:
    """JSON lines on stderr for the app, uvicorn and SQLAlchemy alike."""
    shared = [
        structlog.contextvars.merge_contextvars,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
    ]
    structlog.configure(
        # filter_by_level first: below the level, a log call costs almost nothing
        processors=[structlog.stdlib.filter_by_level, *shared, structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        logger_factory=structlog.stdlib.LoggerFactory(),
        cache_logger_on_first_use=True,
    )
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        structlog.stdlib.ProcessorFormatter(
            processors=[
                structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                structlog.processors.JSONRenderer(),
            ],
            foreign_pre_chain=shared,
        )
    )
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
    """One access line per request, the same JSON the structlog pipeline writes, at a fraction of
    its cost: the line is built with json.dumps and written by the handler `configure` installed
    (under its lock). The path is redacted here, so no caller can log an id by mistake."""
    if not _access.isEnabledFor(logging.INFO):
        return
    fields = {"method": method, "path": redact(path), "status": status, "ms": ms}
    handler = _handler
    if handler is None or not isinstance(handler, logging.StreamHandler):  # not configured: the slow path
        structlog.get_logger("twitchcheck.access").info("request", **fields, request_id=request_id)
        return
    timestamp = datetime.now(UTC).isoformat().replace("+00:00", "Z")
    line = json.dumps({**fields, "event": "request", "request_id": request_id, "level": "info", "timestamp": timestamp})
    with handler.lock:  # type: ignore[union-attr]
        handler.stream.write(line + "\n")
        handler.stream.flush()


def bind(request_id: str) -> object:
    """Every log line written while the request runs carries its id."""
    return structlog.contextvars.bind_contextvars(request_id=request_id)


def unbind(tokens: object) -> None:
    structlog.contextvars.reset_contextvars(**tokens)  # type: ignore[arg-type]
