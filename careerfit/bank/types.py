"""The bank's vocabulary: questions, options, roles, traits, blends, and the Bank itself.

Plain typed values, read from YAML by :mod:`careerfit.bank.load`.
"""

from __future__ import annotations

import re
from collections.abc import Container, Mapping
from functools import cached_property
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from careerfit.bank.calibration import HAND_SET, Calibration
from careerfit.base.vocabulary import Answer, MaybeAnswer

if TYPE_CHECKING:
    from careerfit.bank.packed import CompiledTables

SKIP = "skip"
# The most options a pick-all question may have: every answer (2**8 subsets) is listed,
# for look-ups, the what-if search and expected-information sums.
MAX_LISTED_OPTIONS = 8
# The longest a question's 'short' label may be.
SHORT_LIMIT = 32
# The longest a skill's name ('label', or a skill priority's text without one) may be:
# the skills question offers skills by name, not advice sentences.
SKILL_LABEL_LIMIT = 40
# What a prompt answers when the person asks to go back to the previous question.
BACK = "\x00back"
KINDS = ("choice", "scale", "multi", "pair")
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATA_MAX_BYTES = 1024 * 1024
# The largest bank careerfit reads. The response model's states grow with the square
# of the roles (706 at these limits): bench/limits.py builds the largest legal bank and
# holds quiz --answers and an adaptive step under a second, score under 100 MB.
MAX_ROLES = 12
MAX_BLENDS = 24
MAX_TRAITS = 40
MAX_QUESTIONS = 200
# The most scored questions an adaptive quiz asks, unless questions.yaml says otherwise
# ('max_questions'); a bank may set it no lower than MIN_MAX_QUESTIONS.
DEFAULT_MAX_QUESTIONS = 20
MIN_MAX_QUESTIONS = 6
# The most options a pick-one or pick-all question may have (a scale has its five built
# in, a pair two sides). A pick-all question's answers are the subsets of its options,
# each weighed as a whole by the adaptive quiz: capped, so that listing them stays bounded.
MAX_OPTIONS: Mapping[str, int] = {"choice": 12, "multi": MAX_LISTED_OPTIONS}

# The 5-point agreement scale: option id, label, share of the item's effects.
SCALE_POINTS: tuple[tuple[str, str, float], ...] = (
    ("strongly-disagree", "Strongly disagree", -1.0),
    ("disagree", "Disagree", -0.5),
    ("neutral", "Neither agree nor disagree", 0.0),
    ("agree", "Agree", 0.5),
    ("strongly-agree", "Strongly agree", 1.0),
)
# A graded pair: how much the first activity is preferred over the second.
# Answer id (built from the option ids), label, share of the first's effects
# (positive) or the second's (negative). "Both" is how a tie shows.
PAIR_BOTH = "both"
PAIR_POINTS: tuple[tuple[str, str, float], ...] = (
    ("{first}", "Much rather: {first_label}", 1.0),
    ("lean-{first}", "Slightly rather: {first_label}", 0.5),
    (PAIR_BOTH, "Both about equally", 0.0),
    ("lean-{second}", "Slightly rather: {second_label}", -0.5),
    ("{second}", "Much rather: {second_label}", -1.0),
)
# The answer that skips a question, as the prompts offer it (a pair's names 'neither').
SKIP_LABEL = "Not sure (skip this question)"
PAIR_SKIP_LABEL = "Neither / not sure (skip)"
# Kinds whose answers are ordered points, so a change of one step is the smallest change.
GRADED_KINDS = ("scale", "pair")


class Option(NamedTuple):
    id: str
    label: str
    effects: Mapping[str, float]


