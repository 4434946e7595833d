"""The assessments: create (assess and store), preview (assess only), read and delete."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from app.services import assessments
from app.storage import repository
from app.web.api.bodies import documented, json_body
from app.web.api.present import assessment_out, preview_out
from app.web.api.responses import BODY_ERRORS, ERRORS, NOT_FOUND
from app.web.api.schemas import AssessmentOut, AssessmentRequest, PreviewOut
from app.web.deps import ConnectionDep, RuntimeDep
from app.web.errors import NotFound
from app.web.runtime import Runtime

router = APIRouter(tags=["assessments"])


@router.post(
    "/api/assessments",
    status_code=201,
    response_model=AssessmentOut,
    responses={**ERRORS, **BODY_ERRORS},
    openapi_extra=documented(AssessmentRequest),
)
async def create_assessment(request: Request) -> AssessmentOut:
    """Assess the answers, store the result under a new unguessable id and return it."""
    body = await json_body(request, AssessmentRequest)
    runtime: Runtime = request.app.state.runtime
    reader = runtime.local
    # InvalidAnswers -> 422 with nothing stored; the 201 goes out only once the row is committed.
    stored = await assessments.create_batched(
        knowledge=runtime.base.knowledge,
        snapshot=runtime.snapshot,
        writer=runtime.writer,
        engine=runtime.engine,
        answers=body.answers,
        words=reader.texts,
    )
    return assessment_out(stored, reader.knowledge.kb)


@router.post(
    "/api/assessments/preview",
    response_model=PreviewOut,
    responses={**ERRORS, **BODY_ERRORS},
    openapi_extra=documented(AssessmentRequest),
)
async def preview_assessment(request: Request) -> PreviewOut:
    """Assess without storing anything (no id): works even while the database is down."""
    body = await json_body(request, AssessmentRequest)
    runtime: Runtime = request.app.state.runtime
    reader = runtime.local
    result = assessments.preview(
        knowledge=runtime.base.knowledge, snapshot=runtime.snapshot, answers=body.answers, words=reader.texts
    )
    return preview_out(result, reader.knowledge.kb)


@router.get("/api/assessments/{assessment_id}", response_model=AssessmentOut, responses=NOT_FOUND)
def read_assessment(assessment_id: str, runtime: RuntimeDep, connection: ConnectionDep) -> AssessmentOut:
    """The stored assessment, with its answers."""
    stored = repository.get_assessment(connection, assessment_id)
    if stored is None:
        raise NotFound("assessment")
    return assessment_out(runtime.worded_assessment(stored), runtime.knowledge.kb)


@router.delete(
    "/api/assessments/{assessment_id}",
    status_code=204,
    responses={**NOT_FOUND, 429: BODY_ERRORS[429]},
)
def delete_assessment(assessment_id: str, connection: ConnectionDep) -> Response:
    """Delete the assessment and its answers for good."""
    if not repository.delete_assessment(connection, assessment_id):
        raise NotFound("assessment_deleted")
    return Response(status_code=204)
