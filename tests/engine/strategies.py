"""Hypothesis strategies that build valid answers from the knowledge base itself."""

from __future__ import annotations

from hypothesis import strategies as st

from app.core.knowledge.model import KnowledgeBase, Question


def answer_for(question: Question) -> st.SearchStrategy:
    if question.type == "boolean":
        return st.booleans()
    if question.type == "single":
        return st.sampled_from(question.values)
    if question.type == "multi":
        exclusive = set(question.exclusive or ())
        ordinary = [v for v in question.values if v not in exclusive]
        lists = st.lists(st.sampled_from(ordinary), unique=True, max_size=len(ordinary))
        return st.one_of(lists, *(st.just([v]) for v in exclusive)) if exclusive else lists
    assert question.min is not None and question.max is not None
    if question.integer:
        return st.integers(int(question.min), int(question.max))
    return st.floats(question.min, question.max, allow_nan=False)


def answers(kb: KnowledgeBase, exclude: frozenset[str] = frozenset()) -> st.SearchStrategy[dict]:
    """Any subset of the questions, each with a valid answer (omitted = "don't know")."""
    return st.fixed_dictionaries({}, optional={q.id: answer_for(q) for q in kb.questions if q.id not in exclude})
