"""The knowledge base in other languages: every text has a translation of its current English,
with the same placeholders, and the regions' words fill them so that no country's services are
named to a person elsewhere."""

from __future__ import annotations

import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from app.core.diary import function_check
from app.core.knowledge import regions, translations
from app.core.knowledge.loader import DEFAULT_PATH, KnowledgeBaseError, read_yaml
from app.core.knowledge.localized import language_file, language_problems, load_localized
from app.web.i18n import LANGUAGES

OTHER_LANGUAGES = LANGUAGES[1:]
UK_ONLY = re.compile(r"\b(NHS|GP|A&E|999|111)\b")
BASE = read_yaml(DEFAULT_PATH.read_text(encoding="utf-8"))


def words(region: str, language: str = "en") -> regions.RegionWords:
    return regions.load().by_id(region).words[language]


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_every_language_file_translates_every_text_of_today(language: str) -> None:
    assert language_problems(DEFAULT_PATH, language) == []
    fields, known = translations.FUNCTION_CHECK_FIELDS, translations.FUNCTION_CHECK_PLACEHOLDERS
    assert language_problems(function_check.DEFAULT_PATH, language, fields, known) == []


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_language_files_follow_their_json_schema(language: str) -> None:
    schema = yaml.safe_load((DEFAULT_PATH.parent / "translation.schema.json").read_text(encoding="utf-8"))
    for base in (DEFAULT_PATH, function_check.DEFAULT_PATH):
        entries = read_yaml(language_file(base, language).read_text(encoding="utf-8"))
        jsonschema.validate(
            entries, schema | {"additionalProperties": {"$ref": "#/$defs/entry", "required": ["en", language]}}
        )


def test_keys_name_list_items_by_id_so_a_new_cause_renames_nothing() -> None:
    keys = dict(translations.texts_of(BASE))
    assert keys["causes.caffeine_stimulants.name"] == next(
        c["name"] for c in BASE["causes"] if c["id"] == "caffeine_stimulants"
    )
    assert "questions.locations.options.eyelid.label" in keys
    assert not any(
        ".sources." in k or ".source." in k or k.endswith(".url") for k in keys
    )  # citations stay as published


def test_a_missing_extra_stale_or_broken_translation_is_reported() -> None:
    base = {"a": "Call {emergency} now.", "b": "Rest.", "c": "Drink water."}
    entries = {
        "a": {"en": "Call {emergency} now.", "es": "Llame ahora."},  # placeholder dropped
        "b": {"en": "Rest more.", "es": "Descanse."},  # the English changed since
        "z": {"en": "Old.", "es": "Viejo."},  # no such text any more
    }
    found = "\n".join(translations.problems(base, entries, "es"))
    assert "a: placeholders" in found and "b: the English changed" in found
    assert "c: missing" in found and "z: the knowledge base has no such text" in found


def test_an_incomplete_language_file_stops_the_app_rather_than_showing_english(tmp_path: Path) -> None:
    kb = tmp_path / "causes.yaml"
    kb.write_text(DEFAULT_PATH.read_text(encoding="utf-8"), encoding="utf-8")
    entries = read_yaml(language_file(DEFAULT_PATH, "es").read_text(encoding="utf-8"))
    entries.pop("disclaimer")
    language_file(kb, "es").write_text(yaml.safe_dump(entries, allow_unicode=True), encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match="disclaimer: missing"):
        load_localized("es", words("neutral", "es"), kb)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("region", [r.id for r in regions.load().regions])
def test_every_region_fills_every_placeholder_and_only_the_uk_names_nhs_services(language: str, region: str) -> None:
    kb = load_localized(language, words(region, language))
    texts = [text for _, text in translations.texts_of(kb.model_dump(by_alias=True))]
    assert not [t for t in texts if translations.placeholders(t) & translations.PLACEHOLDERS]
    named = [t for t in texts if UK_ONLY.search(t)]
    if region == "uk":
        assert named  # today's text: 999, NHS 111, your GP
    else:
        assert named == [], named[:3]


def test_the_uk_keeps_its_services_and_the_us_gets_911() -> None:
    uk, us = load_localized("en", words("uk")), load_localized("en", words("us"))
    assert "999" in uk.urgency["emergency"].advice and "NHS 111" in uk.urgency["urgent"].advice
    assert "911" in us.urgency["emergency"].advice and "999" not in us.urgency["emergency"].advice
    assert "GP" in uk.urgency["see_doctor"].title + uk.urgency["see_doctor"].advice
    assert "primary care doctor" in us.urgency["see_doctor"].title + us.urgency["see_doctor"].advice


def test_only_texts_change_between_languages() -> None:
    """Same ids, conditions and ratios in every language: the ranking cannot depend on the language."""
    english, spanish = load_localized("en", words("neutral")), load_localized("es", words("mx", "es"))
    assert [c.id for c in english.causes] == [c.id for c in spanish.causes]
    assert [[(e.when, e.lr) for e in c.evidence] for c in english.causes] == [
        [(e.when, e.lr) for e in c.evidence] for c in spanish.causes
    ]
    assert english.causes[0].name != spanish.causes[0].name


def test_the_app_refuses_to_start_with_an_incomplete_language(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from app.main import create_app
    from app.settings import Settings

    kb = tmp_path / "causes.yaml"
    kb.write_text(DEFAULT_PATH.read_text(encoding="utf-8"), encoding="utf-8")
    entries = read_yaml(language_file(DEFAULT_PATH, "es").read_text(encoding="utf-8"))
    entries["urgency.emergency.advice"]["es"] = "Llame ahora."  # the {emergency} placeholder lost
    language_file(kb, "es").write_text(yaml.safe_dump(entries, allow_unicode=True), encoding="utf-8")
    settings = Settings(kb_path=kb, database_url=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    with pytest.raises(KnowledgeBaseError, match=r"urgency\.emergency\.advice: placeholders"):
        with TestClient(create_app(settings)):
            pass
