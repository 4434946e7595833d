"""What a result adds beyond the ranking, decided from the knowledge base's rules.

Three decisions a page, a report or an export only asks about, so that none of them holds medical
logic: whether to show "what your answers mean" (the evidence for people who twitch without the
signs that change the picture), whether to offer help for health anxiety, and whether the ranked
causes are withheld because a warning sign says the ranking is not made for this person (a child).
"""

from __future__ import annotations

from dataclasses import dataclass

from app.knowledge.conditions import Answers, compile_condition
from app.knowledge.model import URGENCY_LEVELS, KnowledgeBase, Urgency


@dataclass(frozen=True)
class Guidance:
    reassurance: bool
    worry_help: bool
    ranking_withheld: bool


def guidance(kb: KnowledgeBase, answers: Answers, urgency: Urgency, fired_flags: list[str]) -> Guidance:
    """`fired_flags`: the ids of the warning signs that fired (as stored with a result)."""
    reassurance = kb.reassurance
    calm = compile_condition(reassurance.hidden_when)(answers) is not True and URGENCY_LEVELS.index(
        urgency
    ) >= URGENCY_LEVELS.index(reassurance.max_urgency)
    withheld = {f.id for f in kb.red_flags if f.withholds_ranking}
    return Guidance(
        reassurance=calm,
        worry_help=compile_condition(kb.worry_help.when)(answers) is True,
        ranking_withheld=bool(withheld.intersection(fired_flags)),
    )
