"""Private-link keys: 256 random bits each, never handed out twice, also across a fork."""

from __future__ import annotations

import base64
import os
import sys
import threading

import pytest

from app.storage import keys


def test_keys_are_256_bit_url_safe_and_distinct() -> None:
    made = [keys.new_token() for _ in range(1000)]
    assert len(set(made)) == len(made)
    for token in made[:50]:
        assert len(base64.urlsafe_b64decode(token + "=")) == 32
        assert set(token) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def test_threads_never_share_a_key() -> None:
    made: list[str] = []

    def work() -> None:
        batch = [keys.new_token() for _ in range(500)]
        made.extend(batch)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(made)) == 2000


@pytest.mark.skipif(not hasattr(os, "fork") or sys.platform != "linux", reason="fork is POSIX-only")
def test_a_forked_worker_does_not_repeat_its_parents_keys() -> None:
    """Workers forked from one parent (gunicorn, multiprocessing) must not share pooled random bytes."""
    keys.new_token()  # the parent's pool now holds bytes for many more keys
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        os.close(read)
        os.write(write, keys.new_token().encode())
        os._exit(0)
    os.close(write)
    child = os.read(read, 100).decode()
    os.close(read)
    os.waitpid(pid, 0)
    assert child and child != keys.new_token()
