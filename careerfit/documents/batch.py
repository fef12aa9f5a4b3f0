"""Scoring many answer sets in one process: ``careerfit score``.

Pure logic. Records stream through: nothing keeps more than one block of records
(:data:`careerfit.engine.blocks.BLOCK_SIZE`) and the cohort summary's counters, so memory
stays flat however long the input. Input is YAML answers files by path, or JSON
Lines (one answers object per line, with an optional ``id``). Every record gives
one output object, in input order; a bad record gives
``{"id"/"file": ..., "error": {"message", "where"}}`` and the rest are still scored.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

from careerfit.bank import Bank
from careerfit.bank.safeyaml import Document
from careerfit.base import speed
from careerfit.base.errors import InputError, literal, some_ids
from careerfit.base.interrupts import held_signals
from careerfit.base.vocabulary import KINDS, MAIN
from careerfit.documents.answers import AnswerSet, parse_answers, read_answers
from careerfit.documents.report import (
    build_report,
    outcome_part,
    ranking_part,
    recommendation_part,
    stated,
)
from careerfit.engine.result import LEVELS, Evaluator, Result

MAX_LINE_BYTES = 64 * 1024
# The version of the cohort summary's document (careerfit schema summary).
SUMMARY_SCHEMA_VERSION = 1


class Record(NamedTuple):
    """One input: how to name it in the output, and its answers or what is wrong with it."""

    key: dict[str, Any]
    where: str
    answers: AnswerSet | None = None
    error: InputError | None = None


# Files named on the command line with these suffixes hold JSON Lines, which careerfit
# score reads from standard input (a script author named one and was told "not valid YAML").
JSON_LINES_SUFFIXES = (".jsonl", ".ndjson")


def from_files(paths: Iterable[Path], bank: Bank) -> Iterator[Record]:
    for path in paths:
        try:
            if path.suffix.lower() in JSON_LINES_SUFFIXES:
                raise InputError(f"{path}: holds JSON Lines, which careerfit score reads from"
                                 " standard input", hint=f"careerfit score < {path}")
            yield _complete(Record({"file": str(path)}, str(path), read_answers(path, bank)))
        except InputError as error:
            yield Record({"file": str(path)}, str(path), error=error)


def from_json_lines(stream: BinaryIO, bank: Bank, name: str = "<stdin>") -> Iterator[Record]:
    """Records from JSON Lines, read as bytes: orjson decodes them (and reports bad UTF-8
    as a bad line rather than ending the run). A line longer than MAX_LINE_BYTES is
    refused as it is read, never held whole in memory."""
    import orjson

    for number, line in enumerate(_capped_lines(stream), start=1):
        if line is not None and line.isspace():
            continue
        where = f"{name}:{number}"
        key: dict[str, Any] = {"line": number}
        try:
            if line is None:
                raise InputError(f"{where}: the line is longer than {MAX_LINE_BYTES // 1024} KiB",
                                 hint="each line holds one answers object, of a few KiB")
            try:
                data = orjson.loads(line)
            except orjson.JSONDecodeError as exc:  # (its own 'line 1 column 79' confused)
                raise InputError(f"{where}:{exc.colno}: not valid JSON: {exc.msg}",
                                 hint="each line holds one whole JSON object") from None
            try:
                if isinstance(data, dict) and "id" in data:
                    key = {"id": _id(data.pop("id"), where)}
                answers = parse_answers(Document(where, data, {}, json=True), bank)
            except InputError as error:  # a repeated key is named first, as YAML files do
                raise _repeated_key(line, where) or error from None
            if line.count(b":") != _colons(data, key):  # maybe a key given twice
                repeated = _repeated_key(line, where)
                if repeated is not None:
                    raise repeated
            yield _complete(Record(key, where, answers))
        except InputError as error:
            yield Record(key, where, error=error)


def _capped_lines(stream: BinaryIO) -> Iterator[bytes | None]:
    """The stream's lines; None for a line over MAX_LINE_BYTES, whose rest is skipped
    a piece at a time (so memory stays flat on any input, /dev/zero included)."""
    while True:
        line = stream.readline(MAX_LINE_BYTES + 1)
        if not line:
            return
        if len(line) <= MAX_LINE_BYTES or line.endswith(b"\n"):
            yield line
            continue
        while (rest := stream.readline(MAX_LINE_BYTES)) and not rest.endswith(b"\n"):
            pass
        yield None


def _id(value: Any, where: str) -> str | int | float:
    if not isinstance(value, (str, int, float)):
        raise InputError(f"{where}: 'id' is {type(value).__name__}",
                         hint="give each record an id that is text or a number")
    return value


def _colons(data: dict[str, Any], key: dict[str, Any]) -> int:
    """How many colons the line of a valid record holds if no key is given twice: one after
    each top-level key (the id's too) and each answer, and any in the id's text, the one
    free text of a valid record (every other string is a bank id, which holds no colon). A
    line with more has lost a repeated key to the decoder (orjson keeps the last); one with
    fewer was written with escapes, and is looked at closer. Counted from what parsing
    found, as writing the object back to count took a sixth of reading a line; and one byte
    rather than the two of ``":``, which bytes.count finds twice as fast (bench/batch.py)."""
    ident = key.get("id")
    return (len(data) + ("id" in key) + len(data.get("answers") or ())
            + (ident.count(":") if isinstance(ident, str) else 0))


def _repeated_key(line: bytes, where: str) -> InputError | None:
    """The error for a line that gives a key twice (orjson keeps the last; YAML files
    refuse), or None when no key repeats or the line is too deep for Python's reader."""
    import json

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        seen: set[str] = set()
        for key, _ in items:
            if key in seen:
                raise InputError(f"{where}: repeats the key {literal(key)} (each key may"
                                 " appear once)", hint="remove one of the two")
            seen.add(key)
        return dict(items)

    try:
        json.loads(line, object_pairs_hook=pairs)
    except InputError as error:
        return error
    except (RecursionError, ValueError):  # orjson read it: too deep for Python's reader
        return None
    return None


def output_line(output: dict[str, Any]) -> bytes:
    """One output object as a JSON line (UTF-8, compact, keys in the order built)."""
    import orjson

    return orjson.dumps(output) + b"\n"


def _complete(record: Record) -> Record:
    """A record whose (non-adaptive) answers leave questions out is an error, as for --answers."""
    answers = record.answers
    if answers is not None and answers.missing:
        raise InputError(f"{record.where}: {len(answers.missing)} question(s) have no answer:"
                         f" {some_ids(answers.missing)}",
                         hint="add them, with 'skip' for any left out")
    return record


def score(records: Iterable[Record], bank: Bank, *, full: bool = False, traits: bool = True,
          evaluator: Evaluator | None = None, block_size: int | None = None
          ) -> Iterator[tuple[dict[str, Any], Result | None]]:
    """Each record's output object (and its result, None for an error), in input order.

    The default output is scored *block_size* records at a time (:mod:`careerfit.engine.blocks`),
    with trait scores in the results only if *traits* (the cohort summary reads them);
    *full* output explains each result (reasons, what-if), one record at a time."""
    evaluate = evaluator or Evaluator(bank)
    if full:
        for record in records:
            if record.answers is None:
                yield _error(record), None
                continue
            result = evaluate(record.answers.picks)
            yield {**record.key, **build_report(bank, result, record.answers)}, result
        return
    speed.one_blas_thread()  # before numpy loads its BLAS
    with held_signals():  # BLAS worker threads start now: they inherit the blocked
        from careerfit.engine.blocks import BLOCK_SIZE, results  # signals, for good

    size = block_size or BLOCK_SIZE
    for block in _blocks(records, size):
        scored = results(evaluate, [r.answers.picks for r in block if r.answers is not None],
                         traits=traits, block_size=size)
        for record in block:
            if record.answers is None:
                yield _error(record), None
                continue
            result = next(scored)
            yield {**record.key, "ranking": ranking_part(bank, result),
                   "recommendation": recommendation_part(bank, result, record.answers.picks),
                   "outcome": outcome_part(bank, result, chances=False)}, result


def _error(record: Record) -> dict[str, Any]:
    error = record.error
    assert error is not None
    # The fix on its own too, for a script to show (a script author asked for it); the
    # place as precise as the message gives it (line and column, a script author saw
    # '"where": "ana-bad.yaml"' beside a message that began 'ana-bad.yaml:9:22:').
    message = str(error)
    where = record.where
    if message.startswith(where):
        where += re.match(r"(?::\d+)*", message[len(where):]).group(0)
    return {**record.key, "error": {"message": message, "where": where, "fix": error.hint}}


def _blocks(records: Iterable[Record], size: int) -> Iterator[list[Record]]:
    block: list[Record] = []
    for record in records:
        block.append(record)
        if len(block) == size:
            yield block
            block = []
    if block:
        yield block


# The places of the records not scored that the cohort summary names (a coach had to
# run again without --summary to find the one broken file).
NAMED_UNSCORED = 10
# A cohort up to this size is also listed a person a line (two coaches wrote a shell
# loop for "one line per student"); a larger one is only counted, so memory stays flat.
LISTED_UP_TO = 50


def record_name(output: dict[str, Any]) -> str:
    """How a record is named to a person: its file, its id, or its line of the input."""
    if "file" in output:
        return str(output["file"])
    return str(output["id"]) if "id" in output else f"line {output.get('line', '?')}"


def why_command(place: str) -> str | None:
    """The command that says, readably, why the record at *place* (an error's where) could
    not be scored: for an answers file, reading it as the quiz does (a coach, pointed at
    the JSON lines, read the error through their escapes); None for a line of a stream."""
    path = re.sub(r"(?::\d+)+$", "", place)
    return None if path.startswith("<") else f"careerfit quiz --answers {path}"


class Summary:
    """Cohort counters, updated one result at a time (Welford's method for the spreads)."""

    def __init__(self, bank: Bank) -> None:
        self.bank = bank
        self.people = self.errors = 0
        self.unscored: list[str] = []
        self.listed: list[dict[str, Any]] = []  # the first LISTED_UP_TO people
        self._role_order = {role.id: i for i, role in enumerate(bank.roles)}
        self.verdicts: Counter[tuple[str, tuple[str, ...], str | None]] = Counter()
        self.recommended: Counter[str] = Counter()
        self.confidence: Counter[str] = Counter()
        self.hybrids: Counter[str] = Counter()
        self.outcomes: Counter[str] = Counter()
        self.outcome_confidence: Counter[str] = Counter()
        self._moments = {t.id: [0, 0.0, 0.0] for t in bank.traits}

    def add(self, result: Result | None, place: str = "", who: str = "") -> None:
        """Count *result*, of the record named *who*; None is a record not scored, at
        *place* (its error's where)."""
        if result is None:
            self.errors += 1
            if len(self.unscored) < NAMED_UNSCORED:
                self.unscored.append(place)
            return
        self.people += 1
        outcome = result.verdict.outcome
        # A pair once, whichever of its roles fits better (a coach's table had 'torn
        # between A and B' and 'torn between B and A' as two rows): in the bank's order.
        roles = tuple(sorted(outcome.roles, key=self._role_order.__getitem__))
        self.verdicts[outcome.kind, roles, outcome.name] += 1
        if len(self.listed) < LISTED_UP_TO:
            self.listed.append({"who": who, "kind": outcome.kind, "roles": list(outcome.roles),
                                "name": outcome.name, "confidence": result.verdict.confidence,
                                "probability": stated(outcome.probability)})
        self.recommended[result.recommended or "none"] += 1
        self.confidence[result.confidence] += 1
        self.outcomes[result.verdict.kind] += 1
        self.outcome_confidence[result.verdict.confidence] += 1
        if result.hybrid is not None:
            self.hybrids[result.hybrid.name] += 1
        for trait, value in result.scores.traits.items():
            moments = self._moments[trait]
            moments[0] += 1
            delta = value - moments[1]
            moments[1] += delta / moments[0]
            moments[2] += delta * (value - moments[1])

    def _verdicts(self) -> list[dict[str, Any]]:
        """Every verdict given, with how many people got it: each role as the main role
        (none too), then each pair and nothing stands out, most given first (of equally
        often given, in the order of KINDS, then by their roles)."""
        mains = [(MAIN, (role.id,), None) for role in self.bank.roles]
        others = sorted((key for key in self.verdicts if key[0] != MAIN),
                        key=lambda key: (-self.verdicts[key], KINDS.index(key[0]), key[1]))
        return [{"kind": kind, "roles": list(roles), "name": name,
                 "people": self.verdicts[kind, roles, name]}
                for kind, roles, name in mains + others]

    def as_dict(self) -> dict[str, Any]:
        names = {r.id: r.name for r in self.bank.roles}
        spreads = sorted(((math.sqrt(m2 / n) if n > 1 else 0.0, trait)
                          for trait, (n, _, m2) in self._moments.items()), reverse=True)
        trait_names = {t.id: t.name for t in self.bank.traits}
        # The most common hybrid; of equally common ones, the bank's first (not the first
        # met, which made the answer depend on the input's order).
        blend = max(self.bank.blends, key=lambda b: self.hybrids[b.name], default=None)
        hybrid = self.hybrids[blend.name] if blend else 0
        return {
            "schema_version": SUMMARY_SCHEMA_VERSION,  # (a script author asked for one)
            "people": self.people,
            "errors": self.errors,
            "unscored": self.unscored,
            "recommended": {**{r: self.recommended[r] for r in names},
                            "none": self.recommended["none"]},
            "confidence": {level: self.confidence[level]
                           for level in reversed(LEVELS)},
            "outcomes": {kind: self.outcomes[kind] for kind in KINDS},
            "verdicts": self._verdicts(),
            "listed": self.listed if self.people <= LISTED_UP_TO else None,
            "outcome_confidence": {level: self.outcome_confidence[level]
                                   for level in reversed(LEVELS[1:])},
            "most_common_hybrid": ({"name": blend.name, "roles": sorted(blend.roles),
                                    "people": hybrid} if blend and hybrid else None),
            "separating_traits": [{"trait": trait, "name": trait_names[trait],
                                   "spread": round(spread, 3)}
                                  for spread, trait in spreads[:3] if spread > 0],
        }
