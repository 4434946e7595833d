"""Typed model of `data/causes.yaml`.

Every model forbids unknown keys, so a misspelt key in the YAML is an error rather than a
silently ignored rule. The JSON Schema published for editors is generated from these models.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from types import MappingProxyType
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator

Identifier = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
Url = Annotated[str, Field(pattern=r"^https?://[^\s]+$")]
Text = Annotated[str, Field(min_length=1)]

QuestionType = Literal["boolean", "single", "multi", "number"]
Category = Literal["lifestyle", "medical", "serious"]
Urgency = Literal["emergency", "urgent", "see_doctor", "self_care"]

#: Most urgent first. The order is part of the public contract.
URGENCY_LEVELS: tuple[Urgency, ...] = ("emergency", "urgent", "see_doctor", "self_care")


class Strict(BaseModel):
    """Base for every knowledge-base model: unknown keys are errors, instances are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Source(Strict):
    """A published reference a clinician can check."""

    title: Text
    url: Url


class CodedTerm(Strict):
    """A code from a clinical terminology, with the page that shows it: codes are never guessed."""

    code: Annotated[str, Field(pattern=r"^[0-9A-Za-z.\-]+$", max_length=32)]
    display: Text = Field(description="The code's display name, exactly as the source shows it.")
    source: Source


ICD10 = Annotated[str, Field(pattern=r"^[A-Z][0-9]{2}(\.[0-9]{1,2})?$", description="A WHO ICD-10 code.")]


LEAF_OPERATORS = (
    "is",
    "in",
    "includes",
    "includes_any",
    "count_gte",
    "gte",
    "gt",
    "lte",
    "lt",
)
GROUP_OPERATORS = ("all", "any", "none_of", "not")


class Condition(Strict):
    """One node of the condition language used by evidence, warning signs and `ask_if`.

    A leaf names a `question` and exactly one operator; a group combines other conditions.
    Conditions evaluate in three-valued logic: a condition on an unanswered question is
    *unknown*, and only a condition known to be true fires. `none_of` is the exception that
    treats unknown as absent: it holds unless one of its conditions is known to be true.
    """

    question: Identifier | None = Field(default=None, description="The question a leaf tests.")
    is_: bool | str | None = Field(
        default=None,
        alias="is",
        description="Equals: true/false for boolean questions, a value for single.",
    )
    in_: list[str] | None = Field(default=None, alias="in", description="A single-choice answer is one of these.")
    includes: str | None = Field(default=None, description="A multi-choice answer contains this value.")
    includes_any: list[str] | None = Field(default=None, description="A multi-choice answer contains any of these.")
    count_gte: int | None = Field(
        default=None,
        ge=1,
        description="A multi-choice answer has at least this many values.",
    )
    gte: float | None = None
    gt: float | None = None
    lte: float | None = None
    lt: float | None = None
    all: list[Condition] | None = Field(default=None, min_length=1)
    any: list[Condition] | None = Field(default=None, min_length=1)
    none_of: list[Condition] | None = Field(default=None, min_length=1)
    not_: Condition | None = Field(default=None, alias="not")

    @model_validator(mode="after")
    def _one_operator(self) -> Condition:
        leaf = [op for op, name in _LEAF_ATTRS if getattr(self, name) is not None]
        group = [op for op, name in _GROUP_ATTRS if getattr(self, name) is not None]
        if len(leaf) + len(group) != 1:
            raise ValueError(
                f"a condition needs exactly one operator (one of {', '.join(LEAF_OPERATORS + GROUP_OPERATORS)}), "
                f"found {', '.join(leaf + group) or 'none'}"
            )
        if leaf and self.question is None:
            raise ValueError(f"operator '{leaf[0]}' needs a 'question'")
        if group and self.question is not None:
            raise ValueError(f"operator '{group[0]}' combines conditions and takes no 'question'")
        return self

    @property
    def operator(self) -> str:
        return next(op for op, name in _LEAF_ATTRS + _GROUP_ATTRS if getattr(self, name) is not None)

    @property
    def operand(self) -> object:
        return getattr(self, _attr(self.operator))

    def children(self) -> list[Condition]:
        if self.not_ is not None:
            return [self.not_]
        return list(self.all or self.any or self.none_of or [])

    def questions(self) -> list[str]:
        """Every question this condition reads, in order of appearance, without repeats."""
        return list(self.question_ids)

    _question_ids: tuple[str, ...] = PrivateAttr(default=())

    @property
    def question_ids(self) -> tuple[str, ...]:
        """`questions()` as a tuple, worked out when the node is built (`model_post_init`)."""
        return self._question_ids

    def model_post_init(self, context: Any, /) -> None:
        # Children are built before their parent, so each node reads its children's tuples. Set
        # once here, never changed: an immutable node is shared by every request thread.
        seen = [self.question] if self.question is not None else []
        for child in self.children():
            seen.extend(q for q in child.question_ids if q not in seen)
        self._question_ids = tuple(seen)


