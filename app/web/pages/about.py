"""About pages: how the checker was built and validated (`/about/safety`).

The figures come from `data/evaluation.json`, which `make evaluate` writes from the project's
own clinical sets and a test keeps equal to a fresh evaluation: nothing on the page is typed by
hand, so it cannot drift from what the checker does.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from app.settings import PROJECT_ROOT
from app.web.deps import RuntimeDep
from app.web.pages.checker import render

EVALUATION_PATH = PROJECT_ROOT / "data" / "evaluation.json"

router = APIRouter(include_in_schema=False)


@lru_cache(maxsize=1)
def read_evaluation() -> dict[str, Any]:
    """Read once: the file changes only with a release."""
    return json.loads(EVALUATION_PATH.read_text(encoding="utf-8"))


@router.get("/about/safety", response_class=HTMLResponse)
def safety(request: Request, runtime: RuntimeDep) -> HTMLResponse:
    kb = runtime.knowledge.kb
    context = {
        "evaluation": read_evaluation(),
        "cause_count": len(kb.causes),
        "flag_count": len(kb.red_flags),
        "question_count": len(kb.questions),
    }
    return render(request, "about/safety.html", context)
