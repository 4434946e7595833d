"""The one place a cause is scored: log prior odds plus the capped sum of log likelihood ratios,
and the one softmax that turns scores into probabilities.

Ranking (what an assessment shows) and the interview (which question to ask next) must score a
cause the same way, or the interview would choose questions for a ranking nobody sees. Both call
these functions, so there is nothing to keep in step.

Correlated findings share a cap group (`evidence.group`): their log ratios are added up and the
total is clamped to +/- log(cap), so weakness + wasting + spreading cannot multiply without bound.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from app.core.engine.compiled import CompiledCause

__all__ = ["evidence_sum", "log_score", "softmax"]


def evidence_sum(cause: CompiledCause, held: Iterable[int]) -> float:
    """The sum of the log likelihood ratios of the cause's evidence at the indices `held`, each cap
    group's total clamped to its cap. Zero when nothing holds: an unanswered question changes
    nothing. The interview compares these sums across possible answers."""
    return _capped_sum(cause, held, 0.0)


def log_score(cause: CompiledCause, held: Iterable[int]) -> float:
    """A cause's unnormalised log score: log prior + the capped log likelihood ratios that hold."""
    return _capped_sum(cause, held, cause.log_prior)


def _capped_sum(cause: CompiledCause, held: Iterable[int], start: float) -> float:
    """`start` plus the log ratios, ungrouped ones in index order, then each cap group's clamped total.

    The order of these float additions is part of the result: two causes can tie to within a
    rounding error, and which comes first then decides the ranking. Adding the ratios onto the
    prior one by one is the order the rankings have always used (adding their sum to the prior
    instead moved two real presentations' top three), so `log_score` starts from the prior rather
    than adding it to `evidence_sum`.
    """
    total = start
    grouped: dict[str, float] = {}
    for i in held:
        item = cause.evidence[i]
        group = item.evidence.group
        if group is None:
            total += item.log_lr
        else:
            grouped[group] = grouped.get(group, 0.0) + item.log_lr
    for group, group_total in grouped.items():
        cap = cause.log_caps[group]
        total += max(-cap, min(cap, group_total))
    return total


def softmax(scores: Sequence[float]) -> list[float]:
    """Scores to probabilities summing to 1, in the same order. The largest score is subtracted
    first so that no exponential overflows or underflows to all zeros."""
    top = max(scores)
    weights = [math.exp(score - top) for score in scores]
    total = sum(weights)
    return [weight / total for weight in weights]
