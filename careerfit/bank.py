"""Load ``questions.yaml`` and ``roles.yaml`` into typed, validated objects.

Schema problems are collected, not raised one at a time, so that
``careerfit validate`` can report all of them at once as ``file:line: message``.
"""

from __future__ import annotations

import re
from collections.abc import Container, Mapping
from functools import cached_property
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from careerfit.errors import DataError, InputError

if TYPE_CHECKING:
    from careerfit import safeyaml  # the YAML parser is imported only when a file is read
    from careerfit.compiled import CompiledTables

SKIP = "skip"
# Pick-all questions with at most this many options have every answer (2**8 subsets)
# listed: for look-ups, the what-if search and expected-information sums.
MAX_LISTED_OPTIONS = 8
# The longest a question's 'short' label may be.
SHORT_LIMIT = 32
# What a prompt answers when the person asks to go back to the previous question.
BACK = "\x00back"
KINDS = ("choice", "scale", "multi", "pair")
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATA_MAX_BYTES = 1024 * 1024

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
        for a pick-all question every subset in option order; none for a pick-all
        question of more than MAX_LISTED_OPTIONS options (too many subsets to list)."""
        ids = self.option_ids
        if self.kind != "multi":
            return [(o,) for o in ids]
        if len(ids) > MAX_LISTED_OPTIONS:
            return []
        return [combo for size in range(len(ids) + 1) for combo in combinations(ids, size)]

    def describe(self, chosen: tuple[str, ...] | None) -> str:
        """The person's answer in words: the chosen labels, or a note that it was skipped."""
        if chosen is None:
            return "Not sure (skipped)"
        if not chosen:
            return "None of these"
        return "; ".join(o.label for o in self.options if o.id in chosen)


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

    def priorities_for(self, background: str | None) -> tuple[str, ...]:
        """The skill priorities worth naming to someone starting from *background*."""
        return tuple(p for p in self.skill_priorities
                     if background is None or background not in self.known_by.get(p, ()))


class _PickAllLookup(dict):
    """A pick-all question's answers -> picks. Its keys are tuples of option ids, but it
    also looks up the list a file holds (a list can't be a key)."""

    def __getitem__(self, written: Any) -> tuple[str, ...] | None:
        return dict.__getitem__(self, tuple(written) if type(written) is list else written)


class Blend(NamedTuple):
    roles: frozenset[str]
    name: str
    description: str


class Bank:
    """A question bank and the role profiles it is scored against."""

    def __init__(self, questions: tuple[Question, ...], roles: tuple[Role, ...],
                 traits: tuple[Trait, ...], blends: tuple[Blend, ...], directory: Path) -> None:
        self.questions = questions
        self.roles = roles
        self.traits = traits
        self.blends = blends
        self.directory = directory
        self._by_id = {q.id: q for q in questions}
        self.question_ids = frozenset(self._by_id)
        self._option_ids = {q.id: frozenset(q.option_ids) for q in questions}
        self._roles = {r.id: r for r in roles}
        self._blends = {b.roles: b for b in blends}
        self._background = next((q for q in questions if q.context == "background"), None)
        self._scored = tuple(q for q in questions if q.scored)
        # Precomputed response-model tables, set only by the compiled default bank.
        self.tables: CompiledTables | None = None

    def question(self, question_id: str) -> Question | None:
        return self._by_id.get(question_id)

    @cached_property
    def answer_lookup(self) -> dict[str, dict[Any, tuple[str, ...] | None]]:
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

    @property
    def revision(self) -> int:
        """The newest bank revision any question was added in (see ``added:``)."""
        return max((q.added for q in self.questions), default=1)

    @property
    def background(self) -> Question | None:
        """The unscored question asking where the person stands today, if the bank has one."""
        return self._background

    def background_to_ask(self, asked: Container[str], among: Container[str] | None = None
                          ) -> str | None:
        """The background question's id while it is unasked: every quiz asks it first."""
        background = self.background
        if background is None or background.id in asked or (
                among is not None and background.id not in among):
            return None
        return background.id

    def blend(self, first: str, second: str) -> Blend | None:
        return self._blends.get(frozenset((first, second)))

    @property
    def questions_file(self) -> Path:
        return self.directory / "questions.yaml"

    @property
    def roles_file(self) -> Path:
        return self.directory / "roles.yaml"


