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

from app.core.engine import triage, validate_answers
from app.services import assessments, diaries
from app.storage import repository
from app.web import messages
from app.web.api.present import unchecked_of
from app.web.csrf import TOKEN_FIELD
from app.web.deps import ConnectionDep, CsrfChecked, RuntimeDep
from app.web.errors import NotFound
from app.web.middleware.rate_limit import charge_write
from app.web.pages import adaptive, progress, questionnaire
from app.web.pages.progress import Progress
from app.web.views import fhir
from app.web.views.results import build_view, report_context

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
def interview_page(request: Request, runtime: RuntimeDep) -> Response:
    """A step of the interview, from the progress cookie; without `?step=` (or without progress): a fresh start."""
    step = request.query_params.get("step")
    if step is None:
        return _redirect(runtime, "interview", _fresh_interview(runtime), 0)
    current = progress.load(request, "interview", runtime.settings, runtime.knowledge)
    if current is None or not current.trail:  # expired, or a browser that keeps no cookies: the first step
        current = _fresh_interview(runtime)
    return _render_interview(request, runtime, current, _int(step, 0, len(current.trail) - 1))


def _fresh_interview(runtime: RuntimeDep) -> Progress:
    first = adaptive.next_step(runtime.interviewer, [], {})
    return Progress(trail=[[q.id for q in first.questions]])


@router.post("/check", response_class=HTMLResponse, dependencies=[CsrfChecked])
async def interview_step(request: Request, runtime: RuntimeDep) -> Response:
    """One step of the adaptive interview: read the page's answers, then Back, the next step or the
    result; always a 303 to a GET page (Post/Redirect/Get), the answers kept in the progress cookie."""
    form = await request.form()
    if form.get("at") is None and form.get("trail") is None and form.get("step") is not None:
        return await check_step(request, runtime)  # a full-questionnaire page from before /check/full
    knowledge = runtime.knowledge
    current = progress.load(request, "interview", runtime.settings, knowledge) or _from_old_form(form, knowledge)
    if not current.trail:  # no progress (cleared, or expired): only the first step can be told from the form
        if form.get("at") != "0":
            return _redirect(runtime, "interview", _fresh_interview(runtime), 0)
        current.trail = _fresh_interview(runtime).trail  # its answers, re-posted by "Try again", are kept
    at = _int(form.get("at"), 0, len(current.trail) - 1) if form.get("at") is not None else len(current.trail) - 1
    trail = current.trail[: at + 1]
    shown = adaptive.questions(knowledge, trail[-1])
    fields = _multi(form)
    if form.get("nav") == "none":  # "None of these": each yes/no question left blank is "no"
        fields = adaptive.none_of_these(shown, fields)
    notes: dict[str, str] = {}
    step_answers, errors = questionnaire.parse_step(shown, fields, notes)
    unknown = questionnaire.chosen_unknown(shown, fields, current.unknown)

    if form.get("nav") == "back":
        kept = {k: v for k, v in step_answers.items() if k not in errors}
        state = questionnaire.merge(current.state, questionnaire.check_step_values(knowledge, kept))
        return _redirect(runtime, "interview", Progress(state, unknown, trail), max(at - 1, 0))

    errors = _unless_emergency(
        runtime, current.state, step_answers, questionnaire.check_step(knowledge, step_answers, errors)
    )
    if errors:
        raw = {q.id: fields.get(q.id, []) for q in shown}
        kept = {k: v for k, v in step_answers.items() if k not in errors}
        state = questionnaire.merge(current.state, kept)
        failed = Progress(state, unknown, trail, errors=errors, raw=raw, errors_at=at)
        return _redirect(runtime, "interview", failed, at)

    state = questionnaire.merge(current.state, step_answers)
    chosen = adaptive.next_step(runtime.interviewer, trail, state)
    if chosen.done:  # enough asked, or an emergency: the same result flow
        response = await _finish(request, runtime, adaptive.answers(trail, state))
        progress.save(response, "interview", runtime.settings, Progress(state, unknown, trail))  # for Back
        return response
    next_ids = [q.id for q in chosen.questions]
    going_on = Progress(state, unknown, [*trail, next_ids], notes=notes, notes_at=at + 1)
    return _redirect(runtime, "interview", going_on, at + 1)


