"""The clinical-safety page shows the figures `twitchcheck evaluate` produces, never typed ones."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient

from app.core.engine import CompiledKnowledge
from app.core.engine.evaluation import evaluate
from app.web.pages.about import EVALUATION_PATH
from tests.conftest import OWN_VIGNETTES, ROOT, read_yaml


def test_the_published_figures_are_those_of_a_fresh_evaluation(knowledge: CompiledKnowledge) -> None:
    """Fails when the knowledge base or a set changed without `make evaluate` rewriting the file."""
    published = json.loads(EVALUATION_PATH.read_text(encoding="utf-8"))
    assert published["kb_version"] == knowledge.kb.version
    fresh = {
        path.stem: evaluate(knowledge, read_yaml(path)).figures()
        for path in (OWN_VIGNETTES, ROOT / "tests" / "real_presentations.yaml")
    }
    assert {s["set"]: {k: v for k, v in s.items() if k != "set"} for s in published["sets"]} == fresh


def test_the_page_shows_them(pages: TestClient) -> None:
    page = pages.get("/about/safety")
    assert page.status_code == 200
    published = json.loads(EVALUATION_PATH.read_text(encoding="utf-8"))
    real = next(s for s in published["sets"] if s["set"] == "real_presentations")
    assert 'data-testid="evaluation"' in page.text
    assert f">{real['cases']}</td>" in page.text
    assert f"{real['top3'] * 100:.0f} %" in page.text
    assert "not a medical device" in page.text
    assert 'href="/about/safety"' in pages.get("/").text  # reachable from every page's footer
