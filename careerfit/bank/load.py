"""Load ``questions.yaml`` and ``roles.yaml`` into typed, validated objects.

Schema problems are collected, not raised one at a time, so that
``careerfit validate`` can report all of them at once as ``file:line: message``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from careerfit.bank.types import (
    DATA_MAX_BYTES,
    DEFAULT_MAX_QUESTIONS,
    ID_PATTERN,
    KINDS,
    MAX_BLENDS,
    MAX_OPTIONS,
    MAX_QUESTIONS,
    MAX_ROLES,
    MAX_TRAITS,
    MIN_MAX_QUESTIONS,
    PAIR_BOTH,
    PAIR_POINTS,
    SCALE_POINTS,
    SHORT_LIMIT,
    SKILL_LABEL_LIMIT,
    SKIP,
    Bank,
    Blend,
    Option,
    Question,
    Role,
    Salary,
    Trait,
    skill_id,
)
from careerfit.base.errors import DataError, InputError, clean, literal

if TYPE_CHECKING:
    from careerfit.bank import safeyaml  # the YAML parser is imported only when a file is read

def default_data_dir() -> Path:
    """The bank shipped with careerfit: inside the wheel, or ``data/`` in a checkout."""
    package = Path(__file__).resolve().parent.parent
    packaged = package / "data"
    return packaged if packaged.is_dir() else package.parent / "data"


def is_shipped(directory: Path | None) -> bool:
    """Whether *directory* (None: the default) holds the bank shipped with careerfit."""
    return directory is None or directory.resolve() == default_data_dir().resolve()


def validate_command(directory: Path | None) -> str:
    """The command that checks the bank in *directory* (None: the shipped one)."""
    return "careerfit validate" if is_shipped(directory) else (
        f"careerfit validate --data {directory}")


def load_bank(directory: Path | None = None, *, compiled: bool = True) -> Bank:
    """Load and schema-check a bank; raise :class:`DataError` listing every problem.

    The default bank (no *directory*) comes from its pre-parsed form while that
    matches the YAML (:mod:`careerfit.bank.compiled`), unless *compiled* is False.
    """
    if directory is None and compiled:
        from careerfit.bank.compiled import load_compiled

        shipped = load_compiled(default_data_dir())
        if shipped is not None:
            return shipped
    return read_bank(directory or default_data_dir())


def read_bank(directory: Path) -> Bank:
    """Read the bank's YAML in *directory*, with every schema and cross-file check."""
    if not directory.is_dir():
        raise InputError(
            f"{directory}: no such data folder",
            hint="--data takes a folder holding questions.yaml and roles.yaml",
        )
    problems: list[str] = []
    roles_doc = _load(directory / "roles.yaml", problems)
    questions_doc = _load(directory / "questions.yaml", problems)
    if roles_doc is None or questions_doc is None:
        raise DataError(problems, validate_command(directory))
    traits, roles, blends = _RolesReader(roles_doc, problems).read()
    questions_reader = _QuestionsReader(questions_doc, problems, {t.id for t in traits})
    questions = questions_reader.read()
    problems += _background_problems(roles_doc.path, roles, questions)
    for count, most, what, doc in ((len(roles), MAX_ROLES, "roles", roles_doc),
                                   (len(blends), MAX_BLENDS, "blends", roles_doc),
                                   (len(traits), MAX_TRAITS, "traits", roles_doc),
                                   (len(questions), MAX_QUESTIONS, "questions", questions_doc)):
        if count > most:
            problems.append(f"{doc.path}:1: {count} {what}, more than the {most} careerfit"
                            f" reads (see 'Editing the question bank' in the README)")
    if problems:
        raise DataError(problems, validate_command(directory))
    from careerfit.bank.calibration import read_calibration

    calibration = read_calibration(directory, {r.id for r in roles}, {t.id for t in traits},
                                   {q.id for q in questions}, again=validate_command(directory))
    return Bank(tuple(questions), tuple(roles), tuple(traits), tuple(blends), directory,
                calibration=calibration, max_questions=questions_reader.max_questions)