def _redirect(runtime: RuntimeDep, kind: progress.Kind, current: Progress, step: int) -> Response:
    """303 to the GET page of `step`, the progress in its cookie: Back and reload never re-post."""
    path = "/check" if kind == "interview" else "/check/full"
    response = RedirectResponse(f"{path}?step={step}", status_code=303)
    progress.save(response, kind, runtime.settings, current)
    return response


def _from_old_form(form: FormData, knowledge: Any) -> Progress:
    """A page rendered before the progress cookie (or after it expired) still carries its answers."""
    return Progress(
        state=questionnaire.load_state(_str(form.get("state")), knowledge),
        unknown=questionnaire.load_unknown(_str(form.get("unknown")), knowledge),
        trail=adaptive.load_trail(_str(form.get("trail")), knowledge),
        step=_int(form.get("step"), 0, 1000),
        diary=_str(form.get("diary")) or None,
    )


def _render_interview(request: Request, runtime: RuntimeDep, current: Progress, at: int) -> HTMLResponse:
    knowledge = runtime.knowledge
    trail = current.trail[: at + 1]
    questions = adaptive.questions(knowledge, trail[-1])
    title, intro = adaptive.step_heading(knowledge, questions)
    errors, raw = (current.errors, current.raw) if current.errors_at == at else ({}, {})
    context = {
        **_form_values(questions, current.state, errors, raw, current.unknown),
        "understood": _understood(runtime, current, at),
        "title": title,
        "intro": intro,
        "progress": adaptive.progress(knowledge, trail),
        # "None of these" answers several yes/no questions at once; a step of one has its own "No"
        "none_of_these": len(questions) > 1 and all(q.type == "boolean" for q in questions),
        "at": at,
        "is_first": len(trail) == 1,
        "all_questions": len(knowledge.kb.questions),
    }
    return render(request, "interview.html", context)


def _understood(runtime: RuntimeDep, current: Progress, at: int) -> list[tuple[str, str]]:
    """How the numbers typed on the step before were read, shown on this step."""
    if current.notes_at != at:
        return []
    kb = runtime.knowledge.kb
    return [(kb.question(qid).text, how) for qid, how in current.notes.items() if kb.has_question(qid)]


def _form_values(
    shown: list[Any], state: dict[str, Any], errors: dict[str, str], raw: dict[str, list[str]], unknown: list[str]
) -> dict[str, Any]:
    """What a page of questions shows: the questions, their current values and errors."""
    values = {q.id: questionnaire.field_value(q, state, unknown) for q in shown}
    for qid, submitted in raw.items():  # show what the person typed next to its error
        if qid in errors and qid in values:
            values[qid] = submitted[0] if submitted and not isinstance(values.get(qid), list) else submitted
    return {"questions": shown, "values": values, "errors": errors}


@router.get("/check/full", response_class=HTMLResponse)
async def check_page(request: Request, runtime: RuntimeDep) -> Response:
    """A step of the full questionnaire, from the progress cookie; without `?step=`: a fresh start."""
    step = request.query_params.get("step")
    if step is None:
        return _redirect(runtime, "full", Progress(), 0)
    current = progress.load(request, "full", runtime.settings, runtime.knowledge) or Progress()
    index = _int(step, 0, len(runtime.steps) - 1)
    diary = await run_in_threadpool(_diary_link, runtime, current.diary)
    errors, raw = (current.errors, current.raw) if current.errors_at == index else ({}, {})
    understood = _understood(runtime, current, index)
    return render_step(
        request, runtime, index, current.state, errors, raw, diary=diary, unknown=current.unknown, understood=understood
    )


