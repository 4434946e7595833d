"""Create and load assessments: the one path both the JSON API and the pages use."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection

from app.core.engine import assess
from app.core.engine.answers import to_json
from app.storage import diaries, repository
from app.storage.repository import StoredAssessment
from app.storage.snapshots import Result, join
from app.web.runtime import Runtime


async def create_for_api(runtime: Runtime, raw_answers: Mapping[str, Any]) -> StoredAssessment:
    """`create` for the JSON API: no request connection and no threadpool thread (the engine runs on
    the event loop, well under a millisecond), the row holding the outcome only (the texts are in
    the knowledge-base snapshot). Returns once the row is committed (by the group-committing
    writer), as reading it back would return it; raises InvalidAnswers before anything is written."""
    assessment = assess(runtime.knowledge, raw_answers)
    outcome = runtime.snapshot.outcome(assessment)
    answers = to_json(assessment.answers)
    token, created, row = repository.new_row(
        kb_version=assessment.kb_version, answers=answers, result=outcome.model_dump(mode="json")
    )
    await runtime.writer.insert(runtime.engine, row)
    return StoredAssessment(token, created, assessment.kb_version, answers, join(outcome, runtime.snapshot.texts))


def preview(runtime: Runtime, raw_answers: Mapping[str, Any]) -> Result:
    """The result the answers would get, stored nowhere; raises InvalidAnswers for bad answers."""
    assessment = assess(runtime.knowledge, raw_answers)
    return join(runtime.snapshot.outcome(assessment), runtime.snapshot.texts)


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
        result=runtime.snapshot.outcome(assessment).model_dump(mode="json"),
        diary_key=diary_key,
    )
