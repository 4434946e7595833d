"""What a result adds beyond the ranking, decided from the knowledge base's rules.

Three decisions a page, a report or an export only asks about, so that none of them holds medical
logic: whether to show "what your answers mean" (the evidence for people who twitch without the
signs that change the picture), whether to offer help for health anxiety, and whether the ranked
causes are withheld because a warning sign says the ranking is not made for this person (a child).
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core.engine.compiled import CompiledKnowledge
from app.core.knowledge.conditions import Answers
from app.core.knowledge.model import URGENCY_LEVELS, Urgency


@dataclass(frozen=True)
class Guidance:
    reassurance: bool
    worry_help: bool
    ranking_withheld: bool


def guidance(knowledge: CompiledKnowledge, answers: Answers, urgency: Urgency, fired_flags: list[str]) -> Guidance:
    """`fired_flags`: the ids of the warning signs that fired (as stored with a result). The
    conditions are the knowledge base's, compiled once with it."""
    calm = knowledge.reassurance_hidden(answers) is not True and URGENCY_LEVELS.index(urgency) >= URGENCY_LEVELS.index(
        knowledge.kb.reassurance.max_urgency
    )
    return Guidance(
        reassurance=calm,
        worry_help=knowledge.worry_help_when(answers) is True,
        ranking_withheld=bool(knowledge.ranking_withheld_by.intersection(fired_flags)),
    )
