"""A row stores the outcome; joined with its knowledge-base snapshot it reads back as the full result."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from sqlalchemy import select

from app.core.engine import Assessment, assess, compile_knowledge
from app.core.engine.answers import InvalidAnswers
from app.core.knowledge import regions
from app.core.knowledge.loader import load
from app.core.knowledge.localized import load_localized
from app.storage import migrate, repository, snapshots
from app.storage.db import make_engine
from app.storage.tables import assessment_table, snapshot_table
from tests.engine.strategies import answers

KB = load()
KNOWLEDGE = compile_knowledge(KB)
SNAPSHOT = snapshots.Snapshot.of(KNOWLEDGE)


def told(assessment: Assessment) -> dict:
    """What the engine's assessment says, written out independently of the snapshot's join."""
    return {
        "urgency": assessment.urgency,
        "red_flags": [
            {"id": f.id, "title": f.title, "advice": f.advice, "urgency": f.urgency} for f in assessment.red_flags
        ],
        "unchecked_warning_signs": snapshots.unchecked_warning_signs(KB, assessment.answers),
        "causes": [
            {
                "id": c.id,
                "name": c.name,
                "category": c.category,
                "probability": round(c.probability, 4),
                "explanation": [{"question": r.question, "effect": r.effect, "text": r.text} for r in c.explanation],
                "self_care": list(c.self_care),
            }
            for c in assessment.causes
        ],
        "disclaimer": KB.disclaimer,
        "kb_version": KB.version,
    }


@settings(
    max_examples=150, derandomize=True, database=None, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(answers(KB))
def test_the_stored_outcome_joined_with_its_texts_gives_back_what_the_engine_said(raw: dict) -> None:
    assessment = assess(KNOWLEDGE, raw)
    stored = json.loads(SNAPSHOT.outcome(assessment).model_dump_json())  # as the JSON column hands it back
    assert snapshots.join(snapshots.Outcome.model_validate(stored), SNAPSHOT.texts) == told(assessment)


def test_warning_signs_and_non_ascii_text_survive() -> None:
    """Fired warning signs, non-ASCII text in them ("Guillain-Barré") included, are stored with the outcome."""
    assessment = assess(
        KNOWLEDGE,
        {"breathing_difficulty": True, "weakness_rapid": True, "numbness_tingling": True, "locations": ["calf"]},
    )
    outcome = SNAPSHOT.outcome(assessment)
    assert len(assessment.red_flags) >= 2 and "Barré" in outcome.model_dump_json()
    assert snapshots.join(outcome, SNAPSHOT.texts) == told(assessment)


def test_rows_hold_no_knowledge_base_text() -> None:
    assessment = assess(KNOWLEDGE, {"locations": ["calf"], "caffeine_cups_per_day": 6})
    text = SNAPSHOT.outcome(assessment).model_dump_json()
    assert KB.disclaimer not in text
    assert not any(c.self_care[0] in text or c.name in text for c in KB.causes)
    assert len(text) < len(json.dumps(told(assessment))) / 5


def test_the_digest_is_the_one_earlier_versions_stored() -> None:
    """Content-addressed: the digest is SHA-256 of the texts as canonical JSON, as rows written
    before this model existed refer to it (a changed digest would store a second copy)."""
    import hashlib

    canonical = json.dumps(
        SNAPSHOT.texts.model_dump(), ensure_ascii=False, sort_keys=True, separators=(",", ":")
    ).encode()
    assert SNAPSHOT.digest == hashlib.sha256(canonical).hexdigest()
    # the warning signs' words joined the texts with languages (a stored result is worded in the reader's)
    assert set(json.loads(canonical)) == {"kb_version", "disclaimer", "causes", "reasons", "red_flags"}


def test_a_stored_result_keeps_the_texts_it_was_given(database_url: str) -> None:
    """Reading uses the snapshot the row was written with, from the database, even after the
    knowledge base's texts changed; the snapshot is stored once however often the app starts."""
    engine = make_engine(database_url)
    migrate.upgrade(engine)
    try:
        snapshots.save(engine, SNAPSHOT)
        snapshots.save(engine, SNAPSHOT)  # a second start (or a second process) stores nothing new
        assessment = assess(KNOWLEDGE, {"locations": ["eyelid"], "stress_level": "high"})
        with engine.connect() as connection:
            stored = repository.create_assessment(
                connection,
                kb_version=KB.version,
                answers={},
                result=SNAPSHOT.outcome(assessment).model_dump(mode="json"),
            )
        renamed = KB.causes[0].model_copy(update={"name": "A renamed cause"})
        edited = compile_knowledge(KB.model_copy(update={"causes": [renamed, *KB.causes[1:]]}))
        newer = snapshots.Snapshot.of(edited)
        assert newer.digest != SNAPSHOT.digest
        snapshots.save(engine, newer)
        snapshots._loaded.clear()  # as in another process: the texts come from the database
        with engine.connect() as connection:
            again = repository.get_assessment(connection, stored.id)
            assert again is not None
            assert again.result == told(assessment) == stored.result
            assert connection.scalar(select(assessment_table.c.result))["snapshot"] == SNAPSHOT.digest
            assert len(connection.scalars(select(snapshot_table.c.digest)).all()) == 2
    finally:
        engine.dispose()


