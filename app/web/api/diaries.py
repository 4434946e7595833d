"""JSON routes for diaries and their entries. Bad input is a 422 naming the field, and nothing is
stored: every check runs before the one short transaction that writes."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Response
from fastapi.responses import JSONResponse

from app.core.diary import EntryIn, check_zone
from app.services import diaries, function_checks
from app.storage import diaries as store
from app.web.api import present
from app.web.api.bodies import JsonOnly
from app.web.api.diary_schemas import DiaryCreate, DiaryOut, DiaryPatch, EntryOut, FunctionCheckIn, FunctionChecksOut
from app.web.api.responses import BODY_ERRORS, Responses
from app.web.api.schemas import ErrorOut
from app.web.clock import NowDep
from app.web.deps import ConnectionDep, RuntimeDep
from app.web.errors import NotFound

router = APIRouter(prefix="/api/diaries", tags=["diary"])

_422: Responses = {
    422: {"model": ErrorOut, "description": "Invalid input; the message names the field. Nothing was stored."}
}
_404: Responses = {404: {"model": ErrorOut, "description": "No diary (or entry) with this id, or it was deleted."}}
_429: Responses = {429: BODY_ERRORS[429]}
_BODY = BODY_ERRORS
EntryId = Annotated[int, Path(ge=1, le=2**31 - 1, description="The entry's id within its diary.")]


def _view_or_404(runtime: RuntimeDep, connection: ConnectionDep, diary_id: str) -> DiaryOut:
    v = diaries.view(connection, runtime.knowledge.kb, diary_id)
    if v is None:
        raise NotFound("diary")
    return present.diary_out(v, diaries.location_names(runtime.knowledge.kb))


@router.post("", status_code=201, response_model=DiaryOut, responses={**_422, **_BODY}, dependencies=JsonOnly)
def create_diary(body: DiaryCreate, runtime: RuntimeDep, connection: ConnectionDep) -> DiaryOut:
    """Create an empty diary. Keep its `id` private: it is the only key to the diary."""
    diary = diaries.create(connection, body.timezone)
    return _view_or_404(runtime, connection, diary.key)


@router.get("/{diary_id}", response_model=DiaryOut, responses=_404)
def read_diary(diary_id: str, runtime: RuntimeDep, connection: ConnectionDep) -> DiaryOut:
    """The diary with every entry (newest first), the last 30 days' counts and patterns, and the prefill."""
    return _view_or_404(runtime, connection, diary_id)


@router.patch("/{diary_id}", response_model=DiaryOut, responses={**_404, **_422, **_BODY}, dependencies=JsonOnly)
def change_diary(diary_id: str, body: DiaryPatch, runtime: RuntimeDep, connection: ConnectionDep) -> DiaryOut:
    """Change the diary's time zone (used for 'today' and for new entries sent without one)."""
    check_zone(body.timezone)  # InvalidEntry -> 422
    if not store.set_timezone(connection, diary_id, body.timezone):
        raise NotFound("diary")
    return _view_or_404(runtime, connection, diary_id)


@router.delete("/{diary_id}", status_code=204, responses={**_404, **_429})
def delete_diary(diary_id: str, connection: ConnectionDep) -> Response:
    """Delete the diary and every entry in it, for good."""
    if not store.delete_diary(connection, diary_id):
        raise NotFound("diary")
    return Response(status_code=204)


@router.get("/{diary_id}/entries", response_model=list[EntryOut], responses=_404)
def list_entries(diary_id: str, runtime: RuntimeDep, connection: ConnectionDep) -> list[EntryOut]:
    """Every entry, newest first."""
    if store.get_diary(connection, diary_id) is None:
        raise NotFound("diary")
    names = diaries.location_names(runtime.knowledge.kb)
    return [present.entry_out(s, names) for s in reversed(store.list_entries(connection, diary_id))]


