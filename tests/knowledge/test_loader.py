"""The loader reports every problem at once, each with file, line and id, and rejects bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main as cli
from app.core.knowledge.loader import DEFAULT_PATH, KnowledgeBaseError, load, parse

SOURCE = "sources: [{title: A trusted source, url: 'https://example.org/a'}]"

# the questions the code names (app.core.knowledge.required), with the options it relies on
REQUIRED = """\
  - {id: locations, type: multi, section: t, text: T, help: H, options: [{value: calf, label: Calf}]}
  - id: duration
    type: single
    section: t
    text: T
    help: H
    options: [{value: hours, label: H}, {value: days, label: D}, {value: weeks, label: W}, {value: months, label: M}]
  - id: frequency
    type: single
    section: t
    text: T
    help: H
    options: [{value: occasional, label: O}, {value: daily, label: D}]
  - {id: spreading, type: boolean, section: t, text: T, help: H}
"""

MINIMAL = f"""\
version: '1'
disclaimer: Educational only.
urgency:
  emergency: {{title: Now, advice: Call}}
  urgent: {{title: Today, advice: Doctor today}}
  see_doctor: {{title: Soon, advice: Book}}
  self_care: {{title: Home, advice: Rest}}
sections: [{{id: s, title: S}}, {{id: t, title: Twitch}}]
questions:
  - {{id: q_bool, type: boolean, section: s, text: T, help: H}}
{REQUIRED}  - id: q_single
    type: single
    section: s
    text: T
    help: H
    options: [{{value: a, label: A}}, {{value: b, label: B}}]
question_groups: [{{id: g, title: G, questions: [q_bool, q_single]}}]
red_flags:
  - {{id: f, title: F, urgency: urgent, when: {{question: q_bool, is: true}}, advice: A, {SOURCE}}}
causes:
  - id: c
    name: C
    category: lifestyle
    summary: S
    prior: 10
    evidence: [{{when: {{question: q_single, is: a}}, lr: 4, text: T}}]
    self_care: [Rest]
    see_a_doctor_if: [Worse]
    checks: [exam]
    icd10: R25.3
    {SOURCE}
checks: [{{id: exam, name: An examination, what: A doctor looks.}}]
reassurance:
  title: What it means
  hidden_when: {{question: q_bool, is: true}}
  max_urgency: see_doctor
  facts: [{{text: Common., {SOURCE.replace("sources: [", "source: ").rstrip("]")}}}]
  watch_for_title: Watch for
  watch_for: [Weakness]
  if_they_appear: See a doctor.
worry_help:
  when: {{question: q_single, is: b}}
  title: Worry
  text: Help exists.
  links: [{{title: NHS, url: "https://www.nhs.uk/"}}]
