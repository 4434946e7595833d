"""GET /healthz (liveness) and /readyz (readiness) for the platform that runs the app."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy import text

from app.storage import migrate
from app.web.api.schemas import HealthOut, UnavailableOut
from app.web.deps import RuntimeDep

router = APIRouter(tags=["service"])


@router.get(
    "/healthz",
    response_model=HealthOut,
    responses={503: {"model": UnavailableOut, "description": "A part is not working; the body names it."}},
)
def health(runtime: RuntimeDep) -> HealthOut | JSONResponse:
    """200 when the knowledge base is loaded and the database answers; 503 naming the failing part."""
    checks = {"knowledge_base": f"ok (version {runtime.knowledge.kb.version})"}
    try:
        with runtime.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        checks["database"] = "ok"
    except Exception:  # noqa: BLE001 - any failure means "not ready"; the type is not for the caller
        return _unavailable("database unavailable", {**checks, "database": "unavailable"})
    return HealthOut(status="ok", checks=checks)


@router.get(
    "/readyz",
    response_model=HealthOut,
    responses={503: {"model": UnavailableOut, "description": "Not ready; the body names the failing part."}},
)
def ready(runtime: RuntimeDep) -> HealthOut | JSONResponse:
    """Readiness: the knowledge base is loaded, the database answers and its migrations are current.
    (`/healthz` is the liveness check: the process serves requests.)"""
    checks = {"knowledge_base": f"ok (version {runtime.knowledge.kb.version})"}
    try:
        checks["migrations"] = "ok" if migrate.is_current(runtime.engine) else "behind"
        checks["database"] = "ok"
    except Exception:  # noqa: BLE001 - any failure means "not ready"
        checks["database"] = "unavailable"
    if checks.get("database") != "ok" or checks.get("migrations") != "ok":
        failing = ", ".join(k for k, v in checks.items() if not v.startswith("ok"))
        return _unavailable(f"not ready: {failing}", checks)
    return HealthOut(status="ok", checks=checks)


def _unavailable(detail: str, checks: dict[str, str]) -> JSONResponse:
    """A 503 whose body is an `UnavailableOut` (FastAPI serialises only the 200 through `response_model`)."""
    return JSONResponse(UnavailableOut(detail=detail, checks=checks).model_dump(mode="json"), status_code=503)
