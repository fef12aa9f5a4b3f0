"""Adaptive order and stopping: ask what settles the verdict, stop once it is settled.

Pure logic: imports nothing from the terminal layer.

The **verdict** is what careerfit will say: one role as the person's clear main fit,
or *flagged* (torn between two roles, drawn to their blend, or nothing stands out).
Under :mod:`careerfit.engine.model` every state of the posterior leads to one verdict,
so the answers so far give the chance of each.

* **Next question**: the unasked scored question that leaves the verdict least
  uncertain, by the expected entropy of the verdict after its answer (averaged over
  the answers the person is likely to give). Ties go to bank order.
* **Stop** once one verdict has a chance of at least STOP_PROBABILITY and at least
  MIN_ANSWERED scored questions have an answer (skips don't count), or when the bank
  runs out. A person torn between two roles, drawn to a blend, or with no preference
  stops as soon as 'flagged' is sure; waiting for one role to become sure (the stop
  before this one) asked such people every question.
* **Or stop by curtailment** (careerfit.engine.curtail): once in at least
  CURTAIL_SHARE of the posterior-predictive draws the remaining questions would
  leave today's verdict as it is (a role at MEDIUM_PROBABILITY or more, or
  'flagged'). This settles people who answer loosely, for whom no verdict ever
  gets sure, and people whose main role is plain but not yet sure.
* The background question, unscored, always comes first.
* **Replay** runs the same order and stop against a complete answers file, to
  measure what the adaptive quiz would have asked.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING, NamedTuple

from careerfit.bank import Bank
from careerfit.base.vocabulary import EditablePicks, MaybeAnswer, Picks
from careerfit.engine.model import Model, Posterior
from careerfit.engine.result import MEDIUM_PROBABILITY, MIN_ANSWERED_FOR_HIGH
from careerfit.engine.scoring import Scorer

if TYPE_CHECKING:
    from careerfit.engine.curtail import Curtailer
    from careerfit.engine.predictive import Predictive

# A verdict this likely stops the quiz without curtailment's check.
STOP_PROBABILITY = 0.995
# Curtailment stops a verdict the remaining questions would change this rarely.
CURTAIL_SHARE = 0.95
# Enough answers for the reasons and the what-if to have material, and for 'high'.
MIN_ANSWERED = MIN_ANSWERED_FOR_HIGH
# The verdict that is not one role: torn, a blend, or nothing stands out.
FLAGGED = "flagged"


class Status(NamedTuple):
    """Where a quiz stands: the fit leader, the chance of each verdict, answers so far."""

    leader: str
    probability: float  # the chance that the leader is the person's main role
    answered: int
    verdicts: tuple[tuple[str, float], ...]  # each verdict and its chance, likeliest first

    @property
    def settled(self) -> bool:
        return self.answered >= MIN_ANSWERED and self.verdicts[0][1] >= STOP_PROBABILITY

    @property
    def deciding(self) -> tuple[str, str]:
        """The two likeliest verdicts: what the next answers are deciding between."""
        return self.verdicts[0][0], self.verdicts[1][0]


class Planner:
    """Chooses the next question for one person; holds the bank's model and scorer."""

    def __init__(self, bank: Bank, model: Model | None = None,
                 scorer: Scorer | None = None) -> None:
        self.bank = bank
        self.model = model or Model(bank)
        self.scorer = scorer or Scorer(bank)
        self._verdicts = (*self.model.roles, FLAGGED)
        self._curtailer: Curtailer | None = None
        self._predictive: Predictive | None = None

    @property
    def predictive(self) -> Predictive:
        """The answer arrays (numpy), built when the first question is chosen."""
        if self._predictive is None:
            from careerfit.engine.predictive import Predictive

            self._predictive = Predictive(self.model)
        return self._predictive

    def status(self, picks: Picks, posterior: Posterior | None = None) -> Status:
        posterior = posterior or self.model.posterior(picks)
        scores = self.scorer.score(picks, shares=False)
        leader = self.scorer.ranking(scores.fits)[0][0]
        chances = self.model.verdict_chances(posterior)
        verdicts = tuple(sorted(zip(self._verdicts, chances, strict=True),
                                key=lambda item: -item[1]))
        return Status(leader, posterior.main[leader], len(scores.answered), verdicts)

    def next_question(self, picks: Picks, asked: Collection[str],
                      posterior: Posterior | None = None,
                      among: Collection[str] | None = None) -> str | None:
        """The scored question not in *asked* (and in *among*, if given) expected to leave
        the verdict least uncertain."""
        posterior = posterior or self.model.posterior(picks)
        best, best_entropy = None, float("inf")
        for question in self.bank.scored:
            if question.id in asked or (among is not None and question.id not in among):
                continue
            expected = self.predictive.expected_verdict_entropy(posterior, question.id)
            if expected < best_entropy - 1e-12:
                best, best_entropy = question.id, expected
        return best

    def next_to_ask(self, picks: Picks, *, among: Collection[str] | None = None,
                    even_if_sure: bool = False) -> str | None:
        """What the adaptive quiz asks next: the background question first, then the most
        telling question, until the verdict is settled (unless *even_if_sure*) or none is
        left. Questions in *picks*, answered or skipped, count as asked."""
        background = self.bank.background_to_ask(picks, among)
        if background is not None:
            return background
        posterior = self.model.posterior(picks)
        if not even_if_sure and self.stops(picks, posterior, among):
            return None
        return self.next_question(picks, picks.keys(), posterior, among)

    def stops(self, picks: Picks, posterior: Posterior,
              among: Collection[str] | None = None) -> bool:
        """Whether the verdict is settled, or curtailment says the rest can't change it."""
        status = self.status(picks, posterior)
        if status.answered < MIN_ANSWERED:
            return False
        if status.settled:
            return True
        named = [i for i, r in enumerate(self.model.roles)
                 if posterior.main[r] >= MEDIUM_PROBABILITY]
        remaining = [q.id for q in self.bank.scored if q.id not in picks
                     and (among is None or q.id in among)]
        if not remaining:
            return True
        if self._curtailer is None:
            from careerfit.engine.curtail import Curtailer

            self._curtailer = Curtailer(self.predictive)
        today = named[0] if named else None
        return (self._curtailer.unchanged_share(posterior, picks, remaining, today)
                >= CURTAIL_SHARE)

    def replay(self, picks: Mapping[str, MaybeAnswer]
               ) -> EditablePicks:
        """The answers the adaptive quiz would have asked for, given a complete set."""
        asked: EditablePicks = {}
        while (question_id := self.next_to_ask(asked, among=picks.keys())) is not None:
            asked[question_id] = picks[question_id]
        return asked
