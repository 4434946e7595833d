"""Create and preview assessments: the one path both the JSON API and the pages use.

Use cases on the core and storage, called with what they need by keyword: no FastAPI, no request.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, Engine

from app.core.engine import CompiledKnowledge, assess
from app.core.engine.answers import to_json
from app.storage import diaries, repository
from app.storage.repository import StoredAssessment
from app.storage.snapshots import Result, Snapshot, SnapshotTexts, join
from app.storage.writer import AssessmentWriter


async def create_batched(
    *,
    knowledge: CompiledKnowledge,
    snapshot: Snapshot,
    writer: AssessmentWriter,
    engine: Engine,
    answers: Mapping[str, Any],
    words: SnapshotTexts,
) -> StoredAssessment:
    """Assess and store through the group-committing writer (the JSON API): no request connection
    and no threadpool thread (the engine runs on the event loop, well under a millisecond); the row
    holds the outcome only (the texts are in the knowledge-base snapshot). Returns once the row is
    committed, as reading it back in the reader's `words` (`snapshot`'s texts as `Snapshot.worded_by`
    words them) would return it; raises InvalidAnswers before anything is written."""
    assessment = assess(knowledge, answers)
    outcome = snapshot.outcome(assessment)
    stored_answers = to_json(assessment.answers)
    token, created, row = repository.new_row(
        kb_version=assessment.kb_version, answers=stored_answers, result=outcome.model_dump(mode="json")
    )
    await writer.insert(engine, row)
    return StoredAssessment(token, created, assessment.kb_version, stored_answers, join(outcome, words))


def preview(
    *, knowledge: CompiledKnowledge, snapshot: Snapshot, answers: Mapping[str, Any], words: SnapshotTexts
) -> Result:
    """The result the answers would get, in the reader's `words` (as for `create_batched`), stored
    nowhere; raises InvalidAnswers for bad answers."""
    assessment = assess(knowledge, answers)
    return join(snapshot.outcome(assessment), words)


def create(
    *,
    knowledge: CompiledKnowledge,
    snapshot: Snapshot,
    connection: Connection,
    answers: Mapping[str, Any],
    diary_key: str | None = None,
) -> StoredAssessment:
    """Assess and store on the caller's connection (the pages); raises InvalidAnswers (before
    anything is written) for bad answers. A diary that no longer exists is simply not linked."""
    assessment = assess(knowledge, answers)
    if diary_key and diaries.get_diary(connection, diary_key) is None:
        diary_key = None
    return repository.create_assessment(
        connection,
        kb_version=assessment.kb_version,
        answers=to_json(assessment.answers),
        result=snapshot.outcome(assessment).model_dump(mode="json"),
        diary_key=diary_key,
    )
