"""Read `data/causes.yaml`, check it, and report every problem at once.

A clinician editing the file should see all mistakes in one run, each with the file, line and
the id of the entry it sits in, so the loader never stops at the first error: it parses with
PyYAML's C parser (libyaml) into a node tree, which keeps every line number, validates each
entry on its own with the pydantic model, then checks what the model alone cannot (ids that
must exist, values a question offers, and the questions the code itself names: `app.core.knowledge.required`).

Loading does no I/O beyond reading the one file: no cache on disk. libyaml parses the file in a
few tens of milliseconds (ruamel.yaml's pure-Python round-trip parser took about two seconds);
within one process an unchanged text is checked once (`_checked`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import TypeAdapter, ValidationError
from yaml.nodes import MappingNode, Node, SequenceNode

from app.core.knowledge.conditions import check
from app.core.knowledge.model import (
    URGENCY_LEVELS,
    Cause,
    Check,
    Condition,
    KnowledgeBase,
    Question,
    QuestionGroup,
    RedFlag,
    Section,
    UrgencyAdvice,
)
from app.core.knowledge.required import REQUIRED_QUESTIONS


class YamlLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """PyYAML's safe loader on libyaml's C parser (in every binary wheel), reading booleans as
    YAML 1.2 does: only true/false. YAML 1.1 also reads yes/no/on/off as booleans, which would
    turn an answer value such as `no` into False."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


YamlLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def read_yaml(text: str) -> Any:
    """Plain data from YAML text, read as `YamlLoader` reads the knowledge base (for the project's
    other data files, whose models report their own problems)."""
    return yaml.load(text, Loader=YamlLoader)


DEFAULT_PATH = Path(__file__).resolve().parents[3] / "data" / "causes.yaml"

_LISTS: dict[str, type] = {
    "sections": Section,
    "questions": Question,
    "question_groups": QuestionGroup,
    "red_flags": RedFlag,
    "causes": Cause,
    "checks": Check,
}


@dataclass(frozen=True)
class Problem:
    file: str
    line: int  # 1-based; 0 when unknown
    column: int
    where: str  # e.g. "causes[3] (stress_anxiety).evidence[2].lr"
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.where}: {self.message}"


class KnowledgeBaseError(Exception):
    """The knowledge base cannot be used; `problems` lists every reason."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        listing = "\n".join(f"  {p}" for p in self.problems)
        super().__init__(f"the knowledge base has {len(self.problems)} problem(s):\n{listing}")


def load(path: str | Path = DEFAULT_PATH) -> KnowledgeBase:
    """Load and fully check the knowledge base, or raise `KnowledgeBaseError` listing every problem."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise KnowledgeBaseError([Problem(str(path), 0, 0, "file", f"cannot read: {exc.strerror}")]) from exc
    except UnicodeDecodeError as exc:
        raise KnowledgeBaseError([Problem(str(path), 0, 0, "file", f"not UTF-8: {exc.reason}")]) from exc
    return _checked(text, str(path))


@lru_cache(maxsize=4)
def _checked(text: str, filename: str) -> KnowledgeBase:
    """`parse`, remembered in this process by the file's whole text: a process that builds several
    apps from one file (the test suite builds hundreds) checks it once, and an edited file is always
    checked again. The knowledge base is an immutable model, so sharing one is safe, and lru_cache
    is thread-safe. A failed check raises and is not remembered."""
    return parse(text, filename)


def parse(text: str, filename: str = "<string>") -> KnowledgeBase:
    try:
        root = yaml.compose(text, Loader=YamlLoader)  # nodes keep their line numbers
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        raise KnowledgeBaseError([Problem(filename, line, col, "yaml", f"{exc.problem or exc.context}")]) from exc
    if not isinstance(root, MappingNode):
        raise KnowledgeBaseError([Problem(filename, 1, 1, "file", "expected a mapping at the top level")])
    problems = list(_duplicate_keys(root, filename))  # the data below keeps the last of duplicates
    data = YamlLoader("").construct_document(root)

    locate = _Locator(root, data, filename)
    validated: dict[str, Any] = {}
    entries: dict[str, list[tuple[int, Any]]] = {}  # list key -> (index in the file, valid item)
    rejected: dict[str, list[tuple[int, Any]]] = {}  # list key -> (index in the file, raw item that failed)
    for key in data:
        if key not in KnowledgeBase.model_fields:
            problems.append(locate.problem((key,), f"unknown key '{key}'"))
    for key in KnowledgeBase.model_fields:
        if key not in data:
            problems.append(Problem(filename, 1, 1, key, f"missing required key '{key}'"))
            continue
        item_type = _LISTS.get(key)
        if item_type is None:
            annotation: Any = KnowledgeBase.model_fields[key].annotation
            validated[key] = _validate(TypeAdapter(annotation), data[key], (key,), locate, problems)
            continue
        if not isinstance(data[key], list) or not data[key]:
            problems.append(locate.problem((key,), "expected a non-empty list"))
            continue
        adapter: TypeAdapter[Any] = TypeAdapter(item_type)
        items = [(i, _validate(adapter, item, (key, i), locate, problems)) for i, item in enumerate(data[key])]
        entries[key] = [(i, item) for i, item in items if item is not None]
        rejected[key] = [(i, data[key][i]) for i, item in items if item is None]
        validated[key] = [item for _, item in entries[key]]

    if all(key in validated for key in _LISTS) and isinstance(validated.get("urgency"), dict):
        broken = _ids(data.get("questions")) - {q.id for q in validated["questions"]}
        problems.extend(_semantic_problems(validated, entries, broken, locate))
        problems.extend(_conditions_in_rejected(rejected, validated["questions"], broken, locate))
        problems.extend(_required_problems(entries["questions"], broken, locate))
    if problems:
        raise KnowledgeBaseError(problems)
    return KnowledgeBase.model_validate(validated)


