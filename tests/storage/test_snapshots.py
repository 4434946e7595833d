"""A row stores the outcome; joined with its knowledge-base snapshot it reads back as the full result."""

from __future__ import annotations

import json
import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from app.engine import assess, compile_knowledge
from app.knowledge.loader import load
from app.storage import migrate, repository, snapshots
from app.storage.db import make_engine
from app.storage.snapshots import dump_json
from app.storage.tables import assessment_table, snapshot_table
from app.web.present import result_body
from tests.engine.strategies import answers

KB = load()
KNOWLEDGE = compile_knowledge(KB)
SNAPSHOT = snapshots.Snapshot.of(KNOWLEDGE)


@settings(
    max_examples=150, derandomize=True, database=None, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(answers(KB))
def test_both_texts_are_what_serialising_writes_and_the_outcome_gives_back_the_result(raw: dict) -> None:
    assessment = assess(KNOWLEDGE, raw)
    result, outcome = SNAPSHOT.encode(assessment)
    assert result == dump_json(result_body(assessment, KB))  # byte for byte, as sent to the client
    stored = json.loads(outcome)  # as the JSON column hands it back
    assert outcome == dump_json(stored)
    assert snapshots.expand(stored, SNAPSHOT.texts) == result_body(assessment, KB)


def test_warning_signs_and_non_ascii_text_survive() -> None:
    """Fired warning signs, non-ASCII text in them ("Guillain-Barré") included, go out as the plain
    serialiser writes them, and are stored with the outcome."""
    assessment = assess(
        KNOWLEDGE,
        {"breathing_difficulty": True, "weakness_rapid": True, "numbness_tingling": True, "locations": ["calf"]},
    )
    result, outcome = SNAPSHOT.encode(assessment)
    assert len(assessment.red_flags) >= 2 and "Barré" in result and "Barré" in outcome
    assert result == dump_json(result_body(assessment, KB))
    assert snapshots.expand(json.loads(outcome), SNAPSHOT.texts) == result_body(assessment, KB)


def test_rows_hold_no_knowledge_base_text() -> None:
    assessment = assess(KNOWLEDGE, {"locations": ["calf"], "caffeine_cups_per_day": 6})
    text = SNAPSHOT.encode(assessment)[1]
    assert KB.disclaimer not in text
    assert not any(c.self_care[0] in text or c.name in text for c in KB.causes)
    assert len(text) < len(dump_json(result_body(assessment, KB))) / 5


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
                connection, kb_version=KB.version, answers={}, result=SNAPSHOT.outcome(assessment)
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
            assert again.result == result_body(assessment, KB)
            assert connection.scalar(select(assessment_table.c.result))["snapshot"] == SNAPSHOT.digest
            assert len(connection.scalars(select(snapshot_table.c.digest)).all()) == 2
    finally:
        engine.dispose()


def _near_ties() -> st.SearchStrategy[float]:
    """Floats a few steps from halfway between two four-place numbers, where rounding is hardest."""
    return st.builds(lambda k, steps: _step((k + 0.5) / 10000, steps), st.integers(0, 9999), st.integers(-3, 3))


def _step(value: float, steps: int) -> float:
    for _ in range(abs(steps)):
        value = math.nextafter(value, math.inf if steps > 0 else -math.inf)
    return value


_KNOWN: dict[int, str] = {}  # shared across examples, as a snapshot's is across assessments


@given(st.floats(min_value=0, max_value=1) | _near_ties())
def test_probabilities_are_written_as_rounding_to_four_places_writes_them(probability: float) -> None:
    assert snapshots._four_places(probability, _KNOWN) == repr(round(probability, 4))
    assert snapshots._four_places_exactly(probability) == repr(round(probability, 4))
