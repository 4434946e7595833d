"""HTML pages: landing, the adaptive interview, the full questionnaire, results, report, FHIR exports.

Every page is rendered on the server from the same engine calls as the JSON API and works
without JavaScript. Routes stay thin: the questionnaire mechanics live in `questionnaire.py`,
the interview's in `adaptive.py`, the result's presentation in `results_view.py`, and all
medicine in the knowledge base and the engine.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.datastructures import FormData

from app.engine import NextStep, triage, validate_answers
from app.storage import repository
from app.web import adaptive, assessments, diaries, fhir, questionnaire
from app.web.csrf import TOKEN_FIELD
from app.web.ratelimit import charge_write
from app.web.results_view import build_view
from app.web.runtime import ConnectionDep, RuntimeDep

router = APIRouter(include_in_schema=False)


def render(request: Request, template: str, context: dict[str, Any], status_code: int = 200) -> HTMLResponse:
    """Render a page with the CSRF token every form needs; answers pages are never cached."""
    guard = request.app.state.csrf
    token, signed = guard.token_for(request)
    runtime = request.app.state.runtime
    base = {"csrf_field": TOKEN_FIELD, "csrf_token": token, "kb": runtime.knowledge.kb}
    response = request.app.state.templates.TemplateResponse(
        request, template, {**base, **context}, status_code=status_code
    )
    guard.set_cookie(signed, response)
    return response


@router.get("/", response_class=HTMLResponse)
def landing(request: Request, runtime: RuntimeDep) -> HTMLResponse:
    context = {"question_count": sum(len(s.questions) for s in runtime.steps), "typical": adaptive.TYPICAL}
    return render(request, "index.html", context)


@router.get("/privacy", response_class=HTMLResponse)
def privacy(request: Request, runtime: RuntimeDep) -> HTMLResponse:
    days = {
        "retention_days": runtime.settings.retention_days,
        "diary_retention_days": runtime.settings.diary_retention_days,
    }
    return render(request, "privacy.html", days)


@router.get("/check", response_class=HTMLResponse)
def interview_start(request: Request, runtime: RuntimeDep) -> HTMLResponse:
    return _render_interview(request, runtime, [], {}, {}, {})


@router.post("/check", response_class=HTMLResponse)
async def interview_step(request: Request, runtime: RuntimeDep) -> Response:
    """One step of the adaptive interview: read the page's answers, then Back, the next step or the result."""
    form = await request.form()
    if form.get("trail") is None and form.get("step") is not None:
        return await check_step(request, runtime)  # a full-questionnaire page from before /check/full
    await request.app.state.csrf.validate(request)
    knowledge = runtime.knowledge
    state = questionnaire.load_state(_str(form.get("state")), knowledge)
    trail = adaptive.load_trail(_str(form.get("trail")), knowledge)
    if not trail:
        return _render_interview(request, runtime, [], state, {}, {})
    shown = adaptive.questions(knowledge, trail[-1])
    fields = _multi(form)
    if form.get("nav") == "none":  # "None of these": each yes/no question not ticked "yes" is "no"
        fields = adaptive.none_of_these(shown, fields)
    step_answers, errors = questionnaire.parse_step(shown, fields)

    if form.get("nav") == "back":
        kept = {k: v for k, v in step_answers.items() if k not in errors}
        state = questionnaire.merge(state, questionnaire.check_step_values(knowledge, kept))
        if len(trail) < 2:
            return _render_interview(request, runtime, [], state, {}, {})
        return _render_interview(request, runtime, trail[:-2], state, {}, {}, shown=trail[-2])

    errors = questionnaire.check_step(knowledge, step_answers, errors)
    if errors:
        raw = {q.id: fields.get(q.id, []) for q in shown}
        kept = {k: v for k, v in step_answers.items() if k not in errors}
        state = questionnaire.merge(state, kept)
        return _render_interview(request, runtime, trail[:-1], state, errors, raw, status_code=422, shown=trail[-1])

    state = questionnaire.merge(state, step_answers)
    return await _next_or_finish(request, runtime, trail, state)


async def _next_or_finish(
    request: Request, runtime: RuntimeDep, trail: list[list[str]], state: dict[str, Any]
) -> Response:
    chosen = adaptive.next_step(runtime.interviewer, trail, state)
    if chosen.done:  # enough asked, or an emergency: the same result flow
        return await _finish(request, runtime, adaptive.answers(trail, state))
    return _render_interview(request, runtime, trail, state, {}, {}, chosen=chosen)