@router.post(
    "/{diary_id}/entries",
    status_code=201,
    response_model=EntryOut,
    responses={**_404, **_422, **_BODY},
    dependencies=JsonOnly,
)
def add_entry(diary_id: str, body: EntryIn, runtime: RuntimeDep, connection: ConnectionDep) -> EntryOut:
    """Log one episode."""
    diary = store.get_diary(connection, diary_id)
    if diary is None:
        raise NotFound("diary")
    entry = diaries.checked(runtime.knowledge.kb, diary, body)  # InvalidEntry -> 422, nothing stored
    stored = store.add_entry(connection, diary_id, entry)
    if stored is None:  # deleted in between
        raise NotFound("diary")
    return present.entry_out(stored, diaries.location_names(runtime.knowledge.kb))


@router.get("/{diary_id}/entries/{entry_id}", response_model=EntryOut, responses=_404)
def read_entry(diary_id: str, entry_id: EntryId, runtime: RuntimeDep, connection: ConnectionDep) -> EntryOut:
    stored = store.get_entry(connection, diary_id, entry_id)
    if stored is None:
        raise NotFound("entry")
    return present.entry_out(stored, diaries.location_names(runtime.knowledge.kb))


@router.put(
    "/{diary_id}/entries/{entry_id}",
    response_model=EntryOut,
    responses={**_404, **_422, **_BODY},
    dependencies=JsonOnly,
)
def replace_entry(
    diary_id: str, entry_id: EntryId, body: EntryIn, runtime: RuntimeDep, connection: ConnectionDep
) -> EntryOut:
    """Replace an entry with the one sent (omitted optional fields go back to their defaults)."""
    diary = store.get_diary(connection, diary_id)
    if diary is None:
        raise NotFound("diary")
    entry = diaries.checked(runtime.knowledge.kb, diary, body)
    stored = store.update_entry(connection, diary_id, entry_id, entry)
    if stored is None:
        raise NotFound("entry")
    return present.entry_out(stored, diaries.location_names(runtime.knowledge.kb))


@router.delete("/{diary_id}/entries/{entry_id}", status_code=204, responses={**_404, **_429})
def delete_entry(diary_id: str, entry_id: EntryId, connection: ConnectionDep) -> Response:
    if not store.delete_entry(connection, diary_id, entry_id):
        raise NotFound("entry")
    return Response(status_code=204)


_409: Responses = {
    409: {
        "model": ErrorOut,
        "description": "The last check is less than 14 days old: nothing was stored; `next_due` says when.",
    }
}


@router.get("/{diary_id}/function-checks", response_model=FunctionChecksOut, responses=_404)
def read_function_checks(
    diary_id: str, connection: ConnectionDep, now: NowDep, runtime: RuntimeDep
) -> FunctionChecksOut:
    """The everyday function check: its questions and answer options, whether a check is due, every
    check taken (newest first), and the outcome in words (stable, or a change worth seeing a doctor
    about), with sources."""
    diary = store.get_diary(connection, diary_id)
    if diary is None:
        raise NotFound("diary")
    return FunctionChecksOut.model_validate(
        present.function_checks_out(function_checks.view(connection, diary, now, words=runtime.function_check_words))
    )


@router.post(
    "/{diary_id}/function-checks",
    status_code=201,
    response_model=FunctionChecksOut,
    responses={**_404, **_409, **_422, **_BODY},
    dependencies=JsonOnly,
)
def add_function_check(
    diary_id: str, body: FunctionCheckIn, connection: ConnectionDep, now: NowDep, runtime: RuntimeDep
) -> FunctionChecksOut | JSONResponse:
    """Store a completed check (every task answered). Offered at most every 14 days: earlier, 409
    with a message saying when the next one opens, and nothing is stored."""
    diary = store.get_diary(connection, diary_id)
    if diary is None:
        raise NotFound("diary")
    try:
        stored = function_checks.add(
            connection, diary, body.answers.model_dump(), now, words=runtime.function_check_words
        )
    except function_checks.NotDue as exc:
        detail = f"{exc.message.title}. {exc.message.text}"
        return JSONResponse({"detail": detail, "next_due": exc.next_due.isoformat()}, status_code=409)
    if stored is None:  # deleted in between
        raise NotFound("diary")
    return FunctionChecksOut.model_validate(
        present.function_checks_out(function_checks.view(connection, diary, now, words=runtime.function_check_words))
    )
