"""One assessment: validate the answers, triage, rank. The single entry point callers use."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from app.core.engine.answers import validate_answers
from app.core.engine.compiled import CompiledKnowledge
from app.core.engine.ranking import RankedCause, RankOrder, ranked_causes, ranking
from app.core.engine.triage import FiredFlag, triage
from app.core.knowledge.conditions import Answers
from app.core.knowledge.model import Urgency


@dataclass(frozen=True)
class Assessment:
    answers: Answers
    urgency: Urgency
    red_flags: tuple[FiredFlag, ...]
    ranking: RankOrder
    kb_version: str
    knowledge: CompiledKnowledge = field(repr=False, compare=False)

    @cached_property
    def causes(self) -> tuple[RankedCause, ...]:
        """Every cause, most likely first, with its probability and reasons (built on first use:
        the API's result writer reads `ranking` directly)."""
        return tuple(ranked_causes(self.knowledge, self.ranking))


def assess(knowledge: CompiledKnowledge, raw_answers: Mapping[str, Any]) -> Assessment:
    """Raises `InvalidAnswers` naming every wrong answer; otherwise always returns a result."""
    answers = validate_answers(knowledge.kb, raw_answers)
    checked = triage(knowledge, answers)  # warning signs first, independent of the ranking
    return Assessment(
        answers=answers,
        urgency=checked.urgency,
        red_flags=checked.red_flags,
        ranking=ranking(knowledge, answers),
        kb_version=knowledge.kb.version,
        knowledge=knowledge,
    )