def _validate(
    adapter: TypeAdapter[Any],
    raw: Any,
    loc: tuple[Any, ...],
    locate: _Locator,
    problems: list[Problem],
) -> Any:
    try:
        return adapter.validate_python(raw)
    except ValidationError as exc:
        for error in exc.errors():
            where = loc + tuple(part for part in error["loc"] if not _is_union_tag(part))
            problems.append(locate.problem(where, error["msg"]))
        return None


def _is_union_tag(part: object) -> bool:
    return isinstance(part, str) and ("[" in part or part in ("bool", "str", "function-after"))


def _ids(items: Any) -> set[str]:
    return {item["id"] for item in items or [] if isinstance(item, dict) and isinstance(item.get("id"), str)}


def _semantic_problems(
    kb: dict[str, Any], entries: dict[str, list[tuple[int, Any]]], broken: set[str], locate: _Locator
) -> Iterator[Problem]:
    """Cross-entry checks; `broken` questions already have a reported problem and are not re-flagged."""
    for key in _LISTS:
        seen: dict[str, int] = {}
        for i, item in entries[key]:
            if item.id in seen:
                yield locate.problem(
                    (key, i, "id"),
                    f"duplicate id '{item.id}' (first at {key}[{seen[item.id]}])",
                )
            seen.setdefault(item.id, i)
    questions = {q.id: q for q in kb["questions"]}
    sections = {s.id for s in kb["sections"]}
    urgency: dict[str, UrgencyAdvice] = kb["urgency"]
    for level in URGENCY_LEVELS:
        if level not in urgency:
            yield locate.problem(("urgency",), f"missing advice for urgency level '{level}'")
    for i, q in entries["questions"]:
        if q.section not in sections:
            yield locate.problem(("questions", i, "section"), f"unknown section '{q.section}'")
        for value in q.exclusive or []:
            if value not in q.values:
                yield locate.problem(
                    ("questions", i, "exclusive"),
                    f"'{value}' is not an option of '{q.id}'",
                )
        if q.ask_if is not None:
            yield from _condition_problems(q.ask_if, questions, broken, ("questions", i, "ask_if"), locate)
    yield from _group_problems(kb, entries["question_groups"], questions, broken, locate)
    for i, flag in entries["red_flags"]:
        yield from _condition_problems(flag.when, questions, broken, ("red_flags", i, "when"), locate)
    checks = {c.id for c in kb["checks"]}
    for key, where in (("reassurance", "hidden_when"), ("worry_help", "when")):
        block = kb.get(key)
        if block is not None:
            yield from _condition_problems(getattr(block, where), questions, broken, (key, where), locate)
    for i, cause in entries["causes"]:
        for j, check_id in enumerate(cause.checks):
            if check_id not in checks:
                yield locate.problem(("causes", i, "checks", j), f"unknown check '{check_id}'")
        for j, evidence in enumerate(cause.evidence):
            yield from _condition_problems(
                evidence.when,
                questions,
                broken,
                ("causes", i, "evidence", j, "when"),
                locate,
            )
            if evidence.group is not None and evidence.group not in cause.caps:
                yield locate.problem(
                    ("causes", i, "evidence", j, "group"),
                    f"group '{evidence.group}' has no entry in this cause's 'caps'",
                )


def _required_problems(questions: list[tuple[int, Question]], broken: set[str], locate: _Locator) -> Iterator[Problem]:
    """The questions and options the code names (`REQUIRED_QUESTIONS`) must exist, with that type."""
    by_id = {q.id: (i, q) for i, q in questions}
    for qid, required in REQUIRED_QUESTIONS.items():
        if qid in broken:
            continue  # already reported
        if qid not in by_id:
            yield locate.problem(("questions",), f"missing question '{qid}': {required.used_by} relies on it")
            continue
        i, q = by_id[qid]
        if q.type != required.type:
            yield locate.problem(
                ("questions", i, "type"), f"'{qid}' must be a {required.type} question: {required.used_by} relies on it"
            )
        for value in sorted(required.options - set(q.values)):
            yield locate.problem(
                ("questions", i, "options"), f"'{qid}' has no option '{value}': {required.used_by} relies on it"
            )


