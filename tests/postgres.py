"""A throwaway PostgreSQL cluster for the test session (or the server TEST_DATABASE_URL names).

pg_ctl refuses to run as root, so as root the cluster runs as the `postgres` system user.
When no server can be had: in CI (or as root, where it could have been installed) the tests
fail loudly; elsewhere they are skipped with a message naming the command to run.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager

INSTALL_HINT = "sudo apt-get install -y postgresql   (or set TEST_DATABASE_URL=postgresql+psycopg://...)"


class PostgresUnavailable(RuntimeError):
    pass


def _bindir() -> str:
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if os.path.exists(os.path.join(candidate, "initdb")):
            return candidate
    initdb = shutil.which("initdb")
    if initdb:
        return os.path.dirname(os.path.realpath(initdb))
    raise PostgresUnavailable(f"PostgreSQL is not installed. Run: {INSTALL_HINT}")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    """A throwaway PostgreSQL cluster that tests can stop and start again (fault injection)."""

    def __init__(self, bindir: str, base: str, port: int, prefix: list[str]) -> None:
        self.bindir, self.base, self.port, self.prefix = bindir, base, port, prefix
        self.data = os.path.join(base, "data")
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"

    def _run(self, *args: str) -> None:
        result = subprocess.run([*self.prefix, *args], capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            raise PostgresUnavailable(f"{args[0]} failed: {result.stderr.strip() or result.stdout.strip()}")

    def init(self) -> None:
        self._run(f"{self.bindir}/initdb", "-D", self.data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync")

    def start(self) -> None:
        options = f"-p {self.port} -k {self.base} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
        log = os.path.join(self.base, "log")
        self._run(f"{self.bindir}/pg_ctl", "-D", self.data, "-o", options, "-l", log, "-w", "-t", "60", "start")

    def stop(self) -> None:
        subprocess.run(
            [*self.prefix, f"{self.bindir}/pg_ctl", "-D", self.data, "-m", "immediate", "-w", "stop"],
            capture_output=True,
            timeout=60,
        )


@contextmanager
def throwaway_cluster() -> Iterator[Cluster]:
    """Yield a fresh, started cluster that is stopped and removed afterwards."""
    bindir = _bindir()
    root = os.geteuid() == 0
    base = tempfile.mkdtemp(prefix="twitchcheck-pg-")
    if root:
        shutil.chown(base, user="postgres")
    cluster = Cluster(bindir, base, _free_port(), ["runuser", "-u", "postgres", "--"] if root else [])
    try:
        cluster.init()
        cluster.start()
        try:
            yield cluster
        finally:
            cluster.stop()
    finally:
        shutil.rmtree(base, ignore_errors=True)


def must_run() -> bool:
    """In CI, and wherever we are root (so make test could install it), skipping is not allowed."""
    return bool(os.environ.get("CI")) or os.geteuid() == 0


def wait_for(url: str, seconds: float = 30) -> None:
    import sqlalchemy

    engine = sqlalchemy.create_engine(url)
    deadline = time.monotonic() + seconds
    while True:
        try:
            with engine.connect():
                return
        except sqlalchemy.exc.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
        finally:
            engine.dispose()
