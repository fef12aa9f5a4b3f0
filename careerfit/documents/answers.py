"""Read and write answers files: versioned YAML keyed by stable ids.

```yaml
version: 2
revision: 2          # the bank revision the answers were given against
answers:
  some-question-id: some-option-id
  a-pick-all-question: [option-a, option-b]
  a-skipped-question: skip
```
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from careerfit.bank import SKIP, Bank, Question
from careerfit.base.errors import InputError, clean, literal
from careerfit.base.vocabulary import EditablePicks, MaybeAnswer, Picks
from careerfit.documents import files

if TYPE_CHECKING:
    from careerfit.bank import safeyaml  # the YAML parser is imported only when a file is read

# Version 2 added 'revision'; version-1 files are read as revision 1.
FORMAT_VERSION = 2
READABLE_VERSIONS = (1, 2)
TOP_KEYS = ("version", "revision", "adaptive", "answers", "skills")
MAX_BYTES = 64 * 1024


class AnswerSet(NamedTuple):
    """A person's answers and how they were gathered.

    *picks* holds what was given (in bank order, or in the order asked when read with
    ``in_file_order``: the quiz's numbering); *missing* the questions still to
    ask; *newer* the questions added to the bank after the answers were saved (never
    put to the person); *revision* the bank revision they were given against;
    *adaptive* marks answers from an adaptive quiz, which asks only what it needs.
    """

    picks: EditablePicks
    missing: tuple[str, ...] = ()
    newer: tuple[str, ...] = ()
    revision: int = 1
    adaptive: bool = False
    # Skills the person already does with confidence (skill ids): left out of next steps.
    skills: tuple[str, ...] = ()


def read_answers(path: Path, bank: Bank, *, watch: bool = False,
                 in_file_order: bool = False) -> AnswerSet:
    """Read and check an answers file against *bank*; every mistake is an :class:`InputError`.
    With *watch*, a later write of the same file refuses if it changed meanwhile
    (:func:`careerfit.documents.files.watch`); *in_file_order*: see :func:`parse_answers`."""
    from careerfit.bank import safeyaml

    if watch:
        files.watch(path)
    doc = safeyaml.load(path, what="answers file", max_bytes=MAX_BYTES)
    return parse_answers(doc, bank, in_file_order=in_file_order)


def parse_answers(doc: safeyaml.Document, bank: Bank, *, in_file_order: bool = False
                  ) -> AnswerSet:
    """Check a parsed answers document against *bank*; every mistake is an InputError.
    With *in_file_order* the picks keep the file's order (a quiz's files list answers in
    the order they were asked: the quiz, its review and --edit number them so)."""
    revision, adaptive, given = _header(doc)
    if revision > bank.revision:
        raise InputError(f"{doc.value_where('revision')}: 'revision' is {revision}, but this"
                         f" question bank is only at revision {bank.revision}",
                         hint="if it was saved with another question bank, name that bank's"
                              " folder with --data DIR; else leave 'revision' as careerfit"
                              " wrote it")
    if adaptive and not given:
        raise InputError(f"{doc.where('answers')}: an adaptive answers file with no answers",
                         hint="an adaptive quiz saves what it asked; take the quiz again")
    picks = _usual_picks(bank, given)
    if picks is None or len(picks) < len(given):  # something unusual: check each one
        picks = _checked_picks(doc, bank, given)
    absent = ([q for q in bank.questions if q.id not in given]
              if len(picks) < len(bank.questions) else [])
    # An adaptive quiz asks only what it needs: what it did not ask is not missing.
    missing = () if adaptive else tuple(q.id for q in absent if q.added <= revision)
    newer = tuple(q.id for q in absent if q.added > revision)
    if in_file_order:
        picks = {key: picks[key] for key in given if key in picks}
    return AnswerSet(picks, missing, newer, revision, adaptive, _skills(doc, bank))


def _skills(doc: safeyaml.Document, bank: Bank) -> tuple[str, ...]:
    """The 'skills' list: ids of skills the person already has, each one known."""
    if "skills" not in doc.data:
        return ()
    given = doc.data["skills"]
    if not isinstance(given, list) or not all(isinstance(s, str) for s in given):
        raise InputError(f"{doc.where('skills')}: 'skills' must be a list of skill ids",
                         hint="'careerfit questions' lists them")
    for index, skill in enumerate(given):
        if skill not in bank.skills:
            raise InputError(f"{doc.where('skills', index)}: unknown skill id {literal(skill)}",
                             hint=_closest(skill, list(bank.skills), "skill"))
    return tuple(s for s in bank.skills if s in given)


def _header(doc: safeyaml.Document) -> tuple[int, bool, dict[Any, Any]]:
    """The revision, the adaptive flag and the answers mapping, each checked."""
    top = doc.data
    if not isinstance(top, dict):
        raise InputError(
            f"{doc.where()}: an answers file is a mapping with 'version' and 'answers',"
            f" not {_kind(top)}",
            hint="start from a file written by 'careerfit quiz --save FILE'",
        )
    _check_version(doc, top)
    for key in top:
        if key not in TOP_KEYS:
            raise InputError(
                f"{doc.where(key)}: unknown top-level key {literal(key)}",
                hint="an answers file holds only " + ", ".join(f"'{k}'" for k in TOP_KEYS),
            )
    revision = top.get("revision", 1)
    if isinstance(revision, bool) or not isinstance(revision, int) or revision < 1:
        raise InputError(f"{doc.value_where('revision')}: 'revision' must be a whole number from 1,"
                         f" not {literal(revision)}",
                         hint="leave it as 'careerfit quiz --save' wrote it, or remove it")
    adaptive = top.get("adaptive", False)
    if not isinstance(adaptive, bool):
        raise InputError(f"{doc.value_where('adaptive')}: 'adaptive' must be true or false,"
                         f" not {literal(adaptive)}",
                         hint="leave it as 'careerfit quiz --save' wrote it, or remove it")
    given = top.get("answers")
    if given is None:
        given = {}
    if not isinstance(given, dict):
        raise InputError(f"{doc.where('answers')}: 'answers' must be a mapping of question id"
                         f" to option id, not {_kind(given)}",
                         hint="write one answer a line under 'answers:', as 'question-id:"
                              " option-id' ('careerfit questions' lists them)")
    return revision, adaptive, given


def _checked_picks(doc: safeyaml.Document, bank: Bank, given: dict[Any, Any]) -> EditablePicks:
    """The picks of *given*, checking each key and answer: every mistake is named at once,
    in the file's order (a coach fixing a student's file found three, one run at a time)."""
    picks: EditablePicks = {}
    problems: list[InputError] = []
    for key, value in given.items():
        question = bank.question(key) if isinstance(key, str) else None
        try:
            if question is None:
                raise InputError(
                    f"{doc.where('answers', key)}: unknown question id {literal(key)}",
                    hint=_closest(key, [q.id for q in bank.questions], "question"))
            picks[key] = _pick(doc, bank, question, value)
        except InputError as problem:
            problems.append(problem)
    if len(problems) == 1:
        raise problems[0]
    if problems:
        raise Mistakes(problems, str(doc.path))
    return {question.id: picks[question.id] for question in bank.questions
            if question.id in picks}


class Mistakes(InputError):
    """Several mistakes in one answers file, each with its place and its fix; the first's
    fix is the error's own (a script reads it as ``error.fix``)."""

    SHOWN = 10

    def __init__(self, problems: list[InputError], name: str) -> None:
        lines = [str(problem) for problem in problems[:self.SHOWN]]
        if len(problems) > self.SHOWN:
            lines.append(f"...and {len(problems) - self.SHOWN} more")
        lines.append(f"{len(problems)} mistakes in the answers of {name}: fix them and run"
                     " again.")
        super().__init__("\n".join(lines), hint=problems[0].hint)

    def __str__(self) -> str:  # (each problem carries its own fix already)
        return clean(self.message)


