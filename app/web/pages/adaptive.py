"""The adaptive interview as pages: the steps the Interviewer chooses, a few questions a page.

Nothing medical is decided here: which step comes next, and when to stop, come from
`app.core.engine.Interviewer`; what a step is called comes from the knowledge base's
`question_groups`. The interview's progress (`app.web.pages.progress`, a signed cookie, as for the full
questionnaire) holds `state` (every answer given so far) and `trail` (the steps shown so far, in
order, each the list of its question ids); the form carries only the position of its step on the
trail (`at`).

The interview sees only the trail: a question on the trail without an answer was left
unanswered ("don't know") and is not asked again; an answer to a question off the trail (kept
after Back) only pre-fills that question if the interview asks it again, and is not stored with
the result.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from app.core.engine import CompiledKnowledge, Interviewer, NextStep
from app.core.knowledge.model import Question
from app.web.pages.questionnaire import must_answer

#: How many steps after the warning signs most interviews show: `twitchcheck evaluate --interview`
#: on the vignettes and the real published presentations (README, "The guided interview").
TYPICAL = (4, 5)

#: The trail's legacy token (pages rendered before version 2): the warning signs as one step.
SCREEN = "screen"

Trail = list[list[str]]


def load_trail(raw: str | None, knowledge: CompiledKnowledge) -> Trail:
    """The steps shown so far; anything unusable is dropped (an empty trail starts again)."""
    try:
        data = json.loads(raw or "[]")
    except ValueError:
        data = []
    kb = knowledge.kb
    screen = [q.id for q in kb.questions if q.section == kb.sections[0].id]
    seen: set[str] = set()
    trail: Trail = []
    for item in data if isinstance(data, list) else []:
        ids = screen if item == SCREEN else [item] if isinstance(item, str) else item
        if not isinstance(ids, list):
            continue
        step = [q for q in ids if isinstance(q, str) and kb.has_question(q) and q not in seen]
        if step:
            trail.append(step)
            seen.update(step)
    return trail


def dump_trail(trail: Sequence[Sequence[str]]) -> str:
    return json.dumps([list(step) for step in trail], separators=(",", ":"))


def questions(knowledge: CompiledKnowledge, step: Sequence[str]) -> list[Question]:
    """The questions of one step of the trail."""
    return [knowledge.kb.question(qid) for qid in step]


def asked(trail: Sequence[Sequence[str]]) -> list[str]:
    """Every question id shown on the trail, in order."""
    return [qid for step in trail for qid in step]


def answers(trail: Sequence[Sequence[str]], state: Mapping[str, Any]) -> dict[str, Any]:
    """The answers the interview has collected: those to questions on the trail."""
    return {qid: state[qid] for qid in asked(trail) if qid in state}


def next_step(interviewer: Interviewer, trail: Sequence[Sequence[str]], state: Mapping[str, Any]) -> NextStep:
    """What the interviewer does after the steps on `trail` (an empty trail: the first step)."""
    ids = asked(trail)
    given = {qid: state[qid] for qid in ids if qid in state}
    return interviewer.next(given, [qid for qid in ids if qid not in state])


def none_of_these(shown: Sequence[Question], fields: Mapping[str, list[str]]) -> dict[str, list[str]]:
    """The "None of these" button of a step of yes/no questions: none of them applies, so each is
    "no" unless the person ticked "yes" (a "yes" ticked before pressing it still counts). A warning
    sign starts with no choice, so a "don't know" there was chosen on purpose and is kept; other
    questions start on "Don't know", which cannot be told from a choice here, so they become "no"."""
    filled = dict(fields)
    for q in shown:
        chosen = fields.get(q.id, [])
        if q.type == "boolean" and "yes" not in chosen and (not chosen or not must_answer(q)):
            filled[q.id] = ["no"]
    return filled


def step_heading(knowledge: CompiledKnowledge, shown: Sequence[Question]) -> tuple[str, str]:
    """(title, intro) of a step: its question group's, or the section's of a question in none."""
    kb = knowledge.kb
    if not shown:
        return kb.sections[0].title, ""
    group = next((g for g in kb.question_groups if shown[0].id in g.questions), None)
    if group is not None:
        return group.title, group.intro
    section = next(s for s in kb.sections if s.id == shown[0].section)
    return section.title, ""


def progress(knowledge: CompiledKnowledge, trail: Sequence[Sequence[str]]) -> dict[str, Any]:
    """Where the person is, for the one-line hint: no percentage, since the length varies."""
    kb = knowledge.kb
    screen = {q.id for q in kb.questions if q.section == kb.sections[0].id}
    groups = [g for g in kb.question_groups if set(g.questions) <= screen]
    on_screen = [step for step in trail if set(step) <= screen]
    if set(trail[-1]) <= screen:
        return {"screen": True, "number": len(on_screen), "total": len(groups)}
    return {"screen": False, "number": len(trail) - len(on_screen), "typical": TYPICAL}
