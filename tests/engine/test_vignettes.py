"""Clinical vignettes: the project's own cases and, when present, the shared public ones.

Both must meet the acceptance targets: accuracy of the leading causes, zero under-triage and
zero needless alarm. Misses are printed case by case so a failing run says what to look at.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.engine import CompiledKnowledge
from app.core.engine.evaluation import PUBLIC_TARGETS, UNSEEN_TARGETS, Targets, evaluate
from tests.conftest import OWN_VIGNETTES, PUBLIC_VIGNETTES, read_yaml


@pytest.mark.parametrize(
    ("path", "targets"),
    [
        pytest.param(OWN_VIGNETTES, UNSEEN_TARGETS, id="own"),
        pytest.param(PUBLIC_VIGNETTES, PUBLIC_TARGETS, id="public"),
    ],
)
def test_vignettes_meet_targets(knowledge: CompiledKnowledge, path: Path, targets: Targets) -> None:
    if not path.exists():
        pytest.skip(f"{path} is not beside this checkout")
    cases = read_yaml(path)
    report = evaluate(knowledge, cases)
    print(report.render())
    assert not report.failures(targets), report.render()


def test_own_vignettes_are_many_and_distinct() -> None:
    own = read_yaml(OWN_VIGNETTES)
    assert len(own) >= 30
    assert len({c["id"] for c in own}) == len(own)
    if PUBLIC_VIGNETTES.exists():
        public_answers = [c["answers"] for c in read_yaml(PUBLIC_VIGNETTES)]
        assert not [c["id"] for c in own if c["answers"] in public_answers]