@router.post("/check/full", response_class=HTMLResponse, dependencies=[CsrfChecked])
async def check_step(request: Request, runtime: RuntimeDep) -> Response:
    """One step of the full questionnaire; always a 303 to a GET page or the result (Post/Redirect/Get)."""
    form = await request.form()
    knowledge = runtime.knowledge
    all_steps = runtime.steps
    current = progress.load(request, "full", runtime.settings, knowledge) or _from_old_form(form, knowledge)
    index = _int(form.get("step"), 0, len(all_steps) - 1)
    shown = questionnaire.visible(knowledge, all_steps[index], current.state)
    fields = _multi(form)
    notes: dict[str, str] = {}
    step_answers, errors = questionnaire.parse_step(shown, fields, notes)
    unknown = questionnaire.chosen_unknown(shown, fields, current.unknown)
    diary = current.diary

    if form.get("nav") == "back":
        kept = {k: v for k, v in step_answers.items() if k not in errors}
        state = questionnaire.merge(current.state, questionnaire.check_step_values(knowledge, kept))
        previous = _neighbour(runtime, index, state, -1)
        return _redirect(runtime, "full", Progress(state, unknown, step=previous, diary=diary), previous)

    errors = _unless_emergency(
        runtime, current.state, step_answers, questionnaire.check_step(knowledge, step_answers, errors)
    )
    if errors:
        raw = {q.id: fields.get(q.id, []) for q in shown}
        kept = {k: v for k, v in step_answers.items() if k not in errors}
        state = questionnaire.merge(current.state, kept)
        failed = Progress(state, unknown, step=index, diary=diary, errors=errors, raw=raw, errors_at=index)
        return _redirect(runtime, "full", failed, index)

    state = questionnaire.merge(current.state, step_answers)
    next_index = _neighbour(runtime, index, state, +1)
    urgent_stop = triage(knowledge, validate_answers(knowledge.kb, state)).urgency == "emergency"
    if urgent_stop or next_index == index:
        linked = await run_in_threadpool(_diary_link, runtime, diary)
        response = await _finish(request, runtime, state, linked["key"] if linked else None)
        progress.save(response, "full", runtime.settings, Progress(state, unknown, step=index, diary=diary))
        return response
    going_on = Progress(state, unknown, step=next_index, diary=diary, notes=notes, notes_at=next_index)
    return _redirect(runtime, "full", going_on, next_index)


def _unless_emergency(
    runtime: RuntimeDep, state: dict[str, Any], step_answers: dict[str, Any], errors: dict[str, str]
) -> dict[str, str]:
    """The step's errors, but warning signs left blank do not hold up an emergency: with one
    answered yes, the emergency page comes at once."""
    blank = {k for k, v in errors.items() if v == questionnaire.must_answer_text()}
    if not blank or len(blank) < len(errors):
        return errors
    merged = questionnaire.merge(state, {k: v for k, v in step_answers.items() if k not in blank})
    urgency = triage(runtime.knowledge, validate_answers(runtime.knowledge.kb, merged)).urgency
    return {} if urgency == "emergency" else errors


def _diary_link(runtime: RuntimeDep, key: str | None) -> dict[str, Any] | None:
    """A check started from a diary carries its key; the pages show why each answer was prefilled."""
    if not key:
        return None
    with runtime.engine.connect() as connection:
        found = diaries.prefill_for(connection, runtime.knowledge.kb, key)
    return None if found is None else {"key": key, "reasons": messages.prefill_reasons(found)}


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
            return assessments.create(
                knowledge=runtime.base.knowledge,
                snapshot=runtime.snapshot,
                connection=connection,
                answers=state,
                diary_key=diary_key,
            ).id

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
    unknown: list[str] | None = None,
    understood: list[tuple[str, str]] | None = None,
) -> HTMLResponse:
    """A step of the full questionnaire; its progress goes (back) into the cookie, so a check the
    diary starts here (`/diary/{key}/check`) continues with the diary's answers."""
    all_steps = runtime.steps
    step = all_steps[index]
    shown = questionnaire.visible(runtime.knowledge, step, state)
    context = {
        **_form_values(shown, state, errors, raw, unknown or []),
        "step": step,
        "step_number": index + 1,
        "step_total": len(all_steps),
        "is_first": index == 0,
        "is_last": _neighbour(runtime, index, state, +1) == index,
        "diary": diary,
        "diary_reasons": diary["reasons"] if diary else {},
        "understood": understood or [],
    }
    response = render(request, "check.html", context, status_code=status_code)
    shown_progress = Progress(
        state,
        list(unknown or []),
        step=index,
        diary=diary["key"] if diary else None,
        errors=errors,
        raw=raw,
        errors_at=index if errors else -1,
    )
    progress.save(response, "full", runtime.settings, shown_progress)
    return response


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
        raise NotFound("assessment")
    view = build_view(runtime.knowledge, runtime.worded_assessment(stored))
    page = "emergency.html" if view.urgency == "emergency" else "results.html"
    return render(request, page, {"view": view, "link": str(request.url)})