def default_data_dir() -> Path:
    """The bank shipped with careerfit: inside the wheel, or ``data/`` in a checkout."""
    here = Path(__file__).resolve().parent
    packaged = here / "data"
    return packaged if packaged.is_dir() else here.parent / "data"


def load_bank(directory: Path | None = None, *, compiled: bool = True) -> Bank:
    """Load and schema-check a bank; raise :class:`DataError` listing every problem.

    The default bank (no *directory*) comes from its pre-parsed form while that
    matches the YAML (:mod:`careerfit.compiled`), unless *compiled* is False.
    """
    if directory is None and compiled:
        from careerfit.compiled import load_compiled

        shipped = load_compiled(default_data_dir())
        if shipped is not None:
            return shipped
    directory = directory or default_data_dir()
    if not directory.is_dir():
        raise InputError(
            f"{directory}: no such data folder",
            hint="--data takes a folder holding questions.yaml and roles.yaml",
        )
    problems: list[str] = []
    roles_doc = _load(directory / "roles.yaml", problems)
    questions_doc = _load(directory / "questions.yaml", problems)
    if roles_doc is None or questions_doc is None:
        raise DataError(problems)
    reader = _RolesReader(roles_doc, problems)
    traits, roles, blends = reader.read()
    questions = _QuestionsReader(questions_doc, problems, {t.id for t in traits}).read()
    background = next((q for q in questions if q.context == "background"), None)
    if background is not None:
        for role in roles:
            unknown = sorted({b for bs in role.known_by.values() for b in bs}
                             - set(background.option_ids))
            if unknown:
                problems.append(
                    f"{roles_doc.path}:{role.line}: role '{role.id}' names unknown background(s)"
                    f" {', '.join(unknown)} under known_by (known: "
                    f"{', '.join(background.option_ids)})")
            missing = [o.id for o in background.options if o.id not in role.routes]
            if missing:
                problems.append(
                    f"{roles_doc.path}:{role.line}: role '{role.id}' has no route for the"
                    f" background(s) {', '.join(missing)} (add them under routes:)"
                )
    if problems:
        raise DataError(problems)
    return Bank(tuple(questions), tuple(roles), tuple(traits), tuple(blends), directory)


def _load(path: Path, problems: list[str]) -> safeyaml.Document | None:
    try:
        from careerfit import safeyaml

        return safeyaml.load(path, what="data file", max_bytes=DATA_MAX_BYTES)
    except InputError as exc:
        problems.append(exc.message)
        return None


