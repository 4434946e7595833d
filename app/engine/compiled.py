"""The knowledge base prepared for fast evaluation: conditions compiled, priors as log-odds.

Built once at start-up; every assessment then reuses it, so no request walks the YAML model.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from app.knowledge.conditions import Answers, Predicate, compile_condition
from app.knowledge.model import URGENCY_LEVELS, Cause, Evidence, KnowledgeBase, RedFlag


@dataclass(frozen=True)
class CompiledEvidence:
    evidence: Evidence
    holds: Predicate
    log_lr: float
    question: str  # the question the explanation points at (the first one the condition reads)


@dataclass(frozen=True)
class CompiledCause:
    cause: Cause
    log_prior: float
    evidence: tuple[CompiledEvidence, ...]
    log_caps: dict[str, float]


@dataclass(frozen=True)
class CompiledFlag:
    flag: RedFlag
    holds: Predicate
    severity: int  # index in URGENCY_LEVELS: 0 is the most urgent


@dataclass(frozen=True)
class CompiledKnowledge:
    kb: KnowledgeBase
    causes: tuple[CompiledCause, ...]
    flags: tuple[CompiledFlag, ...]
    ask_if: dict[str, Predicate]  # question id -> when it can apply (questions without a rule always can)

    def applies(self, question_id: str, answers: Answers) -> bool:
        """A question is skipped only when its `ask_if` is known to be false (unknown: still ask)."""
        rule = self.ask_if.get(question_id)
        return rule is None or rule(answers) is not False


def compile_knowledge(kb: KnowledgeBase) -> CompiledKnowledge:
    causes = tuple(_compile_cause(c) for c in kb.causes)
    flags = tuple(
        CompiledFlag(flag=f, holds=compile_condition(f.when), severity=URGENCY_LEVELS.index(f.urgency))
        for f in kb.red_flags
    )
    ask_if = {q.id: compile_condition(q.ask_if) for q in kb.questions if q.ask_if is not None}
    return CompiledKnowledge(kb=kb, causes=causes, flags=flags, ask_if=ask_if)


def _compile_cause(cause: Cause) -> CompiledCause:
    evidence = tuple(
        CompiledEvidence(
            evidence=e, holds=compile_condition(e.when), log_lr=math.log(e.lr), question=e.when.questions()[0]
        )
        for e in cause.evidence
    )
    return CompiledCause(
        cause=cause,
        log_prior=math.log(cause.prior),
        evidence=evidence,
        log_caps={group: math.log(cap) for group, cap in cause.caps.items()},
    )
