"""The knowledge base's texts, stored once per version, so an assessment row keeps only its outcome.

A result is mostly fixed text: every cause's name and self-care, each reason's wording, the
disclaimer. Stored in every row, that text made each row about 15 KB, and writing it was the
largest cost of creating an assessment. A row now holds the outcome (urgency, the warning signs
that fired, each cause's probability and which reasons explained it) and the digest of a
snapshot of the texts it was computed with; the snapshot is written once, at start-up. Reading
joins the two back into the same result as before, with the texts of the knowledge base that
produced it: a later edit of the knowledge base does not rewrite what a person was told.
Rows written before snapshots existed hold the whole result and are returned as they are.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine, insert, select
from sqlalchemy.exc import IntegrityError

from app.engine import Assessment, FiredFlag
from app.engine.compiled import CompiledCause, CompiledKnowledge, Reason
from app.engine.ranking import explanation
from app.knowledge.model import URGENCY_LEVELS, KnowledgeBase
from app.storage.tables import snapshot_table

_REASON_KEYS = ("question", "effect", "text")
_QUOTED_URGENCY = {level: json.dumps(level) for level in URGENCY_LEVELS}
MEMO_LIMIT = 4096  # explained-reason sets remembered per snapshot (was app.engine.compiled.MEMO_LIMIT)
_CACHE_LIMIT = 16  # snapshots held in memory: one per knowledge-base version still being read

_loaded: dict[str, dict[str, Any]] = {}  # digest -> texts; content-addressed, so any database's copy will do


@dataclass(frozen=True)
class Snapshot:
    """The texts of one knowledge base and their digest; and, built from them once, the writer of
    an assessment's two JSON texts: the full result a client receives and the outcome a row stores.

    Most of a full result is fixed text, so it is written from pieces serialised here once (each
    cause's opening and self-care, each reason); per assessment only the urgency, the warning
    signs and the probabilities are serialised, once for both texts. The output is what
    serialising `app.web.present.result_body` (and `outcome`) would write, byte for byte.
    """

    digest: str
    texts: dict[str, Any]
    reason_index: dict[Reason, str]  # each reason's position in texts["reasons"], as JSON text
    reason_json: dict[Reason, str]  # each reason as the explanation entry of a full result
    # by position in knowledge.causes, as RankOrder refers to causes:
    causes: tuple[CompiledCause, ...]
    # Each entry's opening, with the comma that separates it from the one before (the first
    # entry drops it): ',{"id":..,"name":..,"category":..,"probability":' in the full result,
    # ',["id",' in the outcome.
    heads: list[str]
    outcome_heads: list[str]
    tails: list[str]  # ',"self_care":[..]}'
    # the safety screen's question ids (the knowledge base's first section, the warning signs), in order
    warning_signs: tuple[str, ...]
    closing: str  # '],"disclaimer":..,"kb_version":..}': the full result's end
    outcome_closing: str  # '],"kb_version":..}'
    unexplained: list[tuple[str, str]]  # by cause: what follows its probability when no evidence holds
    # Memo of what follows the probability, for both texts, per (cause index, *evidence held):
    # which reasons a cause shows, and their order, depend on nothing else, and one such set
    # recurs across many different answer sets (a calf twitch with or without coffee).
    explained: dict[tuple[int, ...], tuple[str, str]] = field(default_factory=dict, compare=False, repr=False)
    places: dict[int, str] = field(default_factory=dict, compare=False, repr=False)  # for _four_places

    @classmethod
    def of(cls, knowledge: CompiledKnowledge) -> Snapshot:
        kb = knowledge.kb
        reasons = list(dict.fromkeys(e.reason for c in knowledge.causes for e in c.evidence))
        texts = {
            "kb_version": kb.version,
            "disclaimer": kb.disclaimer,
            "causes": {
                c.id: {"name": c.name, "category": c.category, "self_care": list(c.self_care)} for c in kb.causes
            },
            "reasons": [list(r) for r in reasons],
        }
        tails = [',"self_care":' + dump_json(list(c.self_care)) + "}" for c in knowledge.causes]
        reason_index = {r: str(i) for i, r in enumerate(reasons)}
        reason_json = {r: dump_json(dict(zip(_REASON_KEYS, r, strict=True))) for r in reasons}
        canonical = json.dumps(texts, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return cls(
            digest=hashlib.sha256(canonical.encode()).hexdigest(),
            texts=texts,
            reason_index=reason_index,
            reason_json=reason_json,
            causes=knowledge.causes,
            heads=[
                "," + dump_json(dict(zip(("id", "name", "category"), c.ranked, strict=True)))[:-1] + ',"probability":'
                for c in knowledge.causes
            ],
            outcome_heads=[",[" + dump_json(c.cause.id) + "," for c in knowledge.causes],
            tails=tails,
            warning_signs=warning_signs(kb),
            closing=f'],"disclaimer":{dump_json(kb.disclaimer)},"kb_version":{dump_json(kb.version)}}}',
            outcome_closing=f'],"kb_version":{dump_json(kb.version)}}}',
            unexplained=[_explained_texts((), reason_json, reason_index, tail) for tail in tails],
        )

    def encode(self, assessment: Assessment) -> tuple[str, str]:
        """(the full result, the outcome a row stores) as JSON texts."""
        heads, ids, causes = self.heads, self.outcome_heads, self.causes
        if assessment.knowledge.causes is not causes:  # positions would name the wrong causes
            raise ValueError("the assessment was made with another knowledge base than this snapshot's")
        explained, places = self.explained, self.places
        ranked = assessment.ranking
        probabilities, held = ranked.probabilities, ranked.held
        # Every piece goes into one list per text, joined once: concatenating per cause made a
        # copy of each entry. Each entry but the first opens with its separating comma.
        flags = dump_json([flag_body(f) for f in assessment.red_flags]) if assessment.red_flags else "[]"
        answers = assessment.answers
        unchecked = dump_json([q for q in self.warning_signs if answers.get(q) is None])
        head = (
            f'{{"urgency":{_QUOTED_URGENCY[assessment.urgency]},"red_flags":{flags},'
            f'"unchecked_warning_signs":{unchecked},"causes":['
        )
        full = [head]
        short = ['{"snapshot":"', self.digest, '",', head[1:]]
        opened, outcome_opened = len(full), len(short)
        unexplained = self.unexplained
        for i in ranked.order:
            # _four_places, its common case inlined (a function call per cause is measurable here)
            scaled = probabilities[i] * 10000.0
            rounded = round(scaled)
            probability = places.get(rounded) if abs(scaled - rounded) <= 0.4999 else None
            if probability is None:
                probability = _four_places(probabilities[i], places)
            if held[i]:
                key = (i, *held[i])
                after = explained.get(key)
                if after is None:
                    after = self._explained(key)
            else:
                after = unexplained[i]
            full += (heads[i], probability, after[0])
            short += (ids[i], probability, after[1])
        if ranked.order:  # the first entry without its separating comma
            full[opened], short[outcome_opened] = full[opened][1:], short[outcome_opened][1:]
        full.append(self.closing)
        short.append(self.outcome_closing)
        return "".join(full), "".join(short)

    def _explained(self, key: tuple[int, ...]) -> tuple[str, str]:
        """What follows a cause's probability in the full result and in the outcome, for the
        evidence `key[1:]` of cause `key[0]` holding; remembered (up to MEMO_LIMIT sets)."""
        if len(self.explained) >= MEMO_LIMIT:
            self.explained.clear()
        i = key[0]
        reasons = explanation(self.causes[i], list(key[1:]))
        after = self.explained[key] = _explained_texts(reasons, self.reason_json, self.reason_index, self.tails[i])
        return after

    def outcome(self, assessment: Assessment) -> dict[str, Any]:
        """What a row stores for this assessment, as the JSON column reads it back."""
        return json.loads(self.encode(assessment)[1])


def _explained_texts(
    reasons: tuple[Reason, ...], reason_json: dict[Reason, str], reason_index: dict[Reason, str], tail: str
) -> tuple[str, str]:
    """What follows a cause's probability when it shows `reasons`: in the full result (its
    explanation and self-care) and in the outcome (the reasons' indices)."""
    full = f',"explanation":[{",".join([reason_json[r] for r in reasons])}]{tail}'
    return full, f",[{','.join([reason_index[r] for r in reasons])}]]"


def expand(stored: dict[str, Any], texts: dict[str, Any]) -> dict[str, Any]:
    """The full result (the API's shape) from a stored outcome and its snapshot's texts."""
    causes, reasons = texts["causes"], texts["reasons"]
    return {
        "urgency": stored["urgency"],
        "red_flags": stored["red_flags"],
        # rows stored before the field existed lack it (None): the web layer works it out from the answers
        "unchecked_warning_signs": stored.get("unchecked_warning_signs"),
        "causes": [
            {
                "id": cause_id,
                "name": causes[cause_id]["name"],
                "category": causes[cause_id]["category"],
                "probability": probability,
                "explanation": [dict(zip(_REASON_KEYS, reasons[i], strict=True)) for i in explained],
                "self_care": list(causes[cause_id]["self_care"]),
            }
            for cause_id, probability, explained in stored["causes"]
        ],
        "disclaimer": texts["disclaimer"],
        "kb_version": stored["kb_version"],
    }


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
                        digest=snapshot.digest, kb_version=snapshot.texts["kb_version"], texts=snapshot.texts
                    )
                )
    except IntegrityError:  # another process stored the same snapshot first
        pass


