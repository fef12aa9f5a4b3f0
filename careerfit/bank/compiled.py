"""The shipped bank, pre-parsed: a start-up shortcut that can never go stale.

Parsing the YAML bank and tabulating the response model's likelihoods take
most of careerfit's own start-up time. ``data/bank.compiled.json`` holds both,
built from the YAML by ``python -m careerfit.engine.tables``. It is used only for the
default bank, and only while it matches: it records a checksum of
questions.yaml and roles.yaml and a signature of the model's constants, and
anything else (an edited bank, a changed model, a missing file) falls back to
reading the YAML. ``--data`` banks always go through the YAML and every check.
A test rebuilds it and compares, so a stale file fails CI.

Pure logic: imports nothing from the terminal layer.
"""

from __future__ import annotations

import binascii
import json
import sys
import zlib
from pathlib import Path
from typing import Any

from careerfit.bank.calibration import Calibration
from careerfit.bank.packed import CompiledTables
from careerfit.bank.types import Bank, Blend, Option, Question, Role, Salary, Trait

FILE_NAME = "bank.compiled.json"
# Each likelihood row is stored as base64 of little-endian doubles: exact, and far
# faster to read than decimal floats (format 2). Format 3 adds the blends' profiles,
# format 4 the skill ids, format 5 the calibration and the question cap, format 6 the
# skills' short names, format 7 the blends' job titles, format 8 their weekend projects,
# format 9 the skills each route names, format 10 the skills and backgrounds of tools,
# format 11 the skills each blend asks for.
FORMAT = 11
SOURCES = ("questions.yaml", "roles.yaml")
# A role's mappings to lists of ids (tuples in the bank, lists in JSON).
ROLE_ID_LISTS = ("known_by", "route_skills", "tool_skills", "tool_known_by")
OPTIONAL_SOURCES = ("calibration.yaml",)


def checksum(directory: Path) -> int:
    """CRC-32 of the bank's YAML files (a staleness check, not a security one)."""
    value = 0
    for name in SOURCES:
        value = zlib.crc32((directory / name).read_bytes(), value)
    for name in OPTIONAL_SOURCES:
        path = directory / name
        value = zlib.crc32(path.read_bytes() if path.exists() else b"-", value)
    return value


def load_compiled(directory: Path) -> Bank | None:
    """The compiled bank in *directory*, or None when it is missing or stale."""
    try:
        stored = json.loads((directory / FILE_NAME).read_text(encoding="utf-8"))
        current = checksum(directory)
    except (OSError, ValueError):
        return None
    if stored.get("format") != FORMAT or stored.get("checksum") != current:
        return None
    return _bank_from_plain(stored["bank"], directory,
                            CompiledTables(stored.get("model"), stored["tables"]))


def pack(row: list[float]) -> str:
    from array import array

    values = array("d", row)
    if sys.byteorder == "big":
        values.byteswap()
    return binascii.b2a_base64(values.tobytes(), newline=False).decode("ascii")


def _option(option: Option) -> list[Any]:
    return [option.id, option.label, dict(option.effects)]


def bank_to_plain(bank: Bank) -> dict[str, Any]:
    return {
        "questions": [
            {**q._asdict(), "options": [_option(o) for o in q.options],
             "sides": [_option(o) for o in q.sides]}
            for q in bank.questions],
        "roles": [{**r._asdict(), "profile": dict(r.profile), "salary": r.salary._asdict(),
                   "routes": dict(r.routes),
                   **{part: {k: list(v) for k, v in getattr(r, part).items()}
                      for part in ROLE_ID_LISTS}}
                  for r in bank.roles],
        "traits": [list(t) for t in bank.traits],
        "blends": [{**b._asdict(), "roles": sorted(b.roles), "profile": dict(b.profile)}
                   for b in bank.blends],
        "calibration": bank.calibration.to_plain(),
        "max_questions": bank.max_questions,
    }


def _bank_from_plain(plain: dict[str, Any], directory: Path, tables: CompiledTables) -> Bank:
    questions = tuple(
        Question(**{**q, "options": tuple(Option(*o) for o in q["options"]),
                    "sides": tuple(Option(*o) for o in q["sides"])})
        for q in plain["questions"])
    roles = tuple(
        Role(**{**r, "salary": Salary(**r["salary"]),
                **{part: {k: tuple(v) for k, v in r[part].items()} for part in ROLE_ID_LISTS},
                **{k: tuple(r[k]) for k in ("responsibilities", "skills", "skill_priorities",
                                            "tools", "outputs", "use_cases", "skill_ids",
                                            "skill_labels")}})
        for r in plain["roles"])
    traits = tuple(Trait(*t) for t in plain["traits"])
    blends = tuple(Blend(**{**b, "roles": frozenset(b["roles"]), "titles": tuple(b["titles"]),
                            "skills": tuple(b["skills"])})
                   for b in plain["blends"])
    calibration = Calibration.from_plain(plain["calibration"])
    return Bank(questions, roles, traits, blends, directory, tables, calibration,
                plain["max_questions"])


def dumps(compiled: dict[str, Any]) -> str:
    """The file's exact text (stable, so a rebuild can be compared byte for byte)."""
    return json.dumps(compiled, ensure_ascii=False, separators=(",", ":")) + "\n"
