"""A throwaway redis-server for tests of rate limits shared by several processes.

Like tests/postgres.py: when redis-server is not installed, the tests fail in CI (and as root,
where `make test` could have installed it) and are skipped elsewhere with the command to run.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager

from tests.servers import free_port, stop

INSTALL_HINT = "sudo apt-get install -y redis-server"


class RedisUnavailable(RuntimeError):
    pass


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as connection:
            connection.sendall(b"PING\r\n")
            return connection.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@contextmanager
def throwaway_redis() -> Iterator[str]:
    """Yield the URL of a fresh redis-server on a free loopback port (no persistence); stop it afterwards."""
    binary = shutil.which("redis-server")
    if binary is None:
        raise RedisUnavailable(f"redis-server is not installed. Run: {INSTALL_HINT}")
    port = free_port()
    workdir = tempfile.mkdtemp(prefix="twitchcheck-redis-")
    log = tempfile.TemporaryFile()
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", workdir],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 20
        while not _answers(port):
            if process.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                raise RedisUnavailable("redis-server did not start: " + log.read().decode()[-2000:])
            time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        stop(process)
        log.close()
        shutil.rmtree(workdir, ignore_errors=True)
