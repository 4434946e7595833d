"""Create and load assessments: the one path both the JSON API and the pages use."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from app.engine import assess
from app.engine.answers import to_json
from app.storage import diaries, repository
from app.storage.repository import StoredAssessment
from app.web.present import result_body
from app.web.runtime import Runtime


def create(
    runtime: Runtime, session: Session, raw_answers: Mapping[str, Any], diary_key: str | None = None
) -> StoredAssessment:
    """Assess and store; raises InvalidAnswers (before anything is written) for bad answers. A diary
    that no longer exists is simply not linked."""
    assessment = assess(runtime.knowledge, raw_answers)
    if diary_key and diaries.get_diary(session, diary_key) is None:
        diary_key = None
    return repository.create_assessment(
        session,
        kb_version=assessment.kb_version,
        answers=to_json(assessment.answers),
        result=result_body(assessment, runtime.knowledge.kb),
        diary_key=diary_key,
    )
