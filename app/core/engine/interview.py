"""The adaptive interview: which step to show next, and when to stop.

A step is one question group of the knowledge base (`question_groups`: several related questions
shown together and answered at once, a question left unanswered counting as "don't know"), or one
question that is in no group. Of a group, a step shows the questions still open that apply (a
follow-up whose `ask_if` is still undecided waits for the questions it reads).

Rules, in order:
1. The warning signs (the knowledge base's first section) are asked first and in full, group by
   group in the knowledge base's order: they decide the urgency.
2. An emergency ends the interview at once.
3. Then the `opening` groups, in order: what the person came with (where, how long, how often,
   age), the everyday triggers that explain most twitching (caffeine, sleep, stress,
   exercise) and the medicines taken, before any rarer question. A group with an `ask_when` (the family history) is not
   offered, nor required, until its condition holds, or stays undecided once every question it
   reads has been asked (answered "don't know": the answers cannot rule it out, and a family
   history is a reason to see a doctor): a frightening question is never asked before the
   answers point there or leave it open. Once it holds, the group is asked next, whatever its worth
   now: the condition says the answers point there (months of weakness are when a family
   history matters), and an information score made from sparse answers may rate it low.
4. Then the step with the largest utility: the information its questions are expected to give
   about the causes, plus `URGENCY_WEIGHT` x the chance that their answers change the urgency,
   added up over the step's questions (`StepValue`). A question's information is the expected
   information gain in bits, H(P) - sum_v P(v) H(P | v), under the answer distribution the
   current ranking implies, P(v) = sum_c P(c) P(v | c), with P(v | c) proportional to
   base(v) x LR_c(v) from the knowledge base's own likelihood ratios (`BASE_YES` is the
   reference rate of "yes"). Some evidence reads several yes/no questions together (the
   fluid-loss triggers, exercise or repetitive work): one such answer moves little by itself, so
   the information of the yes/no questions one evidence item reads, answered together, counts
   too (`GROUP_READS`), once per step.
5. The safety rule: the interview never stops while a warning-sign rule more urgent than the
   current advice could still fire with one more answer, i.e. while some open question has an
   answer that makes the rule hold given everything answered so far (the rule's other
   conditions already hold). A step holding such a question stays on offer whatever the budget
   or its worth. A rule still missing two or more unasked answers (e.g. "heavy alcohol and
   (diarrhoea or a poor diet)") does not hold the interview open by itself; as soon as one part
   is answered "yes", the rest is required. A required follow-up that waits makes the question
   it waits for required.
6. The stop rule: stop when nothing is required by rule 5 and no step on offer is worth asking:
   for none is the expected gain of probability mass inside the top three causes plus
   `TOP1_WEIGHT` x the chance that the most likely cause changes, added up over its questions,
   at least `STEP_STOP_GAIN`, nor the chance that it changes the urgency; or once
   `STEP_BUDGET` steps past the warning signs have been shown (rule 5 goes past it).
The engine returns keys (the step's group id, a reason key, a warning sign's id), never
sentences: the words are the knowledge base's and the templates'. Pure functions over
(compiled knowledge, answers): no I/O.
"""

from __future__ import annotations

import heapq
import itertools
import math
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal, get_args

from app.core.engine.answers import validate_answers
from app.core.engine.compiled import CompiledCause, CompiledKnowledge
from app.core.engine.scoring import evidence_sum, log_score, softmax
from app.core.engine.triage import FiredFlag, triage
from app.core.knowledge.conditions import Answers, AnswerValue, Predicate, compile_condition
from app.core.knowledge.model import URGENCY_LEVELS, Condition, Question, Urgency

