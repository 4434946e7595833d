"""The knowledge base prepared for fast evaluation: conditions compiled, priors as log-odds.

Built once at start-up; every assessment then reuses it, so no request walks the YAML model.
A condition reads only the answers to its own questions, so its value when none of them is
answered is fixed: it is computed here once, and a request evaluates only the rules that read
something it answered (a typical assessment answers a handful of the forty-odd questions).
Everything here is immutable once built (tuples, read-only mappings, no memo), so one compiled
knowledge base is shared by every thread without locks.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import NamedTuple

from app.core.knowledge.conditions import Answers, AnswerValue, Predicate, compile_condition
from app.core.knowledge.model import URGENCY_LEVELS, Category, Cause, Condition, Evidence, KnowledgeBase, RedFlag


class Reason(NamedTuple):
    """One line of a cause's explanation: which answer moved it, which way, and why."""

    question: str
    effect: str  # "raises" | "lowers"
    text: str


@dataclass(frozen=True)
class CompiledEvidence:
    evidence: Evidence
    holds: Predicate
    log_lr: float
    question: str  # the question the explanation points at (the first one the condition reads)
    reason: Reason  # built once: every assessment in which this evidence holds shows it


@dataclass(frozen=True)
class CompiledCause:
    cause: Cause
    log_prior: float
    evidence: tuple[CompiledEvidence, ...]
    log_caps: Mapping[str, float]  # cap group -> log(cap)
    self_care: tuple[str, ...]
    strength_order: tuple[int, ...]  # per evidence: its place when sorted strongest (|log LR|) first
    ranked: tuple[str, str, Category]  # (id, name, category): what every ranked entry repeats, gathered once


@dataclass(frozen=True)
class CompiledFlag:
    flag: RedFlag
    holds: Predicate
    severity: int  # index in URGENCY_LEVELS: 0 is the most urgent


@dataclass(frozen=True)
class RuleIndex:
    """Which rules of a list read which question, and which rules hold when nothing they read is
    answered (e.g. a `none_of`), so a request evaluates only the rules its answers can touch (a
    typical assessment answers a handful of the forty-odd questions).

    A rule that reads one yes/no or single-choice question can only hold for a few answers, so
    which of those rules hold for each possible answer is worked out here, once (`by_answer`);
    a request looks its answers up instead of evaluating those rules again. Built once by `of`
    and never changed afterwards (tuples and read-only mappings), so one index is safely shared
    by every request thread.
    """

    predicates: tuple[Predicate, ...]
    alone: Mapping[str, tuple[int, ...]]  # question id -> the rules that read that question only
    combined: Mapping[str, tuple[int, ...]]  # question id -> the rules that read it and other questions
    # (question id, answer) -> the rules reading that question only that hold for that answer, for
    # every answer of a yes/no or single-choice question
    by_answer: Mapping[tuple[str, AnswerValue], tuple[int, ...]]
    # (rule, what it reads) for the rules that hold while none of their questions is answered
    unanswered: tuple[tuple[int, tuple[str, ...]], ...]

    @classmethod
    def of(
        cls, conditions: list[Condition], predicates: list[Predicate], choices: Mapping[str, tuple[AnswerValue, ...]]
    ) -> RuleIndex:
        """`choices`: every possible answer of each yes/no and single-choice question."""
        alone: dict[str, list[int]] = {}
        combined: dict[str, list[int]] = {}
        for i, condition in enumerate(conditions):
            read = condition.question_ids
            for qid in read:
                (alone if len(read) == 1 else combined).setdefault(qid, []).append(i)
        by_answer = {
            (qid, value): tuple(i for i in rules if predicates[i]({qid: value}) is True)
            for qid, rules in alone.items()
            for value in choices.get(qid, ())
        }
        unanswered = tuple((i, conditions[i].question_ids) for i, p in enumerate(predicates) if p({}) is True)
        return cls(tuple(predicates), _frozen(alone), _frozen(combined), MappingProxyType(by_answer), unanswered)

    def holding(self, answers: Answers) -> list[int]:
        """The indices, in order, of the rules that hold for these answers."""
        held: set[int] = set()
        touched: set[int] = set()  # rules still to evaluate on the whole answers
        for qid, value in answers.items():
            known = self.by_answer.get((qid, value))
            if known is not None:
                held.update(known)
            else:
                touched.update(self.alone.get(qid, ()))
            touched.update(self.combined.get(qid, ()))
        touched.update(i for i, read in self.unanswered if not any(q in answers for q in read))
        held.update(i for i in touched if self.predicates[i](answers) is True)
        return sorted(held)


