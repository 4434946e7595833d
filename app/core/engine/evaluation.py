"""Clinical evaluation: run vignettes through the engine and score them the way clinicians do.

Under-triage (advice less urgent than a clinician would give) is a safety failure and is
counted case by case; needless alarm (a serious disease in the top three of a case a clinician
would send home) is the opposite harm and is counted too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from app.core.engine.assessment import assess
from app.core.engine.compiled import CompiledKnowledge
from app.core.knowledge.model import URGENCY_LEVELS


@dataclass(frozen=True)
class CaseResult:
    id: str
    expected_causes: tuple[str, ...]
    expected_urgency: str
    ranked: tuple[str, ...]  # the first three causes
    urgency: str
    needless_alarm: bool

    @property
    def top1(self) -> bool | None:
        return self.ranked[0] in self.expected_causes if self.expected_causes else None

    @property
    def top3(self) -> bool | None:
        return any(c in self.expected_causes for c in self.ranked[:3]) if self.expected_causes else None

    @property
    def triage_gap(self) -> int:
        """Positive: more urgent than expected (over-triage); negative: under-triage."""
        return URGENCY_LEVELS.index(self.expected_urgency) - URGENCY_LEVELS.index(self.urgency)

    def misses(self) -> list[str]:
        found = []
        if self.top1 is False:
            found.append(f"top-1 is {self.ranked[0]}, expected one of {', '.join(self.expected_causes)}")
        if self.top3 is False:
            found.append(f"none of {', '.join(self.expected_causes)} in the top 3 ({', '.join(self.ranked)})")
        if self.triage_gap < 0:
            found.append(f"UNDER-TRIAGE: {self.urgency}, expected {self.expected_urgency}")
        elif self.triage_gap > 0:
            found.append(f"over-triage: {self.urgency}, expected {self.expected_urgency}")
        if self.needless_alarm:
            found.append(f"needless alarm: a serious cause in the top 3 ({', '.join(self.ranked)})")
        return found


@dataclass(frozen=True)
class Targets:
    top1: float
    top3: float
    max_over_triage: float = 1.0
    max_under_triage: int = 0
    max_needless_alarm: int = 0


#: The acceptance targets: on the shared public cases, and on cases the team has not seen.
PUBLIC_TARGETS = Targets(top1=0.85, top3=0.95, max_over_triage=0.10)
UNSEEN_TARGETS = Targets(top1=0.75, top3=0.90)


@dataclass(frozen=True)
class Report:
    cases: tuple[CaseResult, ...] = field(default_factory=tuple)

    def _rate(self, values: Iterable[bool | None]) -> float:
        scored = [v for v in values if v is not None]
        return sum(scored) / len(scored) if scored else 1.0

    @property
    def top1(self) -> float:
        return self._rate(c.top1 for c in self.cases)

    @property
    def top3(self) -> float:
        return self._rate(c.top3 for c in self.cases)

    @property
    def urgency_exact(self) -> float:
        return self._rate(c.triage_gap == 0 for c in self.cases)

    @property
    def under_triage(self) -> int:
        return sum(c.triage_gap < 0 for c in self.cases)

    @property
    def over_triage(self) -> float:
        return self._rate(c.triage_gap > 0 for c in self.cases)

    @property
    def needless_alarm(self) -> int:
        return sum(c.needless_alarm for c in self.cases)

    def failures(self, targets: Targets) -> list[str]:
        checks = [
            (self.top1 >= targets.top1, f"top-1 {self.top1:.1%} < {targets.top1:.0%}"),
            (self.top3 >= targets.top3, f"top-3 {self.top3:.1%} < {targets.top3:.0%}"),
            (self.under_triage <= targets.max_under_triage, f"under-triage {self.under_triage} cases"),
            (self.over_triage <= targets.max_over_triage, f"over-triage {self.over_triage:.1%}"),
            (self.needless_alarm <= targets.max_needless_alarm, f"needless alarm {self.needless_alarm} cases"),
        ]
        return [message for ok, message in checks if not ok]

    def figures(self) -> dict[str, float | int]:
        """The headline figures as numbers (rates rounded to 0.1 %), for the clinical-safety page."""
        return {
            "cases": len(self.cases),
            "top1": round(self.top1, 3),
            "top3": round(self.top3, 3),
            "urgency_exact": round(self.urgency_exact, 3),
            "under_triage": self.under_triage,
            "over_triage": round(self.over_triage, 3),
            "needless_alarm": self.needless_alarm,
        }

    def summary(self) -> str:
        return (
            f"cases {len(self.cases)}  top-1 {self.top1:.1%}  top-3 {self.top3:.1%}  "
            f"urgency exact {self.urgency_exact:.1%}  under-triage {self.under_triage}  "
            f"over-triage {self.over_triage:.1%}  needless alarm {self.needless_alarm}"
        )

    def render(self) -> str:
        lines = []
        for case in self.cases:
            for miss in case.misses():
                lines.append(f"  {case.id}: {miss}")
        lines.append(self.summary())
        return "\n".join(lines)

    def per_cause(self) -> dict[str, tuple[int, int, int]]:
        """Expected cause -> (cases that expect it, cases with it first, cases with it in the top 3).

        A case that accepts several causes counts for each: the question is how often the
        checker finds a cause when it is the answer, which is what the next edit of that cause's
        evidence has to improve.
        """
        counts: dict[str, list[int]] = {}
        for case in self.cases:
            for cause in case.expected_causes:
                row = counts.setdefault(cause, [0, 0, 0])
                row[0] += 1
                row[1] += case.ranked[0] == cause
                row[2] += cause in case.ranked[:3]
        return {cause: (n, first, top3) for cause, (n, first, top3) in sorted(counts.items())}

    def confusion(self) -> dict[tuple[str, str], int]:
        """(expected cause, the cause ranked first instead) -> number of cases, for top-1 misses.

        The expected side is the first cause a case lists (its source's main diagnosis)."""
        pairs: dict[tuple[str, str], int] = {}
        for case in self.cases:
            if case.top1 is False:
                key = (case.expected_causes[0], case.ranked[0])
                pairs[key] = pairs.get(key, 0) + 1
        return dict(sorted(pairs.items(), key=lambda item: (-item[1], item[0])))

    def render_detail(self) -> str:
        """Per-cause sensitivity and the confusion table, as plain-text tables."""
        lines = ["per-cause sensitivity (cases expecting it: first / in the top 3):"]
        for cause, (n, first, top3) in self.per_cause().items():
            lines.append(f"  {cause:32} {n:3}  top-1 {first / n:6.1%}  top-3 {top3 / n:6.1%}")
        confusion = self.confusion()
        lines.append("confusion (expected -> ranked first instead: cases):" if confusion else "confusion: none")
        for (expected, got), count in confusion.items():
            lines.append(f"  {expected:32} -> {got:32} {count}")
        return "\n".join(lines)


def evaluate(knowledge: CompiledKnowledge, cases: Iterable[Mapping[str, Any]]) -> Report:
    serious = {c.id for c in knowledge.kb.causes if c.category == "serious"}
    results = []
    for case in cases:
        expect = case.get("expect", {})
        result = assess(knowledge, case.get("answers") or {})
        top = tuple(c.id for c in result.causes[:3])
        expected_urgency = expect["urgency"]
        results.append(
            CaseResult(
                id=str(case["id"]),
                expected_causes=tuple(expect.get("causes") or ()),
                expected_urgency=expected_urgency,
                ranked=top,
                urgency=result.urgency,
                needless_alarm=expected_urgency == "self_care" and any(c in serious for c in top),
            )
        )
    return Report(cases=tuple(results))
