"""The JSON Schema of `data/causes.yaml`, generated from the model so it can never drift."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from app.core.knowledge.model import KnowledgeBase

SCHEMA_PATH = Path(__file__).resolve().parents[3] / "data" / "causes.schema.json"


def json_schema() -> dict[str, Any]:
    schema = KnowledgeBase.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Twitchcheck knowledge base (data/causes.yaml)"
    return schema


def render() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def write(path: Path = SCHEMA_PATH) -> Path:
    path.write_text(render(), encoding="utf-8")
    return path
