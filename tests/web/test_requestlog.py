"""The JSON log lines: event, request id, level and UTC timestamp; tracebacks as text."""

from __future__ import annotations

import json
import logging
import sys

from app.web import requestlog


def _line(level: int, message: str, *args: object, exc_info: object = None) -> dict[str, object]:
    record = logging.LogRecord("twitchcheck", level, __file__, 1, message, args, exc_info)  # type: ignore[arg-type]
    return json.loads(requestlog.JsonFormatter().format(record))


def test_a_line_holds_the_event_level_and_utc_timestamp() -> None:
    line = _line(logging.WARNING, "purge failed: %s", "OperationalError")
    assert list(line) == ["event", "level", "timestamp"]
    assert line["event"] == "purge failed: OperationalError"
    assert line["level"] == "warning"
    assert str(line["timestamp"]).endswith("Z")


def test_a_line_written_during_a_request_carries_its_id() -> None:
    token = requestlog.bind("rid-1")
    try:
        line = _line(logging.INFO, "inside")
    finally:
        requestlog.unbind(token)
    assert list(line) == ["event", "request_id", "level", "timestamp"]
    assert line["request_id"] == "rid-1"
    assert "request_id" not in _line(logging.INFO, "after")


def test_an_error_line_carries_its_traceback_as_text() -> None:
    try:
        raise ValueError("bad")
    except ValueError:
        line = _line(logging.ERROR, "unexpected error", exc_info=sys.exc_info())
    assert list(line) == ["event", "exception", "level", "timestamp"]
    assert str(line["exception"]).startswith("Traceback (most recent call last):")
    assert str(line["exception"]).endswith("ValueError: bad")
