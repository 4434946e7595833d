"""A message the domain returns instead of a sentence: a key into the web layer's catalogue
(`app/web/messages.py`) and the values its placeholders take (numbers, dates, ids, and names that
come from the knowledge base). The words, and their translations, live in the catalogue only."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType


@dataclass(frozen=True)
class Message:
    key: str
    params: Mapping[str, object] = field(default_factory=lambda: MappingProxyType({}))

    @classmethod
    def of(cls, key: str, **params: object) -> Message:
        """A message with read-only params (a frozen message must not change under its readers)."""
        return cls(key, MappingProxyType(params))
