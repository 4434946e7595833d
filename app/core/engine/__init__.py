"""The inference engine: pure, deterministic functions over (knowledge base, answers).

No I/O and no web, database or template imports (fastapi, starlette, sqlalchemy, jinja2,
app.web, app.storage): see app/core/knowledge/README.md for the boundary, which
tests/knowledge/test_boundary.py keeps. Scores come from one module (`scoring`); results are ids,
numbers and keys, never English sentences (those are in app/web/messages.py).
"""

from app.core.engine.answers import AnswerProblem, InvalidAnswers, validate_answers
from app.core.engine.assessment import Assessment, assess
from app.core.engine.compiled import CompiledKnowledge, compile_knowledge
from app.core.engine.interview import Interviewer, NextStep
from app.core.engine.ranking import RankedCause, rank
from app.core.engine.triage import FiredFlag, Triage, triage

__all__ = [
    "AnswerProblem",
    "Assessment",
    "CompiledKnowledge",
    "FiredFlag",
    "InvalidAnswers",
    "Interviewer",
    "NextStep",
    "RankedCause",
    "Triage",
    "assess",
    "compile_knowledge",
    "rank",
    "triage",
    "validate_answers",
]
