"""The answer vocabulary every layer shares, defined once.

An *answer* is the tuple of option ids a person chose for one question (one id for a
pick-one question, any number for a pick-all one); ``None`` is a skip. *Picks* maps
question ids to answers.
"""

from __future__ import annotations

from collections.abc import Mapping

Answer = tuple[str, ...]
# An answer, or None for a question the person skipped ("not sure").
MaybeAnswer = Answer | None
Picks = Mapping[str, MaybeAnswer]
# The picks a quiz fills in as it goes (Picks is the read-only view scoring takes).
EditablePicks = dict[str, MaybeAnswer]

# The kinds of outcome careerfit tells apart, defined once (careerfit.engine.verdict decides
# which one it says): one *main* role, a *tie* between two (torn: they like both kinds of
# work), a *blend* (drawn to the work where two roles meet), or *none* (nothing stands out).
MAIN, TIE, BLEND, NONE = "main", "tie", "blend", "none"
KINDS = (MAIN, TIE, BLEND, NONE)
