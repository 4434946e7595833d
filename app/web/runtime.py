"""What the app builds once at start-up and every request reads: knowledge, database, cached bodies.

The knowledge base is read in every language and region the app offers (`Localized`): the same
logic, other texts. Assessments are computed and stored with the base one (English, the neutral
region: `Runtime.base`), so a stored result does not depend on who made it; a request reads the
knowledge, listings and results in its own language and region (`Runtime.local`, from
`app.web.i18n.current()`, which the locale middleware sets). Each is built on first use (`Localizations`), not at
start-up, which stays as quick as with one language.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from types import MappingProxyType

from sqlalchemy import Engine

from app.core.diary import function_check
from app.core.diary.function_check import FunctionCheckText
from app.core.engine import CompiledKnowledge, Interviewer, compile_knowledge
from app.core.knowledge import regions
from app.core.knowledge.localized import SOURCE_LANGUAGE, load_localized
from app.services import function_checks
from app.settings import Settings
from app.storage.repository import StoredAssessment
from app.storage.snapshots import Result, Snapshot, SnapshotTexts
from app.storage.writer import AssessmentWriter
from app.web import i18n
from app.web.api.present import causes_out, questions_out
from app.web.api.schemas import QuestionOut
from app.web.pages.questionnaire import Step
from app.web.pages.questionnaire import steps as questionnaire_steps
from app.web.views import wording


@dataclass(frozen=True)
class Localized:
    """The knowledge base in one language and region, and what is built from it once."""

    locale: i18n.RequestLocale
    knowledge: CompiledKnowledge
    # the knowledge base does not change while the app runs: each question's response model
    # (which the interview's steps show) and the listings are built and serialised once
    shown_questions: Mapping[str, QuestionOut]
    questions_json: bytes
    causes_json: bytes
    interviewer: Interviewer
    texts: SnapshotTexts  # a result's texts in these words, positions as in the base snapshot

    @cached_property
    def steps(self) -> list[Step]:
        """The full questionnaire's steps: fixed for the life of the app, so built once."""
        return questionnaire_steps(self.knowledge)

    @cached_property
    def function_check(self) -> FunctionCheckText:
        """The diary's function check in this language, with this region's words."""
        words = regions.load().get(self.locale.region).words[self.locale.language]
        return function_check.text(self.locale.language, words)

    @cached_property
    def etags(self) -> dict[str, str]:
        return {
            "questions": '"' + hashlib.sha256(self.questions_json).hexdigest()[:20] + '"',
            "causes": '"' + hashlib.sha256(self.causes_json).hexdigest()[:20] + '"',
        }

    @classmethod
    def build(cls, locale: i18n.RequestLocale, knowledge: CompiledKnowledge, base: Snapshot) -> Localized:
        questions = questions_out(knowledge.kb)
        return cls(
            locale,
            knowledge,
            MappingProxyType({q.id: q for q in questions.questions}),
            questions.model_dump_json().encode(),
            causes_out(knowledge.kb).model_dump_json().encode(),
            Interviewer(knowledge),
            base.worded_by(knowledge),
        )


def check_language(language: str, kb_path: Path) -> None:
    """Load `language` with the default region: raises KnowledgeBaseError (ValueError for the
    function check's file) if a text is missing, stale or has a broken placeholder."""
    words = regions.load().get(regions.load().default).words[language]
    load_localized(language, words, kb_path)
    function_check.text(language, words)


def knowledge_for(locale: i18n.RequestLocale, kb_path: Path) -> CompiledKnowledge:
    """The compiled knowledge base in the locale's language, with its region's words."""
    words = regions.load().get(locale.region).words[locale.language]
    return compile_knowledge(load_localized(locale.language, words, kb_path))


class Localizations:
    """The knowledge base in each (language, region) requests have asked for, built on first use.

    Building all ten at start-up would add about half a second for combinations most processes
    never serve. This is the one thing the runtime fills in after start-up: a dict behind a lock,
    so two requests never build the same one, and a built one is never replaced.
    """

    def __init__(self, kb_path: Path, snapshot: Snapshot, base: Localized) -> None:
        self._kb_path = kb_path
        self._snapshot = snapshot
        self._built = {base.locale: base}
        self._lock = threading.Lock()

    def get(self, locale: i18n.RequestLocale) -> Localized:
        found = self._built.get(locale)
        if found is not None:
            return found
        with self._lock:
            if locale not in self._built:
                knowledge = knowledge_for(locale, self._kb_path)
                self._built[locale] = Localized.build(locale, knowledge, self._snapshot)
            return self._built[locale]


@dataclass(frozen=True)
class Runtime:
    settings: Settings
    engine: Engine
    writer: AssessmentWriter  # new assessments, committed in groups by one thread
    snapshot: Snapshot  # the base knowledge base's texts (stored once; rows refer to them)
    base: Localized  # English, neutral region: what assessments are computed and stored with
    localizations: Localizations

    @classmethod
    def build(cls, settings: Settings, engine: Engine, writer: AssessmentWriter) -> Runtime:
        """Read and check the base knowledge base and every language file (KnowledgeBaseError:
        refuse to start rather than fail on the first Spanish request)."""
        locale = i18n.RequestLocale(SOURCE_LANGUAGE, regions.load().default)
        knowledge = knowledge_for(locale, settings.kb_path)
        snapshot = Snapshot.of(knowledge)
        base = Localized.build(locale, knowledge, snapshot)
        for language in i18n.LANGUAGES:
            check_language(language, settings.kb_path)
        return cls(settings, engine, writer, snapshot, base, Localizations(settings.kb_path, snapshot, base))

    @property
    def local(self) -> Localized:
        """The knowledge base in the current request's language and region."""
        return self.localizations.get(i18n.current())

    # What a request reads, in its language and region.
    @property
    def knowledge(self) -> CompiledKnowledge:
        return self.local.knowledge

    @property
    def shown_questions(self) -> Mapping[str, QuestionOut]:
        return self.local.shown_questions

    @property
    def questions_json(self) -> bytes:
        return self.local.questions_json

    @property
    def causes_json(self) -> bytes:
        return self.local.causes_json

    @property
    def interviewer(self) -> Interviewer:
        return self.local.interviewer

    @property
    def steps(self) -> list[Step]:
        return self.local.steps

    @property
    def etags(self) -> dict[str, str]:
        return self.local.etags

    @property
    def function_check_words(self) -> function_checks.Words:
        """The diary's function check in the request's language and region, dates and weeks too."""
        return function_checks.Words(self.local.function_check, wording.REQUEST)

    def worded(self, result: Result) -> Result:
        """A stored result in the current request's language and region (the base reader's words
        are the ones it was stored with)."""
        local = self.local
        if local is self.base:
            return result
        return self.snapshot.reworded(result, local.texts)

    def worded_assessment(self, stored: StoredAssessment) -> StoredAssessment:
        """A stored assessment whose result is in the current request's language and region."""
        return replace(stored, result=self.worded(stored.result))