def test_rows_from_before_snapshots_read_as_they_were_stored(database_url: str) -> None:
    """An old row holds the whole result (the oldest without `unchecked_warning_signs`): read as it is."""
    engine = make_engine(database_url)
    migrate.upgrade(engine)
    try:
        whole = told(assess(KNOWLEDGE, {"locations": ["calf"], "fever": True}))
        del whole["unchecked_warning_signs"]
        with engine.connect() as connection:
            stored = repository.create_assessment(connection, kb_version=KB.version, answers={}, result=whole)
            again = repository.get_assessment(connection, stored.id)
            assert again is not None
            assert again.result == whole
    finally:
        engine.dispose()


SPANISH = compile_knowledge(load_localized("es", regions.load().by_id("mx").words["es"]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answers(KB))
def test_a_result_reworded_in_another_language_is_what_that_language_tells(given_answers: dict) -> None:
    """Computed and stored with the base knowledge base, worded in Spanish: the same as the Spanish
    knowledge base's own assessment says, reason for reason (positions never come from texts)."""
    try:
        base, spanish = assess(KNOWLEDGE, given_answers), assess(SPANISH, given_answers)
    except InvalidAnswers:
        return
    stored = snapshots.join(SNAPSHOT.outcome(base), SNAPSHOT.texts)
    reworded = SNAPSHOT.reworded(stored, SNAPSHOT.worded_by(SPANISH))
    expected = told(spanish)
    assert reworded["causes"] == expected["causes"]
    assert reworded["red_flags"] == expected["red_flags"]
    assert reworded["disclaimer"] == SPANISH.kb.disclaimer


def test_a_result_of_another_knowledge_base_version_keeps_the_words_it_was_given() -> None:
    stored = snapshots.join(SNAPSHOT.outcome(assess(KNOWLEDGE, {"locations": ["calf"]})), SNAPSHOT.texts)
    older = stored | {"kb_version": "2020.01.1"}
    assert SNAPSHOT.reworded(older, SNAPSHOT.worded_by(SPANISH)) == older


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answers(KB))
def test_an_outcome_joined_with_a_readers_words_is_its_result_reworded(given_answers: dict) -> None:
    """A new result is built once, in the reader's words: the same as joining it with the snapshot's
    texts and rewording that (as a stored result is read)."""
    try:
        outcome = SNAPSHOT.outcome(assess(KNOWLEDGE, given_answers))
    except InvalidAnswers:
        return
    words = SNAPSHOT.worded_by(SPANISH)
    assert snapshots.join(outcome, words) == SNAPSHOT.reworded(snapshots.join(outcome, SNAPSHOT.texts), words)
