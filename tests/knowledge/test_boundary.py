"""The layers import only what is to their left: the pure core (knowledge model, loader, engine,
diary) no web, database or template library (app/core/README.md); the services no web framework
and nothing of the web layer."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[2] / "app"
CORE_FORBIDDEN = (
    "fastapi",
    "starlette",
    "sqlalchemy",
    "jinja2",
    "alembic",
    "uvicorn",
    "app.web",
    "app.storage",
    "app.services",
)
SERVICES_FORBIDDEN = ("fastapi", "starlette", "jinja2", "uvicorn", "app.web")


def imports_of(folder: Path) -> list[tuple[str, str]]:
    """(file name, imported module) for every import under `folder`."""
    found = []
    files = sorted(folder.rglob("*.py"))
    assert files, f"no modules under {folder}"  # a moved folder must not make this test pass vacuously
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found += [(path.name, alias.name) for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                found.append((path.name, node.module))
    return found


def offending(folder: Path, forbidden: tuple[str, ...]) -> list[str]:
    return [f"{f}: {m}" for f, m in imports_of(folder) if m.split(".")[0] in forbidden or m.startswith(forbidden)]


@pytest.mark.parametrize("package", ["knowledge", "engine", "diary"])
def test_core_has_no_web_or_database_imports(package: str) -> None:
    assert not offending(APP / "core" / package, CORE_FORBIDDEN)


def test_services_do_not_depend_on_the_web_layer() -> None:
    assert not offending(APP / "services", SERVICES_FORBIDDEN)