def _background_problems(roles_path: Path | str, roles: list[Role],
                         questions: list[Question]) -> list[str]:
    """What roles.yaml says about starting points that the background question lacks."""
    background = next((q for q in questions if q.context == "background"), None)
    if background is None:
        return []
    problems = []
    for role in roles:
        unknown = sorted({b for bs in (*role.known_by.values(), *role.tool_known_by.values())
                          for b in bs} - set(background.option_ids))
        if unknown:
            problems.append(
                f"{roles_path}:{role.line}: role '{role.id}' names unknown background(s)"
                f" {', '.join(unknown)} under known_by (known: "
                f"{', '.join(background.option_ids)})")
        missing = [o.id for o in background.options if o.id not in role.routes]
        if missing:
            problems.append(
                f"{roles_path}:{role.line}: role '{role.id}' has no route for the"
                f" background(s) {', '.join(missing)} (add them under routes:)")
    return problems


def _load(path: Path, problems: list[str]) -> safeyaml.Document | None:
    try:
        from careerfit.bank import safeyaml

        return safeyaml.load(path, what="data file", max_bytes=DATA_MAX_BYTES)
    except InputError as exc:  # with its fix (a bank editor found YAML jargon and none)
        problems.append(exc.message + (f": {exc.hint}" if exc.hint else ""))
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
        return clean(value.strip())

    def texts(self, entry: dict, keys: tuple[Any, ...], name: str) -> tuple[str, ...]:
        value = entry.get(name)
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            self.problem((*keys, name) if name in entry else keys,
                         f"'{name}' must be a non-empty list of text")
            return ()
        return tuple(clean(v.strip()) for v in value)

    def ident(self, entry: dict, keys: tuple[Any, ...], seen: dict[str, int], what: str
              ) -> str:
        """The entry's id, checked; *seen* maps each id met so far to its line (a duplicate
        names the first one's line: a bank editor had to search for it)."""
        value = entry.get("id")
        if not isinstance(value, str) or not ID_PATTERN.match(value):
            self.problem(keys if "id" not in entry else (*keys, "id"),
                         f"{what} needs an 'id' in kebab-case (like 'my-{what}')")
            return ""
        if value in seen:
            self.problem((*keys, "id"), f"duplicate {what} id '{value}' (first at line"
                                        f" {seen[value]})")
        else:
            seen[value] = self.doc.line(*keys, "id")
        return value

    def weights(self, value: Any, keys: tuple[Any, ...], known: set[str], what: str
                ) -> dict[str, float]:
        weights: dict[str, float] = {}
        for trait, weight in self.mapping(value, keys, what).items():
            if trait not in known:
                self.problem((*keys, trait), f"{what} names the unknown trait {literal(trait)}"
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
                self.problem((*keys, key), f"unknown key {literal(key)} (allowed: "
                             f"{', '.join(sorted(allowed))})")

    def version(self, top: dict) -> None:
        if top.get("version") != 1:
            self.problem(("version",), "'version' must be 1")


class _RolesReader(_Reader):
    ROLE_KEYS: ClassVar[set[str]] = {
        "id", "name", "profile", "summary", "responsibilities", "skills", "skill_priorities",
        "tools", "outputs", "use_cases", "entry", "salary", "routes", "taster"}
    BLEND_KEYS: ClassVar[set[str]] = {"roles", "name", "description", "profile", "source",
                                      "titles", "taster", "skills"}

    def read(self) -> tuple[list[Trait], list[Role], list[Blend]]:
        top = self.mapping(self.doc.data, (), "roles.yaml")
        self.version(top)
        self.unknown_keys(top, (), {"version", "traits", "roles", "blends"})
        traits: list[Trait] = []
        seen: dict[str, int] = {}
        for index, entry in enumerate(self.items(top.get("traits"), ("traits",), "'traits'")):
            keys = ("traits", index)
            entry = self.mapping(entry, keys, "a trait")
            trait_id = self.ident(entry, keys, seen, "trait")
            traits.append(Trait(trait_id, self.text(entry, keys, "name"),
                                self.text(entry, keys, "description")))
        known = {t.id for t in traits}
        seen_roles: dict[str, int] = {}
        roles = [self._role(index, entry, known, seen_roles)
                 for index, entry in enumerate(self.items(top.get("roles"), ("roles",), "'roles'"))]
        ids = {role.id for role in roles}
        if len(roles) < 2:
            self.problem(("roles",), "a bank needs at least two roles to compare")
        blends = [self._blend(index, entry, ids, known)
                  for index, entry in enumerate(self.items(top.get("blends", []), ("blends",),
                                                           "'blends'"))]
        self._skills_known(roles, blends)
        first_of: dict[frozenset[str], int] = {}
        for index, blend in enumerate(blends):
            if blend.roles and first_of.setdefault(blend.roles, index) != index:
                self.problem(("blends", index, "roles"),
                             f"a second blend for {' and '.join(sorted(blend.roles))} (the"
                             f" first is '{blends[first_of[blend.roles]].name}'): a pair of"
                             " roles has at most one blend; merge the two")
        return traits, roles, blends

    def _role(self, index: int, entry: Any, known: set[str], seen: dict[str, int]) -> Role:
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
        routes, route_skills = self._routes(entry, keys)
        tools, tool_skills, tool_known_by = self._tools(entry, keys)
        priorities, known_by, skill_ids, labels = self._priorities(entry, keys)
        return Role(
            id=self.ident(entry, keys, seen, "role"),
            name=self.text(entry, keys, "name"),
            profile=profile,
            summary=self.text(entry, keys, "summary"),
            responsibilities=self.texts(entry, keys, "responsibilities"),
            skills=self.texts(entry, keys, "skills"),
            skill_priorities=tuple(priorities),
            tools=tools,
            tool_skills=tool_skills,
            tool_known_by=tool_known_by,
            outputs=self.texts(entry, keys, "outputs"),
            use_cases=self.texts(entry, keys, "use_cases"),
            entry=self.text(entry, keys, "entry"),
            salary=Salary(low, high, clean(str(salary.get("currency", "USD"))),
                          clean(str(salary.get("region", "US"))),
                          clean(str(salary.get("period", ""))),
                          clean(str(salary.get("note", "")))),
            routes=routes,
            route_skills=route_skills,
            line=self.doc.line(*keys), known_by=known_by,
            taster=self.text(entry, keys, "taster", required=False),
            skill_ids=tuple(skill_ids),
            skill_labels=tuple(labels),
        )

    def _routes(self, entry: dict, keys: tuple[Any, ...]
                ) -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
        """Routes by background id: text, or {text: ..., skills: [skill ids]}, *skills*
        naming what the route asks the person to learn (someone who already does them is
        told that part is behind them: three new users were told to learn what they had
        just said they do)."""
        routes: dict[str, str] = {}
        skills: dict[str, tuple[str, ...]] = {}
        given = self.mapping(entry.get("routes", {}), (*keys, "routes"), "routes")
        for background, route in given.items():
            where = (*keys, "routes", background)
            name = clean(str(background))
            if not isinstance(route, dict):
                routes[name] = clean(str(route).strip())
                continue
            self.unknown_keys(route, where, {"text", "skills"})
            routes[name] = self.text(route, where, "text")
            skills[name] = self._ids(route, where, "skills", "skill ids", owner="a route's ")
        return routes, skills

    def _tools(self, entry: dict, keys: tuple[Any, ...]
               ) -> tuple[tuple[str, ...], dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
        """Tools: text, or {text: ..., skills: [skill ids], known_by: [background ids]},
        naming the skills that come with the tool and the backgrounds that already use it:
        next steps leave it out of "Tools to learn" for such a person (new users were told
        to learn evaluation tooling after ticking evaluation harnesses, and Tableau as
        analysts)."""
        names: list[str] = []
        skills: dict[str, tuple[str, ...]] = {}
        known_by: dict[str, tuple[str, ...]] = {}
        items = entry.get("tools")
        if not isinstance(items, list) or not items:
            self.problem((*keys, "tools") if "tools" in entry else keys,
                         "'tools' must be a non-empty list of text")
            return (), {}, {}
        for index, item in enumerate(items):
            where = (*keys, "tools", index)
            if isinstance(item, str) and item.strip():
                names.append(clean(item.strip()))
                continue
            if not isinstance(item, dict):
                self.problem(where, "a tool is text, or a mapping with 'text' (and 'skills',"
                                    " 'known_by')")
                continue
            self.unknown_keys(item, where, {"text", "skills", "known_by"})
            name = self.text(item, where, "text")
            names.append(name)
            skills[name] = self._ids(item, where, "skills", "skill ids")
            known_by[name] = self._ids(item, where, "known_by", "background ids")
        return tuple(names), skills, known_by

    def _ids(self, item: dict, where: tuple[Any, ...], key: str, what: str, owner: str = ""
             ) -> tuple[str, ...]:
        """The optional list of ids under *key* ('skills', 'known_by'); a malformed one is a
        problem, read as none."""
        named = item.get(key, [])
        if not (isinstance(named, list) and all(isinstance(s, str) for s in named)):
            self.problem((*where, key), f"{owner}'{key}' is a list of {what}")
            return ()
        return tuple(named)

    def _skills_known(self, roles: list[Role], blends: list[Blend]) -> None:
        """Every skill a route, a tool or a blend names is one of the roles' skill
        priorities (by id)."""
        known = {skill for role in roles for skill in role.skill_ids}
        named_by = [(("blends", index), "blend", blend.skills)
                    for index, blend in enumerate(blends)]
        for index, role in enumerate(roles):
            named_by += [(("roles", index, "routes", background), "route", named)
                         for background, named in role.route_skills.items()]
            named_by += [(("roles", index, "tools", role.tools.index(tool)), "tool", named)
                         for tool, named in role.tool_skills.items()]
        for where, what, named in named_by:
            for place, skill in enumerate(named):
                if skill not in known:
                    self.problem((*where, "skills", place),
                                 f"a {what} names the unknown skill id {literal(skill)}"
                                 f" (known: {', '.join(sorted(known))})")

    def _priorities(self, entry: dict, keys: tuple[Any, ...]
                    ) -> tuple[list[str], dict[str, tuple[str, ...]], list[str], list[str]]:
        """Skill priorities: text, or {text: ..., label: ..., known_by: [background ids],
        id: ...}. The label is the skill's short name (the skills question offers it); a
        priority without one is named by its text, which must then be as short."""
        priorities: list[str] = []
        known_by: dict[str, tuple[str, ...]] = {}
        ids: list[str] = []
        labels: list[str] = []
        items = self.items(entry.get("skill_priorities"), (*keys, "skill_priorities"),
                           "'skill_priorities'")
        if not items:
            self.problem((*keys, "skill_priorities"), "'skill_priorities' must not be empty")
        for index, item in enumerate(items):
            where = (*keys, "skill_priorities", index)
            given_id = None
            label = None
            if isinstance(item, dict):
                self.unknown_keys(item, where, {"text", "label", "known_by", "id"})
                text = self.text(item, where, "text")
                label = self.text(item, where, "label", required=False) or None
                given_id = item.get("id")
                if given_id is not None and not (isinstance(given_id, str)
                                                 and ID_PATTERN.match(given_id)):
                    self.problem((*where, "id"), "a skill's 'id' is kebab-case")
                    given_id = None
                backgrounds = item.get("known_by", [])
                if not (isinstance(backgrounds, list)
                        and all(isinstance(b, str) for b in backgrounds)):
                    self.problem((*where, "known_by"), "'known_by' is a list of background ids")
                    backgrounds = []
                known_by[text] = tuple(backgrounds)
            elif isinstance(item, str) and item.strip():
                text = clean(item.strip())
            else:
                self.problem(where, "a skill priority is text, or a mapping with 'text'"
                                    " and 'known_by'")
                continue
            if len(label or text) > SKILL_LABEL_LIMIT:
                self.problem((*where, "label") if label else where,
                             f"a skill's name is at most {SKILL_LABEL_LIMIT} characters (the"
                             " skills question offers it): "
                             + ("shorten its 'label'" if label else
                                "give it a short 'label', such as 'SQL'"))
            priorities.append(text)
            ids.append(given_id or skill_id(text))
            labels.append(label or text)
        if len(set(ids)) < len(ids):
            self.problem((*keys, "skill_priorities"), "two skill priorities have the same id:"
                         " give one an 'id'")
        return priorities, known_by, ids, labels

    def _blend(self, index: int, entry: Any, role_ids: set[str], known: set[str]) -> Blend:
        keys = ("blends", index)
        entry = self.mapping(entry, keys, "a blend")
        self.unknown_keys(entry, keys, self.BLEND_KEYS)
        pair = entry.get("roles")
        if not (isinstance(pair, list) and len(pair) == 2 and set(pair) <= role_ids
                and pair[0] != pair[1]):
            # (Which one is unknown, and the known ones: a bank editor got neither.)
            unknown = [r for r in pair if r not in role_ids] if isinstance(pair, list) else []
            self.problem((*keys, "roles"), "a blend names exactly two different known roles"
                         + (f"; unknown: {', '.join(map(str, unknown))}" if unknown else "")
                         + f" (known: {', '.join(sorted(role_ids))})")
            pair = []
        profile = self.weights(entry.get("profile"), (*keys, "profile"), known, "profile")
        if entry.get("profile") is not None and not any(profile.values()):
            self.problem((*keys, "profile"), "profile must give a non-zero weight to some trait")
        titles = self.texts(entry, keys, "titles") if "titles" in entry else ()
        return Blend(frozenset(pair), self.text(entry, keys, "name"),
                     self.text(entry, keys, "description"), profile,
                     self.text(entry, keys, "source"), self.doc.line(*keys), titles,
                     self.text(entry, keys, "taster", required=False),
                     self._ids(entry, keys, "skills", "skill ids"))


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
        self.unknown_keys(top, (), {"version", "max_questions", "questions"})
        self.max_questions = top.get("max_questions", DEFAULT_MAX_QUESTIONS)
        if (isinstance(self.max_questions, bool) or not isinstance(self.max_questions, int)
                or self.max_questions < MIN_MAX_QUESTIONS):
            self.problem(("max_questions",), "'max_questions' must be a whole number from"
                         f" {MIN_MAX_QUESTIONS} (the most scored questions an adaptive quiz"
                         " asks before it stops)")
            self.max_questions = DEFAULT_MAX_QUESTIONS
        seen: dict[str, int] = {}
        entries = self.items(top.get("questions"), ("questions",), "'questions'")
        questions = [self._question(index, entry, seen) for index, entry in enumerate(entries)]
        if not any(q.scored for q in questions):
            self.problem(("questions",), "the bank has no scored question")
        return questions

    def _question(self, index: int, entry: Any, seen: dict[str, int]) -> Question:
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
            options = self._options(entry, keys, scored, kind)
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
                                           f" reason fits on one line (this one has"
                                           f" {len(short)})")
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
        answers = tuple(
            Option(answer.format(**names), label.format(**names),
                   {t: w * abs(share) for t, w in (first if share > 0 else second).effects.items()}
                   if share else {})
            for answer, label, share in PAIR_POINTS)
        ids = [a.id for a in answers]
        if len(set(ids)) < len(ids):
            clash = next(i for i in ids if ids.count(i) > 1)
            self.problem((*keys, "options"),
                         f"the pair's answer ids collide ('{clash}' twice): an option id may"
                         " not be the other's with 'lean-' in front; rename one")
        return answers

    def _scale(self, entry: dict, keys: tuple[Any, ...]) -> tuple[Option, ...]:
        if "options" in entry:
            self.problem((*keys, "options"), "a scale question takes 'effects', not 'options'"
                         " (its five agreement options are built in)")
        effects = self.weights(entry.get("effects"), (*keys, "effects"), self.traits, "effects")
        if not any(effects.values()):
            self.problem(keys, "a scale question needs non-zero 'effects'")
        return tuple(Option(point, label, {t: w * share for t, w in effects.items()})
                     for point, label, share in SCALE_POINTS)

    def _options(self, entry: dict, keys: tuple[Any, ...], scored: bool, kind: str
                 ) -> tuple[Option, ...]:
        if "effects" in entry:
            self.problem((*keys, "effects"), "'effects' belong on each option of this question")
        seen: dict[str, int] = {}
        options = []
        raw = self.items(entry.get("options"), (*keys, "options"), "'options'")
        if raw and len(raw) < 2:
            self.problem((*keys, "options"), "a question needs at least two options")
        if kind in MAX_OPTIONS and len(raw) > MAX_OPTIONS[kind]:
            self.problem((*keys, "options"), f"{len(raw)} options, more than the"
                         f" {MAX_OPTIONS[kind]} a {kind} question may have")
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
