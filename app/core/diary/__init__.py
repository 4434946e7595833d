"""The twitch diary's domain: entries and their checks, time zones, patterns, and what a diary can
prefill in an assessment. Pure functions over plain data, like the engine: no web or database imports.
"""

from app.core.diary.entries import (
    TRIGGERS,
    Entry,
    EntryIn,
    EntryProblem,
    InvalidEntry,
    check_entry,
    check_zone,
)
from app.core.diary.patterns import Summary, summarise
from app.core.diary.prefill import Prefill, prefill

__all__ = [
    "TRIGGERS",
    "Entry",
    "EntryIn",
    "EntryProblem",
    "InvalidEntry",
    "Prefill",
    "Summary",
    "check_entry",
    "check_zone",
    "prefill",
    "summarise",
]
