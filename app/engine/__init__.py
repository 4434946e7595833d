"""The inference engine: pure, deterministic functions over (knowledge base, answers).

No I/O and no web, database or template imports: see app/knowledge/README.md for the boundary.
"""

from app.engine.answers import AnswerProblem, InvalidAnswers, validate_answers
from app.engine.assessment import Assessment, assess
from app.engine.compiled import CompiledKnowledge, compile_knowledge
from app.engine.interview import Interviewer, NextStep
from app.engine.ranking import RankedCause, rank
from app.engine.triage import FiredFlag, Triage, triage

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