def result_of(connection: Connection, stored: dict[str, Any]) -> dict[str, Any]:
    """The full result of a stored row: joined with its snapshot, or as stored for older rows."""
    digest = stored.get("snapshot")
    if digest is None:
        return stored
    texts = _loaded.get(digest)
    if texts is None:
        texts = connection.scalar(select(snapshot_table.c.texts).where(snapshot_table.c.digest == digest))
        if texts is None:
            raise LookupError(f"knowledge-base snapshot {digest} is missing from the database")
        _remember(digest, texts)
    return expand(stored, texts)


def _four_places(probability: float, known: dict[int, str]) -> str:
    """`repr(round(probability, 4))`, looked up in `known` by the number of ten-thousandths (a
    float's decimal conversion was a quarter of the cost of writing a result). Within a hair of
    a tie, where multiplying by 10,000 could round the other way, it is worked out exactly."""
    scaled = probability * 10000.0
    rounded = round(scaled)
    if abs(scaled - rounded) > 0.4999:
        return _four_places_exactly(probability)
    text = known.get(rounded)
    if text is None:
        # the float nearest rounded/10000 is what round() returns, and repr writes it shortest
        text = known[rounded] = repr(rounded / 10000)
    return text


def _four_places_exactly(probability: float) -> str:
    """`repr(round(probability, 4))` with one decimal conversion instead of two: both round
    correctly to four places, and a number with four decimals is written without trailing zeros."""
    text = f"{probability:.4f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


def warning_signs(kb: KnowledgeBase) -> tuple[str, ...]:
    """The safety screen: the question ids of the knowledge base's first section (the warning signs)."""
    first = kb.sections[0].id
    return tuple(q.id for q in kb.questions if q.section == first)


def unchecked_warning_signs(kb: KnowledgeBase, answers: Mapping[str, Any]) -> list[str]:
    """The warning signs the answers leave unanswered ("don't know" or never asked), in screen order."""
    return [q for q in warning_signs(kb) if answers.get(q) is None]


def flag_body(flag: FiredFlag) -> dict[str, str]:
    """A fired warning sign as results (and the API) show it."""
    return {"id": flag.id, "title": flag.title, "advice": flag.advice, "urgency": flag.urgency}


def dump_json(value: Any) -> str:
    """JSON text as the API sends it and rows store it (what Starlette's JSONResponse would write)."""
    return _ENCODER.encode(value)


# json.dumps with options builds a new encoder on every call; this one is shared (it keeps no
# state between calls, so threads may share it too).
_ENCODER = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def _remember(digest: str, texts: dict[str, Any]) -> None:
    if len(_loaded) >= _CACHE_LIMIT and digest not in _loaded:
        _loaded.clear()
    _loaded[digest] = texts
