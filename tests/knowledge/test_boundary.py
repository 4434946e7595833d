"""The domain core (knowledge model, loader, engine, diary) imports no web, database or template library
(app/core/knowledge/README.md)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[2] / "app"
FORBIDDEN = ("fastapi", "starlette", "sqlalchemy", "jinja2", "alembic", "uvicorn", "app.web", "app.storage")


@pytest.mark.parametrize("package", ["knowledge", "engine", "diary"])
def test_core_has_no_web_or_database_imports(package: str) -> None:
    offending = []
    for path in sorted((APP / package).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offending += [f"{path.name}: {n}" for n in names if n.split(".")[0] in FORBIDDEN or n.startswith(FORBIDDEN)]
    assert not offending, offending
