"""The published JSON Schemas (draft 2020-12) of careerfit's documents.

Pure logic. The files live in ``careerfit/documents/schemas/``; ``careerfit schema NAME``
prints them. The result schema refers to the answers schema by its ``$id``, and
:func:`schema` bundles that in, so the printed result schema stands alone. The schema of
a ``careerfit score`` line is built here from the result schema's parts (a script author
found none for the default lines), so the two can't drift apart.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

NAMES = ("result", "answers", "score", "summary")
FOLDER = Path(__file__).resolve().parent / "schemas"


def schema(name: str) -> dict[str, Any]:
    """The schema called *name* (one of NAMES), self-contained."""
    import json  # (here: the command line reads NAMES at start-up)

    if name == "score":
        return _score_line()
    document = json.loads((FOLDER / f"{name}.schema.json").read_text(encoding="utf-8"))
    if name == "result":
        document["$defs"]["answers-document"] = schema("answers")
    return document


# What names a record in its output line: its id, else its file, else its input line.
_KEY = {"id": {"type": ["string", "number"], "description": "The record's own id."},
        "file": {"type": "string", "description": "The answers file named, for a file."},
        "line": {"type": "integer", "minimum": 1,
                 "description": "The input line, for a JSON line with no id."}}


def _score_line() -> dict[str, Any]:
    """One line of ``careerfit score``: a scored record (the result's ranking,
    recommendation and outcome; with --full, the whole result), or a record's error."""
    result = schema("result")
    parts = result["properties"]
    scored = {"type": "object", "required": ["ranking", "recommendation", "outcome"],
              "properties": {**_KEY, **{key: parts[key] for key in
                                        ("ranking", "recommendation", "outcome")}},
              "additionalProperties": False,
              "description": "A scored record, as careerfit score prints it by default:"
                             " its outcome has no 'chances'."}
    whole = {"allOf": [{"$ref": "#/$defs/result-document"}],
             "properties": _KEY,
             "description": "A scored record with --full: the whole result document."}
    error = {"type": "object", "required": ["error"], "additionalProperties": False,
             "properties": {**_KEY, "error": {
                 "type": "object", "required": ["message", "where", "fix"],
                 "additionalProperties": False,
                 "properties": {
                     "message": {"type": "string",
                                 "description": "As careerfit prints it: its place first,"
                                                " its fix last."},
                     "where": {"type": "string", "description": "FILE or <stdin>, with the"
                               " line and column the message gives (FILE:LINE:COLUMN)."},
                     "fix": {"type": ["string", "null"], "description": "The fix alone."}}}},
             "description": "A record that could not be scored."}
    return {"$schema": result["$schema"], "$id": "urn:careerfit:schema:score:1",
            "title": "careerfit score output line",
            "description": "One JSON line of careerfit score, per input record, in input"
                           " order: scored, or an error.",
            "oneOf": [scored, whole, error],
            "$defs": {**result["$defs"], "result-document": {
                k: v for k, v in result.items() if k not in ("$schema", "$id", "$defs")}}}


def schema_json(name: str) -> str:
    import json

    return json.dumps(schema(name), indent=2, ensure_ascii=False) + "\n"