class _Reader:
    """Shared helpers for reading one YAML document against a schema."""

    def __init__(self, doc: safeyaml.Document, problems: list[str]) -> None:
        self.doc = doc
        self.problems = problems

    def problem(self, keys: tuple[Any, ...], message: str) -> None:
        self.problems.append(f"{self.doc.path}:{self.doc.line(*keys)}: {message}")

    def mapping(self, value: Any, keys: tuple[Any, ...], what: str) -> dict:
        if isinstance(value, dict):
            return value
        self.problem(keys, f"{what} must be a mapping (key: value)")
        return {}

    def items(self, value: Any, keys: tuple[Any, ...], what: str) -> list:
        if isinstance(value, list):
            return value
        self.problem(keys, f"{what} must be a list")
        return []

    def text(self, entry: dict, keys: tuple[Any, ...], name: str, required: bool = True) -> str:
        value = entry.get(name)
        if value is None:
            if required:
                self.problem(keys, f"missing '{name}'")
            return ""
        if not isinstance(value, str) or not value.strip():
            self.problem((*keys, name), f"'{name}' must be non-empty text")
            return ""
        return value.strip()

    def texts(self, entry: dict, keys: tuple[Any, ...], name: str) -> tuple[str, ...]:
        value = entry.get(name)
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            self.problem((*keys, name) if name in entry else keys,
                         f"'{name}' must be a non-empty list of text")
            return ()
        return tuple(v.strip() for v in value)

    def ident(self, entry: dict, keys: tuple[Any, ...], seen: set[str], what: str) -> str:
        value = entry.get("id")
        if not isinstance(value, str) or not ID_PATTERN.match(value):
            self.problem(keys if "id" not in entry else (*keys, "id"),
                         f"{what} needs an 'id' in kebab-case (like 'my-{what}')")
            return ""
        if value in seen:
            self.problem((*keys, "id"), f"duplicate {what} id '{value}'")
        seen.add(value)
        return value

    def weights(self, value: Any, keys: tuple[Any, ...], known: set[str], what: str
                ) -> dict[str, float]:
        weights: dict[str, float] = {}
        for trait, weight in self.mapping(value, keys, what).items():
            if trait not in known:
                self.problem((*keys, trait), f"{what} names the unknown trait '{trait}'"
                             f" (known: {', '.join(sorted(known))})")
            elif isinstance(weight, bool) or not isinstance(weight, (int, float)) \
                    or not -3 <= weight <= 3:
                self.problem((*keys, trait), f"weight of '{trait}' must be a number from -3 to 3")
            else:
                weights[trait] = float(weight)
        return weights

    def unknown_keys(self, entry: dict, keys: tuple[Any, ...], allowed: set[str]) -> None:
        for key in entry:
            if key not in allowed:
                self.problem((*keys, key), f"unknown key '{key}' (allowed: "
                             f"{', '.join(sorted(allowed))})")

    def version(self, top: dict) -> None:
        if top.get("version") != 1:
            self.problem(("version",), "'version' must be 1")


