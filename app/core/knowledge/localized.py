"""The knowledge base as one language and region read it.

`data/causes.yaml` holds the logic and the English; `data/causes.<language>.yaml` beside it holds
each other language's texts (`translations`), and `data/regions.yaml` the words each region puts in
for the services the texts name (`regions`). `load_localized` checks the base as `loader.load`
does, overlays the language's texts, fills in the region's words and validates the result with
the same model: its logic is the base's, only the texts differ.

`language_problems` is what `twitchcheck validate` and the tests report for a language file: a
missing, extra or stale text, or a broken placeholder.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from app.core.knowledge import translations
from app.core.knowledge.loader import DEFAULT_PATH, KnowledgeBaseError, Problem, load, read_yaml
from app.core.knowledge.model import KnowledgeBase
from app.core.knowledge.regions import RegionWords

SOURCE_LANGUAGE = "en"


def language_file(base: Path, language: str) -> Path:
    """`data/causes.es.yaml` for `data/causes.yaml` and Spanish."""
    return base.with_name(f"{base.stem}.{language}{base.suffix}")


def languages_of(base: Path = DEFAULT_PATH) -> list[str]:
    """The source language and every language with a file beside `base`."""
    found = sorted(p.name.split(".")[-2] for p in base.parent.glob(f"{base.stem}.*{base.suffix}"))
    return [SOURCE_LANGUAGE, *found]


def read_texts(
    base: Path, language: str, fields: frozenset[str] = translations.TEXT_FIELDS
) -> tuple[dict[str, str], dict[str, Any]]:
    """The base file's texts (key -> English) and the language file's entries (key -> {en, <language>})."""
    english = dict(translations.texts_of(read_data(base), fields=fields))
    path = language_file(base, language)
    entries = read_data(path) if path.is_file() else {}
    return english, entries if isinstance(entries, dict) else {}


def read_data(path: Path) -> Any:
    """A data file's content, parsed once per text (start-up reads the base and each language file
    for several purposes). Shared: callers only read it (`translations.translated` copies)."""
    return _parsed(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=16)
def _parsed(text: str) -> Any:
    return read_yaml(text)


def language_problems(
    base: Path,
    language: str,
    fields: frozenset[str] = translations.TEXT_FIELDS,
    known: frozenset[str] = translations.PLACEHOLDERS,
) -> list[str]:
    """Each problem of the language file beside `base`, naming the file (as `validate` prints it)."""
    path = language_file(base, language)
    return [f"{path}: {problem}" for problem in _file_problems(base, language, fields, known)]


def _file_problems(base: Path, language: str, fields: frozenset[str], known: frozenset[str]) -> list[str]:
    """Each problem of the language file beside `base`, without the file's name (the caller names it)."""
    if not language_file(base, language).is_file():
        return ["missing"]
    english, entries = read_texts(base, language, fields)
    return list(translations.problems(english, entries, language, known))


def localized_data(
    data: Any,
    entries: Mapping[str, Any],
    language: str,
    words: RegionWords,
    fields: frozenset[str] = translations.TEXT_FIELDS,
) -> Any:
    """`data` with the language's texts and the region's words in (plain data, for any model)."""
    texts = dict(translations.texts_of(data, fields=fields))
    texts |= {key: entry[language] for key, entry in entries.items() if isinstance(entry, dict) and language in entry}
    filled = {key: translations.fill_text(text, words.placeholders()) for key, text in texts.items()}
    return translations.translated(data, filled, fields)


@cache
def load_localized(language: str, words: RegionWords, path: Path = DEFAULT_PATH) -> KnowledgeBase:
    """The knowledge base in `language` with the region's `words`; raises `KnowledgeBaseError` when
    the base or the language file has a problem (a language that would show English or a broken
    placeholder is refused, not shown half-translated)."""
    load(path)  # the base, fully checked
    entries: dict[str, Any] = {}
    if language != SOURCE_LANGUAGE:
        problems = _file_problems(path, language, translations.TEXT_FIELDS, translations.PLACEHOLDERS)
        if problems:
            file = str(language_file(path, language))
            raise KnowledgeBaseError([Problem(file, 0, 0, language, p) for p in problems])
        _, entries = read_texts(path, language)
    return KnowledgeBase.model_validate(localized_data(read_data(path), entries, language, words))