def _group_problems(
    kb: dict[str, Any],
    groups: list[tuple[int, Any]],
    questions: dict[str, Question],
    broken: set[str],
    locate: _Locator,
) -> Iterator[Problem]:
    """The interview's question groups: known questions, each in at most one group, every
    warning-sign question (the first section's) in exactly one, and no group mixing warning signs
    with other questions (the warning signs are asked first, in full)."""
    screen = [q.id for q in kb["questions"] if kb["sections"] and q.section == kb["sections"][0].id]
    owner: dict[str, str] = {}
    for i, group in groups:
        if group.id in questions:
            yield locate.problem(("question_groups", i, "id"), f"'{group.id}' is already a question id")
        for j, qid in enumerate(group.questions):
            where = ("question_groups", i, "questions", j)
            if qid not in questions:
                if qid not in broken:
                    yield locate.problem(where, f"unknown question '{qid}'")
                continue
            if qid in owner:
                yield locate.problem(where, f"'{qid}' is already in group '{owner[qid]}': a question is in one group")
                continue
            owner[qid] = group.id
        if len({qid in screen for qid in group.questions if qid in questions}) > 1:
            yield locate.problem(
                ("question_groups", i, "questions"), "a group mixes warning-sign questions with other questions"
            )
        if group.ask_when is not None:
            yield from _condition_problems(
                group.ask_when, questions, broken, ("question_groups", i, "ask_when"), locate
            )
    for qid in screen:
        if qid not in owner:
            yield locate.problem(("question_groups",), f"warning-sign question '{qid}' is in no group")


def _conditions_in_rejected(
    rejected: dict[str, list[tuple[int, Any]]], questions: list[Question], broken: set[str], locate: _Locator
) -> Iterator[Problem]:
    """Check the conditions inside entries that failed validation, so their mistakes show in the same run."""
    by_id = {q.id: q for q in questions}
    adapter = TypeAdapter(Condition)
    for key, items in rejected.items():
        for i, raw in items:
            for loc, raw_condition in _raw_conditions(raw, (key, i)):
                try:
                    condition = adapter.validate_python(raw_condition)
                except ValidationError:
                    continue  # already reported with the entry
                yield from _condition_problems(condition, by_id, broken, loc, locate)


def _raw_conditions(raw: Any, loc: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], Any]]:
    if isinstance(raw, dict):
        for key, value in raw.items():
            if key in ("when", "ask_if", "ask_when"):
                yield (*loc, key), value
            else:
                yield from _raw_conditions(value, (*loc, key))
    elif isinstance(raw, list):
        for i, value in enumerate(raw):
            yield from _raw_conditions(value, (*loc, i))


def _condition_problems(
    condition: Condition,
    questions: dict[str, Question],
    broken: set[str],
    loc: tuple[Any, ...],
    locate: _Locator,
) -> Iterator[Problem]:
    for message in check(condition, questions, skip=broken):
        yield locate.problem(loc, message)


def _duplicate_keys(node: Node, filename: str) -> Iterator[Problem]:
    if isinstance(node, MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in seen:
                mark = key_node.start_mark
                yield Problem(
                    filename,
                    mark.line + 1,
                    mark.column + 1,
                    "yaml",
                    f"duplicate key '{key}'",
                )
            seen.add(key)
            yield from _duplicate_keys(value_node, filename)
    elif isinstance(node, SequenceNode):
        for item in node.value:
            yield from _duplicate_keys(item, filename)


class _Locator:
    """Map a path like ('causes', 3, 'evidence', 2, 'lr') to a line and a readable place, walking
    the node tree (for lines) beside the data (for each entry's id)."""

    def __init__(self, root: MappingNode, data: dict[str, Any], filename: str) -> None:
        self.root = root
        self.data = data
        self.filename = filename

    def problem(self, loc: tuple[Any, ...], message: str) -> Problem:
        line, column, where = self._find(loc)
        return Problem(self.filename, line, column, where, message)

    def _find(self, loc: tuple[Any, ...]) -> tuple[int, int, str]:
        node: Node | None = self.root
        value: Any = self.data
        line, column = 1, 1
        where = ""
        for part in loc:
            node, mark_node = _child(node, part)
            if mark_node is not None:
                line, column = mark_node.start_mark.line + 1, mark_node.start_mark.column + 1
            value = _item(value, part)
            if isinstance(part, int):
                where += f"[{part}]"
                if isinstance(value, dict) and isinstance(value.get("id"), str):
                    where += f" ({value['id']})"
            else:
                where += f".{part}" if where else str(part)
            if node is None:
                break
        return line, column, where or "file"


def _child(node: Node | None, part: object) -> tuple[Node | None, Node | None]:
    """The child node at `part`, and the node whose position names it (a mapping's key, a list's item)."""
    if isinstance(node, MappingNode):
        for key_node, value_node in reversed(node.value):  # the last of duplicate keys, as the data holds
            if key_node.value == part:
                return value_node, key_node
    elif isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        return node.value[part], node.value[part]
    return None, None


def _item(value: Any, part: object) -> Any:
    if isinstance(value, dict):
        return value.get(part)
    if isinstance(value, list) and isinstance(part, int) and 0 <= part < len(value):
        return value[part]
    return None
