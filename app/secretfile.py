"""The CSRF secret's file: made once and kept in the data directory (when none is configured:
`app.web.csrf.signing_secret` is the one place that chooses between the two).

A secret made afresh at each start broke every form in progress at each restart, and with
several processes a form rendered by one was refused by the next. Kept in a file, restarts and
every process on this host sign alike. The file is created atomically with O_CREAT | O_EXCL and
mode 0600: when several processes start at once, exactly one writes it and the others read it.
"""

from __future__ import annotations

import logging
import os
import secrets
import stat
import time
from pathlib import Path

log = logging.getLogger("twitchcheck")

FILE_NAME = "secret_key"
#: A process that lost the race to create the file waits this long for the winner's write.
WAIT_SECONDS = 5.0


class SecretFileError(RuntimeError):
    """No secret can be had from the data directory: the file cannot be created, or it holds no
    usable secret (say, a writer died half-way). The app refuses to start, saying what to do."""


def load_or_create(path: Path) -> str:
    """Read the secret at `path`, or create the file with a new one (32 random bytes, URL-safe)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _read(path)
    except OSError as exc:  # a read-only or misplaced data directory: say what to do, not just errno
        raise SecretFileError(
            f"cannot create the CSRF secret {path} ({exc.strerror}): make the data directory writable, "
            "point TWITCHCHECK_DATA_DIR at one that is, or set TWITCHCHECK_SECRET_KEY"
        ) from exc
    secret = secrets.token_urlsafe(32)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(secret + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    log.info("created a CSRF secret", extra={"path": str(path)})
    return secret


def _read(path: Path) -> str:
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        log.warning("the CSRF secret file can be read by other users: chmod 600 it", extra={"path": str(path)})
    deadline = time.monotonic() + WAIT_SECONDS
    while True:  # another process may have created the file a moment ago and be writing it
        secret = path.read_text(encoding="ascii").strip()
        if len(secret) >= 32:
            return secret
        if time.monotonic() > deadline:
            raise SecretFileError(
                f"{path} holds no usable secret; delete it (a new one is made at the next start) "
                "or set TWITCHCHECK_SECRET_KEY"
            )
        time.sleep(0.05)
