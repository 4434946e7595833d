"""Diary pages: start a diary, log and edit episodes, see charts and patterns, export, print, delete.

The diary key travels in the URL (a private link) and, for convenience, in an HttpOnly cookie so
that /diary finds it again on the same device. Every form works without JavaScript; app.js only
fills in the browser's time zone and local "now".
"""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from babel.numbers import get_decimal_symbol
from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from starlette.datastructures import FormData

from app.core.diary import Entry, EntryIn, InvalidEntry, check_zone
from app.core.diary.zones import zone_from_languages, zone_groups
from app.services import diaries, function_checks
from app.storage import diaries as store
from app.storage.diaries import StoredEntry
from app.web import i18n, messages
from app.web.clock import NowDep
from app.web.deps import ConnectionDep, CsrfChecked, RuntimeDep
from app.web.errors import NotFound
from app.web.i18n import gettext as _
from app.web.i18n import pgettext
from app.web.messages import DIARY_FORM, N_
from app.web.pages import checker as pages
from app.web.pages import questionnaire
from app.web.pages.checker import render
from app.web.runtime import Runtime
from app.web.views.diary_charts import charts

router = APIRouter(include_in_schema=False)

COOKIE_MAX_AGE = 365 * 24 * 3600
UNITS = {"seconds": 1, "minutes": 60, "hours": 3600}
#: The units of the duration as the form offers them, and after the number 1
UNIT_NAMES = {"seconds": N_("seconds"), "minutes": N_("minutes"), "hours": N_("hours")}
UNIT_NAMES_ONE = {"seconds": N_("second"), "minutes": N_("minute"), "hours": N_("hour")}
TIMELINE_LENGTH = 30  # newest entries on the diary page; "show all" lists the rest (keeps the page light)


def _cookie_name(runtime: Runtime) -> str:
    return "__Host-diary" if runtime.settings.cookie_secure else "twitchcheck-diary"


def _remember(response: Response, runtime: Runtime, key: str) -> None:
    response.set_cookie(
        _cookie_name(runtime),
        key,
        max_age=COOKIE_MAX_AGE,
        path="/",
        secure=runtime.settings.cookie_secure,
        httponly=True,
        samesite="lax",  # the private link opened from another site or app still finds the diary
    )


def _forget(response: Response, runtime: Runtime) -> None:
    response.delete_cookie(
        _cookie_name(runtime), path="/", secure=runtime.settings.cookie_secure, httponly=True, samesite="lax"
    )