class _RolesReader(_Reader):
    ROLE_KEYS: ClassVar[set[str]] = {
        "id", "name", "profile", "summary", "responsibilities", "skills", "skill_priorities",
        "tools", "outputs", "use_cases", "entry", "salary", "routes"}

    def read(self) -> tuple[list[Trait], list[Role], list[Blend]]:
        top = self.mapping(self.doc.data, (), "roles.yaml")
        self.version(top)
        self.unknown_keys(top, (), {"version", "traits", "roles", "blends"})
        traits: list[Trait] = []
        seen: set[str] = set()
        for index, entry in enumerate(self.items(top.get("traits"), ("traits",), "'traits'")):
            keys = ("traits", index)
            entry = self.mapping(entry, keys, "a trait")
            trait_id = self.ident(entry, keys, seen, "trait")
            traits.append(Trait(trait_id, self.text(entry, keys, "name"),
                                self.text(entry, keys, "description")))
        known = {t.id for t in traits}
        roles = [self._role(index, entry, known, set())
                 for index, entry in enumerate(self.items(top.get("roles"), ("roles",), "'roles'"))]
        ids: set[str] = set()
        for index, role in enumerate(roles):
            if role.id in ids:
                self.problem(("roles", index, "id"), f"duplicate role id '{role.id}'")
            ids.add(role.id)
        if len(roles) < 2:
            self.problem(("roles",), "a bank needs at least two roles to compare")
        blends = [self._blend(index, entry, ids)
                  for index, entry in enumerate(self.items(top.get("blends", []), ("blends",),
                                                           "'blends'"))]
        return traits, roles, blends

    def _role(self, index: int, entry: Any, known: set[str], seen: set[str]) -> Role:
        keys = ("roles", index)
        entry = self.mapping(entry, keys, "a role")
        self.unknown_keys(entry, keys, self.ROLE_KEYS)
        profile = self.weights(entry.get("profile"), (*keys, "profile"), known, "profile")
        if entry.get("profile") is not None and not any(profile.values()):
            self.problem((*keys, "profile"), "profile must give a non-zero weight to some trait")
        salary = self.mapping(entry.get("salary"), (*keys, "salary"), "salary")
        low, high = salary.get("low"), salary.get("high")
        if not (isinstance(low, int) and isinstance(high, int) and 0 < low <= high):
            self.problem((*keys, "salary"), "salary needs whole numbers 'low' <= 'high'")
            low, high = 0, 0
        routes = self.mapping(entry.get("routes", {}), (*keys, "routes"), "routes")
        priorities, known_by = self._priorities(entry, keys)
        return Role(
            id=self.ident(entry, keys, seen, "role"),
            name=self.text(entry, keys, "name"),
            profile=profile,
            summary=self.text(entry, keys, "summary"),
            responsibilities=self.texts(entry, keys, "responsibilities"),
            skills=self.texts(entry, keys, "skills"),
            skill_priorities=tuple(priorities),
            tools=self.texts(entry, keys, "tools"),
            outputs=self.texts(entry, keys, "outputs"),
            use_cases=self.texts(entry, keys, "use_cases"),
            entry=self.text(entry, keys, "entry"),
            salary=Salary(low, high, str(salary.get("currency", "USD")),
                          str(salary.get("region", "US")), str(salary.get("period", "")),
                          str(salary.get("note", ""))),
            routes={str(k): str(v).strip() for k, v in routes.items()},
            line=self.doc.line(*keys), known_by=known_by,
        )

    def _priorities(self, entry: dict, keys: tuple[Any, ...]
                    ) -> tuple[list[str], dict[str, tuple[str, ...]]]:
        """Skill priorities: text, or {text: ..., known_by: [background ids]}."""
        priorities: list[str] = []
        known_by: dict[str, tuple[str, ...]] = {}
        items = self.items(entry.get("skill_priorities"), (*keys, "skill_priorities"),
                           "'skill_priorities'")
        if not items:
            self.problem((*keys, "skill_priorities"), "'skill_priorities' must not be empty")
        for index, item in enumerate(items):
            where = (*keys, "skill_priorities", index)
            if isinstance(item, dict):
                self.unknown_keys(item, where, {"text", "known_by"})
                text = self.text(item, where, "text")
                backgrounds = item.get("known_by", [])
                if not (isinstance(backgrounds, list)
                        and all(isinstance(b, str) for b in backgrounds)):
                    self.problem((*where, "known_by"), "'known_by' is a list of background ids")
                    backgrounds = []
                known_by[text] = tuple(backgrounds)
            elif isinstance(item, str) and item.strip():
                text = item.strip()
            else:
                self.problem(where, "a skill priority is text, or a mapping with 'text'"
                                    " and 'known_by'")
                continue
            priorities.append(text)
        return priorities, known_by

    def _blend(self, index: int, entry: Any, role_ids: set[str]) -> Blend:
        keys = ("blends", index)
        entry = self.mapping(entry, keys, "a blend")
        pair = entry.get("roles")
        if not (isinstance(pair, list) and len(pair) == 2 and set(pair) <= role_ids
                and pair[0] != pair[1]):
            self.problem((*keys, "roles"), "a blend names exactly two different known roles")
            pair = []
        return Blend(frozenset(pair), self.text(entry, keys, "name"),
                     self.text(entry, keys, "description"))


