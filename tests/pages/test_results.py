"""Results, delete, the doctor's report, FHIR exports, and the quality rules every page keeps."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from tests.conftest import PUBLIC_VIGNETTES, read_yaml
from tests.pages.walker import hidden_fields, outcome, walk

MND = {
    "locations": ["arm", "hand"],
    "duration": "months",
    "spreading": True,
    "muscle_weakness": True,
    "muscle_wasting": True,
    "age": 62,
    "sex": "male",
}


def create(pages: TestClient, answers: dict) -> str:
    return pages.post("/api/assessments", json={"answers": answers}).json()["id"]


def test_results_page_leads_with_urgency_then_flags_then_causes(pages: TestClient) -> None:
    page = pages.get(f"/results/{create(pages, MND)}")
    assert page.template.name == "results.html"  # type: ignore[attr-defined]
    text = page.text
    assert (
        text.index('data-testid="urgency"') < text.index('data-testid="red-flag"') < text.index('data-testid="cause"')
    )
    assert 'data-urgency="see_doctor"' in text and "<svg" in text and "See a doctor" in text
    causes = pages.app.state.runtime.knowledge.kb.causes  # type: ignore[attr-defined]
    assert text.count('data-testid="cause"') == len(causes)  # every cause, however many the knowledge base has


def test_serious_causes_never_show_a_percentage(pages: TestClient) -> None:
    text = pages.get(f"/results/{create(pages, MND)}").text
    assert not re.search(r"\d\s?%", text)
    assert "Motor neurone disease" in text or "motor neuron" in text.lower()
    assert "This is a rare condition" in text


def test_delete_removes_the_answers(pages: TestClient) -> None:
    rid = create(pages, {"locations": ["calf"]})
    page = pages.get(f"/results/{rid}")
    token = hidden_fields(page.text)["csrf_token"]
    assert pages.post(f"/results/{rid}/delete", data={}).status_code == 403
    done = pages.post(f"/results/{rid}/delete", data={"csrf_token": token})
    assert done.status_code == 200 and "were deleted" in done.text
    assert pages.get(f"/results/{rid}").status_code == 404
    assert pages.get(f"/api/assessments/{rid}").status_code == 404


def test_report_for_the_doctor(pages: TestClient) -> None:
    rid = create(pages, {**MND, "caffeine_cups_per_day": 2})
    report = pages.get(f"/results/{rid}/report")
    assert report.status_code == 200
    for words in (
        "Muscle twitching: notes for my appointment",
        "How long each twitch lasts",
        "How often",
        "Where on the body",
        "What you did just before",
        "@page" if False else "Print or save as PDF",
    ):
        assert words in report.text
    assert "More than 2 months" in report.text  # answers in plain words, not ids
    assert "Muscles getting weaker" in report.text or "weaker" in report.text
    assert "muscle_weakness" not in report.text


def test_fhir_exports_validate_against_the_r4_models(pages: TestClient) -> None:
    q = pages.get("/fhir/Questionnaire/twitchcheck.json")
    assert q.headers["content-type"].startswith("application/fhir+json")
    questionnaire = Questionnaire.model_validate(q.json())
    link_ids = {item.linkId for group in questionnaire.item for item in group.item}
    rid = create(pages, MND)
    bundle = Bundle.model_validate(pages.get(f"/results/{rid}/fhir.json").json())
    responses = [e.resource for e in bundle.entry if isinstance(e.resource, QuestionnaireResponse)]
    assert len(responses) == 1
    response = responses[0]
    answered = {item.linkId for group in response.item for item in group.item}
    assert answered == set(MND) and answered <= link_ids
    assert response.status == "completed"


def test_unknown_result_is_a_friendly_404(pages: TestClient) -> None:
    page = pages.get("/results/not-a-real-id")
    assert page.status_code == 404 and "could not find" in page.text
    assert pages.get("/no-such-page").status_code == 404


@pytest.mark.parametrize("path", ["/", "/check", "/check/full", "RESULT", "RESULT/report", "DELETED"])
def test_page_quality_rules(pages: TestClient, path: str) -> None:
    rid = create(pages, MND)
    if path == "DELETED":
        token = hidden_fields(pages.get(f"/results/{rid}").text)["csrf_token"]
        page = pages.post(f"/results/{rid}/delete", data={"csrf_token": token})
    else:
        page = pages.get(path.replace("RESULT", f"/results/{rid}"))
    html = page.text
    assert '<html lang="en">' in html and 'href="#main"' in html  # language, skip link
    assert "Not a diagnosis" in html  # the disclaimer on every page
    # no request to another origin: every src and stylesheet is local
    assert not re.search(r'(src|href)="(https?:)?//', re.sub(r"<a [^>]*>", "", html))
    assert "style=" not in html and "<script>" not in html  # nothing the CSP would have to allow inline
    css = pages.get("/static/app.css").content
    js = pages.get("/static/app.js").content if "app.js" in html else b""
    assert len(page.content) + len(css) + len(js) < 60_000
    csp = page.headers["content-security-policy"]
    assert "unsafe-inline" not in csp and "default-src 'self'" in csp and "form-action 'self'" in csp
    assert page.headers["cache-control"] == "no-store"


def test_every_public_vignette_gives_the_same_outcome_through_the_pages(pages: TestClient) -> None:
    if not PUBLIC_VIGNETTES.exists():
        pytest.skip("the shared vignettes are not beside this checkout")
    for case in read_yaml(PUBLIC_VIGNETTES):
        page = walk(pages, case["answers"], start="/check/full")
        urgency, causes = outcome(page.text)
        api = pages.post("/api/assessments", json={"answers": case["answers"]}).json()
        assert urgency == api["urgency"], case["id"]
        if urgency != "emergency":
            assert causes[:3] == [c["id"] for c in api["causes"][:3]], case["id"]