def _frozen(index: dict[str, list[int]]) -> Mapping[str, tuple[int, ...]]:
    return MappingProxyType({q: tuple(ids) for q, ids in index.items()})


@dataclass(frozen=True)
class CompiledKnowledge:
    kb: KnowledgeBase
    causes: tuple[CompiledCause, ...]
    flags: tuple[CompiledFlag, ...]
    ask_if: Mapping[str, Predicate]  # question id -> when it can apply (questions without a rule always can)
    flag_index: RuleIndex
    evidence_index: RuleIndex  # over every cause's evidence, cause after cause
    # flat index in evidence_index -> (cause index, index in the cause): whose evidence it is
    evidence_owner: tuple[tuple[int, int], ...]
    reassurance_hidden: Predicate  # the knowledge base's `reassurance.hidden_when`
    worry_help_when: Predicate  # ... and `worry_help.when`
    ranking_withheld_by: frozenset[str]  # warning signs that withhold the ranking (a child)

    def held_by_cause(self, answers: Answers) -> list[list[int]]:
        """For each cause, in order, the indices of its evidence that holds (one pass for all)."""
        held: list[list[int]] = [[] for _ in self.causes]
        for i in self.evidence_index.holding(answers):
            cause, local = self.evidence_owner[i]
            held[cause].append(local)
        return held

    def fired_flags(self, answers: Answers) -> list[CompiledFlag]:
        """The warning-sign rules that hold, in knowledge-base order."""
        flags = self.flags
        return [flags[i] for i in self.flag_index.holding(answers)]

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
    ask_if = MappingProxyType({q.id: compile_condition(q.ask_if) for q in kb.questions if q.ask_if is not None})
    choices = _choices(kb)
    flag_index = RuleIndex.of([f.when for f in kb.red_flags], [f.holds for f in flags], choices)
    flat = [(c, i, e) for c, cause in enumerate(causes) for i, e in enumerate(cause.evidence)]
    return CompiledKnowledge(
        kb=kb,
        causes=causes,
        flags=flags,
        ask_if=ask_if,
        flag_index=flag_index,
        evidence_index=RuleIndex.of([e.evidence.when for _, _, e in flat], [e.holds for _, _, e in flat], choices),
        evidence_owner=tuple((c, i) for c, i, _ in flat),
        reassurance_hidden=compile_condition(kb.reassurance.hidden_when),
        worry_help_when=compile_condition(kb.worry_help.when),
        ranking_withheld_by=frozenset(f.id for f in kb.red_flags if f.withholds_ranking),
    )


def _choices(kb: KnowledgeBase) -> Mapping[str, tuple[AnswerValue, ...]]:
    """Every possible answer of each yes/no and single-choice question."""
    return {
        q.id: (True, False) if q.type == "boolean" else tuple(q.values)
        for q in kb.questions
        if q.type in ("boolean", "single")
    }


def _compile_cause(cause: Cause) -> CompiledCause:
    evidence = tuple(_compile_evidence(e) for e in cause.evidence)
    return CompiledCause(
        cause=cause,
        log_prior=math.log(cause.prior),
        evidence=evidence,
        log_caps=MappingProxyType({group: math.log(cap) for group, cap in cause.caps.items()}),
        self_care=tuple(cause.self_care),
        strength_order=_strength_order(evidence),
        ranked=(cause.id, cause.name, cause.category),
    )


def _strength_order(evidence: tuple[CompiledEvidence, ...]) -> tuple[int, ...]:
    by_strength = sorted(range(len(evidence)), key=lambda i: -abs(evidence[i].log_lr))  # stable
    place = [0] * len(evidence)
    for position, i in enumerate(by_strength):
        place[i] = position
    return tuple(place)


def _compile_evidence(e: Evidence) -> CompiledEvidence:
    question = e.when.questions()[0]
    log_lr = math.log(e.lr)
    return CompiledEvidence(
        evidence=e,
        holds=compile_condition(e.when),
        log_lr=log_lr,
        question=question,
        reason=Reason(question=question, effect="raises" if log_lr > 0 else "lowers", text=e.text),
    )
