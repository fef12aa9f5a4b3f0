"""Labelled answer sets: people whose truth is known, for ``careerfit calibrate``.

JSON Lines, one person a line: an answers document (``version``, ``revision``,
``answers``, as ``careerfit score`` reads) plus who the person is::

    {"id": "ds-pricing", "group": "data-scientist", "split": "fit",
     "truth": {"kind": "main", "roles": ["data-scientist"]},
     "version": 2, "revision": 4, "answers": {"free-afternoon": "dig-into-a-drop", ...}}

``truth.kind`` is ``main`` (one role) or ``blend`` / ``tie`` (two roles: the person
likes the work where they meet, or both kinds of work). ``split`` is ``fit`` (the
calibration may learn from them) or ``held-out`` (only reported on). ``group`` is a free
label the report is broken down by (it defaults to the truth).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from careerfit.bank import Bank
from careerfit.bank.safeyaml import Document
from careerfit.base.errors import InputError, literal
from careerfit.documents.answers import parse_answers
from careerfit.engine.fit import Labelled, Truth

SPLITS = ("fit", "held-out")
TRUTH_KINDS = ("main", "blend", "tie")
LABEL_KEYS = ("id", "group", "split", "truth", "source")


def read_labelled(path: Path, bank: Bank) -> list[Labelled]:
    """Every person in *path*, checked against *bank*; any mistake is an InputError
    naming the line."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file",
                         hint="give a JSON Lines file of labelled answer sets") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot be read ({exc})",
                         hint="give a UTF-8 JSON Lines file you can read") from None
    people, seen = [], set()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            data = json.loads(line)
        except (ValueError, RecursionError) as exc:
            raise InputError(f"{where}: not valid JSON ({exc})",
                             hint="each line holds one whole JSON object") from None
        if not isinstance(data, dict):
            raise InputError(f"{where}: each line must be a JSON object",
                             hint='write it as {"id": ..., "truth": ..., "answers": ...}')
        person = _person(where, data, bank)
        if person.id in seen:
            raise InputError(f"{where}: the id {literal(person.id)} is used twice",
                             hint="give each person an id of their own")
        seen.add(person.id)
        people.append(person)
    if not people:
        raise InputError(f"{path}: no labelled people in the file",
                         hint="add one JSON object a line, each a labelled answer set")
    return people


def _person(where: str, data: dict[str, Any], bank: Bank) -> Labelled:
    truth = data.get("truth")
    if not isinstance(truth, dict) or truth.get("kind") not in TRUTH_KINDS:
        raise InputError(f"{where}: 'truth' must be {{\"kind\": main|blend|tie, \"roles\": [...]}}",
                         hint='for example "truth": {"kind": "main", "roles": ["ml-engineer"]}')
    roles = truth.get("roles")
    count = 1 if truth["kind"] == "main" else 2
    if (not isinstance(roles, list) or len(roles) != count
            or not all(isinstance(r, str) and bank.role(r) for r in roles)):
        known = ", ".join(r.id for r in bank.roles)
        raise InputError(f"{where}: a '{truth['kind']}' truth names {count} role(s) of the"
                         f" bank ({known})", hint=f"list {count} of those role ids in 'roles'")
    split = data.get("split", "fit")
    if split not in SPLITS:
        raise InputError(f"{where}: 'split' must be 'fit' or 'held-out'",
                         hint="leave it out for 'fit'")
    ident = str(data.get("id", where))
    document = {k: v for k, v in data.items() if k not in LABEL_KEYS}
    answers = parse_answers(Document(where, document, {}), bank)
    group = str(data.get("group") or f"{truth['kind']}:{'+'.join(roles)}")
    return Labelled(ident, group, Truth(truth["kind"], tuple(roles)), split, answers.picks)