def _usual_picks(bank: Bank, given: dict[Any, Any]) -> Picks | None:
    """The picks of the questions *given* answers, in bank order, when each is written in
    the usual form (an option id, 'skip', or a pick-all list in option order); else None,
    which tells the caller to check each key and answer and name what is wrong. Looked up
    without building any text: this is the path of every well-formed record ``careerfit
    score`` reads, whose answers are most often in bank order already."""
    lookup = bank.answer_lookup
    try:
        picks = {question_id: lookup[question_id][written]
                 for question_id, written in given.items()}
    except (KeyError, TypeError):  # an unknown answer or key; TypeError: an unhashable one
        return None
    if tuple(picks) == bank.question_order[:len(picks)]:
        return picks
    return {question_id: picks[question_id] for question_id in lookup if question_id in picks}


def _check_version(doc: safeyaml.Document, top: dict) -> None:
    version = top.get("version")
    # (A script author was told to add a YAML line to a JSON line.)
    written = f'"version": {FORMAT_VERSION}' if doc.json else f"version: {FORMAT_VERSION}"
    if "version" not in top:
        raise InputError(f"{doc.where()}: no 'version' key",
                         hint=f"add {written} to the object" if doc.json else
                         f"add '{written}' as the first line")
    if isinstance(version, bool) or not isinstance(version, int):
        raise InputError(f"{doc.value_where('version')}: 'version' must be a whole number,"
                         f" not {literal(version)}", hint=f"use {written}")
    if version > FORMAT_VERSION:
        raise InputError(
            f"{doc.value_where('version')}: this answers file was written by a newer careerfit"
            f" (format version {version}); this careerfit reads versions up to"
            f" {FORMAT_VERSION}",
            hint="upgrade careerfit (pip install -U careerfit)",
        )
    if version not in READABLE_VERSIONS:
        raise InputError(f"{doc.value_where('version')}: unknown answers format version {version}",
                         hint=f"use {written}")


