"""Secret keys for private links (assessments, diaries), and the only form in which they are stored."""

from __future__ import annotations

import base64
import hashlib
import os
import threading

TOKEN_BYTES = 32  # 256 random bits
#: Random bytes fetched from the operating system at a time. Every key still comes from
#: os.urandom (the source `secrets` uses); one system call serves 128 keys, because that call
#: releases the GIL and, under load, waiting to get the GIL back cost more than the key itself.
POOL_BYTES = TOKEN_BYTES * 128

_lock = threading.Lock()
_pool = bytearray()


def new_token() -> str:
    """A new unguessable key: 256 bits from the operating system's CSPRNG, URL-safe base64."""
    return base64.urlsafe_b64encode(_random_bytes(TOKEN_BYTES)).rstrip(b"=").decode("ascii")


def key_hash(token: str) -> str:
    """SHA-256 of the key: a copy of the database yields no working links."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _random_bytes(n: int) -> bytes:
    with _lock:  # each byte is handed out once, whichever thread asks
        if len(_pool) < n:
            _pool[:] = os.urandom(POOL_BYTES)
        out = bytes(_pool[:n])
        del _pool[:n]
    return out


def _forget_pool() -> None:
    """A forked worker must not hand out the keys its parent's pool still holds."""
    global _lock
    _lock = threading.Lock()
    _pool.clear()


os.register_at_fork(after_in_child=_forget_pool)
