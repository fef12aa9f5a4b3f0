"""The response model's likelihood tables as the compiled bank stores them.

Each row is base64 of little-endian doubles (exact, and far faster to read than decimal
text); a question's rows are decoded the first time the model asks for them.
"""

from __future__ import annotations

import binascii
import sys
from typing import Any


class CompiledTables:
    """Likelihood tables as stored; :class:`careerfit.engine.model.Model` uses them only if they
    were built with its own constants (*signature*), and decodes a question's on first use."""

    def __init__(self, signature: Any, packed: dict[str, dict[str, list[str]]]) -> None:
        self.signature = signature
        self.packed = packed

    def rows(self, question_id: str) -> dict[str, tuple[list[float], list[float]]] | None:
        options = self.packed.get(question_id)
        if options is None:
            return None
        return {o: (unpack(rows[0]), unpack(rows[1])) for o, rows in options.items()}


def unpack(text: str) -> list[float]:
    raw = binascii.a2b_base64(text)
    if sys.byteorder == "little":
        return memoryview(raw).cast("d").tolist()  # no import needed on the common path
    from array import array

    values = array("d", raw)
    values.byteswap()
    return values.tolist()
