"""Warning signs: explicit rules, checked before and independently of any ranking.

The urgency is the most urgent level of any rule that fires. Ranking never feeds into it, so
a very likely benign cause can never talk a warning sign down.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core.engine.compiled import CompiledKnowledge
from app.core.knowledge.conditions import Answers
from app.core.knowledge.model import URGENCY_LEVELS, Urgency


@dataclass(frozen=True)
class FiredFlag:
    id: str
    title: str
    advice: str
    urgency: Urgency


@dataclass(frozen=True)
class Triage:
    urgency: Urgency
    red_flags: tuple[FiredFlag, ...]


_NOTHING_FIRED = Triage(urgency="self_care", red_flags=())


def triage(knowledge: CompiledKnowledge, answers: Answers) -> Triage:
    fired = knowledge.fired_flags(answers)
    if not fired:  # the common case: one shared answer
        return _NOTHING_FIRED
    fired.sort(key=lambda f: f.severity)  # stable: knowledge-base order within a level
    urgency = URGENCY_LEVELS[fired[0].severity]
    flags = tuple(FiredFlag(f.flag.id, f.flag.title, f.flag.advice, f.flag.urgency) for f in fired)
    return Triage(urgency=urgency, red_flags=flags)
