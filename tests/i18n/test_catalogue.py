"""The Spanish catalogue is complete and up to date: every sentence the code and templates mark is
in it, translated, not fuzzy, with the English's placeholders and both plural forms."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

from app.settings import PROJECT_ROOT
from app.web import i18n
from tests.i18n.conftest import POT, po_path

OTHER_LANGUAGES = i18n.LANGUAGES[1:]


def ids(catalog: Catalog) -> set[tuple[str | None, object]]:
    return {(m.context, m.id) for m in catalog if m.id}


def read(path: Path, language: str | None = None) -> Catalog:
    with path.open("rb") as source:
        return read_po(source, locale=language)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    """The messages as `make messages` extracts them today (babel.cfg, the same keywords)."""
    pot = tmp_path_factory.mktemp("extract") / "messages.pot"
    CommandLineInterface().run(
        ["pybabel", "-q", "extract", "--mapping-file", str(PROJECT_ROOT / "babel.cfg"), "--output-file", str(pot),
         "--add-comments", "Translators:", str(PROJECT_ROOT)]
    )  # fmt: skip
    return read(pot)


def test_the_template_is_what_the_code_marks(extracted: Catalog) -> None:
    """Fails when a sentence was added or changed without `make messages`."""
    committed = ids(read(POT))
    assert ids(extracted) - committed == set(), "new sentences: run `make messages` and translate them"
    assert committed - ids(extracted) == set(), "sentences no longer used: run `make messages`"


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_every_language_has_every_sentence(extracted: Catalog, language: str) -> None:
    catalog = read(po_path(language), language)
    assert ids(extracted) - ids(catalog) == set(), f"untranslated: run `make messages`, then translate {language}"
    assert ids(catalog) - ids(extracted) == set(), "obsolete entries: run `make messages`"


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_every_sentence_is_translated_and_checked(language: str) -> None:
    catalog = read(po_path(language), language)
    assert not catalog.fuzzy
    assert catalog.num_plurals == 2 and catalog.plural_expr == "(n != 1)", catalog.plural_forms
    for message in catalog:
        if not message.id:
            continue
        assert not message.fuzzy, message.id
        if message.pluralizable:
            assert isinstance(message.string, tuple) and len(message.string) == 2, message.id
            assert all(s.strip() for s in message.string), message.id
        else:
            assert isinstance(message.string, str) and message.string.strip(), message.id
    problems = [(m.id, [str(e) for e in errors]) for m, errors in catalog.check()]
    assert problems == []


PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%%|\{[a-z_]+\}")


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_placeholders_and_markup_are_kept(language: str) -> None:
    """Babel's check compares the Python placeholders; this one also keeps literal %%, {name} and tags."""
    catalog = read(po_path(language), language)
    for message in catalog:
        if not message.id:
            continue
        english = message.id if isinstance(message.id, tuple) else (message.id,)
        translated = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = sorted(set(PLACEHOLDER.findall(english[-1])) | set(PLACEHOLDER.findall(english[0])))
        for text in translated:
            assert sorted(set(PLACEHOLDER.findall(text))) == wanted, (message.id, text)
            assert re.findall(r"</?[a-z]+", text) == re.findall(r"</?[a-z]+", english[0]), (message.id, text)


def test_no_uk_only_service_in_the_interface() -> None:
    """Numbers and services of one country come from the region (`region.emergency`...), never a template."""
    uk_only = re.compile(r"\bNHS\b|\bGP\b|\b999\b|\b111\b|A&E|A&amp;E|\b112\b|\b911\b")
    for template in (PROJECT_ROOT / "templates").rglob("*.html"):
        assert not uk_only.search(template.read_text(encoding="utf-8")), template
    for message in read(POT):
        for text in message.id if isinstance(message.id, tuple) else (message.id,):
            assert not uk_only.search(text), text
