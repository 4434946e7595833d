"""The knowledge base's texts, stored once per version, so an assessment row keeps only its outcome.

A result is mostly fixed text: every cause's name and self-care, each reason's wording, the
disclaimer. Stored in every row, that text made each row about 15 KB, and writing it was the
largest cost of creating an assessment. A row now holds an `Outcome` (urgency, the warning signs
that fired, each cause's probability and which reasons explained it) and the digest of a
`Snapshot` of the texts it was computed with; the snapshot is written once, at start-up. Reading
joins the two back into a `Result`, with the texts of the knowledge base that produced it: a later
edit of the knowledge base does not rewrite what a person was told. Rows written before snapshots
existed hold the whole result and are read as they are.

These models are storage's own: the API's response shapes live in app.web.api.schemas.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, NotRequired, cast

from pydantic import BaseModel
from sqlalchemy import Connection, Engine, insert, select
from sqlalchemy.exc import IntegrityError
from typing_extensions import TypedDict  # pydantic validates only this TypedDict before Python 3.12

from app.core.engine import Assessment, CompiledKnowledge
from app.core.engine.ranking import explaining
from app.core.knowledge.model import KnowledgeBase, Urgency
from app.storage.tables import snapshot_table

_CACHE_LIMIT = 16  # snapshots held in memory: one per knowledge-base version still being read


class CauseTexts(BaseModel):
    name: str
    category: str
    self_care: list[str]


class FlagTexts(BaseModel):
    title: str
    advice: str


class SnapshotTexts(BaseModel):
    """Every text a result repeats from the knowledge base; reasons are referred to by position."""

    kb_version: str
    disclaimer: str
    causes: dict[str, CauseTexts]
    reasons: list[tuple[str, str, str]]  # (question, effect, text)
    # the warning signs' words, to word a stored result in another language (absent before languages)
    red_flags: dict[str, FlagTexts] = {}


class StoredFlag(TypedDict):
    """A fired warning sign as it was shown."""

    id: str
    title: str
    advice: str
    urgency: Urgency


class StoredReason(TypedDict):
    question: str
    effect: str
    text: str


class StoredCause(TypedDict):
    id: str
    name: str
    category: str
    probability: float
    explanation: list[StoredReason]
    self_care: list[str]


class Result(TypedDict):
    """A result as the person was given it: an outcome joined with its snapshot, or an older row
    as it was stored. Plain data (the API's response model validates it where it is sent)."""

    urgency: Urgency
    red_flags: list[StoredFlag]
    # missing from rows stored before the field existed: the web layer works it out from the answers
    unchecked_warning_signs: NotRequired[list[str]]
    causes: list[StoredCause]
    disclaimer: NotRequired[str]  # missing from the oldest rows: the knowledge base's then applies
    kb_version: str


class Outcome(BaseModel):
    """What a row stores: the result without the knowledge base's texts."""

    snapshot: str  # the digest of the texts' snapshot
    urgency: Urgency
    red_flags: list[StoredFlag]
    unchecked_warning_signs: list[str]
    causes: list[tuple[str, float, list[int]]]  # (cause id, probability, reasons by position), ranked
    kb_version: str


@dataclass(frozen=True)
class Snapshot:
    """The texts of one knowledge base and their digest (a content address: equal texts, equal digest)."""

    digest: str
    texts: SnapshotTexts
    reason_index: dict[tuple[str, str, str], int]  # each reason's position in texts.reasons
    warning_signs: tuple[str, ...]  # the safety screen's question ids, in order
    cause_reasons: tuple[tuple[int, ...], ...]  # by cause, then by evidence line: its reason's position

    @classmethod
    def of(cls, knowledge: CompiledKnowledge) -> Snapshot:
        kb = knowledge.kb
        every = [e.reason for c in knowledge.causes for e in c.evidence]
        reasons: list[tuple[str, str, str]] = list(dict.fromkeys(every))  # each once, in knowledge-base order
        texts = SnapshotTexts(
            kb_version=kb.version,
            disclaimer=kb.disclaimer,
            causes={c.id: CauseTexts(name=c.name, category=c.category, self_care=list(c.self_care)) for c in kb.causes},
            reasons=reasons,
            red_flags={f.id: FlagTexts(title=f.title, advice=f.advice) for f in kb.red_flags},
        )
        reason_index = {r: i for i, r in enumerate(reasons)}
        return cls(
            digest=_digest(texts),
            texts=texts,
            reason_index=reason_index,
            warning_signs=warning_signs(kb),
            cause_reasons=tuple(tuple(reason_index[e.reason] for e in c.evidence) for c in knowledge.causes),
        )

    def worded_by(self, knowledge: CompiledKnowledge) -> SnapshotTexts:
        """These texts as `knowledge` words them: the same knowledge base in another language or
        region (same causes, evidence and warning signs, other texts). Each reason keeps its position,
        taken from the first evidence line that has it here, so an outcome stored with this snapshot
        joins with the result in that language. Two English reasons may share a translation, or one
        may be translated two ways: positions come from this snapshot, never from the other's texts."""
        kb = knowledge.kb
        shape = [len(c.evidence) for c in knowledge.causes]
        if shape != [len(c) for c in self.cause_reasons] or kb.version != self.texts.kb_version:
            raise ValueError("not the same knowledge base as this snapshot's")
        reasons: dict[int, tuple[str, str, str]] = {}
        for positions, cause in zip(self.cause_reasons, knowledge.causes, strict=True):
            for position, evidence in zip(positions, cause.evidence, strict=True):
                reasons.setdefault(position, evidence.reason)
        return SnapshotTexts(
            kb_version=kb.version,
            disclaimer=kb.disclaimer,
            causes={c.id: CauseTexts(name=c.name, category=c.category, self_care=list(c.self_care)) for c in kb.causes},
            reasons=[reasons[i] for i in range(len(self.texts.reasons))],
            red_flags={f.id: FlagTexts(title=f.title, advice=f.advice) for f in kb.red_flags},
        )

    def reworded(self, result: Result, texts: SnapshotTexts) -> Result:
        """A result of this snapshot's knowledge base (as `join` made it from a stored outcome) in the
        words of `texts` (`worded_by`: the reader's language and region). A result of another version
        of the knowledge base is returned as it was stored: its texts are what the person was told."""
        if result["kb_version"] != self.texts.kb_version:
            return result
        causes: list[StoredCause] = []
        for cause in result["causes"]:
            words = texts.causes.get(cause["id"])
            explanation = [
                StoredReason(question=r["question"], effect=r["effect"], text=self._reason_text(r, texts))
                for r in cause["explanation"]
            ]
            causes.append(
                StoredCause(
                    id=cause["id"],
                    name=words.name if words else cause["name"],
                    category=cause["category"],
                    probability=cause["probability"],
                    explanation=explanation,
                    self_care=list(words.self_care) if words else cause["self_care"],
                )
            )
        reworded = Result(
            urgency=result["urgency"],
            red_flags=[_flag_in(flag, texts) for flag in result["red_flags"]],
            causes=causes,
            disclaimer=texts.disclaimer,
            kb_version=result["kb_version"],
        )
        if "unchecked_warning_signs" in result:
            reworded["unchecked_warning_signs"] = result["unchecked_warning_signs"]
        return reworded

    def _reason_text(self, reason: StoredReason, texts: SnapshotTexts) -> str:
        position = self.reason_index.get((reason["question"], reason["effect"], reason["text"]))
        return reason["text"] if position is None else texts.reasons[position][2]

    def outcome(self, assessment: Assessment) -> Outcome:
        """What a row stores for this assessment; raises ValueError for an assessment made with
        another knowledge base (its reasons would point at the wrong texts). Read from the
        assessment's ranking (causes by position, evidence by index), so no ranked cause with its
        reasons' texts is built only to be stored as positions."""
        if assessment.kb_version != self.texts.kb_version:
            raise ValueError("the assessment was made with another knowledge base than this snapshot's")
        causes, ranked = assessment.knowledge.causes, assessment.ranking
        return Outcome.model_validate(
            {
                "snapshot": self.digest,
                "urgency": assessment.urgency,
                "red_flags": [
                    StoredFlag(id=flag.id, title=flag.title, advice=flag.advice, urgency=flag.urgency)
                    for flag in assessment.red_flags
                ],
                "unchecked_warning_signs": [q for q in self.warning_signs if assessment.answers.get(q) is None],
                "causes": [
                    (
                        causes[i].cause.id,
                        round(ranked.probabilities[i], 4),
                        [self.cause_reasons[i][j] for j in explaining(causes[i], ranked.held[i])],
                    )
                    for i in ranked.order
                ],
                "kb_version": assessment.kb_version,
            }
        )


def join(outcome: Outcome, texts: SnapshotTexts) -> Result:
    """The full result from a stored outcome and texts whose reasons are in its snapshot's positions:
    the snapshot's own texts, or the same texts in a reader's words (`Snapshot.worded_by`), so a new
    result is built once, in the words it is shown in. A warning sign missing from `texts` (snapshots
    stored before languages have none) keeps the words it was stored with."""
    causes: list[StoredCause] = []
    for cause_id, probability, held in outcome.causes:
        cause = texts.causes[cause_id]
        reasons = [texts.reasons[i] for i in held]
        causes.append(
            {
                "id": cause_id,
                "name": cause.name,
                "category": cause.category,
                "probability": probability,
                "explanation": [{"question": q, "effect": e, "text": t} for q, e, t in reasons],
                "self_care": cause.self_care,
            }
        )
    return Result(
        urgency=outcome.urgency,
        red_flags=[_flag_in(flag, texts) for flag in outcome.red_flags],
        unchecked_warning_signs=outcome.unchecked_warning_signs,
        causes=causes,
        disclaimer=texts.disclaimer,
        kb_version=outcome.kb_version,
    )


def _flag_in(flag: StoredFlag, texts: SnapshotTexts) -> StoredFlag:
    """A fired warning sign in the words of `texts`, or as stored when `texts` does not have it."""
    words = texts.red_flags.get(flag["id"])
    if words is None:
        return flag
    return StoredFlag(id=flag["id"], title=words.title, advice=words.advice, urgency=flag["urgency"])


def save(engine: Engine, snapshot: Snapshot) -> None:
    """Store the snapshot unless the database has it already (at start-up; several processes may
    race to insert the same one, and whichever loses finds it there)."""
    _remember(snapshot.digest, snapshot.texts)
    stored = select(snapshot_table.c.digest).where(snapshot_table.c.digest == snapshot.digest)
    try:
        with engine.begin() as connection:
            if connection.scalar(stored) is None:
                connection.execute(
                    insert(snapshot_table).values(
                        digest=snapshot.digest, kb_version=snapshot.texts.kb_version, texts=snapshot.texts.model_dump()
                    )
                )
    except IntegrityError:  # another process stored the same snapshot first
        pass


def result_of(connection: Connection, stored: Mapping[str, Any]) -> Result:
    """The full result of a stored row: its outcome joined with its snapshot, or as stored for older rows."""
    if stored.get("snapshot") is None:
        return cast(Result, stored)  # written before snapshots: the whole result
    outcome = Outcome.model_validate(stored)
    texts = _loaded.get(outcome.snapshot)
    if texts is None:
        row = connection.scalar(select(snapshot_table.c.texts).where(snapshot_table.c.digest == outcome.snapshot))
        if row is None:
            raise LookupError(f"knowledge-base snapshot {outcome.snapshot} is missing from the database")
        texts = SnapshotTexts.model_validate(row)
        _remember(outcome.snapshot, texts)
    return join(outcome, texts)


def warning_signs(kb: KnowledgeBase) -> tuple[str, ...]:
    """The safety screen: the question ids of the knowledge base's first section (the warning signs)."""
    first = kb.sections[0].id
    return tuple(q.id for q in kb.questions if q.section == first)


def unchecked_warning_signs(kb: KnowledgeBase, answers: Mapping[str, Any]) -> list[str]:
    """The warning signs the answers leave unanswered ("don't know" or never asked), in screen order."""
    return [q for q in warning_signs(kb) if answers.get(q) is None]


def _digest(texts: SnapshotTexts) -> str:
    """SHA-256 of the texts as canonical JSON (sorted keys), so the same texts always get the same digest."""
    canonical = json.dumps(texts.model_dump(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


# digest -> texts of the snapshots read so far. Content-addressed, so a copy is never stale and
# any database's copy will do; bounded, since a process reads few knowledge-base versions.
_loaded: dict[str, SnapshotTexts] = {}


def _remember(digest: str, texts: SnapshotTexts) -> None:
    if len(_loaded) >= _CACHE_LIMIT and digest not in _loaded:
        _loaded.clear()
    _loaded[digest] = texts