#: A cap on the steps chosen for information past the safety screen (the safety rule goes past
#: it): a step is one question group of the knowledge base, asked together.
STEP_BUDGET = 6
#: Stop once no step on offer has this much separation (added up over its questions) nor this
#: much chance of changing the urgency. Measured with `twitchcheck evaluate --interview`: 0.04 and
#: 0.02 stopped before the step that held the one telling answer of a rare cause (constant
#: rippling with cramps and sweats, hold-21; a racing heart with aching muscles, real-b-13):
#: held-out top-3 100 -> 97.4 %. 0.01 gives the full questionnaire's top-3 on the vignettes and
#: 1.2 points below it on the real presentations, in a median of 4 to 5 steps; 0.005 matches it
#: everywhere too but asks a median of 5 steps and 28 questions.
STEP_STOP_GAIN = 0.01
#: Weight of "may change the urgency" (a probability) against information gain (bits).
URGENCY_WEIGHT = 1.0
#: Chance that a yes/no question is answered "yes" by someone whose cause does not read it (the
#: reference the likelihood ratios multiply; most people have few symptoms, and most yes/no
#: questions ask about an uncommon finding; 0.3 overrated "yes" from everyone else).
BASE_YES = 0.15
#: Weight of "the answer may change the most likely cause" (a probability) in the stop rule.
TOP1_WEIGHT = 0.5
#: Evidence that reads at most this many questions makes its yes/no questions a group (rule 4):
#: a small family that belongs together, not the long "no trigger at all" lists.
GROUP_READS = 4

#: Every reason key a step can carry: why it is shown, or (done) why the interview stops. Keys,
#: not sentences: the words are the web layer's message catalogue (`interview.reason.<key>`).
Reason = Literal[
    "warning_signs",
    "opening",
    "follow_up",
    "safety",
    "urgency",
    "causes",
    "emergency",
    "enough",
    "no_change",
    "nothing_left",
]
REASONS: tuple[Reason, ...] = get_args(Reason)


@dataclass(frozen=True)
class NextStep:
    done: bool
    questions: tuple[Question, ...]  # the next step: shown together, answered at once
    step: str  # the id of its question group (or of its question, when in no group); "" when done
    reason: Reason
    flag: str | None  # reason "safety": the id of a warning sign the step could still show
    asked: int  # questions answered or skipped after the safety screen
    urgency: Urgency
    red_flags: tuple[FiredFlag, ...]
    probabilities: tuple[tuple[str, float], ...]

    @property
    def question(self) -> Question | None:
        """The first question of the step (for clients written for one question a step)."""
        return self.questions[0] if self.questions else None


@dataclass(frozen=True)
class StepDef:
    """A step the interview may offer: a question group of the knowledge base, or one question in none."""

    id: str
    questions: tuple[str, ...]
    opening: bool = False
    gate: Predicate | None = None  # the group's `ask_when`
    gate_reads: frozenset[str] = frozenset()  # the questions the `ask_when` reads

    def opens(self, answers: Answers, asked: Collection[str]) -> bool:
        """Whether the step may be offered: it has no `ask_when`, or its `ask_when` holds, or it is
        still undecided although every question it reads has been asked ("don't know" cannot rule
        out what the step would find)."""
        if self.gate is None:
            return True
        verdict = self.gate(answers)
        return verdict is True or (verdict is None and self.gate_reads.issubset(asked))


@dataclass(frozen=True)
class Value:
    """What one question is worth, each a probability under the predictive answer distribution."""

    mass_gain: float  # expected gain of the probability mass inside the top three causes
    information: float  # expected information gain over the causes, in bits
    urgency_change: float  # chance the urgency changes (up, or down when an answer lifts a rule)
    raise_urgency: float  # chance the urgency goes up
    pair: tuple[str, str]  # the two likely causes its answer moves furthest apart
    top1_change: float = 0.0  # chance the most likely cause changes
    # expected information gain, in bits, of the best group of open yes/no questions that some
    # cause's evidence reads together with this one, answered together (rule 4)
    group_information: float = 0.0

    @property
    def separation(self) -> float:
        """Expected top-three mass gain plus TOP1_WEIGHT x the chance the top cause changes."""
        return self.mass_gain + TOP1_WEIGHT * self.top1_change

    @property
    def utility(self) -> float:
        return max(self.information, self.group_information) + URGENCY_WEIGHT * self.urgency_change


