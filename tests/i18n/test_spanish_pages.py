"""Pages in Spanish: the language on <html>, Spanish words, the region's emergency number and
services, the language switch; rendered directly (a template and the context processor) and
through the app (every kind of page, so that no translation breaks a page)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from starlette.requests import Request

from app.core.knowledge.model import KnowledgeBase
from app.settings import PROJECT_ROOT
from app.web import i18n, templating
from app.web.assets import FingerprintedStatic
from app.web.i18n import RequestLocale
from app.web.views.results import ResultView
from tests.pages.walker import hidden_fields, walk


@pytest.fixture(scope="module")
def env() -> Any:
    return templating.templates(FingerprintedStatic(PROJECT_ROOT / "static")).env


def request(path: str = "/", query: str = "", method: str = "GET") -> Request:
    scope = {
        "type": "http",
        "method": method,
        "path": path,
        "raw_path": path.encode(),
        "query_string": query.encode(),
        "headers": [(b"host", b"testserver")],
        "scheme": "https",
        "server": ("testserver", 443),
        "root_path": "",
    }
    return Request(scope)


def render(env: Any, template: str, locale: RequestLocale, req: Request | None = None, **context: Any) -> str:
    """A page as TemplateResponse renders it: the context processor's names, then the page's own."""
    token = i18n.use(locale)
    try:
        req = req or request()
        return str(env.get_template(template).render(request=req, **templating.page_context(req), **context))
    finally:
        i18n.reset(token)


def test_the_home_page_in_spanish_for_mexico(env: Any, kb: KnowledgeBase) -> None:
    html = render(env, "index.html", RequestLocale("es", "mx"), kb=kb, question_count=49, typical=(4, 5))
    assert '<html lang="es">' in html
    assert "¿Contracciones musculares? Averigüe qué puede haber detrás" in html
    assert "Empezar la evaluación" in html and "Start the check" not in html
    assert "No es un diagnóstico." in html and "Not a diagnosis." not in html
    # the emergency number is Mexico's, as a tap-to-call link, in a sentence that fits it
    assert 'llame ahora a emergencias (<a href="tel:911" class="tel">911</a>)' in html
    # the switch: both languages, each named in itself, the current one marked; the region form
    assert re.search(r'<a href="/\?lang=es"[^>]*aria-current="true">Español</a>', html)
    assert re.search(r'<a href="/\?lang=en" lang="en"[^>]*>English</a>', html)
    assert '<option value="mx" selected>México</option>' in html and "Otro país" in html
    assert 'name="region"' in html and '<form class="region-form" method="get" action="/"' in html


def test_the_switch_keeps_the_page_and_its_query(env: Any, kb: KnowledgeBase) -> None:
    req = request("/check", "step=3&lang=en")
    html = render(env, "message.html", RequestLocale("en", "uk"), req, kb=kb, title="T", message="M")
    assert '<a href="/check?step=3&amp;lang=es"' in html and 'action="/check"' in html
    assert '<input type="hidden" name="step" value="3">' in html and 'name="lang"' not in html.split("<main")[0]
    # a page answering a form has no address to come back to: the switch leads home
    posted = render(
        env, "message.html", RequestLocale("en", "uk"), request("/diary", method="POST"), kb=kb, title="T", message="M"
    )
    assert '<a href="/?lang=es"' in posted and 'action="/"' in posted


def test_without_a_number_the_region_words_are_used_and_nothing_is_dialled(env: Any, kb: KnowledgeBase) -> None:
    html = render(env, "index.html", RequestLocale("es", "neutral"), kb=kb, question_count=49, typical=(4, 5))
    assert "llame ahora a emergencias (el número de emergencias de su país)" in html and "tel:" not in html
    english = render(env, "index.html", RequestLocale("en", "uk"), kb=kb, question_count=49, typical=(4, 5))
    assert '<html lang="en">' in english and 'call <a href="tel:999" class="tel">999</a> now' in english


def emergency_view(kb: KnowledgeBase) -> ResultView:
    flag = next(f for f in kb.red_flags if f.urgency == "emergency")
    stored = {"id": flag.id, "title": flag.title, "advice": flag.advice, "urgency": "emergency"}
    urgency = kb.urgency["emergency"]
    return ResultView(
        id="abc",
        created_at=datetime(2026, 12, 1, 9, 30, tzinfo=UTC),
        urgency="emergency",
        urgency_title=urgency.title,
        urgency_advice=urgency.advice,
        red_flags=[stored],  # type: ignore[list-item]
        causes=[],
        answers=[],
        disclaimer=kb.disclaimer,
        kb_version=kb.version,
    )


@pytest.mark.parametrize(
    ("region", "call"),
    [
        ("uk", 'Llame ahora a emergencias (<a href="tel:999" class="tel">999</a>)'),
        ("es", 'Llame ahora a emergencias (<a href="tel:112" class="tel">112</a>)'),
        ("neutral", "Llame ahora a emergencias (el número de emergencias de su país)"),
    ],
)
def test_the_emergency_page_names_the_region_s_number(env: Any, kb: KnowledgeBase, region: str, call: str) -> None:
    html = render(env, "emergency.html", RequestLocale("es", region), kb=kb, view=emergency_view(kb), link="x")
    assert call in html and "Qué hacer ahora" in html and "Por qué es una emergencia" in html
    assert ("elija su país" in html) is (region == "neutral")  # no number to show: say how to get one


@pytest.mark.parametrize(
    ("language", "one", "two"),
    [
        ("en", "This deletes the diary and the 1 entry in it", "This deletes the diary and all 2 entries in it"),
        (
            "es",
            "Esto borra el diario y la 1 anotación que contiene",
            "Esto borra el diario y las 2 anotaciones que contiene",
        ),
    ],
)
def test_a_count_takes_its_plural_in_both_languages(
    env: Any, kb: KnowledgeBase, language: str, one: str, two: str
) -> None:
    locale = RequestLocale(language, "neutral")
    assert one in render(env, "diary/delete.html", locale, kb=kb, key="k", count=1)
    assert two in render(env, "diary/delete.html", locale, kb=kb, key="k", count=2)


def test_a_report_date_is_written_the_spanish_way(env: Any, kb: KnowledgeBase) -> None:
    view = emergency_view(kb)
    html = render(env, "report.html", RequestLocale("es", "es"), kb=kb, view=view)
    assert "1 de diciembre de 2026, 09:30 UTC (tiempo universal coordinado)" in html
    english = render(env, "report.html", RequestLocale("en", "uk"), kb=kb, view=view)
    assert "1 December 2026, 09:30 UTC (Coordinated Universal Time)" in english


# ---------------------------------------------------------------- through the app


def test_every_kind_of_page_renders_in_spanish(spanish: TestClient) -> None:
    """The questionnaire to a result, its report, the emergency page, the diary and its pages,
    errors: each in Spanish (a translation with a broken placeholder would break its page)."""
    home = spanish.get("/")
    assert home.status_code == 200 and '<html lang="es">' in home.text and "Empezar la evaluación" in home.text
    step = spanish.get("/check", follow_redirects=True)
    assert "Señales de alarma: página 1 de" in step.text and "No lo sé" in step.text
    assert "Ninguna de estas" in step.text and "Continuar" in step.text

    result = walk(spanish, {"age": 35, "caffeine_cups": 6, "locations": ["eyelid"]})
    assert result.status_code == 200 and "Sus respuestas" in result.text and "Informe para su médico" in result.text
    report = spanish.get(str(result.url) + "/report")
    assert report.status_code == 200 and "Contracciones musculares: notas para mi cita" in report.text
    assert re.search(r"Respuestas dadas el <time[^>]*>\d{1,2} de [a-z]+ de 20\d\d, \d\d:\d\d UTC", report.text)

    emergency = walk(spanish, {"cannot_swallow": True})
    assert 'data-urgency="emergency"' in emergency.text
    assert 'Llame ahora a emergencias (<a href="tel:911" class="tel">911</a>)' in emergency.text

    full = spanish.get("/check/full", follow_redirects=True)
    assert "Paso 1 de" in full.text and "Continuar" in full.text

    for path, words in [
        ("/about/safety", "Cómo se creó y se comprobó Twitchcheck"),
        ("/privacy", "Lo que guardamos"),
        ("/diary", "Diario de contracciones"),
        ("/no-such-page", "Página no encontrada"),
    ]:
        page = spanish.get(path)
        assert words in page.text, path


def test_the_diary_in_spanish(spanish: TestClient) -> None:
    start = spanish.get("/diary")
    created = spanish.post(
        "/diary", data={"csrf_token": hidden_fields(start.text)["csrf_token"], "timezone": "America/Mexico_City"}
    )
    key = str(created.url).rsplit("/", 1)[1]
    assert "Su diario de contracciones" in created.text and "Todavía no hay anotaciones." in created.text
    assert '<optgroup label="Europa">' in created.text
    when = (datetime.now(UTC) - timedelta(days=1)).astimezone().strftime("%Y-%m-%dT%H:%M")
    entry = {
        "csrf_token": hidden_fields(created.text)["csrf_token"],
        "timezone": "America/Mexico_City",
        "occurred_at": when,
        "location": "calf",
        "duration_value": "1.5",
        "duration_unit": "seconds",
        "intensity": "3",
        "triggers": ["caffeine"],
        "caffeine_cups": "1",
        "sleep_hours": "6.5",
    }
    added = spanish.post(f"/diary/{key}/entries", data=entry)
    assert "Anotación añadida." in added.text
    # Mexico writes a decimal point (es_MX); Spain a comma (tests/i18n/test_formats.py)
    assert "Usted escribió 1.5 segundos. El diario guarda segundos enteros, así que se redondeó a 2 s." in added.text
    assert "intensidad 3 de 5" in added.text and "1 taza" in added.text and "durmió 6.5 h" in added.text
    assert "(1 anotación)" in added.text and "Cafeína" in added.text
    assert re.search(r"<time [^>]*>(lun|mar|mié|jue|vie|sáb|dom), \d{1,2} [a-z]+ 20\d\d, \d\d:\d\d</time>", added.text)

    broken = spanish.post(f"/diary/{key}/entries", data={**entry, "duration_value": "", "intensity": ""})
    assert broken.status_code == 422 and "Hay un problema" in broken.text
    assert "Elija la intensidad, de 1 a 5" in broken.text
    assert f'<a href="/diary/{key}?lang=en"' in broken.text  # the switch leads back to the diary

    report = spanish.get(f"/diary/{key}/report")
    assert "Informe del diario de contracciones" in report.text and "Todas las anotaciones" in report.text
    assert "Episodios por día, últimos 30 días" in report.text
    csv = spanish.get(f"/diary/{key}/entries.csv")
    assert csv.text.splitlines()[0].startswith("fecha_local,hora_local,zona_horaria")
    check = spanish.get(f"/diary/{key}/function-check")
    assert check.status_code == 200 and "Volver al diario" in check.text
    delete = spanish.get(f"/diary/{key}/delete")
    assert "Esto borra el diario y la 1 anotación que contiene" in delete.text
