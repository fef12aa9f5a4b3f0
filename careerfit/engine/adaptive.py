"""Adaptive order and stopping: ask what tells the most, stop once the pick is sure.

Pure logic: imports nothing from the terminal layer.

* **Next question**: the unasked scored question with the largest expected
  change in the current leader's probability (the chance, under
  :mod:`careerfit.engine.model`, that the fit leader is the person's main role),
  averaged over the answers the person is likely to give. Ties go to bank order.
* **Stop** once that probability is at least STOP_PROBABILITY and at least
  MIN_ANSWERED scored questions have an answer (skips don't count), or when
  the bank runs out. The background question, unscored, always comes first.
* **Replay** runs the same order and stop against a complete answers file, to
  measure what the adaptive quiz would have asked.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import NamedTuple

from careerfit.bank import Bank
from careerfit.base.vocabulary import EditablePicks, MaybeAnswer, Picks
from careerfit.engine.model import Model, Posterior
from careerfit.engine.result import MIN_ANSWERED_FOR_HIGH
from careerfit.engine.scoring import Scorer

STOP_PROBABILITY = 0.95
# Enough answers for the reasons and the what-if to have material, and for 'high'.
MIN_ANSWERED = MIN_ANSWERED_FOR_HIGH


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
        scores = self.scorer.score(picks, shares=False)
        leader = self.scorer.ranking(scores.fits)[0][0]
        return Status(leader, posterior.main[leader], len(scores.answered))

    def next_question(self, picks: Picks, asked: Collection[str],
                      posterior: Posterior | None = None,
                      among: Collection[str] | None = None,
                      status: Status | None = None) -> str | None:
        """The most telling scored question not in *asked* (and in *among*, if given)."""
        posterior = posterior or self.model.posterior(picks)
        leader = (status or self.status(picks, posterior)).leader
        now = posterior.main[leader]
        best, best_gain = None, -1.0
        for question in self.bank.scored:
            if question.id in asked or (among is not None and question.id not in among):
                continue
            gain = self.model.expected_change(posterior, question.id, leader, now)
            if gain > best_gain + 1e-12:
                best, best_gain = question.id, gain
        return best

    def next_to_ask(self, picks: Picks, *, among: Collection[str] | None = None,
                    even_if_sure: bool = False) -> str | None:
        """What the adaptive quiz asks next: the background question first, then the most
        telling question, until the pick is sure (unless *even_if_sure*) or none is left.
        Questions in *picks*, answered or skipped, count as asked."""
        background = self.bank.background_to_ask(picks, among)
        if background is not None:
            return background
        posterior = self.model.posterior(picks)
        status = self.status(picks, posterior)
        if not even_if_sure and status.sure:
            return None
        return self.next_question(picks, picks.keys(), posterior, among, status)

    def replay(self, picks: Mapping[str, MaybeAnswer]
               ) -> EditablePicks:
        """The answers the adaptive quiz would have asked for, given a complete set."""
        asked: EditablePicks = {}
        while (question_id := self.next_to_ask(asked, among=picks.keys())) is not None:
            asked[question_id] = picks[question_id]
        return asked