@router.get("/results/{assessment_id}/delete", response_class=HTMLResponse)
def confirm_delete(request: Request, assessment_id: str, connection: ConnectionDep) -> HTMLResponse:
    """ "Delete my answers" asks first, with a plain form (no JavaScript needed), as the diary does."""
    if repository.get_assessment(connection, assessment_id) is None:
        raise NotFound("assessment")
    return render(request, "delete.html", {"id": assessment_id})


@router.post("/results/{assessment_id}/change", response_class=HTMLResponse, dependencies=[CsrfChecked])
async def change_answer(
    request: Request, assessment_id: str, runtime: RuntimeDep, connection: ConnectionDep
) -> Response:
    """ "Change" on a result: back into the full questionnaire at the step of that question, with
    every stored answer kept (in the progress cookie, as if the person had come back to it)."""
    form = await request.form()
    stored = await run_in_threadpool(repository.get_assessment, connection, assessment_id)
    if stored is None:
        raise NotFound("assessment")
    knowledge = runtime.knowledge
    state = questionnaire.load_state(questionnaire.dump_state(stored.answers), knowledge)
    qid = _str(form.get("question")) or ""
    section = knowledge.kb.question(qid).section if knowledge.kb.has_question(qid) else None
    index = next((s.index for s in runtime.steps if s.section.id == section), 0)
    # the warning signs a result lists as unchecked were answered "don't know" on purpose
    unknown = [q for q in unchecked_of(stored, knowledge.kb) if questionnaire.must_answer(knowledge.kb.question(q))]
    response = _redirect(runtime, "full", Progress(state, unknown, step=index), index)
    if section is not None:
        response.headers["location"] += f"#q-{qid}"
    return response


@router.post("/results/{assessment_id}/delete", response_class=HTMLResponse, dependencies=[CsrfChecked])
async def delete(request: Request, assessment_id: str, connection: ConnectionDep) -> HTMLResponse:
    if not await run_in_threadpool(repository.delete_assessment, connection, assessment_id):
        raise NotFound("assessment")
    response = render(request, "deleted.html", {})
    settings = request.app.state.runtime.settings
    for kind in progress.COOKIES:  # the answers waiting in this browser go with them
        progress.clear(response, kind, settings)
    return response


@router.get("/results/{assessment_id}/report", response_class=HTMLResponse)
def report(request: Request, assessment_id: str, runtime: RuntimeDep, connection: ConnectionDep) -> HTMLResponse:
    stored = repository.get_assessment(connection, assessment_id)
    if stored is None:
        raise NotFound("assessment")
    context = {"view": build_view(runtime.knowledge, runtime.worded_assessment(stored))}
    context |= report_context(connection, runtime.knowledge.kb, stored.diary_hash, stored.created_at)
    return render(request, "report.html", context)


@router.get("/results/{assessment_id}/fhir.json")
def fhir_response(assessment_id: str, runtime: RuntimeDep, connection: ConnectionDep) -> Response:
    stored = repository.get_assessment(connection, assessment_id)
    if stored is None:
        raise NotFound("assessment")
    body = fhir.bundle(runtime.knowledge.kb, stored)
    # a download, like the diary's CSV: a phone would otherwise show the raw JSON as a page
    name = f"twitchcheck-answers-{stored.created_at:%Y-%m-%d}.fhir.json"
    headers = {"content-disposition": f'attachment; filename="{name}"'}
    return JSONResponse(body, media_type="application/fhir+json", headers=headers)


@router.get("/fhir/Questionnaire/twitchcheck.json")
def fhir_questionnaire(runtime: RuntimeDep) -> Response:
    return JSONResponse(fhir.questionnaire(runtime.knowledge.kb), media_type="application/fhir+json")


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
