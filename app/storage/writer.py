"""One writer thread for new assessments, committing them in groups.

SQLite allows one writer at a time: requests that each opened a connection and committed from the
threadpool queued on the database lock (busy_timeout), which gave p99 latencies of a second.
Here every new row goes through a queue to one thread, which inserts whatever has queued up
meanwhile with one executemany and one commit, then wakes the waiting requests. Durability is
unchanged: a request's future resolves only after the commit that holds its row, so a 201 is
never sent for a row that is not committed. A failed group is retried row by row, so one bad
row cannot fail the others; a row that still fails gets its error (nothing of it is stored).
"""

from __future__ import annotations

import asyncio
import contextlib
import queue
import threading
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, Engine, insert

from app.storage.tables import assessment_table

MAX_GROUP = 256  # rows per transaction at most

_STOP = object()
_Item = tuple[Mapping[str, Any], Engine, asyncio.AbstractEventLoop, asyncio.Future[None]]


class AssessmentWriter:
    def __init__(self) -> None:
        self.connections: dict[Engine, Connection] = {}  # used by the writer thread only
        self.queue: queue.SimpleQueue[_Item | object] = queue.SimpleQueue()
        self.thread = threading.Thread(target=self._run, name="assessment-writer", daemon=True)
        self.thread.start()

    async def insert(self, engine: Engine, row: Mapping[str, Any]) -> None:
        """Insert one assessment row (as `repository.new_row` makes it) into `engine`'s database;
        returns once it is committed (raises what the database raised)."""
        if not self.thread.is_alive():
            raise RuntimeError("the assessment writer has stopped")
        loop = asyncio.get_running_loop()
        future: asyncio.Future[None] = loop.create_future()
        self.queue.put((row, engine, loop, future))
        await future

    def close(self) -> None:
        """Write what is queued, then stop the thread."""
        self.queue.put(_STOP)
        self.thread.join(timeout=30)

    def _run(self) -> None:
        try:
            self._loop()
        finally:
            self._close_connections()

    def _loop(self) -> None:
        while True:
            first = self.queue.get()
            if first is _STOP:
                return
            group: list[_Item] = [first]  # type: ignore[list-item]
            stop = False
            while len(group) < MAX_GROUP:
                try:
                    item = self.queue.get_nowait()
                except queue.Empty:
                    break
                if item is _STOP:
                    stop = True
                    break
                group.append(item)  # type: ignore[arg-type]
            by_engine: dict[Engine, list[_Item]] = {}
            for item in group:
                by_engine.setdefault(item[1], []).append(item)
            for engine, rows in by_engine.items():
                self._write(engine, rows)
            if stop:
                return

    def _write(self, engine: Engine, group: list[_Item]) -> None:
        try:
            self._execute(engine, [row for row, _, _, _ in group])
            outcomes: list[BaseException | None] = [None] * len(group)
        except Exception as exc:  # noqa: BLE001 - handed to the waiting requests
            if len(group) == 1:
                outcomes = [exc]
            else:
                outcomes = [self._write_one(engine, row) for row, _, _, _ in group]
        by_loop: dict[asyncio.AbstractEventLoop, list[tuple[asyncio.Future[None], BaseException | None]]] = {}
        for (_, _, loop, future), outcome in zip(group, outcomes, strict=True):
            by_loop.setdefault(loop, []).append((future, outcome))
        for loop, results in by_loop.items():  # one wake-up per event loop, not one per row
            try:
                loop.call_soon_threadsafe(_resolve, results)
            except RuntimeError:  # that loop has closed: nobody is waiting any more
                pass

    def _write_one(self, engine: Engine, row: Mapping[str, Any]) -> BaseException | None:
        try:
            self._execute(engine, [row])
        except Exception as exc:  # noqa: BLE001
            return exc
        return None

    def _execute(self, engine: Engine, rows: list[Mapping[str, Any]]) -> None:
        """Insert and commit on this thread's own connection to `engine`, kept open between
        groups: checking one out of the pool and resetting it on return cost more than the
        insert. A kept connection that fails (e.g. the database server restarted) is dropped and
        the group is tried once more on a new one, which the pool checks before handing it out."""
        kept = self.connections.pop(engine, None)
        if kept is not None:
            try:
                self._insert(kept, engine, rows)
                self.connections[engine] = kept
                return
            except Exception:  # noqa: BLE001 - retried below on a fresh connection
                with contextlib.suppress(Exception):
                    kept.close()
        connection = engine.connect()
        try:
            self._insert(connection, engine, rows)
        except BaseException:
            with contextlib.suppress(Exception):
                connection.close()
            raise
        self.connections[engine] = connection

    def _insert(self, connection: Connection, engine: Engine, rows: list[Mapping[str, Any]]) -> None:
        with connection.begin():
            connection.execute(insert(assessment_table), rows)

    def _close_connections(self) -> None:
        for connection in self.connections.values():
            with contextlib.suppress(Exception):
                connection.close()
        self.connections.clear()


def _resolve(results: list[tuple[asyncio.Future[None], BaseException | None]]) -> None:
    for future, outcome in results:
        if future.done():  # the request was cancelled (client went away); the row is stored anyway
            continue
        if outcome is None:
            future.set_result(None)
        else:
            future.set_exception(outcome)
