"""The questions, and the options of them, that the code relies on by id.

Most of the code reads questions only through the knowledge base, whatever their ids. A few
places cannot: the diary prefills an assessment from its entries and offers the body locations
as its places. If a clinician renamed one of these in `data/causes.yaml`, the app would start and
then fail on the diary pages; the loader checks this table instead, so such a knowledge base is
refused at start-up with every missing piece named (`KnowledgeBaseError`).

Add a line here whenever code names a question id or an option value.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import NamedTuple

from app.core.knowledge.model import QuestionType


class Required(NamedTuple):
    """A question the code names: its type, and the option values the code writes or compares."""

    type: QuestionType
    options: frozenset[str] = frozenset()
    used_by: str = ""  # the code that relies on it, for the error message


REQUIRED_QUESTIONS: Mapping[str, Required] = MappingProxyType(
    {
        # the diary's places are this question's options; the prefill answers it
        "locations": Required("multi", used_by="app/core/diary (places, prefill)"),
        # app.core.diary.prefill._duration: the diary's span in the contract's bands
        "duration": Required("single", frozenset({"hours", "days", "weeks", "months"}), "app/core/diary/prefill.py"),
        # app.core.diary.prefill: episodes on most recent days or not
        "frequency": Required("single", frozenset({"daily", "occasional"}), "app/core/diary/prefill.py"),
        # app.core.diary.prefill: a new place a week or more after the first entry
        "spreading": Required("boolean", used_by="app/core/diary/prefill.py"),
    }
)