class Question(NamedTuple):
    id: str
    kind: str
    text: str
    source: str
    options: tuple[Option, ...]
    scored: bool = True
    context: str | None = None
    hint: str | None = None
    line: int = 0
    added: int = 1
    short: str = ""
    sides: tuple[Option, ...] = ()

    def option(self, option_id: str) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)

    @property
    def option_ids(self) -> tuple[str, ...]:
        return tuple(o.id for o in self.options)

    def possible_answers(self) -> list[tuple[str, ...]]:
        """Every answer a person could give (skips aside), as picks: one option each, or
        for a pick-all question every subset in option order (at most
        2**MAX_LISTED_OPTIONS: the loader refuses more options)."""
        ids = self.option_ids
        if self.kind != "multi":
            return [(o,) for o in ids]
        return [combo for size in range(len(ids) + 1) for combo in combinations(ids, size)]

    @property
    def skip_label(self) -> str:
        """The answer that skips this question, as the prompts offer it. A pair's says
        'neither' too: someone drawn to neither activity can say so honestly (it is not
        scored: docs/model.md, "Why pairs have no scored 'neither'")."""
        return PAIR_SKIP_LABEL if self.kind == "pair" else SKIP_LABEL

    def leaned_to(self, chosen: MaybeAnswer) -> tuple[Option, Option] | None:
        """For a pair answered to one side: that side's activity and the other's (None for
        'both', a skip, or another kind of question)."""
        if self.kind != "pair" or len(self.sides) != 2 or not chosen or chosen[0] == PAIR_BOTH:
            return None
        first, second = self.sides
        if chosen[0] in (first.id, f"lean-{first.id}"):
            return first, second
        return second, first

    def describe(self, chosen: MaybeAnswer) -> str:
        """The person's answer in words: the chosen labels, or a note that it was skipped."""
        if chosen is None:
            return "Neither / not sure (skipped)" if self.kind == "pair" else "Not sure (skipped)"
        if not chosen:
            return "None of these"
        said = "; ".join(o.label for o in self.options if o.id in chosen)
        if self.kind == "pair" and len(self.sides) == 2:  # name what it was between
            leaned = self.leaned_to(chosen)
            if leaned is None:  # both about equally
                return f"{said}: {self.sides[0].label} / {self.sides[1].label}"
            return f"{said} (over: {leaned[1].label})"
        return said


class Trait(NamedTuple):
    id: str
    name: str
    description: str


class Salary(NamedTuple):
    low: int
    high: int
    currency: str
    region: str
    period: str
    note: str


class Role(NamedTuple):
    id: str
    name: str
    profile: Mapping[str, float]
    summary: str
    responsibilities: tuple[str, ...]
    skills: tuple[str, ...]
    skill_priorities: tuple[str, ...]
    tools: tuple[str, ...]
    outputs: tuple[str, ...]
    use_cases: tuple[str, ...]
    entry: str
    salary: Salary
    routes: Mapping[str, str]
    line: int = 0
    # Skill priority -> the backgrounds that already bring it (left out of their next steps).
    known_by: Mapping[str, tuple[str, ...]] = {}
    # A small project to try over a weekend, to find out whether the work suits you.
    taster: str = ""
    # A stable id per skill priority (same order): how answers files name the skills a
    # person already has (the 'skills' key), which their next steps then leave out.
    skill_ids: tuple[str, ...] = ()
    # A short name per skill priority (same order; its text when roles.yaml gives none):
    # what the skills question offers and what the result says was left out.
    skill_labels: tuple[str, ...] = ()
    # Background id -> the skills (ids) its route asks to learn, where roles.yaml names them.
    route_skills: Mapping[str, tuple[str, ...]] = {}
    # Tool -> the skills (ids) that come with it, and the backgrounds that already use it
    # (next steps leave it out of the tools to learn for such a person).
    tool_skills: Mapping[str, tuple[str, ...]] = {}
    tool_known_by: Mapping[str, tuple[str, ...]] = {}

    def priorities_by_id(self) -> dict[str, str]:
        """Skill id -> skill priority text."""
        return dict(zip(self.skill_ids, self.skill_priorities, strict=True))

    def labels_by_id(self) -> dict[str, str]:
        """Skill id -> the skill's short name."""
        labels = self.skill_labels or self.skill_priorities
        return dict(zip(self.skill_ids, labels, strict=True))

    def priorities_for(self, background: str | None) -> tuple[str, ...]:
        """The skill priorities worth naming to someone starting from *background*."""
        return tuple(p for p in self.skill_priorities
                     if background is None or background not in self.known_by.get(p, ()))


class _PickAllLookup(dict):
    """A pick-all question's answers -> picks. Its keys are tuples of option ids, but it
    also looks up the list a file holds (a list can't be a key), alike through ``[]``,
    ``get`` and ``in``."""

    def __getitem__(self, written: Any) -> Answer | None:
        return dict.__getitem__(self, tuple(written) if type(written) is list else written)

    def get(self, written: Any, default: Any = None) -> Any:
        return dict.get(self, tuple(written) if type(written) is list else written, default)

    def __contains__(self, written: object) -> bool:
        return dict.__contains__(self, tuple(written) if type(written) is list else written)


class Blend(NamedTuple):
    """Work where two roles meet (Applied Scientist, LLM platform engineering, ...).

    Its *profile* weighs the traits as a role's does: the model knows people drawn to
    the blend itself, not only people who like both roles' work (a 50/50 mix)."""

    roles: frozenset[str]
    name: str
    description: str
    profile: Mapping[str, float] = {}
    source: str = ""
    line: int = 0
    # Job titles to search for, for someone drawn to the blend (optional).
    titles: tuple[str, ...] = ()
    # A weekend project in the blend's own work, shown with the two roles' (optional).
    taster: str = ""
    # The skills (ids of the roles' skill priorities) the blend asks for most (optional):
    # a new user drawn to a blend found only its two roles' next steps.
    skills: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        """Its name in kebab-case ('llm-platform-engineering'): how 'careerfit roles'
        names it."""
        return "-".join(re.findall(r"[a-z0-9]+", self.name.lower())) or "blend"


