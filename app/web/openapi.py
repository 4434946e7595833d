"""Publish the exact shape of `answers` in the OpenAPI document, generated from the knowledge base.

The request models accept any mapping (the engine validates it and names the wrong question);
the documentation, and so every client generator and API fuzzer, gets the precise schema: each
question with its type, options or range, "don't know" as null, and no other keys.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from app.core.knowledge.model import KnowledgeBase, Question
from app.web import i18n
from app.web.api.schemas import AssessmentRequest, InterviewRequest


def answer_schema(q: Question) -> dict[str, Any]:
    if q.type == "boolean":
        schema: dict[str, Any] = {"type": "boolean"}
    elif q.type == "single":
        schema = {"type": "string", "enum": q.values}
    elif q.type == "multi":
        exclusive = set(q.exclusive or ())
        ordinary = {
            "type": "array",
            "items": {"type": "string", "enum": [v for v in q.values if v not in exclusive]},
            "uniqueItems": True,
        }
        schema = (
            {
                "anyOf": [
                    ordinary,
                    *(
                        {"type": "array", "items": {"const": v}, "minItems": 1, "maxItems": 1}
                        for v in sorted(exclusive)
                    ),
                ]
            }
            if exclusive
            else ordinary
        )
    else:
        schema = {"type": "integer" if q.integer else "number", "minimum": q.min, "maximum": q.max}
    return {"anyOf": [schema, {"type": "null"}], "title": q.text, "description": q.help}


def answers_schema(kb: KnowledgeBase) -> dict[str, Any]:
    return {
        "type": "object",
        "title": "Answers",
        "description": 'Answers keyed by question id; an omitted question (or null) means "don\'t know".',
        "properties": {q.id: answer_schema(q) for q in kb.questions},
        "additionalProperties": False,
    }


LANGUAGE_HEADER = {
    "name": "Accept-Language",
    "in": "header",
    "required": False,
    "description": (
        "The language of the texts in the answer (cause names, explanations, advice, questions): "
        f"one of {', '.join(i18n.LANGUAGES)}, English when none matches. A country in the tag "
        "(es-MX, en-US) chooses the emergency number and the services named. `?lang=` and "
        "`?region=` in the address do the same and are remembered in a cookie."
    ),
    "schema": {"type": "string", "example": "es-MX,es;q=0.9"},
}
CONTENT_LANGUAGE = {
    "description": "The language the texts are in.",
    "schema": {"type": "string", "enum": list(i18n.LANGUAGES)},
}


def _document_languages(document: dict[str, Any]) -> None:
    """Every JSON operation takes Accept-Language and says Content-Language (the locale middleware
    handles both for every route, so no route declares them)."""
    for path, operations in document.get("paths", {}).items():
        if not path.startswith("/api/"):
            continue
        for operation in operations.values():
            operation.setdefault("parameters", []).append(LANGUAGE_HEADER)
            for response in operation.get("responses", {}).values():
                response.setdefault("headers", {})["Content-Language"] = CONTENT_LANGUAGE


def install(app: FastAPI) -> None:
    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        document = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
        schemas = document.setdefault("components", {}).setdefault("schemas", {})
        for model in (AssessmentRequest, InterviewRequest):  # bodies read by web.bodies.json_body
            schemas.setdefault(model.__name__, model.model_json_schema(ref_template="#/components/schemas/{model}"))
        runtime = getattr(app.state, "runtime", None)
        if runtime is not None:  # the knowledge base is loaded: describe the answers exactly
            kb = runtime.base.knowledge.kb  # in English, whoever asks first: the document is kept
            for name in ("AssessmentRequest", "InterviewRequest"):
                if name in schemas:
                    schemas[name]["properties"]["answers"] = answers_schema(kb)
            if "InterviewRequest" in schemas:
                schemas["InterviewRequest"]["properties"]["unknown"]["items"] = {
                    "type": "string",
                    "enum": [q.id for q in kb.questions],
                }
            if "EntryIn" in schemas:  # diary entries: the body locations of the knowledge base
                schemas["EntryIn"]["properties"]["location"]["enum"] = kb.question("locations").values
            _document_languages(document)
            app.openapi_schema = document
        return document

    app.openapi = openapi  # type: ignore[method-assign]