def _pick(doc: safeyaml.Document, bank: Bank, question: Question, value: Any
          ) -> MaybeAnswer:
    """*value* as picks, or the InputError that says what is wrong with it."""
    if value == SKIP:
        return None
    if question.kind == "multi" and isinstance(value, list) and all(
            isinstance(v, str) and bank.is_option(question.id, v) for v in value):
        return tuple(o for o in question.option_ids if o in value)
    where = doc.value_where("answers", question.id)
    valid = ", ".join([*question.option_ids, SKIP])
    if question.kind == "multi":
        values = value if isinstance(value, list) else [value]
        for index, item in enumerate(values):
            if not isinstance(item, str) or question.option(item) is None:
                place = doc.where("answers", question.id, index) if isinstance(value, list) \
                    else where
                raise InputError(
                    f"{place}: {_as_written(item)} is not an option of '{question.id}'",
                    hint=f"pick any of: {valid}" + _closest_suffix(item, question.option_ids),
                )
        return tuple(o for o in question.option_ids if o in values)
    if isinstance(value, list):
        raise InputError(
            f"{where}: '{question.id}' takes one answer, not a list",
            hint=f"give one of: {valid}",
        )
    if value is None:  # (a script author read "'None' is not an option")
        raise InputError(f"{where}: '{question.id}' has no answer",
                         hint=f"give one of: {valid}; or remove the line")
    if not isinstance(value, str) or question.option(value) is None:
        raise InputError(
            f"{where}: {_as_written(value)} is not an option of '{question.id}'",
            hint=f"give one of: {valid}" + _closest_suffix(value, question.option_ids),
        )
    return (value,)


def _as_written(value: Any) -> str:
    """A value that is no option id, for a message: a true or false says that YAML read
    it so (a script author wrote 'yes' and was told "'True' is not an option")."""
    if isinstance(value, bool):
        return f"{str(value).lower()} (YAML reads yes, no, on and off as true or false)"
    return literal(value)


def _kind(value: Any) -> str:
    names = {list: "a list", str: "text", int: "a number", float: "a number",
             bool: "true/false", type(None): "nothing"}
    return names.get(type(value), "a mapping")


def _close_match(word: Any, choices: list[str] | tuple[str, ...]) -> str | None:
    import difflib

    match = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return match[0] if match else None


def _closest(word: Any, choices: list[str], what: str) -> str:
    match = _close_match(word, choices)
    if match:
        return f"did you mean '{match}'? ('careerfit questions' lists every id)"
    return f"remove it ('careerfit questions' lists every {what} id)"


