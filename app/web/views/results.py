"""What a results page or report shows, built from a stored assessment and the knowledge base.

Presentation only: which words describe a probability, which reasons a serious cause may be
shown with. Probabilities themselves and the urgency come from the engine, unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection

from app.core.engine import CompiledKnowledge, InvalidAnswers, validate_answers
from app.core.engine.guidance import guidance
from app.core.knowledge.model import Check, KnowledgeBase, Reassurance, Source, WorryHelp
from app.services import diaries
from app.storage.repository import StoredAssessment
from app.storage.snapshots import StoredFlag
from app.web.api.present import unchecked_of
from app.web.i18n import gettext as _
from app.web.pages.questionnaire import answer_text
from app.web.views.diary_charts import charts
from app.web.views.fhir import FASCICULATION

#: How many causes are shown open; the rest sit under "other causes we considered".
SHOWN_OPEN = 5
#: How many of those show their self-care advice open (the others behind "What you can do about ...").
ADVICE_OPEN = 3

# Plain-language likelihood; serious diseases are never given a number on the page.
MOST_LIKELY, POSSIBLE = 0.25, 0.08


def likelihood(probability: float) -> str:
    """The likelihood in words, in the request's language."""
    if probability >= MOST_LIKELY:
        return _("Most likely")
    if probability >= POSSIBLE:
        return _("Possible")
    return _("Less likely")


@dataclass(frozen=True)
class CauseView:
    id: str
    name: str
    category: str
    likelihood: str
    summary: str
    raises: list[str]
    lowers: list[str]
    self_care: list[str]
    see_a_doctor_if: list[str]
    sources: list[Source]
    checks: list[Check] = field(default_factory=list)  # what a doctor may examine or test
    icd10: str = ""


@dataclass(frozen=True)
class AnswerView:
    question: str
    answer: str
    id: str = ""  # the question's id ("change" goes back to it)


@dataclass(frozen=True)
class UncheckedView:
    """A warning sign the answers left unanswered: the question, and what it would mean (what to watch for)."""

    id: str
    question: str
    watch_for: str


@dataclass(frozen=True)
class ResultView:
    id: str
    created_at: datetime
    urgency: str
    urgency_title: str
    urgency_advice: str
    red_flags: list[StoredFlag]
    causes: list[CauseView]
    answers: list[AnswerView]
    disclaimer: str
    kb_version: str
    shown_open: int = SHOWN_OPEN
    advice_open: int = ADVICE_OPEN
    unchecked: list[UncheckedView] = field(default_factory=list)
    sections: list[tuple[str, list[AnswerView]]] = field(default_factory=list)
    reassurance: Reassurance | None = None  # "what your answers mean", when the answers allow it
    worry_help: WorryHelp | None = None  # help for health anxiety, when the worry affects daily life
    ranking_withheld: bool = False  # a warning sign says the ranking is not made for this person
    twitching_icd10: str = FASCICULATION[0]  # the code of twitching itself, for the report

    @property
    def reads_as_self_care(self) -> bool:
        """Self-care only when every warning sign was checked; otherwise the page says what was not."""
        return self.urgency == "self_care" and not self.unchecked

    @property
    def report_checks(self) -> list[Check]:
        """What a doctor may check for the three likely causes the report lists, each once."""
        seen: dict[str, Check] = {}
        for cause in self.causes[:3]:
            for check in cause.checks:
                seen.setdefault(check.id, check)
        return list(seen.values())

    @property
    def top(self) -> list[CauseView]:
        return self.causes[: self.shown_open]

    @property
    def rest(self) -> list[CauseView]:
        return self.causes[self.shown_open :]


def build_view(knowledge: CompiledKnowledge, stored: StoredAssessment) -> ResultView:
    kb = knowledge.kb
    result = stored.result
    causes = []
    for item in result["causes"]:
        known = kb.causes_by_id.get(item["id"])
        raises = [r["text"] for r in item["explanation"] if r["effect"] == "raises"]
        lowers = [r["text"] for r in item["explanation"] if r["effect"] == "lowers"]
        causes.append(
            CauseView(
                id=item["id"],
                name=item["name"],
                category=item["category"],
                likelihood=likelihood(item["probability"]),
                summary=known.summary if known else "",
                raises=raises,
                lowers=lowers,
                self_care=list(item["self_care"]),
                see_a_doctor_if=list(known.see_a_doctor_if) if known else [],
                sources=list(known.sources) if known else [],
                checks=[kb.checks_by_id[c] for c in known.checks] if known else [],
                icd10=known.icd10 if known else "",
            )
        )
    sections = []
    for section in kb.sections:
        rows = [
            AnswerView(q.text, answer_text(q, stored.answers[q.id]), q.id)
            for q in kb.questions
            if q.section == section.id and q.id in stored.answers
        ]
        if rows:
            sections.append((section.title, rows))
    urgency = result["urgency"]
    unchecked = [
        UncheckedView(qid, kb.question(qid).text, kb.question(qid).help)
        for qid in unchecked_of(stored, kb)
        if kb.has_question(qid)
    ]
    answers = knowledge_answers(knowledge, stored)
    decided = guidance(knowledge, answers, urgency, [f["id"] for f in result["red_flags"]])
    return ResultView(
        id=stored.id,
        created_at=stored.created_at,
        urgency=urgency,
        urgency_title=kb.urgency[urgency].title,
        urgency_advice=kb.urgency[urgency].advice,
        red_flags=list(result["red_flags"]),
        causes=causes,
        answers=[row for _, rows in sections for row in rows],
        disclaimer=result.get("disclaimer", kb.disclaimer),
        kb_version=stored.kb_version,
        unchecked=unchecked,
        sections=sections,
        reassurance=kb.reassurance if decided.reassurance else None,
        worry_help=kb.worry_help if decided.worry_help else None,
        ranking_withheld=decided.ranking_withheld,
    )


def knowledge_answers(knowledge: CompiledKnowledge, stored: StoredAssessment) -> Any:
    """The stored answers as the engine reads them (answers to questions the knowledge base no
    longer has are left out: a result outlives knowledge-base versions)."""
    kb = knowledge.kb
    known = {qid: value for qid, value in stored.answers.items() if kb.has_question(qid)}
    try:
        return validate_answers(kb, known)
    except InvalidAnswers:
        return {}


def report_context(
    connection: Connection, kb: KnowledgeBase, diary_hash: str | None, until: datetime
) -> dict[str, Any]:
    """What an assessment's doctor's report adds when the assessment was started from a diary."""
    diary = diaries.linked(connection, kb, diary_hash, until)
    if diary is None:
        return {}
    return {"diary": {"summary": diary.summary, "charts": charts(diary.summary, diaries.location_names(kb))}}
