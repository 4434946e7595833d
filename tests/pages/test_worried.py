"""For the worried: the evidence block, what a doctor may check, help for the worry, children."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.pages.test_results import MND, create

# A BFS-like person: twitching in several places for months, strength normal, worried.
BFS_LIKE = {
    "locations": ["calf", "thigh", "arm"],
    "duration": "months",
    "frequency": "daily",
    "muscle_weakness": False,
    "muscle_wasting": False,
    "speech_difficulty": False,
    "swallowing_difficulty": False,
    "stress_level": "high",
    "age": 32,
    "sex": "male",
}


def test_a_bfs_like_case_sees_the_evidence_with_its_sources(pages: TestClient) -> None:
    page = pages.get(f"/results/{create(pages, BFS_LIKE)}")
    kb = pages.app.state.runtime.knowledge.kb  # type: ignore[attr-defined]
    assert 'data-testid="evidence"' in page.text
    for fact in kb.reassurance.facts:
        assert f'href="{fact.source.url}"' in page.text
    assert kb.reassurance.watch_for_title in page.text


def test_weakness_or_wasting_hides_the_evidence(pages: TestClient) -> None:
    assert 'data-testid="evidence"' not in pages.get(f"/results/{create(pages, MND)}").text
    weak = {**BFS_LIKE, "muscle_weakness": True}
    assert 'data-testid="evidence"' not in pages.get(f"/results/{create(pages, weak)}").text


def test_the_likely_causes_say_what_a_doctor_may_check(pages: TestClient) -> None:
    page = pages.get(f"/results/{create(pages, MND)}")
    assert page.text.count('data-testid="doctor-checks"') == 3
    assert "EMG and nerve conduction tests" in page.text
    report = pages.get(f"/results/{create(pages, MND)}/report").text
    assert "ICD-10 G12.2" in report and "ICD-10 R25.3" in report and "LOINC 2157-6" in report


def test_worry_that_affects_daily_life_gets_help(pages: TestClient) -> None:
    worried = pages.get(f"/results/{create(pages, {**BFS_LIKE, 'worry_impact': 'a_lot'})}").text
    assert (
        'data-testid="worry-help"' in worried
        and "https://www.nhs.uk/mental-health/conditions/health-anxiety/" in worried
    )
    calm = pages.get(f"/results/{create(pages, {**BFS_LIKE, 'worry_impact': 'not_at_all'})}").text
    assert 'data-testid="worry-help"' not in calm


def test_a_child_gets_a_doctor_not_a_ranking(pages: TestClient) -> None:
    page = pages.get(f"/results/{create(pages, {'age': 4, 'locations': ['eyelid'], 'duration': 'days'})}")
    assert 'data-testid="ranking-withheld"' in page.text
    assert 'data-testid="cause"' not in page.text
    assert "made for adults and teenagers from 16" in page.text
