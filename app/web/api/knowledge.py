"""GET /api/questions and /api/causes: the knowledge base, the same for everyone (cacheable)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from app.web.api.responses import NOT_MODIFIED
from app.web.api.schemas import CausesOut, QuestionsOut
from app.web.deps import RuntimeDep

router = APIRouter(tags=["knowledge"])


@router.get("/api/questions", response_model=QuestionsOut, responses=NOT_MODIFIED)
async def list_questions(request: Request, runtime: RuntimeDep) -> Response:
    """Every question, in the order the full questionnaire asks them (warning signs first)."""
    return _cacheable(request, runtime.questions_json, runtime.etags["questions"])


@router.get("/api/causes", response_model=CausesOut, responses=NOT_MODIFIED)
async def list_causes(request: Request, runtime: RuntimeDep) -> Response:
    """Every cause the checker knows, with its self-care advice and sources."""
    return _cacheable(request, runtime.causes_json, runtime.etags["causes"])


def _cacheable(request: Request, body: bytes, etag: str) -> Response:
    """Knowledge-base listings hold no personal data: precomputed bytes, an ETag, revalidation."""
    headers = {"etag": etag, "cache-control": "public, max-age=300"}
    if etag in request.headers.get("if-none-match", ""):
        return Response(status_code=304, headers=headers)
    return Response(body, media_type="application/json", headers=headers)
