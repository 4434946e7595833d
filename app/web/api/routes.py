"""JSON routes of the public HTTP contract."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request, Response
from fastapi.responses import JSONResponse
from sqlalchemy import text

from app.core.engine import AnswerProblem, InvalidAnswers
from app.core.knowledge.message import Message
from app.services import assessments
from app.storage import migrate, repository
from app.web import messages
from app.web.api.bodies import documented, json_body
from app.web.api.present import assessment_out, interview_out, preview_out
from app.web.api.schemas import (
    AssessmentOut,
    AssessmentRequest,
    CausesOut,
    ErrorOut,
    HealthOut,
    InterviewOut,
    InterviewRequest,
    PreviewOut,
    QuestionsOut,
    UnavailableOut,
)
from app.web.deps import ConnectionDep, RuntimeDep
from app.web.runtime import Runtime

#: OpenAPI `responses` of a route: status -> model and description
Responses = dict[int | str, dict[str, Any]]

router = APIRouter()

_ERRORS: Responses = {422: {"model": ErrorOut, "description": "An answer is invalid; the message names the question."}}
_BODY_ERRORS: Responses = {
    413: {"model": ErrorOut, "description": "Request body too large."},
    415: {"model": ErrorOut, "description": "The body is not JSON."},
    429: {"model": ErrorOut, "description": "Too many requests from this client; see Retry-After."},
}
_NOT_FOUND: Responses = {404: {"model": ErrorOut, "description": "No assessment with this id (or it was deleted)."}}


_NOT_MODIFIED: Responses = {304: {"description": "Not modified (If-None-Match matched the ETag)."}}


@router.get("/api/questions", response_model=QuestionsOut, responses=_NOT_MODIFIED, tags=["knowledge"])
async def list_questions(request: Request, runtime: RuntimeDep) -> Response:
    """Every question, in the order the full questionnaire asks them (warning signs first)."""
    return _cacheable(request, runtime.questions_json, runtime.etags["questions"])


@router.get("/api/causes", response_model=CausesOut, responses=_NOT_MODIFIED, tags=["knowledge"])
async def list_causes(request: Request, runtime: RuntimeDep) -> Response:
    """Every cause the checker knows, with its self-care advice and sources."""
    return _cacheable(request, runtime.causes_json, runtime.etags["causes"])


def _cacheable(request: Request, body: bytes, etag: str) -> Response:
    """Knowledge-base listings hold no personal data: precomputed bytes, an ETag, revalidation."""
    headers = {"etag": etag, "cache-control": "public, max-age=300"}
    if etag in request.headers.get("if-none-match", ""):
        return Response(status_code=304, headers=headers)
    return Response(body, media_type="application/json", headers=headers)


@router.post(
    "/api/assessments",
    status_code=201,
    response_model=AssessmentOut,
    responses={**_ERRORS, **_BODY_ERRORS},
    tags=["assessments"],
    openapi_extra=documented(AssessmentRequest),
)
async def create_assessment(request: Request) -> AssessmentOut:
    """Assess the answers, store the result under a new unguessable id and return it."""
    body = await json_body(request, AssessmentRequest)
    runtime: Runtime = request.app.state.runtime
    # InvalidAnswers -> 422 with nothing stored; the 201 goes out only once the row is committed.
    stored = await assessments.create_for_api(runtime, body.answers)
    return assessment_out(stored, runtime.knowledge.kb)


@router.post(
    "/api/assessments/preview",
    response_model=PreviewOut,
    responses={**_ERRORS, **_BODY_ERRORS},
    tags=["assessments"],
    openapi_extra=documented(AssessmentRequest),
)
async def preview_assessment(request: Request) -> PreviewOut:
    """Assess without storing anything (no id): works even while the database is down."""
    body = await json_body(request, AssessmentRequest)
    runtime: Runtime = request.app.state.runtime
    return preview_out(assessments.preview(runtime, body.answers), runtime.knowledge.kb)


@router.get(
    "/api/assessments/{assessment_id}", response_model=AssessmentOut, responses=_NOT_FOUND, tags=["assessments"]
)
def read_assessment(assessment_id: str, runtime: RuntimeDep, connection: ConnectionDep) -> AssessmentOut:
    """The stored assessment, with its answers."""
    stored = repository.get_assessment(connection, assessment_id)
    if stored is None:
        raise HTTPException(404, "No assessment with this id. It may have been deleted.")
    return assessment_out(stored, runtime.knowledge.kb)


@router.delete(
    "/api/assessments/{assessment_id}",
    status_code=204,
    responses={**_NOT_FOUND, 429: _BODY_ERRORS[429]},
    tags=["assessments"],
)
def delete_assessment(assessment_id: str, connection: ConnectionDep) -> Response:
    """Delete the assessment and its answers for good."""
    if not repository.delete_assessment(connection, assessment_id):
        raise HTTPException(404, "No assessment with this id. It may have been deleted already.")
    return Response(status_code=204)


@router.post(
    "/api/interview/next",
    response_model=InterviewOut,
    responses={**_ERRORS, **_BODY_ERRORS},
    tags=["interview"],
    openapi_extra=documented(InterviewRequest),
)
async def interview_next(request: Request) -> InterviewOut:
    """The next step worth showing given the answers so far (one question, or a few related ones shown
    together), or `done` when more would not change the advice. A question shown and left unanswered
    goes into `unknown` ("don't know")."""
    body = await json_body(request, InterviewRequest)
    runtime: Runtime = request.app.state.runtime
    kb = runtime.knowledge.kb
    strangers = [
        AnswerProblem(q, Message.of("answers.unknown_listed", question=q))
        for q in body.unknown
        if not kb.has_question(q)
    ]
    if strangers:
        raise InvalidAnswers(strangers)
    step = runtime.interviewer.next(body.answers, body.unknown)  # InvalidAnswers -> 422
    return interview_out(step, kb, messages.reason_text(step.reason))


@router.get(
    "/healthz",
    response_model=HealthOut,
    responses={503: {"model": UnavailableOut, "description": "A part is not working; the body names it."}},
    tags=["service"],
)
def health(runtime: RuntimeDep) -> HealthOut | JSONResponse:
    """200 when the knowledge base is loaded and the database answers; 503 naming the failing part."""
    checks = {"knowledge_base": f"ok (version {runtime.knowledge.kb.version})"}
    try:
        with runtime.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        checks["database"] = "ok"
    except Exception:  # noqa: BLE001 - any failure means "not ready"; the type is not for the caller
        return _unavailable("database unavailable", {**checks, "database": "unavailable"})
    return HealthOut(status="ok", checks=checks)


@router.get(
    "/readyz",
    response_model=HealthOut,
    responses={503: {"model": UnavailableOut, "description": "Not ready; the body names the failing part."}},
    tags=["service"],
)
def ready(runtime: RuntimeDep) -> HealthOut | JSONResponse:
    """Readiness: the knowledge base is loaded, the database answers and its migrations are current.
    (`/healthz` is the liveness check: the process serves requests.)"""
    checks = {"knowledge_base": f"ok (version {runtime.knowledge.kb.version})"}
    try:
        checks["migrations"] = "ok" if migrate.is_current(runtime.engine) else "behind"
        checks["database"] = "ok"
    except Exception:  # noqa: BLE001 - any failure means "not ready"
        checks["database"] = "unavailable"
    if checks.get("database") != "ok" or checks.get("migrations") != "ok":
        failing = ", ".join(k for k, v in checks.items() if not v.startswith("ok"))
        return _unavailable(f"not ready: {failing}", checks)
    return HealthOut(status="ok", checks=checks)


def _unavailable(detail: str, checks: dict[str, str]) -> JSONResponse:
    """A 503 whose body is an `UnavailableOut` (FastAPI serialises only the 200 through `response_model`)."""
    return JSONResponse(UnavailableOut(detail=detail, checks=checks).model_dump(mode="json"), status_code=503)
