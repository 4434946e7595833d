"""The knowledge base prepared for fast evaluation: conditions compiled, priors as log-odds.

Built once at start-up; every assessment then reuses it, so no request walks the YAML model.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from app.knowledge.conditions import Predicate, compile_condition
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


def compile_knowledge(kb: KnowledgeBase) -> CompiledKnowledge:
    causes = tuple(_compile_cause(c) for c in kb.causes)
    flags = tuple(
        CompiledFlag(flag=f, holds=compile_condition(f.when), severity=URGENCY_LEVELS.index(f.urgency))
        for f in kb.red_flags
    )
    return CompiledKnowledge(kb=kb, causes=causes, flags=flags)


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