@dataclass(frozen=True)
class StepValue:
    """What a step of several questions is worth: its questions' values added up (as if their
    answers moved the ranking independently), the information of an evidence group counted once."""

    separation: float
    information: float
    urgency_change: float

    @classmethod
    def of(cls, values: list[Value]) -> StepValue:
        information = max(sum(v.information for v in values), max(v.group_information for v in values))
        return cls(sum(v.separation for v in values), information, min(1.0, sum(v.urgency_change for v in values)))

    @property
    def worth_asking(self) -> bool:
        return self.separation >= STEP_STOP_GAIN or self.urgency_change >= STEP_STOP_GAIN

    @property
    def utility(self) -> float:
        return self.information + URGENCY_WEIGHT * self.urgency_change


class Interviewer:
    """Precomputes, once per knowledge base, what each question can change."""

    def __init__(self, knowledge: CompiledKnowledge) -> None:
        self.knowledge = knowledge
        kb = knowledge.kb
        self.screen = tuple(q.id for q in kb.questions if q.section == kb.sections[0].id)
        self.screen_set = frozenset(self.screen)
        # the steps: the warning-sign groups in order, then the other groups and every question in none
        grouped = {qid for g in kb.question_groups for qid in g.questions}
        self.screen_groups = tuple(g for g in kb.question_groups if self.screen_set & set(g.questions))
        self.steps = tuple(
            StepDef(
                g.id,
                tuple(g.questions),
                g.opening,
                compile_condition(g.ask_when) if g.ask_when else None,
                frozenset(g.ask_when.questions()) if g.ask_when else frozenset(),
            )
            for g in kb.question_groups
            if not self.screen_set & set(g.questions)
        ) + tuple(StepDef(q.id, (q.id,)) for q in kb.questions if q.id not in grouped and q.id not in self.screen_set)
        self.step_of = {qid: d for d in self.steps for qid in d.questions}
        self.candidates = {q.id: _candidate_values(q, kb) for q in kb.questions}
        # For the safety rule a multi-choice answer may hold several options at once (lithium *and*
        # water tablets): try every option together as well as each alone.
        self.safety_candidates = {
            q.id: [*values, frozenset(q.values)] if q.type == "multi" else values
            for q, values in ((q, self.candidates[q.id]) for q in kb.questions)
        }
        # the questions each evidence item reads, worked out once: the maps below ask thousands of times
        self.evidence_reads = {
            c.cause.id: tuple(frozenset(e.evidence.when.question_ids) for e in c.evidence) for c in knowledge.causes
        }
        cause_reads = [(c, frozenset().union(*self.evidence_reads[c.cause.id])) for c in knowledge.causes]
        self.readers: dict[str, tuple[CompiledCause, ...]] = {
            q.id: tuple(c for c, reads in cause_reads if q.id in reads) for q in kb.questions
        }
        # A tuple in the knowledge base's order, not a set: sums over it must not depend on string
        # hashing (PYTHONHASHSEED), or two processes could break a near-tie differently.
        self.reader_ids = {qid: tuple(c.cause.id for c in causes) for qid, causes in self.readers.items()}
        self.flag_questions = [(f, frozenset(f.flag.when.questions())) for f in knowledge.flags]
        self.flag_read = frozenset().union(*(reads for _, reads in self.flag_questions))
        self.evidence_split = {
            (c.cause.id, qid): (
                tuple(i for i, reads in enumerate(self.evidence_reads[c.cause.id]) if qid in reads),
                tuple(i for i, reads in enumerate(self.evidence_reads[c.cause.id]) if qid not in reads),
            )
            for qid, causes in self.readers.items()
            for c in causes
        }
        # the yes/no questions one evidence item reads together (rule 4), in the knowledge base's order
        boolean = [q.id for q in kb.questions if q.type == "boolean"]
        groups: list[tuple[str, ...]] = []
        for c in knowledge.causes:
            for reads in self.evidence_reads[c.cause.id]:
                group = tuple(qid for qid in boolean if qid in reads)
                if len(reads) <= GROUP_READS and len(group) >= 2 and group not in groups:
                    groups.append(group)
        self.groups = {q.id: tuple(g for g in groups if q.id in g) for q in kb.questions}
        self.ask_if_reads = {q.id: frozenset(q.ask_if.questions()) for q in kb.questions if q.ask_if is not None}
        self.flags_reading = {q.id: tuple(f for f, reads in self.flag_questions if q.id in reads) for q in kb.questions}
        self.flag_ids_reading = {qid: frozenset(f.flag.id for f in flags) for qid, flags in self.flags_reading.items()}
        # the reference weight of each candidate answer (rule 4): BASE_YES for "yes", uniform otherwise
        self.base_weights: dict[str, list[float]] = {
            q.id: (
                [BASE_YES if v is True else 1 - BASE_YES for v in self.candidates[q.id]]
                if q.type == "boolean"
                else [1.0 / len(self.candidates[q.id])] * len(self.candidates[q.id])
            )
            for q in kb.questions
        }

    def next(self, raw_answers: Mapping[str, Any], unknown: Collection[str] = ()) -> NextStep:
        knowledge = self.knowledge
        kb = knowledge.kb
        answers = validate_answers(kb, raw_answers)
        skipped = set(unknown) | set(answers)
        checked = triage(knowledge, answers)
        held = {
            c.cause.id: frozenset(h) for c, h in zip(knowledge.causes, knowledge.held_by_cause(answers), strict=True)
        }
        # scored exactly as the ranking scores them (app.core.engine.scoring)
        cause_ids = [c.cause.id for c in knowledge.causes]
        scores = [log_score(c, sorted(held[c.cause.id])) for c in knowledge.causes]
        probs = dict(zip(cause_ids, softmax(scores), strict=True))
        asked = sum(1 for q in skipped if q not in self.screen_set and kb.has_question(q))
        ranked = tuple(sorted(probs.items(), key=lambda kv: -kv[1]))

        def step(shown: Sequence[Question], step_id: str, reason: Reason, flag: str | None = None) -> NextStep:
            return NextStep(
                not shown, tuple(shown), step_id, reason, flag, asked, checked.urgency, checked.red_flags, ranked
            )

        if checked.urgency == "emergency":
            return step((), "", "emergency")
        for group in self.screen_groups:
            shown = [kb.question(qid) for qid in group.questions if qid not in skipped]
            if shown:
                return step(shown, group.id, "warning_signs")

        applicable = [q for q in kb.questions if q.id not in skipped and knowledge.applies(q.id, answers)]
        # a follow-up whose `ask_if` is still undecided waits for the questions that decide it
        open_ids = {q.id for q in applicable}
        waiting = {q.id: self.ask_if_reads.get(q.id, frozenset()) & open_ids for q in applicable}
        # the steps on offer: each group's open questions that do not wait, unless the group's
        # `ask_when` does not open it yet (then its questions are not asked, nor required)
        offered: list[tuple[StepDef, list[Question]]] = []
        for definition in self.steps:
            if not definition.opens(answers, skipped):
                continue
            shown = [q for q in (kb.question(qid) for qid in definition.questions) if q.id in open_ids]
            shown = [q for q in shown if not waiting[q.id]]
            if shown:
                offered.append((definition, shown))
        if not offered:
            return step((), "", "nothing_left")
        opening = next(((d, shown) for d, shown in offered if d.opening), None)
        if opening is not None:
            return step(opening[1], opening[0].id, "opening")
        follow_up = next(((d, shown) for d, shown in offered if d.gate is not None), None)
        if follow_up is not None:
            return step(follow_up[1], follow_up[0].id, "follow_up")

        offered_ids = {q.id for _, shown in offered for q in shown}
        gated_out = {q.id for q in applicable if self.step_of[q.id].gate is not None} - offered_ids
        ranking = Ranking.of(probs, ranked)
        required: set[str] = set()
        for q in self.required_questions([q for q in applicable if q.id not in gated_out], answers, checked.urgency):
            # a required follow-up that waits makes the question it waits for required
            if waiting[q.id]:
                required |= waiting[q.id] & offered_ids
            elif q.id in offered_ids:
                required.add(q.id)
        values = {
            q.id: self._value_of(q, answers, held, ranking, checked.urgency, checked.red_flags)
            for _, shown in offered
            for q in shown
        }
        values = self._with_groups(values, offered_ids, answers, held, ranking)
        taken = sum(1 for d in self.steps if any(qid in skipped for qid in d.questions))
        # the stop rule: what is required by the safety rule is asked whatever the budget; the rest
        # only while the budget lasts and some question of the step is worth asking
        best: tuple[float, int] | None = None
        choice: tuple[StepDef, list[Question], StepValue] | None = None
        for index, (definition, shown) in enumerate(offered):
            value = StepValue.of([values[q.id] for q in shown])
            needed = any(q.id in required for q in shown)
            if not (needed or (taken < STEP_BUDGET and value.worth_asking)):
                continue
            if best is None or (value.utility, -index) > best:
                best, choice = (value.utility, -index), (definition, shown, value)
        if choice is None:
            return step((), "", "enough" if taken >= STEP_BUDGET else "no_change")
        definition, shown, value = choice
        if any(q.id in required for q in shown) and not value.worth_asking:
            flag = next((self._completing_flag(q, answers, checked.urgency) for q in shown if q.id in required), None)
            return step(shown, definition.id, "safety", flag)
        return step(shown, definition.id, "urgency" if value.urgency_change > value.information else "causes")

    def required_questions(self, open_questions: list[Question], answers: Answers, current: Urgency) -> list[Question]:
        """The open questions that would, on their own, fire a warning sign more urgent than now.

        The safety rule: the interview never stops while a warning-sign rule more urgent than the
        current advice could still fire with one more answer, that is while some open question
        has an answer that makes the rule hold given everything answered so far (the rule's other
        conditions already hold). Such questions are asked whatever the budget. A rule that
        still needs two or more answers the person has not given (e.g. heavy alcohol *and* a
        poor diet, both unasked) does not hold the interview open on its own; once one part is
        answered "yes", the rest becomes required. Only raising matters here: a missed lowering
        answer can over-triage, never under-triage.
        """
        level = URGENCY_LEVELS.index(current)
        found = []
        for q in open_questions:
            for flag in self.flags_reading.get(q.id, ()):
                if flag.severity >= level or flag.holds(answers) is not None:
                    continue
                if any(flag.holds({**answers, q.id: v}) is True for v in self.safety_candidates[q.id]):
                    found.append(q)
                    break
        return found

    def _completing_flag(self, q: Question, answers: Answers, current: Urgency) -> str | None:
        level = URGENCY_LEVELS.index(current)
        for flag in self.flags_reading.get(q.id, ()):
            if flag.severity < level and flag.holds(answers) is None:
                if any(flag.holds({**answers, q.id: v}) is True for v in self.safety_candidates[q.id]):
                    return flag.flag.id
        return None

    def _value_of(
        self,
        q: Question,
        answers: Answers,
        held: dict[str, frozenset[int]],
        ranking: Ranking,
        urgency: Urgency,
        fired: tuple[FiredFlag, ...],
    ) -> Value:
        """What asking q is worth, under the answer distribution the current ranking implies.

        Causes that do not read q keep their share of every answer (P(v | c) = base(v)), so only
        the causes that read it are walked per answer; the rest enter through their sums.
        """
        readers = self.readers[q.id]
        base = self.base_weights[q.id]
        if not readers:
            urgency_change, raise_urgency = self._urgency_change(q, answers, urgency, fired, list(base))
            return Value(0.0, 0.0, urgency_change, raise_urgency, ("", ""))
        # deltas[c][i]: change of cause c's log score if the answer is values[i]
        after = [{**answers, q.id: v} for v in self.candidates[q.id]]
        deltas = {c.cause.id: self._deltas(c, q.id, held[c.cause.id], after) for c in readers}
        mass_gain, information, top1_change, predictive = _separation(deltas, base, self.reader_ids[q.id], ranking)
        probs = ranking.probs
        spread = sorted(((max(ds) - min(ds), cid) for cid, ds in deltas.items() if probs[cid] > 0.01), reverse=True)
        pair = (spread[0][1], spread[1][1]) if len(spread) > 1 else ("", "")
        urgency_change, raise_urgency = self._urgency_change(q, answers, urgency, fired, predictive)
        return Value(mass_gain, information, urgency_change, raise_urgency, pair, top1_change)

    def _with_groups(
        self,
        values: dict[str, Value],
        open_ids: set[str],
        answers: Answers,
        held: dict[str, frozenset[int]],
        ranking: Ranking,
    ) -> dict[str, Value]:
        """Each open question's value with that of its best group (rule 4) folded in."""
        found: dict[tuple[str, ...], float] = {}
        for qid in values:
            for group in self.groups[qid]:
                members = tuple(g for g in group if g in open_ids)
                if len(members) >= 2 and members not in found:
                    found[members] = self._group_information(members, answers, held, ranking)
        out = dict(values)
        for members, information in found.items():
            for qid in members:
                if information > out[qid].group_information:
                    out[qid] = replace(out[qid], group_information=information)
        return out

    def _group_information(
        self, members: tuple[str, ...], answers: Answers, held: dict[str, frozenset[int]], ranking: Ranking
    ) -> float:
        """The expected information gain (bits) of the answers to the yes/no questions `members`
        together, under the same answer model as one question's (the base rates multiply)."""
        combos = list(itertools.product((True, False), repeat=len(members)))
        base = [math.prod(BASE_YES if v else 1 - BASE_YES for v in combo) for combo in combos]
        after = [{**answers, **dict(zip(members, combo, strict=True))} for combo in combos]
        reads = frozenset(members)
        deltas = {}
        for c in self.knowledge.causes:
            reading = [i for i, qs in enumerate(self.evidence_reads[c.cause.id]) if qs & reads]
            if not reading:
                continue
            now = held[c.cause.id]
            fixed = [i for i in now if i not in reading]
            current = evidence_sum(c, [*fixed, *(i for i in reading if i in now)])
            deltas[c.cause.id] = [
                evidence_sum(c, [*fixed, *(i for i in reading if c.evidence[i].holds(answered) is True)]) - current
                for answered in after
            ]
        return _separation(deltas, base, tuple(deltas), ranking)[1]

    def _deltas(
        self, cause: CompiledCause, question_id: str, held: frozenset[int], after: Sequence[Answers]
    ) -> list[float]:
        """The change of the cause's log score for each answer to the question, as `scoring.evidence_sum`
        computes it, re-evaluating only the evidence that reads the question (`held`: the indices of
        the cause's evidence that holds now)."""
        reading, others = self.evidence_split[(cause.cause.id, question_id)]
        evidence = cause.evidence
        fixed = [i for i in others if i in held]
        now = evidence_sum(cause, [*fixed, *(i for i in reading if i in held)])
        return [
            evidence_sum(cause, [*fixed, *(i for i in reading if evidence[i].holds(answered) is True)]) - now
            for answered in after
        ]

    def _urgency_change(
        self, q: Question, answers: Answers, urgency: Urgency, fired: tuple[FiredFlag, ...], weights: list[float]
    ) -> tuple[float, float]:
        """Chances (under the predictive answer distribution) that answering q changes / raises the urgency."""
        if q.id not in self.flag_read:
            return 0.0, 0.0
        level = URGENCY_LEVELS.index(urgency)
        reading = self.flags_reading[q.id]
        # rules that do not read q keep their verdict whatever the answer
        reading_ids = self.flag_ids_reading[q.id]
        floor = min(
            (URGENCY_LEVELS.index(f.urgency) for f in fired if f.id not in reading_ids),
            default=len(URGENCY_LEVELS) - 1,
        )
        change = raised = 0.0
        for v, w in zip(self.candidates[q.id], weights, strict=True):
            after = {**answers, q.id: v}
            new_level = min((f.severity for f in reading if f.holds(after) is True), default=floor)
            new_level = min(new_level, floor)
            if new_level != level:
                change += w
            if new_level < level:
                raised += w
        return change, raised


