"""How a quiz ended: why it stopped, and what it could not settle.

Pure logic. Every quiz ends: the adaptive one when its verdict is settled, at the bank's
question cap, or when the answers fit no kind of person well
(:mod:`careerfit.engine.adaptive`); a full quiz at the end of the bank. When an adaptive
quiz stops with its verdict *unsettled* (only 'low', or stopped by the cap or by misfit
short of 'high'), careerfit says so in one sentence: between which two readings, and how
many more answers would most likely settle it (estimated from the model's own
predictions of the next answers).
"""

from __future__ import annotations

from typing import NamedTuple

from careerfit.bank import Bank
from careerfit.base.vocabulary import Picks
from careerfit.engine.adaptive import CAP, END_OF_BANK, MISFIT, SETTLED, Planner
from careerfit.engine.verdict import Outcome, Verdict

# "N more answers would most likely settle it" looks this many answers ahead at most.
MOST_AHEAD = 8
# An adaptive quiz's answers that end before its stop (an edited file, or one written by
# hand): the quiz would have asked more (careerfit quiz --answers FILE --more does).
EARLY = "early"


class Ending(NamedTuple):
    stopped_by: str  # SETTLED, CAP, MISFIT, END_OF_BANK or EARLY
    # When unsettled: the verdict and the likeliest other reading, and the answers that
    # would most likely settle it (None: more than MOST_AHEAD, or none left to ask).
    between: tuple[Outcome, Outcome] | None = None
    more: int | None = None

    @property
    def unsettled(self) -> bool:
        return self.between is not None


def ending(bank: Bank, picks: Picks, verdict: Verdict, *, adaptive: bool,
           planner: Planner | None = None) -> Ending:
    """How the quiz that gave *picks* ended. A full quiz (not *adaptive*) ends at the end
    of the bank, settled or not: every question was put."""
    if not adaptive or all(q.id in picks for q in bank.scored):
        return Ending(END_OF_BANK)
    planner = planner or Planner(bank)
    posterior = planner.model.posterior(picks)
    stopped_by = planner.stop_reason(picks, posterior) or EARLY
    unsettled = verdict.confidence == "low" or (
        stopped_by in (CAP, MISFIT, EARLY) and verdict.confidence != "high")
    if not unsettled:
        return Ending(stopped_by)
    other = next((c for c in verdict.chances if c != verdict.outcome), None)
    if other is None:
        return Ending(stopped_by)
    return Ending(stopped_by, (verdict.outcome, other),
                  planner.answers_to_settle(picks, posterior, MOST_AHEAD))


__all__ = ["CAP", "EARLY", "END_OF_BANK", "MISFIT", "SETTLED", "Ending", "ending"]
