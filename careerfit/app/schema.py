"""``careerfit schema``: the JSON Schema of a careerfit document."""

from __future__ import annotations

import sys

from careerfit.base.errors import InputError


def run_schema(name: str) -> None:
    from careerfit.documents.schema import NAMES, schema_json

    if name not in NAMES:
        raise InputError(f"unknown schema '{name}'", hint="choose one of: " + ", ".join(NAMES))
    sys.stdout.write(schema_json(name))
