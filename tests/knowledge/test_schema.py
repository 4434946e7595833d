"""The published JSON Schema matches the model, and the shipped knowledge base satisfies it."""

from __future__ import annotations

import json

import jsonschema
from ruamel.yaml import YAML

from app.core.knowledge import schema
from app.core.knowledge.loader import DEFAULT_PATH


def test_committed_schema_is_current() -> None:
    committed = schema.SCHEMA_PATH.read_text(encoding="utf-8")
    assert committed == schema.render(), "data/causes.schema.json is stale: run `twitchcheck schema`"


def test_knowledge_base_validates_against_the_schema() -> None:
    data = YAML(typ="safe").load(DEFAULT_PATH.read_text(encoding="utf-8"))
    jsonschema.validate(data, json.loads(schema.SCHEMA_PATH.read_text(encoding="utf-8")))


def test_yaml_points_editors_at_the_schema() -> None:
    first_line = DEFAULT_PATH.read_text(encoding="utf-8").splitlines()[0]
    assert first_line == f"# yaml-language-server: $schema={schema.SCHEMA_PATH.name}"
