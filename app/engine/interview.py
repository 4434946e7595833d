"""The adaptive interview: which question to ask next, and when to stop.

Rules, in order:
1. The safety screen (the knowledge base's first section, the warning signs) is asked first and
   in full: it is short and it decides the urgency.
2. An emergency ends the interview at once.
3. Questions that can still raise the urgency are asked next, whatever the budget: a question
   matters when a warning-sign rule more urgent than the current advice reads it and is still
   undecided (three-valued logic: neither known true nor known false).
4. Then the question with the largest utility: expected information gain over the ranked
   causes, H(P) - sum_v P(v) H(P | v), plus `URGENCY_WEIGHT` times the chance that its answer
   changes the urgency (which also finds answers that lift a warning sign, e.g. a trigger that
   explains twitching in several places). P(v | cause) comes from the knowledge base's own
   likelihood ratios: P(v | c) proportional to base(v) x LR_c(v), normalised over the answers v.
5. Stop when no question can raise the urgency and no remaining question has at least
   `STOP_CHANGE_PROBABILITY` chance of changing the top three causes or the urgency, or once
   `BUDGET` questions past the safety screen have been asked.
Pure functions over (compiled knowledge, answers): no I/O.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from app.engine.answers import validate_answers
from app.engine.compiled import CompiledCause, CompiledKnowledge
from app.engine.ranking import cause_score
from app.engine.triage import FiredFlag, triage
from app.knowledge.conditions import Answers, AnswerValue, reachable
from app.knowledge.model import URGENCY_LEVELS, Condition, Question, Urgency

#: Stop once no question has this much chance of changing the top three causes.
STOP_CHANGE_PROBABILITY = 0.12
#: Questions chosen for information stop after this many questions past the safety screen
#: (questions a warning sign depends on are always asked).
BUDGET = 10
#: Weight of "may change the urgency" against information gain (bits) when choosing a question.
URGENCY_WEIGHT = 1.0
#: Prior chance that a yes/no symptom question is answered "yes" (most people have few symptoms).
BASE_YES = 0.3


@dataclass(frozen=True)
class NextStep:
    done: bool
    question: Question | None
    rationale: str
    asked: int  # questions answered or skipped after the safety screen
    urgency: Urgency
    red_flags: tuple[FiredFlag, ...]
    probabilities: tuple[tuple[str, float], ...]


class Interviewer:
    """Precomputes, once per knowledge base, what each question can change."""

    def __init__(self, knowledge: CompiledKnowledge) -> None:
        self.knowledge = knowledge
        kb = knowledge.kb
        self.screen = tuple(q.id for q in kb.questions if q.section == kb.sections[0].id)
        self.candidates = {q.id: _candidate_values(q, kb) for q in kb.questions}
        self.readers: dict[str, tuple[CompiledCause, ...]] = {
            q.id: tuple(c for c in knowledge.causes if any(q.id in e.evidence.when.questions() for e in c.evidence))
            for q in kb.questions
        }
        self.flag_questions = [(f, frozenset(f.flag.when.questions())) for f in knowledge.flags]
        self.question_order = [q.id for q in kb.questions]
        self.flag_read = frozenset().union(*(reads for _, reads in self.flag_questions))

    @cached_property
    def base_weights(self) -> dict[str, list[float]]:
        weights = {}
        for q in self.knowledge.kb.questions:
            values = self.candidates[q.id]
            if q.type == "boolean":
                weights[q.id] = [BASE_YES if v is True else 1 - BASE_YES for v in values]
            else:
                weights[q.id] = [1.0 / len(values)] * len(values)
        return weights

    def next(self, raw_answers: Mapping[str, Any], unknown: Collection[str] = ()) -> NextStep:
        knowledge = self.knowledge
        answers = validate_answers(knowledge.kb, raw_answers)
        skipped = set(unknown) | set(answers)
        checked = triage(knowledge, answers)
        scores = {c.cause.id: cause_score(c, answers) for c in knowledge.causes}
        probs = _softmax(scores)
        asked = sum(1 for q in skipped if q not in self.screen and knowledge.kb.has_question(q))
        ranked = tuple(sorted(probs.items(), key=lambda kv: -kv[1]))

        def step(question: Question | None, rationale: str) -> NextStep:
            return NextStep(question is None, question, rationale, asked, checked.urgency, checked.red_flags, ranked)

        if checked.urgency == "emergency":
            return step(None, "Your answers need emergency help now, so the questions stop here.")
        for qid in self.screen:
            if qid not in skipped:
                return step(knowledge.kb.question(qid), "Warning signs are always checked first.")

        open_questions = [q for q in knowledge.kb.questions if q.id not in skipped and knowledge.applies(q.id, answers)]
        urgent_question = self._urgency_question(open_questions, answers, checked.urgency)
        if urgent_question is not None:
            return step(urgent_question, "We ask this because the answer can change how soon you should see a doctor.")

        if asked >= BUDGET:
            return step(None, "We have asked enough to give you advice.")
        top3 = {cid for cid, _ in ranked[:3]}
        best, best_utility, best_pair, best_urgency, most_change = None, -1.0, ("", ""), 0.0, 0.0
        for q in open_questions:
            gain, change, pair, urgency_change = self._value_of(q, answers, scores, probs, top3, checked.urgency)
            utility = gain + URGENCY_WEIGHT * urgency_change
            most_change = max(most_change, change, urgency_change)
            if utility > best_utility:
                best, best_utility, best_pair, best_urgency = q, utility, pair, urgency_change
        if best is None or most_change < STOP_CHANGE_PROBABILITY:
            return step(None, "More questions would be unlikely to change the advice.")
        if best_urgency >= STOP_CHANGE_PROBABILITY:
            return step(best, "We ask this because the answer may change how soon you need to see a doctor.")
        names = [knowledge.kb.cause(c).name.lower() for c in best_pair if c]
        why = (
            f"We ask this because it helps tell {names[0]} apart from {names[1]}."
            if len(names) == 2 and names[0] != names[1]
            else "We ask this because it is the most useful next question for your answers."
        )
        return step(best, why)

    def _urgency_question(self, open_questions: list[Question], answers: Answers, current: Urgency) -> Question | None:
        """The next question a more urgent warning sign still depends on, or None.

        Among the undecided rules (neither known true nor known false) that are more urgent than
        the current advice, a question that settles a rule on its own comes first; a rule that
        needs several answers (e.g. heavy alcohol *and* a poor diet) is approached through any
        question it reads. Only raising matters here: missing a lowering answer can over-triage,
        never under-triage, and those questions compete on information below.
        """
        level = URGENCY_LEVELS.index(current)
        open_ids = {q.id: q for q in open_questions}
        fallback = None
        for flag, reads in self.flag_questions:
            if flag.severity >= level or flag.holds(answers) is not None:
                continue
            if not reachable(flag.flag.when, answers, open_ids.keys())[0]:
                continue  # it needs an answer the person does not know: no question can complete it
            for qid in self.question_order:
                if qid not in reads or qid not in open_ids:
                    continue
                if any(flag.holds({**answers, qid: v}) is not None for v in self.candidates[qid]):
                    return open_ids[qid]
                fallback = fallback or open_ids[qid]
        return fallback

    def _value_of(
        self,
        q: Question,
        answers: Answers,
        scores: dict[str, float],
        probs: dict[str, float],
        top3: set[str],
        urgency: Urgency,
    ) -> tuple[float, float, tuple[str, str], float]:
        """(expected information gain in bits, chance the top three change, the pair it separates most,
        chance the urgency changes)."""
        readers = self.readers[q.id]
        if not readers:
            return 0.0, 0.0, ("", ""), self._urgency_change(q, answers, urgency, self.base_weights[q.id])
        values = self.candidates[q.id]
        base = self.base_weights[q.id]
        # deltas[c][i]: change of cause c's log score if the answer is values[i]
        deltas = {
            c.cause.id: [cause_score(c, {**answers, q.id: v}) - scores[c.cause.id] for v in values] for c in readers
        }
        # P(v | c) proportional to base(v) * exp(delta); causes that do not read q follow base(v).
        likelihood: dict[str, list[float]] = {}
        for cid, ds in deltas.items():
            weights = [b * math.exp(d) for b, d in zip(base, ds, strict=True)]
            total = sum(weights)
            likelihood[cid] = [w / total for w in weights]
        entropy_before = _entropy(probs.values())
        expected_after, change = 0.0, 0.0
        predictive = []
        for i, b in enumerate(base):
            joint = {cid: p * (likelihood[cid][i] if cid in likelihood else b) for cid, p in probs.items()}
            p_v = sum(joint.values())
            predictive.append(p_v)
            if p_v <= 0:
                continue
            posterior = {cid: j / p_v for cid, j in joint.items()}
            expected_after += p_v * _entropy(posterior.values())
            new_top3 = set(sorted(posterior, key=lambda cid: -posterior[cid])[:3])
            if new_top3 != top3:
                change += p_v
        spread = sorted(((max(ds) - min(ds), cid) for cid, ds in deltas.items() if probs[cid] > 0.01), reverse=True)
        pair = (spread[0][1], spread[1][1]) if len(spread) > 1 else ("", "")
        urgency_change = self._urgency_change(q, answers, urgency, predictive)
        return entropy_before - expected_after, change, pair, urgency_change

    def _urgency_change(self, q: Question, answers: Answers, urgency: Urgency, weights: list[float]) -> float:
        """Chance (under the predictive answer distribution) that answering q changes the urgency."""
        if q.id not in self.flag_read:
            return 0.0
        total = sum(weights) or 1.0
        return sum(
            w / total
            for v, w in zip(self.candidates[q.id], weights, strict=True)
            if triage(self.knowledge, {**answers, q.id: v}).urgency != urgency
        )


def _softmax(scores: dict[str, float]) -> dict[str, float]:
    top = max(scores.values())
    weights = {k: math.exp(v - top) for k, v in scores.items()}
    total = sum(weights.values())
    return {k: w / total for k, w in weights.items()}


def _entropy(ps: Any) -> float:
    return -sum(p * math.log2(p) for p in ps if p > 0)


def _candidate_values(q: Question, kb: Any) -> list[AnswerValue]:
    """Representative answers: every option, yes/no, one value per interval the rules distinguish."""
    if q.type == "boolean":
        return [True, False]
    if q.type == "single":
        return list(q.values)
    if q.type == "multi":
        return [frozenset({v}) for v in q.values]
    cuts: set[float] = set()
    for condition in _conditions(kb):
        _collect_cuts(condition, q.id, cuts)
    assert q.min is not None and q.max is not None
    points = sorted(c for c in cuts if q.min < c < q.max)
    edges = [q.min, *points, q.max]
    values = [float((a + b) / 2) for a, b in zip(edges, edges[1:], strict=False)]
    values += points  # the cut points themselves fall on the ">=" side
    return sorted(set(values))


def _conditions(kb: Any) -> list[Condition]:
    found = [f.when for f in kb.red_flags]
    found += [e.when for c in kb.causes for e in c.evidence]
    return found


def _collect_cuts(condition: Condition, question_id: str, cuts: set[float]) -> None:
    if condition.question == question_id:
        for op in ("gte", "gt", "lte", "lt"):
            value = getattr(condition, op)
            if value is not None:
                cuts.add(float(value))
    for child in condition.children():
        _collect_cuts(child, question_id, cuts)