class _QuestionsReader(_Reader):
    QUESTION_KEYS: ClassVar[set[str]] = {
        "id", "type", "text", "source", "options", "effects", "scored", "context", "hint",
        "added", "short"}

    def __init__(self, doc: safeyaml.Document, problems: list[str], traits: set[str]) -> None:
        super().__init__(doc, problems)
        self.traits = traits

    def read(self) -> list[Question]:
        top = self.mapping(self.doc.data, (), "questions.yaml")
        self.version(top)
        self.unknown_keys(top, (), {"version", "questions"})
        seen: set[str] = set()
        entries = self.items(top.get("questions"), ("questions",), "'questions'")
        questions = [self._question(index, entry, seen) for index, entry in enumerate(entries)]
        if not any(q.scored for q in questions):
            self.problem(("questions",), "the bank has no scored question")
        return questions

    def _question(self, index: int, entry: Any, seen: set[str]) -> Question:
        keys = ("questions", index)
        entry = self.mapping(entry, keys, "a question")
        self.unknown_keys(entry, keys, self.QUESTION_KEYS)
        question_id = self.ident(entry, keys, seen, "question")
        if question_id == SKIP:
            self.problem((*keys, "id"), f"'{SKIP}' is reserved for skipped answers")
        kind = entry.get("type", "choice")
        if kind not in KINDS:
            self.problem((*keys, "type"), f"type must be one of {', '.join(KINDS)}")
            kind = "choice"
        scored = entry.get("scored", True)
        if not isinstance(scored, bool):
            self.problem((*keys, "scored"), "'scored' must be true or false")
            scored = True
        if not entry.get("source"):
            self.problem(keys, f"question '{question_id}' has no 'source' (the part of the"
                               " guide it comes from)")
        sides: tuple[Option, ...] = ()
        if kind == "scale":
            options = self._scale(entry, keys)
        else:
            options = self._options(entry, keys, scored)
            if kind == "pair":
                sides, options = options, self._pair(options, keys)
        added = entry.get("added", 1)
        if isinstance(added, bool) or not isinstance(added, int) or added < 1:
            self.problem((*keys, "added"), "'added' must be a whole number from 1 (the bank"
                                           " revision that introduced the question)")
            added = 1
        context = entry.get("context")
        return Question(
            id=question_id, kind=kind, text=self.text(entry, keys, "text"),
            source=str(entry.get("source") or ""), options=options, scored=scored,
            context=str(context) if context else None,
            hint=self.text(entry, keys, "hint", required=False) or None,
            line=self.doc.line(*keys), added=added, sides=sides,
            short=self._short(entry, keys),
        )

    def _short(self, entry: dict, keys: tuple[Any, ...]) -> str:
        short = self.text(entry, keys, "short")
        if len(short) > SHORT_LIMIT:
            self.problem((*keys, "short"), f"'short' is at most {SHORT_LIMIT} characters, so a"
                                           " reason fits on one line")
        return short

    def _pair(self, sides: tuple[Option, ...], keys: tuple[Any, ...]) -> tuple[Option, ...]:
        if len(sides) != 2:
            self.problem((*keys, "options"), "a pair question compares exactly two options")
            return sides
        first, second = sides
        names = {"first": first.id, "second": second.id,
                 "first_label": first.label, "second_label": second.label}
        if PAIR_BOTH in names.values():
            self.problem((*keys, "options"), f"'{PAIR_BOTH}' is reserved in a pair question")
        return tuple(
            Option(answer.format(**names), label.format(**names),
                   {t: w * abs(share) for t, w in (first if share > 0 else second).effects.items()}
                   if share else {})
            for answer, label, share in PAIR_POINTS)

    def _scale(self, entry: dict, keys: tuple[Any, ...]) -> tuple[Option, ...]:
        if "options" in entry:
            self.problem((*keys, "options"), "a scale question takes 'effects', not 'options'"
                         " (its five agreement options are built in)")
        effects = self.weights(entry.get("effects"), (*keys, "effects"), self.traits, "effects")
        if not any(effects.values()):
            self.problem(keys, "a scale question needs non-zero 'effects'")
        return tuple(Option(point, label, {t: w * share for t, w in effects.items()})
                     for point, label, share in SCALE_POINTS)

    def _options(self, entry: dict, keys: tuple[Any, ...], scored: bool) -> tuple[Option, ...]:
        if "effects" in entry:
            self.problem((*keys, "effects"), "'effects' belong on each option of this question")
        seen: set[str] = set()
        options = []
        raw = self.items(entry.get("options"), (*keys, "options"), "'options'")
        if raw and len(raw) < 2:
            self.problem((*keys, "options"), "a question needs at least two options")
        for index, option in enumerate(raw):
            okeys = (*keys, "options", index)
            option = self.mapping(option, okeys, "an option")
            self.unknown_keys(option, okeys, {"id", "label", "effects"})
            option_id = self.ident(option, okeys, seen, "option")
            if option_id == SKIP:
                self.problem((*okeys, "id"), f"'{SKIP}' is reserved for skipped answers")
            effects = self.weights(option.get("effects", {}), (*okeys, "effects"), self.traits,
                                   "effects")
            if scored and not any(effects.values()):
                self.problem(okeys, f"option '{option_id}' has no effect on any trait")
            if not scored and effects:
                self.problem((*okeys, "effects"), "an unscored question's options take no effects")
            options.append(Option(option_id, self.text(option, okeys, "label"), effects))
        return tuple(options)