def _render_interview(
    request: Request,
    runtime: RuntimeDep,
    before: list[list[str]],
    state: dict[str, Any],
    errors: dict[str, str],
    raw: dict[str, list[str]],
    status_code: int = 200,
    chosen: NextStep | None = None,
    shown: list[str] | None = None,
) -> HTMLResponse:
    """The step the interviewer chooses after the steps `before` (or `shown` again, after an error)."""
    knowledge = runtime.knowledge
    if shown is None:
        chosen = chosen or adaptive.next_step(runtime.interviewer, before, state)
        shown = [q.id for q in chosen.questions]
    trail = [*before, shown]
    questions = adaptive.questions(knowledge, shown)
    title, intro = adaptive.step_heading(knowledge, questions)
    context = {
        **_form_values(questions, state, errors, raw),
        "title": title,
        "intro": intro,
        "progress": adaptive.progress(knowledge, trail),
        "none_of_these": all(q.type == "boolean" for q in questions),
        "trail": adaptive.dump_trail(trail),
        "is_first": not before,
        "all_questions": len(knowledge.kb.questions),
    }
    return render(request, "interview.html", context, status_code=status_code)


def _form_values(
    shown: list[Any], state: dict[str, Any], errors: dict[str, str], raw: dict[str, list[str]]
) -> dict[str, Any]:
    """What a page of questions shows: the questions, their current values, errors, and the other answers."""
    values = {q.id: questionnaire.field_value(q, state) for q in shown}
    for qid, submitted in raw.items():  # show what the person typed next to its error
        if qid in errors:
            values[qid] = submitted[0] if submitted and not isinstance(values.get(qid), list) else submitted
    others = {k: v for k, v in state.items() if k not in {q.id for q in shown}}
    return {"questions": shown, "values": values, "errors": errors, "state": questionnaire.dump_state(others)}


@router.get("/check/full", response_class=HTMLResponse)
def check_start(request: Request, runtime: RuntimeDep) -> HTMLResponse:
    return render_step(request, runtime, 0, {}, {}, {})


@router.post("/check/full", response_class=HTMLResponse)
async def check_step(request: Request, runtime: RuntimeDep) -> Response:
    form = await request.form()
    await request.app.state.csrf.validate(request)
    knowledge = runtime.knowledge
    all_steps = runtime.steps
    index = _int(form.get("step"), 0, len(all_steps) - 1)
    state = questionnaire.load_state(_str(form.get("state")), knowledge)
    shown = questionnaire.visible(knowledge, all_steps[index], state)
    fields = _multi(form)
    step_answers, errors = questionnaire.parse_step(shown, fields)
    diary = await run_in_threadpool(_diary_link, runtime, _str(form.get("diary")))

    if form.get("nav") == "back":
        kept = {k: v for k, v in step_answers.items() if k not in errors}
        state = questionnaire.merge(state, questionnaire.check_step_values(knowledge, kept))
        return render_step(request, runtime, _neighbour(runtime, index, state, -1), state, {}, {}, diary=diary)

    errors = questionnaire.check_step(knowledge, step_answers, errors)
    if errors:
        raw = {q.id: fields.get(q.id, []) for q in shown}
        kept = {k: v for k, v in step_answers.items() if k not in errors}
        state = questionnaire.merge(state, kept)
        return render_step(request, runtime, index, state, errors, raw, status_code=422, diary=diary)

    state = questionnaire.merge(state, step_answers)
    next_index = _neighbour(runtime, index, state, +1)
    urgent_stop = triage(knowledge, validate_answers(knowledge.kb, state)).urgency == "emergency"
    if urgent_stop or next_index == index:
        return await _finish(request, runtime, state, diary["key"] if diary else None)
    return render_step(request, runtime, next_index, state, {}, {}, diary=diary)


def _diary_link(runtime: RuntimeDep, key: str | None) -> dict[str, Any] | None:
    """A check started from a diary carries its key; the pages show why each answer was prefilled."""
    if not key:
        return None
    with runtime.engine.connect() as connection:
        found = diaries.prefill_for(connection, runtime.knowledge.kb, key)
    return None if found is None else {"key": key, "reasons": found.reasons}


