"""The real app under uvicorn in a thread of this process, with its clock (app.web.clock.now) set by
the test: "move time on" two weeks without waiting. Used by the function check's browser test and
by scripts/function_check_screenshots.py."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import uvicorn

from app.main import create_app
from app.settings import Settings
from app.web import clock
from tests.servers import free_port


class Clock:
    """What the app takes for "now"; starts at the real time, moved on by `advance`."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, days: float) -> None:
        self.now += timedelta(days=days)


@contextmanager
def clocked_app(database_url: str) -> Iterator[tuple[str, Clock]]:
    settings = Settings(database_url=database_url, rate_limit="off", secret_key="test-" + "k" * 40, log_level="WARNING")
    app = create_app(settings)
    fake = Clock()
    app.dependency_overrides[clock.now] = fake
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the app did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}", fake
    finally:
        server.should_exit = True
        thread.join(timeout=30)
