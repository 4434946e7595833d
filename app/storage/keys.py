"""Secret keys for private links (assessments, diaries), and the only form in which they are stored."""

from __future__ import annotations

import hashlib
import secrets

TOKEN_BYTES = 32  # 256 random bits


def new_token() -> str:
    """A new unguessable key: 256 bits from the operating system's CSPRNG, URL-safe base64."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def key_hash(token: str) -> str:
    """SHA-256 of the key: a copy of the database yields no working links."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
