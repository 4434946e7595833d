"""The JSON log lines: event, request id, level and UTC timestamp; tracebacks as text."""

from __future__ import annotations

import json
import logging
import re
import sys

import pytest

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


def test_an_access_line_is_json_with_the_path_redacted(capfd: pytest.CaptureFixture[str]) -> None:
    """The access line is JSON in the same shape as every line, its fields first, escaping whatever a
    client put in the path, with the id in a private path replaced."""
    requestlog.configure("INFO")
    requestlog.access("GET", '/results/secret-id"\\é', 200, 1.5, "rid-2")
    requestlog.access("GET", '/odd"path\\é', 404, 0.25, "rid-3")
    raw = [line for line in capfd.readouterr().err.splitlines() if '"event": "request"' in line]
    assert all(line == json.dumps(json.loads(line)) for line in raw)  # as json.dumps writes it
    lines = [json.loads(line) for line in raw]
    assert lines[0]["path"] == "/results/{id}" and "secret" not in json.dumps(lines)
    assert list(lines[1]) == ["method", "path", "status", "ms", "event", "request_id", "level", "timestamp"]
    assert lines[1] == {
        "method": "GET",
        "path": '/odd"path\\é',
        "status": 404,
        "ms": 0.25,
        "event": "request",
        "request_id": "rid-3",
        "level": "info",
        "timestamp": lines[1]["timestamp"],
    }
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z", lines[1]["timestamp"])