def _attr(operator: str) -> str:
    return {"is": "is_", "in": "in_", "not": "not_"}.get(operator, operator)


# (operator, attribute) pairs, worked out once: every condition node of the knowledge base is
# checked against them when it is loaded, at each start-up
_LEAF_ATTRS = tuple((op, _attr(op)) for op in LEAF_OPERATORS)
_GROUP_ATTRS = tuple((op, _attr(op)) for op in GROUP_OPERATORS)


class Option(Strict):
    value: Identifier
    label: Text


class Section(Strict):
    """A step of the full questionnaire."""

    id: Identifier
    title: Text
    intro: str = ""


class QuestionGroup(Strict):
    """Questions the guided interview shows together on one step ("Do any of these apply?")."""

    id: Identifier
    title: Text = Field(description="The step's heading (its fieldset legend): user-facing text.")
    intro: str = Field(default="", description="One optional line under the heading.")
    questions: list[Identifier] = Field(min_length=1, description="Question ids, in the order they are shown.")
    opening: bool = Field(
        default=False,
        description="Asked first after the warning signs: what the person came with (where, how long, age).",
    )
    ask_when: Condition | None = Field(
        default=None,
        description=(
            "The interview offers this step only once this holds, or stays undecided after every question it "
            "reads was asked (e.g. a family history only when the answers point to weakness, wasting or a long "
            "duration, or cannot rule them out); the full questionnaire always asks its questions."
        ),
    )


class Question(Strict):
    id: Identifier
    type: QuestionType
    section: Identifier
    text: Text = Field(description="Plain words a 12-year-old can read.")
    help: Text = Field(description="Why we ask: shown under the question.")
    options: list[Option] | None = Field(default=None, description="Required for single and multi questions.")
    min: float | None = None
    max: float | None = None
    unit: str | None = None
    integer: bool = Field(default=False, description="Number questions only: whole numbers expected.")
    exclusive: list[str] | None = Field(
        default=None,
        description="Multi questions only: values that cannot be chosen with any other (e.g. none).",
    )
    ask_if: Condition | None = Field(
        default=None,
        description="Ask only when this holds (the question cannot apply otherwise).",
    )
    snomed: CodedTerm | None = Field(
        default=None,
        description="SNOMED CT finding a 'yes' to this question reports (boolean questions), for coded exports.",
    )

    @model_validator(mode="after")
    def _shape_matches_type(self) -> Question:
        if self.type in ("single", "multi"):
            if not self.options:
                raise ValueError(f"a {self.type} question needs 'options'")
            values = [o.value for o in self.options]
            dupes = sorted({v for v in values if values.count(v) > 1})
            if dupes:
                raise ValueError(f"duplicate option values: {', '.join(dupes)}")
        elif self.options is not None:
            raise ValueError(f"a {self.type} question takes no 'options'")
        if self.type == "number":
            if self.min is None or self.max is None or self.min >= self.max:
                raise ValueError("a number question needs 'min' < 'max'")
        elif self.min is not None or self.max is not None or self.integer:
            raise ValueError(f"a {self.type} question takes no 'min', 'max' or 'integer'")
        if self.exclusive is not None and self.type != "multi":
            raise ValueError("'exclusive' applies to multi questions only")
        return self

    @property
    def values(self) -> list[str]:
        return [o.value for o in self.options or []]

    @cached_property
    def value_set(self) -> frozenset[str]:
        """The option values as a set, built with the question (model_post_init) and then a plain
        attribute: the answer checks read it for every answer."""
        return frozenset(self.values)

    def model_post_init(self, context: Any, /) -> None:
        _ = self.value_set  # built now, with the question

    def label(self, value: str) -> str:
        return next((o.label for o in self.options or [] if o.value == value), value)


class Evidence(Strict):
    """A finding that makes a cause more (lr > 1) or less (lr < 1) likely."""

    when: Condition
    lr: float = Field(
        gt=0,
        description="Likelihood ratio: how much more often the finding occurs with the cause.",
    )
    text: Text = Field(description="The sentence a person sees in the explanation.")
    group: Identifier | None = Field(
        default=None,
        description="Correlated findings share a group; the cause's `caps` bound their product.",
    )
    source: Source | None = Field(
        default=None,
        description="Where the ratio comes from (required for ratios added or changed since contract version 2).",
    )