def _closest_suffix(word: Any, choices: tuple[str, ...]) -> str:
    match = _close_match(word, choices)
    return f" (did you mean '{match}'?)" if match else ""


def question_listing(bank: Bank) -> list[dict[str, Any]]:
    """Every question with the answers a file may give it: for ``careerfit questions``.
    A pick-all question takes a list of its answer ids; every question takes 'skip'."""
    return [{"id": q.id, "type": q.kind, "short": q.short, "text": q.text,
             "scored": q.scored,
             "answers": [{"id": o.id, "label": o.label} for o in q.options]
             + [{"id": SKIP, "label": "Not sure"}]}
            for q in bank.questions]


def to_plain(bank: Bank, picks: Picks, *, as_ordered: bool = False
             ) -> dict[str, str | list[str]]:
    """Picks in the answers-file form: an id, a list of ids, or 'skip'; in bank order, or
    with *as_ordered* in the picks' own order (the order a quiz asked them)."""
    plain: dict[str, str | list[str]] = {}
    order = ([q for q in map(bank.question, picks) if q is not None] if as_ordered
             else bank.questions)
    for question in order:
        if question.id not in picks:
            continue
        chosen = picks[question.id]
        if chosen is None:
            plain[question.id] = SKIP
        elif question.kind == "multi":
            plain[question.id] = list(chosen)
        else:
            plain[question.id] = chosen[0]
    return plain


def answers_document(bank: Bank, answers: AnswerSet, *, as_asked: bool = False
                     ) -> dict[str, Any]:
    """*answers* in the answers-file form (also the ``answers`` key of the JSON result, in
    bank order, so that equal answers give equal bytes); with *as_asked*, in the order of
    the picks (files a quiz writes: the order the questions were asked)."""
    document: dict[str, Any] = {"version": FORMAT_VERSION, "revision": answers.revision}
    if answers.adaptive:
        document["adaptive"] = True
    document["answers"] = to_plain(bank, answers.picks, as_ordered=as_asked)
    if answers.skills:
        document["skills"] = list(answers.skills)
    return document


def dump_answers(bank: Bank, answers: AnswerSet, extra: dict[str, Any] | None = None,
                 data: str = "", path: str = "THIS_FILE") -> str:
    """The text of an answers file (stable ids, in the order the picks were asked); its
    re-run line names the file at *path* (a user pasted 'THIS_FILE') and *data* (' --data
    DIR') when the answers are to another bank's questions (a bank editor's re-run line
    read the answers against the packaged bank)."""
    import yaml

    # libyaml's emitter when the wheel has it: the same bytes, five times faster (the quiz
    # saves its progress after every answer).
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    body = yaml.dump({**(extra or {}), **answers_document(bank, answers, as_asked=True)},
                     Dumper=dumper, sort_keys=False, default_flow_style=None,
                     allow_unicode=True, width=1 << 20)  # (an answer a line: its words follow)
    return ("# careerfit answers. Keys are question ids, values option ids (or 'skip'),\n"
            f"# each with its words after '#'; 'careerfit questions{data}' lists them all.\n"
            f"# Re-run with: careerfit quiz --answers {path}{data}\n"
            + _with_words(body, bank, answers.picks))


def _with_words(body: str, bank: Bank, picks: Picks) -> str:
    """*body* (YAML as dumped: one answer a line under 'answers:') with each answer's
    words as a comment after it (a lecturer editing with sed read the id
    'months-before-users' as the answer it stands against)."""
    lines, inside = [], False
    for line in body.splitlines():
        inside = line == "answers:" or (inside and line.startswith("  "))
        key = line[2:].split(":", 1)[0] if inside and line.startswith("  ") else ""
        question = bank.question(key) if key else None
        if question is not None and key in picks:
            line += f"  # {_words(question, picks[key])}"
        lines.append(line)
    return "\n".join(lines) + "\n"


def _words(question: Question, chosen: MaybeAnswer) -> str:
    """An answer in words, as the quiz says it (a pair's with the other activity: a user
    editing by hand read 'both  # Both about equally' and asked, both of what?)."""
    return question.describe(chosen).replace("\n", " ")
