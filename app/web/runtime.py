"""What the app builds once at start-up and every request reads: knowledge, database, cached bodies."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cached_property

from sqlalchemy import Engine

from app.core.engine import CompiledKnowledge, Interviewer
from app.settings import Settings
from app.storage.snapshots import Snapshot
from app.storage.writer import AssessmentWriter
from app.web.api.present import causes_out, questions_out
from app.web.pages.questionnaire import Step
from app.web.pages.questionnaire import steps as questionnaire_steps


@dataclass(frozen=True)
class Runtime:
    settings: Settings
    knowledge: CompiledKnowledge
    engine: Engine
    questions_json: bytes  # the knowledge base does not change while the app runs: serialise once
    causes_json: bytes
    interviewer: Interviewer
    writer: AssessmentWriter  # new assessments, committed in groups by one thread
    snapshot: Snapshot  # the knowledge base's texts (stored once; rows refer to them)

    @cached_property
    def steps(self) -> list[Step]:
        """The full questionnaire's steps: fixed for the life of the app, so built once."""
        return questionnaire_steps(self.knowledge)

    @cached_property
    def etags(self) -> dict[str, str]:
        return {
            "questions": '"' + hashlib.sha256(self.questions_json).hexdigest()[:20] + '"',
            "causes": '"' + hashlib.sha256(self.causes_json).hexdigest()[:20] + '"',
        }

    @classmethod
    def build(
        cls,
        settings: Settings,
        knowledge: CompiledKnowledge,
        engine: Engine,
        writer: AssessmentWriter,
    ) -> Runtime:
        return cls(
            settings,
            knowledge,
            engine,
            questions_out(knowledge.kb).model_dump_json().encode(),
            causes_out(knowledge.kb).model_dump_json().encode(),
            Interviewer(knowledge),
            writer,
            Snapshot.of(knowledge),
        )
