"""The published JSON Schemas (draft 2020-12) of careerfit's documents.

Pure logic. The files live in ``careerfit/documents/schemas/``; ``careerfit schema NAME``
prints them. The result schema refers to the answers schema by its ``$id``, and
:func:`schema` bundles that in, so the printed result schema stands alone.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

NAMES = ("result", "answers")
FOLDER = Path(__file__).resolve().parent / "schemas"


def schema(name: str) -> dict[str, Any]:
    """The schema called *name* ('result' or 'answers'), self-contained."""
    document = json.loads((FOLDER / f"{name}.schema.json").read_text(encoding="utf-8"))
    if name == "result":
        document["$defs"]["answers-document"] = schema("answers")
    return document


def schema_json(name: str) -> str:
    return json.dumps(schema(name), indent=2, ensure_ascii=False) + "\n"