def _duration_text(seconds: int) -> str:
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        m, s = divmod(seconds, 60)
        return f"{m} min" + (f" {s} s" if s else "")
    h, rest = divmod(seconds, 3600)
    return f"{h} h" + (f" {rest // 60} min" if rest // 60 else "")


def unit_labels() -> dict[str, str]:
    """The duration's units as the form's select offers them, in the request's language."""
    return {unit: _(name) for unit, name in UNIT_NAMES.items()}


def _entry_row(stored: StoredEntry, names: dict[str, str], diary_zone: str) -> dict[str, Any]:
    e = stored.entry
    local = e.local_time
    return {
        "id": stored.id,
        "day": messages.date_text(local, "weekday"),
        "time": i18n.format_time(local, "HH:mm"),
        "iso": local.isoformat(),
        "zone": "" if e.timezone == diary_zone else f"{local.tzname()} ({e.timezone})",
        "location": names.get(e.location, e.location),
        "duration": _duration_text(e.duration_seconds),
        "intensity": e.intensity,
        "triggers": [messages.trigger_label(t) for t in e.triggers],
        "caffeine_cups": e.caffeine_cups,
        "sleep_hours": e.sleep_hours,
        "note": e.note,
    }


def _form_values(stored: StoredEntry | None, zone: str) -> dict[str, Any]:
    """What the entry form shows: an entry being edited, or a new one at "now" in the diary's zone."""
    if stored is None:
        now = datetime.now(UTC).astimezone(ZoneInfo(zone))
        return {"occurred_at": now.strftime("%Y-%m-%dT%H:%M"), "timezone": zone, "duration_unit": "seconds"}
    e = stored.entry
    seconds = e.duration_seconds
    unit = "hours" if seconds % 3600 == 0 else "minutes" if seconds % 60 == 0 else "seconds"
    return {
        "occurred_at": e.local_time.strftime("%Y-%m-%dT%H:%M"),
        "timezone": e.timezone,
        "location": e.location,
        "duration_value": str(seconds // UNITS[unit]),
        "duration_unit": unit,
        "intensity": str(e.intensity),
        "triggers": list(e.triggers),
        "caffeine_cups": "" if e.caffeine_cups is None else str(e.caffeine_cups),
        "sleep_hours": "" if e.sleep_hours is None else f"{e.sleep_hours:g}",
        "note": e.note,
    }


def _page_context(
    runtime: Runtime, view: diaries.DiaryView, request: Request, function_check: function_checks.FunctionCheckView
) -> dict[str, Any]:
    kb = runtime.knowledge.kb
    names = diaries.location_names(kb)
    zone = view.diary.timezone
    return {
        "diary": view.diary,
        "key": view.diary.key,
        "link": str(request.url_for("diary_page", key=view.diary.key)),
        "entries": [_entry_row(s, names, zone) for s in view.entries],
        "summary": view.summary,
        "charts": charts(view.summary, names),
        "locations": kb.question("locations").options or [],
        "triggers": messages.trigger_labels(),
        "units": unit_labels(),
        "prefill": view.prefill,
        "names": names,
        "zone_groups": zone_groups(),
        "fc": function_check,
    }


@dataclass(frozen=True)
class Rounded:
    """A duration that was not a whole number of seconds, as typed, and the whole seconds it was saved as."""

    typed: str
    unit: str
    seconds: int

    def query(self) -> str:
        return "&" + urlencode({"rounded": self.typed, "unit": self.unit})

    def sentence(self) -> str:
        unit = _((UNIT_NAMES_ONE if self.typed == "1" else UNIT_NAMES)[self.unit])
        typed = self.typed.replace(".", get_decimal_symbol(i18n.babel_locale()))  # every digit, as typed
        return _(
            "You entered %(number)s %(unit)s. The diary keeps whole seconds, so it was rounded to "
            "%(duration)s. Edit the entry if that is not right."
        ) % {"number": typed, "unit": unit, "duration": _duration_text(self.seconds)}


def _whole_seconds(typed: str, unit: str) -> tuple[int, Rounded | None]:
    """Whole seconds for a duration as typed (at least 1), and what was rounded, if anything. Exact
    decimal arithmetic: 0.1 hours is 360 seconds, not 359.99999."""
    exact = Decimal(typed.strip()) * UNITS[unit]
    seconds = max(1, int(exact.to_integral_value(rounding=ROUND_HALF_UP)))
    if seconds == exact:
        return seconds, None
    return seconds, Rounded(format(Decimal(typed.strip()).normalize(), "f"), unit, seconds)


def rounded_from_query(typed: str | None, unit: str | None) -> Rounded | None:
    """The rounding sentence after a redirect, recomputed from the numbers (never text from the URL)."""
    if not typed or unit not in UNITS or not re.fullmatch(r"\d{1,10}(?:\.\d{1,40})?", typed):
        return None  # only a plain decimal, as Rounded.query writes it
    try:
        value = Decimal(typed)
        if not value.is_finite() or value <= 0 or value * UNITS[unit] > 10**9:
            return None
        return _whole_seconds(typed, unit)[1]
    except (ArithmeticError, ValueError):  # decimal's InvalidOperation, Overflow ("1e999999999")
        return None


def _parse_entry(form: FormData) -> tuple[dict[str, Any], dict[str, str], dict[str, Any], Rounded | None]:
    """The form's fields as EntryIn input, errors found on the way (by form field), the raw values,
    and a duration rounded to whole seconds (to tell the person)."""
    raw: dict[str, Any] = {k: v for k, v in form.items() if isinstance(v, str) and k != "triggers"}
    raw["triggers"] = [v for v in form.getlist("triggers") if isinstance(v, str)]
    errors: dict[str, str] = {}
    data: dict[str, Any] = {
        "occurred_at": raw.get("occurred_at") or None,
        "timezone": raw.get("timezone") or None,
        "location": raw.get("location", ""),
        "triggers": raw["triggers"],
        "note": raw.get("note", ""),
    }
    unit = UNITS.get(raw.get("duration_unit", ""), 0)
    rounded: Rounded | None = None
    try:
        value = float(raw.get("duration_value", ""))
        if not unit or not math.isfinite(value) or value <= 0 or value * unit > 10**9:
            raise ValueError
        data["duration_seconds"], rounded = _whole_seconds(raw["duration_value"], raw["duration_unit"])
    except (ValueError, ArithmeticError):  # ArithmeticError: decimal's InvalidOperation and Overflow
        errors["duration"] = _form("duration.unreadable")
    try:
        data["intensity"] = int(raw.get("intensity", ""))
    except ValueError:
        errors["intensity"] = _form("intensity")
    for name in ("caffeine_cups", "sleep_hours"):
        text = raw.get(name, "").strip()
        if text:
            try:
                number = float(text)
                if not math.isfinite(number):
                    raise ValueError
                data[name] = int(text) if name == "caffeine_cups" else number
            except ValueError:
                errors[name] = _form("number")
    return data, errors, raw, rounded


#: The entry form's fields, top to bottom: the error summary lists problems in this order.
FIELD_ORDER = (
    "occurred_at",
    "timezone",
    "location",
    "duration",
    "intensity",
    "triggers",
    "caffeine_cups",
    "sleep_hours",
    "note",
)
#: Fields whose domain message ("is more than a day in the future") needs what it is about first
_SUBJECTS = {"occurred_at": "occurred_at.subject"}


def _form(key: str) -> str:
    return messages.form_text(DIARY_FORM, key)


def _in_form_order(errors: dict[str, str]) -> dict[str, str]:
    return {name: errors[name] for name in sorted(errors, key=lambda n: (FIELD_ORDER + (n,)).index(n))}


def _field(name: str) -> str:
    return "duration" if name == "duration_seconds" else name


async def _entry_from_form(
    request: Request, runtime: Runtime, diary: store.StoredDiary
) -> tuple[Entry | None, dict[str, str], dict[str, Any], Rounded | None]:
    """The checked entry, or None with every problem by form field (in the form's order) and what was
    typed (to show it again); and the duration rounded to whole seconds, if it was."""
    form = await request.form()
    data, errors, raw, rounded = _parse_entry(form)
    try:
        entry_in = EntryIn.model_validate(data)
    except ValidationError as exc:
        failed: set[str] = set()
        for error in exc.errors():
            name = str(error["loc"][0]) if error["loc"] else "occurred_at"
            failed.add(name)
            errors.setdefault(_field(name), _form(_field(name) if _field(name) in DIARY_FORM else "other"))
        # Check the rest too (time, time zone), so the person sees every problem at once.
        placeholders = {
            "duration_seconds": 1,
            "intensity": 1,
            "location": runtime.knowledge.kb.question("locations").values[0],
        }
        probe = {k: v for k, v in data.items() if k not in failed} | {
            k: v for k, v in placeholders.items() if k in failed or k not in data
        }
        try:
            entry_in = EntryIn.model_validate(probe)
        except ValidationError:
            return None, _in_form_order(errors), raw, rounded
    try:
        entry = diaries.checked(runtime.knowledge.kb, diary, entry_in)
    except InvalidEntry as exc:
        for p in exc.problems:
            if p.field in _SUBJECTS:  # the domain's message, with what it is about
                detail = f"{_form(_SUBJECTS[p.field])} {messages.say(p.message)}"
            else:
                detail = _form(p.field) if p.field in DIARY_FORM else messages.say(p.message)
            errors.setdefault(p.field, detail[0].upper() + detail[1:])
        return None, _in_form_order(errors), raw, rounded
    return (None if errors else entry), _in_form_order(errors), raw, rounded


# ---------------------------------------------------------------- routes


@router.get("/diary", response_class=HTMLResponse)
def diary_start(request: Request, runtime: RuntimeDep, connection: ConnectionDep) -> HTMLResponse:
    key = request.cookies.get(_cookie_name(runtime))
    remembered = key if key and store.get_diary(connection, key) is not None else None
    # Without JavaScript (which picks the browser's own zone), a guess from the browser's languages.
    guessed = zone_from_languages(request.headers.get("accept-language"))
    context = {
        "remembered": remembered,
        "zone": guessed or diaries.DEFAULT_ZONE,
        "zone_groups": zone_groups(),
    }
    return render(request, "diary/start.html", context)


@router.post("/diary", dependencies=[CsrfChecked])
async def diary_create(request: Request, runtime: RuntimeDep) -> Response:
    form = await request.form()
    zone = form.get("timezone")
    zone = zone if isinstance(zone, str) and zone else diaries.DEFAULT_ZONE
    try:
        check_zone(zone)
    except InvalidEntry:
        zone = diaries.DEFAULT_ZONE  # a browser's odd zone should not stop anyone starting a diary

    def create() -> str:
        with runtime.engine.connect() as connection:
            return diaries.create(connection, zone).key

    key = await run_in_threadpool(create)
    response = RedirectResponse(f"/diary/{key}", status_code=303)
    _remember(response, runtime, key)
    return response


@router.post("/diary/forget", dependencies=[CsrfChecked])
async def diary_forget(request: Request, runtime: RuntimeDep) -> Response:
    """Forget the diary on this device (the cookie); the diary itself stays reachable by its link."""
    response = RedirectResponse("/diary", status_code=303)
    _forget(response, runtime)
    return response


@router.get("/diary/{key}", response_class=HTMLResponse, name="diary_page")
def diary_page(request: Request, key: str, runtime: RuntimeDep, connection: ConnectionDep, now: NowDep) -> Response:
    view = diaries.view(connection, runtime.knowledge.kb, key, now)
    if view is None:
        raise NotFound("diary")
    context = _page_context(
        runtime, view, request, function_checks.view(connection, view.diary, now, words=runtime.function_check_words)
    )
    context |= {"values": _form_values(None, view.diary.timezone), "errors": {}, "editing": None}
    if request.query_params.get("all") != "1":
        context["entries"] = context["entries"][:TIMELINE_LENGTH]
    # Opening a link never changes which diary this device remembers (a shared link opened on a
    # clinic computer, or a link to someone else's diary, must not replace the person's own).
    context["remembered_here"] = request.cookies.get(_cookie_name(runtime)) == key
    context["rounded"] = rounded_from_query(request.query_params.get("rounded"), request.query_params.get("unit"))
    return render(request, "diary/diary.html", context)


@router.post("/diary/{key}/remember", dependencies=[CsrfChecked])
async def diary_remember(request: Request, key: str, runtime: RuntimeDep) -> Response:
    """Remember this diary on this device, when the person asks (the diary was opened by its link)."""

    def exists() -> bool:
        with runtime.engine.connect() as connection:
            return store.get_diary(connection, key) is not None

    if not await run_in_threadpool(exists):
        raise NotFound("diary")
    response = RedirectResponse(f"/diary/{key}", status_code=303)
    _remember(response, runtime, key)
    return response


@router.post("/diary/{key}/entries", response_class=HTMLResponse, dependencies=[CsrfChecked])
async def diary_add(
    request: Request, key: str, runtime: RuntimeDep, connection: ConnectionDep, now: NowDep
) -> Response:
    diary = await run_in_threadpool(store.get_diary, connection, key)
    if diary is None:
        raise NotFound("diary")
    entry, errors, raw, rounded = await _entry_from_form(request, runtime, diary)
    if entry is None:
        view = await run_in_threadpool(diaries.view, connection, runtime.knowledge.kb, key, now)
        if view is None:
            raise NotFound("diary")
        function_check = await run_in_threadpool(
            function_checks.view, connection, view.diary, now, words=runtime.function_check_words
        )
        context = _page_context(runtime, view, request, function_check) | {
            "values": raw,
            "errors": errors,
            "editing": None,
        }
        return render(request, "diary/diary.html", context, status_code=422)
    await run_in_threadpool(store.add_entry, connection, key, entry)
    told = rounded.query() if rounded else ""
    return RedirectResponse(f"/diary/{key}?added=1{told}#timeline", status_code=303)


@router.get("/diary/{key}/entries/{entry_id}/edit", response_class=HTMLResponse)
def diary_edit(request: Request, key: str, entry_id: int, runtime: RuntimeDep, connection: ConnectionDep) -> Response:
    stored = store.get_entry(connection, key, entry_id)
    if stored is None:
        raise NotFound("diary")
    context = {
        "key": key,
        "values": _form_values(stored, stored.entry.timezone),
        "errors": {},
        "editing": entry_id,
        "locations": runtime.knowledge.kb.question("locations").options or [],
        "triggers": messages.trigger_labels(),
        "units": unit_labels(),
    }
    return render(request, "diary/edit.html", context)


@router.post("/diary/{key}/entries/{entry_id}", response_class=HTMLResponse, dependencies=[CsrfChecked])
async def diary_update(
    request: Request, key: str, entry_id: int, runtime: RuntimeDep, connection: ConnectionDep
) -> Response:
    diary = await run_in_threadpool(store.get_diary, connection, key)
    if diary is None or await run_in_threadpool(store.get_entry, connection, key, entry_id) is None:
        raise NotFound("diary")
    entry, errors, raw, rounded = await _entry_from_form(request, runtime, diary)
    if entry is None:
        context = {
            "key": key,
            "values": raw,
            "errors": errors,
            "editing": entry_id,
            "locations": runtime.knowledge.kb.question("locations").options or [],
            "triggers": messages.trigger_labels(),
            "units": unit_labels(),
        }
        return render(request, "diary/edit.html", context, status_code=422)
    if await run_in_threadpool(store.update_entry, connection, key, entry_id, entry) is None:
        raise NotFound("diary")
    told = rounded.query() if rounded else ""
    return RedirectResponse(f"/diary/{key}?changed=1{told}#entry-{entry_id}", status_code=303)


@router.post("/diary/{key}/entries/{entry_id}/delete", response_class=HTMLResponse, dependencies=[CsrfChecked])
async def diary_delete_entry(request: Request, key: str, entry_id: int, connection: ConnectionDep) -> Response:
    if not await run_in_threadpool(store.delete_entry, connection, key, entry_id):
        raise NotFound("diary")
    return RedirectResponse(f"/diary/{key}?deleted=1#timeline", status_code=303)


@router.post("/diary/{key}/timezone", response_class=HTMLResponse, dependencies=[CsrfChecked])
async def diary_timezone(
    request: Request, key: str, runtime: RuntimeDep, connection: ConnectionDep, now: NowDep
) -> Response:
    form = await request.form()
    zone = form.get("timezone")
    try:
        check_zone(zone if isinstance(zone, str) else "")
    except InvalidEntry:
        view = await run_in_threadpool(diaries.view, connection, runtime.knowledge.kb, key, now)
        if view is None:
            raise NotFound("diary") from None
        function_check = await run_in_threadpool(
            function_checks.view, connection, view.diary, now, words=runtime.function_check_words
        )
        context = _page_context(runtime, view, request, function_check) | {
            "values": _form_values(None, view.diary.timezone),
            "errors": {"diary_timezone": _form("timezone")},
            "editing": None,
        }
        return render(request, "diary/diary.html", context, status_code=422)
    assert isinstance(zone, str)
    if not await run_in_threadpool(store.set_timezone, connection, key, zone):
        raise NotFound("diary")
    return RedirectResponse(f"/diary/{key}#settings", status_code=303)


@router.get("/diary/{key}/check", response_class=HTMLResponse)
def diary_check(request: Request, key: str, runtime: RuntimeDep, connection: ConnectionDep) -> Response:
    """The full questionnaire, prefilled with what the diary tells and why; the result is linked to
    the diary so that its doctor's report carries the diary's summary."""
    view = diaries.view(connection, runtime.knowledge.kb, key)
    if view is None:
        raise NotFound("diary")
    state = questionnaire.check_step_values(runtime.knowledge, view.prefill.answers)
    return pages.render_step(
        request, runtime, 0, state, {}, {}, diary={"key": key, "reasons": messages.prefill_reasons(view.prefill)}
    )


@router.get("/diary/{key}/delete", response_class=HTMLResponse)
def diary_confirm_delete(request: Request, key: str, connection: ConnectionDep) -> Response:
    diary = store.get_diary(connection, key)
    if diary is None:
        raise NotFound("diary")
    return render(request, "diary/delete.html", {"key": key, "count": len(store.list_entries(connection, key))})


@router.post("/diary/{key}/delete", response_class=HTMLResponse, dependencies=[CsrfChecked])
async def diary_delete(request: Request, key: str, runtime: RuntimeDep, connection: ConnectionDep) -> Response:
    if not await run_in_threadpool(store.delete_diary, connection, key):
        raise NotFound("diary")
    response = render(request, "diary/deleted.html", {})
    _forget(response, runtime)
    return response


@router.get("/diary/{key}/function-check", response_class=HTMLResponse)
def function_check_page(
    request: Request, key: str, connection: ConnectionDep, now: NowDep, runtime: RuntimeDep
) -> Response:
    """The function check's form when it is due; otherwise the date of the next one, kindly."""
    diary = store.get_diary(connection, key)
    if diary is None:
        raise NotFound("diary")
    context = {
        "key": key,
        "fc": function_checks.view(connection, diary, now, words=runtime.function_check_words),
        "values": {},
        "errors": {},
    }
    return render(request, "diary/function_check.html", context)


@router.post("/diary/{key}/function-check", response_class=HTMLResponse, dependencies=[CsrfChecked])
async def function_check_submit(
    request: Request, key: str, connection: ConnectionDep, now: NowDep, runtime: RuntimeDep
) -> Response:
    form = await request.form()
    diary = await run_in_threadpool(store.get_diary, connection, key)
    if diary is None:
        raise NotFound("diary")
    # Only the check's own fields: every other form field (the CSRF token) is not an answer.
    items = runtime.local.function_check.item_ids
    values = {k: v for k, v in form.items() if isinstance(v, str) and k in items}
    try:
        await run_in_threadpool(function_checks.add, connection, diary, values, now, words=runtime.function_check_words)
    except InvalidEntry as exc:
        errors = {p.field.removeprefix("answers."): messages.say(p.message) for p in exc.problems}
        fview = await run_in_threadpool(
            function_checks.view, connection, diary, now, words=runtime.function_check_words
        )
        context = {"key": key, "fc": fview, "values": values, "errors": errors}
        return render(request, "diary/function_check.html", context, status_code=422)
    except function_checks.NotDue:
        fview = await run_in_threadpool(
            function_checks.view, connection, diary, now, words=runtime.function_check_words
        )
        return render(request, "diary/function_check.html", {"key": key, "fc": fview, "values": {}, "errors": {}}, 409)
    return RedirectResponse(f"/diary/{key}?checked=1#function-check", status_code=303)


@router.get("/diary/{key}/report", response_class=HTMLResponse)
def diary_report(request: Request, key: str, runtime: RuntimeDep, connection: ConnectionDep, now: NowDep) -> Response:
    view = diaries.view(connection, runtime.knowledge.kb, key, now)
    if view is None:
        raise NotFound("diary")
    function_check = function_checks.view(connection, view.diary, now, words=runtime.function_check_words)
    context = _page_context(runtime, view, request, function_check) | {
        "printed": now.astimezone(ZoneInfo(view.diary.timezone))
    }
    return render(request, "diary/report.html", context)


def csv_columns() -> tuple[str, ...]:
    """The CSV's header row, in the request's language (the values are the API's: ids, ISO dates)."""
    return (
        pgettext("CSV column", "local_date"),
        pgettext("CSV column", "local_time"),
        pgettext("CSV column", "timezone"),
        pgettext("CSV column", "utc_time"),
        pgettext("CSV column", "location"),
        pgettext("CSV column", "duration_seconds"),
        pgettext("CSV column", "intensity"),
        pgettext("CSV column", "triggers"),
        pgettext("CSV column", "caffeine_cups"),
        pgettext("CSV column", "sleep_hours"),
        pgettext("CSV column", "note"),
    )


def _cell(value: object) -> str:
    """Spreadsheets run cells that start with = + - @ as formulas: prefix those with a quote."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@router.get("/diary/{key}/entries.csv")
def diary_csv(request: Request, key: str, connection: ConnectionDep) -> Response:
    if store.get_diary(connection, key) is None:
        raise NotFound("diary")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(csv_columns())
    for stored in store.list_entries(connection, key):
        e = stored.entry
        local = e.local_time
        row = (
            local.date().isoformat(),
            local.strftime("%H:%M"),
            e.timezone,
            e.occurred_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
            e.location,
            e.duration_seconds,
            e.intensity,
            ";".join(e.triggers),
            e.caffeine_cups,
            "" if e.sleep_hours is None else f"{e.sleep_hours:g}",
            e.note,
        )
        writer.writerow([_cell(v) for v in row])
    headers = {
        "content-disposition": 'attachment; filename="twitch-diary.csv"',
        "cache-control": "no-store",
    }
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8", headers=headers)
