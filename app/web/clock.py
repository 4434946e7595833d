""" "Now" as a dependency, so tests can move time on: `app.dependency_overrides[clock.now] = ...`.

The function check is offered at most every two weeks; a test that checks this end to end (in a
browser, against a real server) sets the clock instead of waiting two weeks.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import Depends


def now() -> datetime:
    return datetime.now(UTC)


NowDep = Annotated[datetime, Depends(now)]
