"""Every key the engine and the diary domain can return has words in the catalogue, and the words
come out as the pages always showed them."""

from __future__ import annotations

import re

from app.core.diary.entries import TRIGGERS, EntryKey
from app.core.diary.patterns import PatternKey
from app.core.diary.prefill import PrefillKey
from app.core.engine.answers import AnswerKey
from app.core.engine.interview import REASONS
from app.core.knowledge.message import Message
from app.web import messages


def test_every_core_key_has_a_catalogue_entry() -> None:
    triggers = [f"diary.trigger.{t}" for t in (*TRIGGERS, "none")]
    keys = [*(f"interview.reason.{r}" for r in REASONS), *PatternKey, *PrefillKey, *AnswerKey, *EntryKey, *triggers]
    missing = [k for k in keys if k not in messages.MESSAGES]
    assert not missing, missing
    assert set(messages.CORE_KEYS) == set(keys)


def test_placeholders_are_named() -> None:
    """`%(name)s` placeholders only: a translator may reorder them, and positional ones could not."""
    for key, sentence in messages.MESSAGES.items():
        assert not re.search(r"%(?!\()", sentence), key


def test_a_message_in_words() -> None:
    said = messages.say(Message.of(PatternKey.MOST_OFTEN_TIED, places=("Calf", "Eyelid"), share=(3, 8)))
    assert said == "Most often: Calf and Eyelid, 3 of 8 episodes each."
    assert messages.say(Message.of(PatternKey.CAFFEINE_LOW, rate=(3, 2), days=2)) == (
        "On days with fewer cups: 1.5 a day (3 on 2 days)."
    )
    assert messages.reason_text("safety") == "We check this so that no warning sign is missed."


def test_counts_take_their_plural() -> None:
    assert messages.episodes(1) == "1 episode" and messages.days(2) == "2 days"
    assert messages.share(1, 1) == "the only episode" and messages.share(4, 4) == "all 4 episodes"
    assert messages.per_day(2, 2) == "1 episode a day" and messages.per_day(3, 2) == "1.5 episodes a day"