def _separation(
    deltas: dict[str, list[float]], base: list[float], reader_ids: tuple[str, ...], ranking: Ranking
) -> tuple[float, float, float, list[float]]:
    """(expected top-three mass gain, expected information gain in bits, chance the top cause
    changes, the predictive answer distribution) of an answer whose possible values change the
    log score of the causes in `deltas` by those amounts (`base`: the reference weight of each
    value). Causes that do not read the answer keep their share of every value
    (P(v | c) = base(v)), so they enter through closed-form sums."""
    probs = ranking.probs
    # P(v | c) proportional to base(v) * exp(delta)
    likelihood: dict[str, list[float]] = {}
    for cid, ds in deltas.items():
        weights = [b * math.exp(d) for b, d in zip(base, ds, strict=True)]
        total = sum(weights)
        likelihood[cid] = [w / total for w in weights]
    rest_mass = 1.0 - sum(probs[cid] for cid in reader_ids)
    rest_plogp = ranking.plogp - sum(_plogp(probs[cid]) for cid in reader_ids)
    rest_top = [p for cid, p in ranking.ranked if cid not in reader_ids][:3]
    top_id = ranking.ranked[0][0]
    top_rest = rest_top[0] if rest_top else 0.0
    entropy_after = inside_after = top1_change = 0.0
    predictive = []
    for i, b in enumerate(base):
        joint = [probs[cid] * lik[i] for cid, lik in likelihood.items()]
        p_v = b * rest_mass + sum(joint)
        predictive.append(p_v)
        if p_v <= 0:
            continue
        # sum_c P(c, v) log2 P(c, v), the causes that do not read the answer in closed form
        plogp = b * rest_plogp + _plogp(b) * rest_mass + sum(_plogp(j) for j in joint)
        entropy_after += _plogp(p_v) - plogp
        inside_after += sum(heapq.nlargest(3, [*joint, *(b * p for p in rest_top)]))
        # does the most likely cause change? (the causes that do not read the answer keep their order)
        best_reader = max(joint, default=0.0)
        if top_id in likelihood:
            if max(best_reader, b * top_rest) > probs[top_id] * likelihood[top_id][i]:
                top1_change += p_v
        elif best_reader > b * probs[top_id]:
            top1_change += p_v
    total = sum(predictive) or 1.0
    predictive = [p / total for p in predictive]
    return inside_after - ranking.inside, -ranking.plogp - entropy_after, top1_change / total, predictive


def _plogp(p: float) -> float:
    return p * math.log2(p) if p > 0 else 0.0


@dataclass(frozen=True)
class Ranking:
    """The current ranking, with the sums every question's value starts from."""

    probs: dict[str, float]
    ranked: tuple[tuple[str, float], ...]  # most likely first
    plogp: float  # sum_c P(c) log2 P(c), minus the entropy
    inside: float  # the probability mass inside the top three

    @classmethod
    def of(cls, probs: dict[str, float], ranked: tuple[tuple[str, float], ...]) -> Ranking:
        return cls(probs, ranked, sum(_plogp(p) for p in probs.values()), sum(p for _, p in ranked[:3]))


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
