"""POST /api/interview/next: the guided interview, one step at a time."""

from __future__ import annotations

from fastapi import APIRouter, Request

from app.core.engine import AnswerProblem, InvalidAnswers
from app.core.knowledge.message import Message
from app.web import messages
from app.web.api.bodies import documented, json_body
from app.web.api.present import interview_out
from app.web.api.responses import BODY_ERRORS, ERRORS
from app.web.api.schemas import InterviewOut, InterviewRequest
from app.web.runtime import Runtime

router = APIRouter(tags=["interview"])


@router.post(
    "/api/interview/next",
    response_model=InterviewOut,
    responses={**ERRORS, **BODY_ERRORS},
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
    return interview_out(step, kb, messages.reason_text(step.reason), runtime.shown_questions)
