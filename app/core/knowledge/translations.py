"""The knowledge base's texts in other languages, and the region's service names in every text.

`data/causes.yaml` is the one source of truth for the logic (ids, conditions, ratios, priors) and
holds the English texts. Each other language has a file beside it, `data/causes.<language>.yaml`, that maps
a text's key (its place in the knowledge base, e.g. `causes.caffeine.self_care.0`) to the English
it translates and the translation:

    causes.caffeine.name:
      en: Caffeine
      es: Cafeína

Keeping the English beside the translation lets `problems` notice a text whose English changed
after it was translated (or an evidence line that moved), so a stale translation is refused
rather than shown. Sources, codes and their display names are citations and are not translated.

Texts may hold the region's placeholders (`{emergency}`, `{doctor}`...): a person in Mexico reads
911 and "su médico familiar" where a person in the UK reads 999 and "your GP". `fill_text` puts the
region's words in (`localized.localized_data`, for every language) when the knowledge base for
a (language, region) is built.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator, Mapping
from typing import Any

#: Keys whose string values (or lists of strings) a person reads.
TEXT_FIELDS = frozenset(
    {
        "disclaimer",
        "title",
        "intro",
        "advice",
        "text",
        "help",
        "label",
        "unit",
        "name",
        "summary",
        "self_care",
        "see_a_doctor_if",
        "what",
        "watch_for_title",
        "watch_for",
        "if_they_appear",
    }
)

#: Subtrees that are logic or citations, never translated.
SKIPPED = frozenset(
    {"version", "source", "sources", "prior_source", "links", "snomed", "loinc"}
    | {"when", "hidden_when", "ask_if", "ask_when"}
)

#: The placeholders a text may hold; each region gives its words for them in every language.
PLACEHOLDERS = frozenset({"emergency", "emergency_department", "urgent_help", "doctor"})

#: The function check's texts (data/function_check.yaml) and the placeholders the app fills in them.
FUNCTION_CHECK_FIELDS = frozenset({"title", "intro", "comparison", "label", "question", "short", "paragraphs", "text"})
FUNCTION_CHECK_PLACEHOLDERS = PLACEHOLDERS | {"next_date", "weeks", "items", "date"}

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def texts_of(data: Any, fields: frozenset[str] = TEXT_FIELDS) -> Iterator[tuple[str, str]]:
    """Every text a person reads in knowledge-base data (as read from YAML), with its key.

    A list item is named by its `id` (or `value` for an option), so that adding a cause does not
    rename the keys of the others; items without either (evidence lines, self-care tips) by their
    position. `fields` names the keys that hold text (the knowledge base's by default).
    """
    for container, slot, key in _places(data, "", fields):
        yield key, container[slot]


def translated(data: Any, translations: Mapping[str, str], fields: frozenset[str] = TEXT_FIELDS) -> Any:
    """A deep copy of `data` with every text whose key `translations` holds replaced by it."""
    result = copy.deepcopy(data)
    for container, slot, key in _places(result, "", fields):
        if key in translations:
            container[slot] = translations[key]  # replaces a value: the walk goes on undisturbed
    return result


def _places(data: Any, prefix: str, fields: frozenset[str]) -> Iterator[tuple[Any, Any, str]]:
    """Where each text sits: (the dict or list holding it, its key or index there, its text key)."""
    if isinstance(data, dict):
        for name, value in data.items():
            if name in SKIPPED:
                continue
            path = f"{prefix}.{name}" if prefix else str(name)
            if name in fields and isinstance(value, str):
                yield data, name, path
            elif name in fields and isinstance(value, list) and all(isinstance(v, str) for v in value):
                yield from ((value, i, f"{path}.{i}") for i in range(len(value)))
            else:
                yield from _places(value, path, fields)
    elif isinstance(data, list):
        for i, item in enumerate(data):
            yield from _places(item, f"{prefix}.{_name(item, i)}", fields)


def _name(item: Any, index: int) -> str:
    if isinstance(item, dict):
        for key in ("id", "value"):
            if isinstance(item.get(key), str):
                return str(item[key])
    return str(index)


def placeholders(text: str) -> set[str]:
    return set(_PLACEHOLDER.findall(text))


def fill_text(text: str, words: Mapping[str, str]) -> str:
    """One text with the region's words in; a placeholder they do not name stays for the app."""
    return _PLACEHOLDER.sub(lambda m: words.get(m.group(1), m.group(0)), text)


def problems(
    base: Mapping[str, str], entries: Mapping[str, Any], language: str, known: frozenset[str] = PLACEHOLDERS
) -> Iterator[str]:
    """What is wrong with a language file's `entries` against the base texts (key -> English).

    A text the base has and the file lacks, a key the base does not have, an entry whose English
    no longer matches the base (translated from an older text), an empty translation, a
    translation whose placeholders differ from the English, and one English text translated two
    ways (a stored result refers to a reason by its English, so each must have one translation;
    it also keeps the wording consistent for the reader).
    """
    first: dict[str, tuple[str, str]] = {}  # English -> (key, translation) of its first entry
    for key in base.keys() - entries.keys():
        yield f"{key}: missing (English: {base[key]!r})"
    for key in sorted(entries.keys() - base.keys()):
        yield f"{key}: the knowledge base has no such text"
    for key in sorted(entries.keys() & base.keys()):
        entry = entries[key]
        if not isinstance(entry, dict) or set(entry) != {"en", language}:
            yield f"{key}: expected the two keys 'en' and '{language}'"
            continue
        english, text = entry["en"], entry[language]
        if english != base[key]:
            yield f"{key}: the English changed since it was translated (now {base[key]!r})"
        if not isinstance(text, str) or not text.strip():
            yield f"{key}: empty translation"
        elif placeholders(text) != placeholders(base[key]):
            theirs, ours = sorted(placeholders(text)), sorted(placeholders(base[key]))
            yield f"{key}: placeholders {theirs} differ from the English {ours}"
        seen_key, seen_text = first.setdefault(english, (key, text))
        if seen_text != text:
            yield f"{key}: the same English is translated differently at {seen_key}"
    for key, english in base.items():
        unknown = placeholders(english) - known
        if unknown:
            yield f"{key}: unknown placeholder(s) {sorted(unknown)} (known: {sorted(known)})"