class Bank:
    """A question bank and the role profiles it is scored against."""

    def __init__(self, questions: tuple[Question, ...], roles: tuple[Role, ...],
                 traits: tuple[Trait, ...], blends: tuple[Blend, ...], directory: Path,
                 tables: CompiledTables | None = None,
                 calibration: Calibration = HAND_SET,
                 max_questions: int = DEFAULT_MAX_QUESTIONS) -> None:
        self.questions = questions
        self.roles = roles
        self.traits = traits
        self.blends = blends
        self.directory = directory
        self._by_id = {q.id: q for q in questions}
        self.question_ids = frozenset(self._by_id)
        self.question_order = tuple(self._by_id)
        self._option_ids = {q.id: frozenset(q.option_ids) for q in questions}
        self._roles = {r.id: r for r in roles}
        self._blends = {b.roles: b for b in blends}
        self._background = next((q for q in questions if q.context == "background"), None)
        self._scored = tuple(q for q in questions if q.scored)
        # Precomputed response-model tables: only the compiled default bank has them.
        self.tables = tables
        # The response model's fitted values (calibration.yaml), or the hand-set ones.
        self.calibration = calibration
        # The adaptive quiz's cap on scored questions (--full asks them all).
        self.max_questions = max_questions

    def recalibrated(self, calibration: Calibration) -> Bank:
        """This bank with another calibration, and without compiled tables (they hold the
        likelihoods of the calibration they were built with)."""
        return Bank(self.questions, self.roles, self.traits, self.blends, self.directory,
                    None, calibration, self.max_questions)

    def question(self, question_id: str) -> Question | None:
        return self._by_id.get(question_id)

    @cached_property
    def answer_lookup(self) -> dict[str, dict[Any, MaybeAnswer]]:
        """Per question id, in bank order: each valid answer as written in a file (an
        option id; a list of option ids in option order for a pick-all question;
        'skip') -> its picks. Every well-formed answer read is looked up here."""
        return {q.id: (_PickAllLookup if q.kind == "multi" else dict)(
                    {**{(a if q.kind == "multi" else a[0]): a for a in q.possible_answers()},
                     SKIP: None})
                for q in self.questions}

    def is_option(self, question_id: str, option_id: object) -> bool:
        """Whether *option_id* answers *question_id* (a set look-up)."""
        return option_id in self._option_ids.get(question_id, ())

    def role(self, role_id: str) -> Role | None:
        return self._roles.get(role_id)

    @property
    def scored(self) -> tuple[Question, ...]:
        return self._scored

    @cached_property
    def revision(self) -> int:
        """The newest bank revision any question was added in (see ``added:``)."""
        return max((q.added for q in self.questions), default=1)

    @property
    def background(self) -> Question | None:
        """The unscored question asking where the person stands today, if the bank has one."""
        return self._background

    def starting_point(self, picks: Mapping[str, MaybeAnswer]) -> str | None:
        """The background option *picks* chose (an id, as routes and known_by name them),
        or None when the bank asks none or it was not answered."""
        background = self.background
        chosen = picks.get(background.id) if background is not None else None
        return chosen[0] if chosen else None

    def background_to_ask(self, asked: Container[str], among: Container[str] | None = None
                          ) -> str | None:
        """The background question's id while it is unasked: every quiz asks it first."""
        background = self.background
        if background is None or background.id in asked or (
                among is not None and background.id not in among):
            return None
        return background.id

    @cached_property
    def skills(self) -> dict[str, str]:
        """Every role's skill priorities by id (an id shared by two roles is one skill)."""
        return {i: t for role in self.roles for i, t in role.priorities_by_id().items()}

    @cached_property
    def skill_labels(self) -> dict[str, str]:
        """Every skill's short name by id."""
        return {i: t for role in self.roles for i, t in role.labels_by_id().items()}

    def blend(self, first: str, second: str) -> Blend | None:
        return self._blends.get(frozenset((first, second)))

    def blend_by_id(self, blend_id: str) -> Blend | None:
        return next((b for b in self.blends if b.id == blend_id), None)

    @property
    def questions_file(self) -> Path:
        return self.directory / "questions.yaml"

    @property
    def roles_file(self) -> Path:
        return self.directory / "roles.yaml"


def skill_id(text: str) -> str:
    """The id a skill priority gets when roles.yaml gives it none: its first words."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(words[:6]) or "skill"