class Cause(Strict):
    id: Identifier
    name: Text
    category: Category
    summary: Text
    prior: float = Field(
        gt=0,
        description="How many of 1,000 people who notice twitching have this cause.",
    )
    prior_source: Source | None = Field(
        default=None,
        description="Where the prior comes from (required for priors changed since contract version 2).",
    )
    evidence: list[Evidence] = Field(min_length=1)
    caps: dict[Identifier, Annotated[float, Field(gt=1)]] = Field(
        default_factory=dict,
        description="Group -> the largest combined likelihood ratio (and its inverse, the smallest).",
    )
    self_care: list[Text] = Field(min_length=1)
    see_a_doctor_if: list[Text] = Field(min_length=1)
    checks: list[Identifier] = Field(
        min_length=1, description="What a doctor would examine or test for this cause (ids of `checks`)."
    )
    icd10: ICD10 = Field(description="The WHO ICD-10 code a doctor would use for this cause.")
    sources: list[Source] = Field(min_length=1)


class Check(Strict):
    """An examination or test a GP or neurologist may use, explained for the person who will have it."""

    id: Identifier
    name: Text
    what: Text = Field(description="One or two plain sentences: what it is and what it shows.")
    loinc: CodedTerm | None = Field(default=None, description="The LOINC code of a laboratory test.")


class Fact(Strict):
    """A figure shown to a person, always with where it comes from."""

    text: Text
    source: Source


class Reassurance(Strict):
    """ "What your answers mean": evidence for people who twitch without the signs that change the picture."""

    title: Text
    hidden_when: Condition = Field(description="Not shown when this holds: the signs that change the picture.")
    max_urgency: Urgency = Field(description="Not shown when the advice is more urgent than this.")
    facts: list[Fact] = Field(min_length=1)
    watch_for_title: Text
    watch_for: list[Text] = Field(min_length=1)
    if_they_appear: Text


class WorryHelp(Strict):
    """Help for health anxiety, offered when the person says the worry affects daily life."""

    when: Condition
    title: Text
    text: Text
    links: list[Source] = Field(min_length=1)


class RedFlag(Strict):
    """A warning-sign rule: when it holds, the urgency is at least `urgency`, whatever the ranking."""

    id: Identifier
    title: Text
    urgency: Urgency
    when: Condition
    advice: Text
    withholds_ranking: bool = Field(
        default=False,
        description="When it fires, the pages do not show the ranked causes (they are not made for this person).",
    )
    sources: list[Source] = Field(min_length=1)


class UrgencyAdvice(Strict):
    title: Text
    advice: Text


class KnowledgeBase(Strict):
    version: Text
    disclaimer: Text
    urgency: dict[Urgency, UrgencyAdvice]
    sections: list[Section] = Field(min_length=1)
    questions: list[Question] = Field(min_length=1)
    question_groups: list[QuestionGroup] = Field(
        min_length=1,
        description=(
            "Steps of the guided interview: every warning-sign question (the first section) is in exactly one "
            "group; any other question in at most one (a question in none is a step of its own)."
        ),
    )
    red_flags: list[RedFlag] = Field(min_length=1)
    causes: list[Cause] = Field(min_length=1)
    checks: list[Check] = Field(min_length=1)
    reassurance: Reassurance
    worry_help: WorryHelp

    # Lookups by id: read-only mappings, built with the model (model_post_init reads each once) and
    # then plain attributes of the instance, so every request thread only reads them. (Pydantic's
    # private attributes would do too, but each read of one goes through `__getattr__`: the answer
    # checks read them for every answer of every request.)
    @cached_property
    def questions_by_id(self) -> Mapping[str, Question]:
        return MappingProxyType({q.id: q for q in self.questions})

    @cached_property
    def causes_by_id(self) -> Mapping[str, Cause]:
        return MappingProxyType({c.id: c for c in self.causes})

    @cached_property
    def checks_by_id(self) -> Mapping[str, Check]:
        return MappingProxyType({c.id: c for c in self.checks})

    def model_post_init(self, context: Any, /) -> None:
        _ = (self.questions_by_id, self.causes_by_id, self.checks_by_id)  # built now, with the model

    def question(self, question_id: str) -> Question:
        return self.questions_by_id[question_id]

    def cause(self, cause_id: str) -> Cause:
        return self.causes_by_id[cause_id]

    def has_question(self, question_id: str) -> bool:
        return question_id in self.questions_by_id