"""


def problems_of(text: str) -> list[str]:
    with pytest.raises(KnowledgeBaseError) as info:
        parse(text, "kb.yaml")
    return [str(p) for p in info.value.problems]


def test_minimal_file_loads() -> None:
    kb = parse(MINIMAL)
    assert kb.question("q_single").values == ["a", "b"]
    assert kb.cause("c").evidence[0].lr == 4


def test_every_problem_is_reported_at_once_with_line_and_id() -> None:
    broken = (
        MINIMAL.replace("lr: 4", "lr: 0")
        .replace("{question: q_single, is: a}", "{question: nope, is: a}")
        .replace("prior: 10", "prior: 10\n    colour: red")
        .replace(SOURCE, "sources: []", 1)
    )
    found = problems_of(broken)
    text = "\n".join(found)
    assert len(found) == 4, text
    assert "causes[0] (c).evidence[0].lr" in text and "greater than 0" in text
    assert "causes[0] (c).colour: Extra inputs are not permitted" in text
    assert "red_flags[0] (f).sources" in text
    assert "kb.yaml:" in text
    # the unknown question is reported too, in the same run, at its line
    assert "unknown question 'nope'" in text
    line_of_nope = next(i for i, ln in enumerate(broken.splitlines(), 1) if "nope" in ln)
    assert any(f"kb.yaml:{line_of_nope}:" in p and "nope" in p for p in found)


def test_value_outside_options_and_wrong_operator() -> None:
    both = "{all: [{question: q_single, is: z}, {question: q_bool, gte: 3}]}"
    found = problems_of(MINIMAL.replace("{question: q_single, is: a}", both))
    assert any("'z' is not an option of 'q_single'" in p for p in found)
    assert any("operator 'gte' does not apply to boolean question 'q_bool'" in p for p in found)


def test_duplicate_ids_and_duplicate_keys() -> None:
    dup_id = MINIMAL.replace("id: q_single", "id: q_bool")
    assert any("duplicate id 'q_bool'" in p for p in problems_of(dup_id))
    dup_key = MINIMAL.replace("    prior: 10\n", "    prior: 10\n    prior: 20\n")
    found = problems_of(dup_key)
    line = next(i for i, ln in enumerate(dup_key.splitlines(), 1) if "prior: 20" in ln)
    assert f"kb.yaml:{line}:5: yaml: duplicate key 'prior'" in found


def test_question_groups_cover_each_warning_sign_once() -> None:
    """Every warning-sign question (the first section's) is in exactly one interview group."""
    missing = problems_of(MINIMAL.replace("questions: [q_bool, q_single]}]", "questions: [q_single]}]"))
    assert any("warning-sign question 'q_bool' is in no group" in p for p in missing), missing
    twice = MINIMAL.replace(
        "questions: [q_bool, q_single]}]", "questions: [q_bool, q_single]}, {id: h, title: H, questions: [q_bool]}]"
    )
    assert any("'q_bool' is already in group 'g'" in p for p in problems_of(twice))
    unknown = problems_of(MINIMAL.replace("questions: [q_bool, q_single]}]", "questions: [q_bool, q_single, nope]}]"))
    assert any("unknown question 'nope'" in p and "question_groups[0] (g)" in p for p in unknown), unknown
    gated = MINIMAL.replace("title: G,", "title: G, ask_when: {question: q_bool, is: maybe},")
    assert any("question_groups[0] (g).ask_when" in p for p in problems_of(gated))
    assert any(
        "missing required key 'question_groups'" in p for p in problems_of(MINIMAL.replace("question_groups:", "#"))
    )


def test_cause_without_source_is_rejected() -> None:
    no_source = MINIMAL.rsplit(SOURCE, 1)[0] + "sources: []\n"
    assert any("causes[0] (c).sources" in p for p in problems_of(no_source))


def test_condition_needs_exactly_one_operator() -> None:
    found = problems_of(MINIMAL.replace("{question: q_single, is: a}", "{question: q_single, is: a, in: [b]}"))
    assert any("exactly one operator" in p for p in found)


def test_unreadable_and_malformed_files(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeBaseError, match="cannot read"):
        load(tmp_path / "missing.yaml")
    assert any("yaml" in p for p in problems_of("questions: [unclosed"))


def test_validate_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(["validate", str(DEFAULT_PATH)]) == 0
    assert capsys.readouterr().out.strip() == "ok"
    bad = tmp_path / "bad.yaml"
    bad.write_text(MINIMAL.replace("lr: 4", "lr: -1"), encoding="utf-8")
    assert cli(["validate", str(bad)]) == 1
    assert "evidence[0].lr" in capsys.readouterr().out


def test_app_refuses_to_start_on_a_broken_knowledge_base(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from app.main import create_app
    from app.settings import Settings

    bad = tmp_path / "bad.yaml"
    bad.write_text(MINIMAL.replace("lr: 4", "lr: 0"), encoding="utf-8")
    app = create_app(Settings(kb_path=bad, database_url=f"sqlite:///{tmp_path / 'db.sqlite3'}"))
    with pytest.raises(KnowledgeBaseError, match="lr"), TestClient(app):
        pass


def test_loading_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The core does no I/O beyond reading the file: no cache in the temp folder or anywhere."""
    import tempfile

    source = tmp_path / "kb" / "kb.yaml"
    source.parent.mkdir()
    source.write_text(MINIMAL, encoding="utf-8")
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    assert load(source) == load(source)
    assert list(scratch.iterdir()) == []
    assert list(source.parent.iterdir()) == [source]


def _shipped_with(tmp_path: Path, old: str, new: str) -> Path:
    """A copy of the shipped knowledge base with every whole-word `old` replaced by `new`."""
    import re

    text = DEFAULT_PATH.read_text(encoding="utf-8")
    changed = re.sub(rf"\b{re.escape(old)}\b", new, text)
    assert changed != text
    copy = tmp_path / "causes.yaml"
    copy.write_text(changed, encoding="utf-8")
    return copy


def test_a_renamed_question_the_code_relies_on_is_refused_at_load(tmp_path: Path) -> None:
    """Renamed everywhere in the file (so every condition still agrees), `duration` is still gone for
    the diary's prefill: the loader says so instead of the app failing later on /diary."""
    with pytest.raises(KnowledgeBaseError) as info:
        load(_shipped_with(tmp_path, "duration", "twitch_duration"))
    messages = [p.message for p in info.value.problems]
    assert messages == ["missing question 'duration': app/core/diary/prefill.py relies on it"]
    assert "causes.yaml" in str(info.value)


def test_every_missing_required_question_and_option_is_reported_at_once() -> None:
    broken = (
        MINIMAL.replace("id: spreading, type: boolean", "id: spread, type: boolean")
        .replace("{value: daily, label: D}", "{value: every_day, label: D}")
        .replace("id: locations, type: multi", "id: locations, type: single")
    )
    found = problems_of(broken)
    assert len(found) == 3, found
    assert any("missing question 'spreading'" in p for p in found)
    assert any("questions[3] (frequency).options: 'frequency' has no option 'daily'" in p for p in found)
    assert any("questions[1] (locations).type: 'locations' must be a multi question" in p for p in found)


def test_yes_no_on_off_stay_words_as_in_yaml_1_2() -> None:
    """YAML 1.1 reads an unquoted `no` as False; a clinician who writes an answer value `no` means the word."""
    text = MINIMAL.replace("{value: a, label: A}, {value: b, label: B}", "{value: no, label: A}, {value: on, label: B}")
    text = text.replace("{question: q_single, is: a}", "{question: q_single, is: no}")
    text = text.replace("{question: q_single, is: b}", "{question: q_single, is: on}")
    kb = parse(text)
    assert kb.question("q_single").values == ["no", "on"]
    assert kb.cause("c").evidence[0].when.is_ == "no"
