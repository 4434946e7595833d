"""The adaptive interview as pages: the safety screen, then the questions the Interviewer chooses.

Nothing medical is decided here: which question comes next, why, and when to stop all come from
`app.engine.Interviewer`. The interview's progress (`app.web.progress`, a signed cookie, as for
the full questionnaire) holds `state` (every answer given so far) and `trail` (the steps shown
so far, in order: the safety screen, then one question id per step); the form carries only the
position of its step on the trail (`at`).

The interview sees only the trail: a question on the trail without an answer was skipped
("don't know") and is not asked again; an answer to a question off the trail (kept after Back)
only pre-fills that question if the interview asks it again, and is not stored with the result.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from app.engine import CompiledKnowledge, Interviewer, NextStep
from app.knowledge.model import Question
from app.web.questionnaire import Step, visible

#: How many questions after the warning signs most interviews ask (measured; see `progress`).
TYPICAL = (5, 10)

#: The trail's token for the safety screen: the full questionnaire's first step, in full.
SCREEN = "screen"


def load_trail(raw: str | None, knowledge: CompiledKnowledge) -> list[str]:
    """The steps shown so far; anything unusable is dropped, and the screen always comes first."""
    try:
        data = json.loads(raw or "[]")
    except ValueError:
        data = []
    trail = [SCREEN]
    if isinstance(data, list):
        for item in data[1:] if data[:1] == [SCREEN] else data:
            if isinstance(item, str) and knowledge.kb.has_question(item) and item not in trail:
                trail.append(item)
    return trail


def dump_trail(trail: Sequence[str]) -> str:
    return json.dumps(list(trail), separators=(",", ":"))


def questions(knowledge: CompiledKnowledge, screen: Step, item: str, state: Mapping[str, Any]) -> list[Question]:
    """The questions of one step of the trail."""
    if item == SCREEN:
        return visible(knowledge, screen, state)
    return [knowledge.kb.question(item)]


def asked(screen: Step, trail: Sequence[str]) -> list[str]:
    """Every question id shown on the trail, in order."""
    ids: list[str] = []
    for item in trail:
        ids += [q.id for q in screen.questions] if item == SCREEN else [item]
    return ids


def answers(screen: Step, trail: Sequence[str], state: Mapping[str, Any]) -> dict[str, Any]:
    """The answers the interview has collected: those to questions on the trail."""
    return {qid: state[qid] for qid in asked(screen, trail) if qid in state}


def next_step(interviewer: Interviewer, screen: Step, trail: Sequence[str], state: Mapping[str, Any]) -> NextStep:
    """What the interviewer does after the steps on `trail` (an empty trail: before the screen)."""
    ids = asked(screen, trail)
    given = {qid: state[qid] for qid in ids if qid in state}
    return interviewer.next(given, [qid for qid in ids if qid not in state])


def progress(number: int) -> str:
    """An honest hint of how far along the interview is: no percentage, since its length varies.
    `TYPICAL` is what `twitchcheck evaluate --interview` measures on the vignettes (median 7,
    most between 5 and 10); the hint changes once a check runs longer than that."""
    if number <= TYPICAL[1]:
        return (
            f"Question {number} after the warning signs. Most checks need {TYPICAL[0]} to {TYPICAL[1]}: "
            "we stop as soon as more questions would not change the advice."
        )
    return f"Question {number} after the warning signs. A few more, to make sure no warning sign is missed."
