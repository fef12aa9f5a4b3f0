"""Adaptive order and stopping: ask what tells the most, stop once the pick is sure.

Pure logic: imports nothing from the terminal layer.

* **Next question**: the unasked scored question with the largest expected
  change in the current leader's probability (the chance, under
  :mod:`careerfit.model`, that the fit leader is the person's main role),
  averaged over the answers the person is likely to give. Ties go to bank order.
* **Stop** once that probability is at least STOP_PROBABILITY and at least
  MIN_ANSWERED scored questions have an answer (skips don't count), or when
  the bank runs out.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from careerfit.bank import Bank
from careerfit.model import Model, Posterior
from careerfit.scoring import Picks, Scorer

STOP_PROBABILITY = 0.95
# Enough answers for the reasons and the what-if to have material.
MIN_ANSWERED = 6


class Status(NamedTuple):
    leader: str
    probability: float
    answered: int

    @property
    def sure(self) -> bool:
        return self.answered >= MIN_ANSWERED and self.probability >= STOP_PROBABILITY


class Planner:
    """Chooses the next question for one person; holds the bank's model and scorer."""

    def __init__(self, bank: Bank, model: Model | None = None,
                 scorer: Scorer | None = None) -> None:
        self.bank = bank
        self.model = model or Model(bank)
        self.scorer = scorer or Scorer(bank)

    def status(self, picks: Picks, posterior: Posterior | None = None) -> Status:
        posterior = posterior or self.model.posterior(picks)
        fits = self.scorer.score(picks).fits
        order = {r.id: i for i, r in enumerate(self.bank.roles)}
        leader = min(fits, key=lambda r: (-fits[r], order[r]))
        answered = sum(1 for q in self.bank.scored if picks.get(q.id) is not None)
        return Status(leader, posterior.main[leader], answered)

    def next_question(self, picks: Picks, asked: Sequence[str],
                      posterior: Posterior | None = None) -> str | None:
        """The most telling question not yet in *asked*, or None when none is left."""
        posterior = posterior or self.model.posterior(picks)
        leader = self.status(picks, posterior).leader
        now = posterior.main[leader]
        best, best_gain = None, -1.0
        for question in self.bank.scored:
            if question.id in asked:
                continue
            gain = self.model.expected_change(posterior, question.id, leader, now)
            if gain > best_gain + 1e-12:
                best, best_gain = question.id, gain
        return best