async def _finish(
    request: Request, runtime: RuntimeDep, state: dict[str, Any], diary_key: str | None = None
) -> Response:
    # The step came out of the steps budget; storing the result is also a write, refused over the
    # limit with a page that keeps the answers. Never an emergency's: its advice is not held back
    # (it takes from the writes like any other, but is not refused; the steps budget bounds it).
    emergency = triage(runtime.knowledge, validate_answers(runtime.knowledge.kb, state)).urgency == "emergency"
    await charge_write(request, refuse=not emergency)

    def store() -> str:
        with runtime.engine.connect() as connection:
            return assessments.create(runtime, connection, state, diary_key=diary_key).id

    rid = await run_in_threadpool(store)  # sync database work stays off the event loop
    return RedirectResponse(f"/results/{rid}", status_code=303)


def render_step(
    request: Request,
    runtime: RuntimeDep,
    index: int,
    state: dict[str, Any],
    errors: dict[str, str],
    raw: dict[str, list[str]],
    status_code: int = 200,
    diary: dict[str, Any] | None = None,
) -> HTMLResponse:
    all_steps = runtime.steps
    step = all_steps[index]
    shown = questionnaire.visible(runtime.knowledge, step, state)
    context = {
        **_form_values(shown, state, errors, raw),
        "step": step,
        "step_number": index + 1,
        "step_total": len(all_steps),
        "is_first": index == 0,
        "is_last": _neighbour(runtime, index, state, +1) == index,
        "diary": diary,
        "diary_reasons": diary["reasons"] if diary else {},
    }
    return render(request, "check.html", context, status_code=status_code)


def _neighbour(runtime: RuntimeDep, index: int, state: dict[str, Any], direction: int) -> int:
    """The next (or previous) step that has a question to ask; `index` itself when there is none."""
    all_steps = runtime.steps
    i = index + direction
    while 0 <= i < len(all_steps):
        if questionnaire.visible(runtime.knowledge, all_steps[i], state):
            return i
        i += direction
    return index


@router.get("/results/{assessment_id}", response_class=HTMLResponse)
def results(request: Request, assessment_id: str, runtime: RuntimeDep, connection: ConnectionDep) -> HTMLResponse:
    stored = repository.get_assessment(connection, assessment_id)
    if stored is None:
        return _not_found(request)
    view = build_view(runtime.knowledge, stored)
    page = "emergency.html" if view.urgency == "emergency" else "results.html"
    return render(request, page, {"view": view, "link": str(request.url)})


@router.post("/results/{assessment_id}/delete", response_class=HTMLResponse)
async def delete(request: Request, assessment_id: str, connection: ConnectionDep) -> HTMLResponse:
    await request.app.state.csrf.validate(request)
    if not await run_in_threadpool(repository.delete_assessment, connection, assessment_id):
        return _not_found(request)
    return render(request, "deleted.html", {})


@router.get("/results/{assessment_id}/report", response_class=HTMLResponse)
def report(request: Request, assessment_id: str, runtime: RuntimeDep, connection: ConnectionDep) -> HTMLResponse:
    stored = repository.get_assessment(connection, assessment_id)
    if stored is None:
        return _not_found(request)
    context = {"view": build_view(runtime.knowledge, stored)}
    context |= diaries.report_context(connection, runtime.knowledge.kb, stored.diary_hash, stored.created_at)
    return render(request, "report.html", context)


@router.get("/results/{assessment_id}/fhir.json")
def fhir_response(assessment_id: str, runtime: RuntimeDep, connection: ConnectionDep) -> Response:
    stored = repository.get_assessment(connection, assessment_id)
    if stored is None:
        return JSONResponse({"detail": "No assessment with this id. It may have been deleted."}, status_code=404)
    body = fhir.questionnaire_response(runtime.knowledge.kb, stored)
    return JSONResponse(body, media_type="application/fhir+json")


@router.get("/fhir/Questionnaire/twitchcheck.json")
def fhir_questionnaire(runtime: RuntimeDep) -> Response:
    return JSONResponse(fhir.questionnaire(runtime.knowledge.kb), media_type="application/fhir+json")


def _not_found(request: Request) -> HTMLResponse:
    context = {
        "title": "We could not find these answers",
        "message": "The link may be mistyped, or the answers were deleted.",
    }
    return render(request, "message.html", context, status_code=404)


def _multi(form: FormData) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for key, value in form.multi_items():
        if isinstance(value, str):
            fields.setdefault(key, []).append(value)
    return fields


def _str(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _int(value: object, low: int, high: int) -> int:
    try:
        return max(low, min(high, int(str(value))))
    except ValueError:
        return low
