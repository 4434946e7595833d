"""Languages and regions over HTTP: chosen by `?lang=` and `?region=` (remembered in cookies), else
by Accept-Language; the API answers in that language and says so; a stored assessment reads in
the language it is viewed in; a US reader is given 911 and no NHS names."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from app.core.knowledge import regions
from app.core.knowledge.loader import DEFAULT_PATH, read_yaml
from app.core.knowledge.localized import language_file
from app.core.knowledge.regions import preferred_tags
from app.web.middleware.locale import negotiate

SPANISH = read_yaml(language_file(DEFAULT_PATH, "es").read_text(encoding="utf-8"))
ANSWERS = {
    "age": 34,
    "locations": ["eyelid"],
    "caffeine_cups_per_day": 6,
    "stress_level": "high",
    "muscle_weakness": True,  # a warning sign: its advice is in the answer too
}


def spanish(key: str) -> str:
    return SPANISH[key]["es"]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("es-MX,es;q=0.9,en;q=0.8", ("es", "mx")),
        ("en-GB,en;q=0.9", ("en", "uk")),
        ("en-US", ("en", "us")),
        ("fr-FR,es;q=0.5", ("es", "neutral")),  # the first language the app speaks, no territory
        ("de, en;q=0", ("en", "neutral")),  # q=0 refuses English; nothing matches: the default
        ("es;q=0.2, en-GB;q=0.9", ("en", "uk")),  # preference by q, not by position
        ("", ("en", "neutral")),
        ("es-ES;q=abc, en-US", ("en", "us")),  # a malformed q counts as 0
    ],
)
def test_accept_language_negotiation(header: str, expected: tuple[str, str]) -> None:
    chosen = negotiate(header, regions.load())
    assert (chosen.language, chosen.region) == expected


def test_preferred_tags_are_ordered_by_quality() -> None:
    assert preferred_tags("en;q=0.5, es-MX, fr;q=0.8") == ["es-MX", "fr", "en"]


def test_the_api_answers_in_the_language_asked_for_and_says_so(client: TestClient) -> None:
    english = client.post("/api/assessments", json={"answers": ANSWERS})
    spanish_answer = client.post("/api/assessments", json={"answers": ANSWERS}, headers={"accept-language": "es"})
    assert english.status_code == spanish_answer.status_code == 201
    assert english.headers["content-language"] == "en" and spanish_answer.headers["content-language"] == "es"
    assert "Accept-Language" in spanish_answer.headers["vary"]
    en, es = english.json(), spanish_answer.json()
    # the same ranking and advice, other words
    assert [c["id"] for c in en["causes"]] == [c["id"] for c in es["causes"]]
    assert [c["probability"] for c in en["causes"]] == [c["probability"] for c in es["causes"]]
    assert en["urgency"] == es["urgency"] and [f["id"] for f in en["red_flags"]] == [f["id"] for f in es["red_flags"]]
    top = es["causes"][0]
    assert top["name"] == spanish(f"causes.{top['id']}.name")
    assert top["self_care"][0] == spanish(f"causes.{top['id']}.self_care.0")
    english_reasons = {r["text"] for c in en["causes"] for r in c["explanation"]}
    assert top["explanation"] and not {r["text"] for r in top["explanation"]} & english_reasons
    flag = es["red_flags"][0]
    assert flag["title"] == spanish(f"red_flags.{flag['id']}.title")
    assert es["disclaimer"] != en["disclaimer"] and "diagnóstico" in es["disclaimer"]


def test_listings_and_the_interview_follow_the_language(client: TestClient) -> None:
    questions = client.get("/api/questions", headers={"accept-language": "es-ES"})
    assert questions.headers["content-language"] == "es"
    first = questions.json()["questions"][0]
    assert first["text"] == spanish(f"questions.{first['id']}.text")
    causes = client.get("/api/causes?lang=es").json()["causes"]
    assert causes[0]["name"] == spanish(f"causes.{causes[0]['id']}.name")
    client.cookies.clear()  # ?lang= above chose Spanish for the next requests too
    english_etag = client.get("/api/causes", headers={"accept-language": "en"}).headers["etag"]
    assert client.get("/api/causes", headers={"accept-language": "es"}).headers["etag"] != english_etag
    step = client.post("/api/interview/next", json={"answers": {}}, headers={"accept-language": "es"}).json()
    asked = step["questions"][0]
    assert asked["text"] == spanish(f"questions.{asked['id']}.text")


def test_a_stored_assessment_reads_in_the_language_it_is_viewed_in(client: TestClient) -> None:
    made = client.post("/api/assessments", json={"answers": ANSWERS}, headers={"accept-language": "es"}).json()
    read_in_english = client.get(f"/api/assessments/{made['id']}", headers={"accept-language": "en"}).json()
    read_in_spanish = client.get(f"/api/assessments/{made['id']}", headers={"accept-language": "es"}).json()
    assert read_in_spanish["causes"] == made["causes"]
    english_names = {c["id"]: c["name"] for c in client.get("/api/causes").json()["causes"]}
    assert [c["name"] for c in read_in_english["causes"]] == [english_names[c["id"]] for c in made["causes"]]
    assert read_in_english["causes"][0]["name"] != made["causes"][0]["name"]


def test_the_choice_in_the_address_is_remembered_in_a_cookie(client: TestClient) -> None:
    first = client.get("/api/causes?lang=es&region=mx")
    assert "twitchcheck_lang=es" in first.headers.get_list("set-cookie")[0]
    assert any("twitchcheck_region=mx" in c for c in first.headers.get_list("set-cookie"))
    later = client.get("/api/causes", headers={"accept-language": "en-GB"})  # the cookie wins over the header
    assert later.headers["content-language"] == "es"
    client.get("/api/causes?lang=en")
    assert client.get("/api/causes").headers["content-language"] == "en"


def test_an_unknown_language_or_region_is_ignored_not_an_error(client: TestClient) -> None:
    answer = client.get("/api/causes?lang=xx&region=atlantis")
    assert answer.status_code == 200 and answer.headers["content-language"] == "en"
    assert "set-cookie" not in answer.headers


def _advice(body: dict) -> str:
    return " ".join(f["title"] + " " + f["advice"] for f in body["red_flags"])


@pytest.mark.parametrize(
    ("answers", "urgency"),
    [({"breathing_difficulty": True}, "emergency"), ({"medications": ["statins"], "muscle_pain": True}, "urgent")],
)
def test_a_us_reader_gets_911_and_no_nhs_names_and_the_uk_keeps_its_own(
    client: TestClient, answers: dict, urgency: str
) -> None:
    body = {"answers": answers}
    us = client.post("/api/assessments/preview", json=body, headers={"accept-language": "en-US"}).json()
    uk = client.post("/api/assessments/preview", json=body, headers={"accept-language": "en-GB"}).json()
    assert us["urgency"] == uk["urgency"] == urgency
    assert not re.search(r"\b(NHS|GP|A&E|999|111)\b", _advice(us) + us["disclaimer"])
    assert re.search(r"\b(NHS|GP|999)\b", _advice(uk))
    if urgency == "emergency":
        assert "911" in _advice(us) and "999" in _advice(uk)


def test_the_openapi_document_names_the_language_header_and_stays_english(client: TestClient) -> None:
    document = client.get("/openapi.json", headers={"accept-language": "es"}).json()  # asked first in Spanish
    operation = document["paths"]["/api/assessments"]["post"]
    assert any(p["name"] == "Accept-Language" and p["in"] == "header" for p in operation["parameters"])
    assert "Content-Language" in operation["responses"]["201"]["headers"]
    age = document["components"]["schemas"]["AssessmentRequest"]["properties"]["answers"]["properties"]["age"]
    assert age["title"] == next(
        q["text"] for q in client.get("/api/questions?lang=en").json()["questions"] if q["id"] == "age"
    )


def test_the_fhir_questionnaire_in_spanish_says_so(client: TestClient) -> None:
    from fhir.resources.questionnaire import Questionnaire

    body = client.get("/fhir/Questionnaire/twitchcheck.json", headers={"accept-language": "es"}).json()
    Questionnaire.model_validate(body)  # still a valid FHIR resource
    assert body["language"] == "es" and body["title"] != "Twitchcheck muscle twitching questionnaire"
    first = body["item"][0]["item"][0]
    assert first["text"] == spanish(f"questions.{first['linkId']}.text")
