"""Create and load assessments: the one path both the JSON API and the pages use."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection

from app.engine import assess
from app.engine.answers import to_json
from app.storage import diaries, repository
from app.storage.repository import StoredAssessment
from app.storage.snapshots import dump_json
from app.web.present import assessment_json
from app.web.runtime import Runtime


async def create_json(runtime: Runtime, raw_answers: Mapping[str, Any]) -> bytes:
    """`create` for the JSON API, returning the response body: no request connection and no threadpool
    thread (the engine runs on the event loop, well under a millisecond), the answers serialised
    once for both the row and the response, and the row holding the outcome only (the texts are
    in the knowledge-base snapshot). Returns once the row is committed (by the group-committing
    writer); raises InvalidAnswers before anything is written."""
    assessment = assess(runtime.knowledge, raw_answers)
    answers = dump_json(to_json(assessment.answers))
    result, outcome = runtime.snapshot.encode(assessment)
    token, created, row = repository.new_row(kb_version=assessment.kb_version, answers=answers, result=outcome)
    await runtime.writer.insert(runtime.engine, row)
    return assessment_json(token, created, result, answers)


def create(
    runtime: Runtime, connection: Connection, raw_answers: Mapping[str, Any], diary_key: str | None = None
) -> StoredAssessment:
    """Assess and store; raises InvalidAnswers (before anything is written) for bad answers. A diary
    that no longer exists is simply not linked."""
    assessment = assess(runtime.knowledge, raw_answers)
    if diary_key and diaries.get_diary(connection, diary_key) is None:
        diary_key = None
    return repository.create_assessment(
        connection,
        kb_version=assessment.kb_version,
        answers=to_json(assessment.answers),
        result=runtime.snapshot.outcome(assessment),
        diary_key=diary_key,
    )
