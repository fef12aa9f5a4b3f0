"""Adaptive order and stopping: ask what settles the verdict, stop once it is settled.

Pure logic: imports nothing from the terminal layer.

The **verdict** is what careerfit will say (:mod:`careerfit.engine.verdict`): one role as
the person's clear main fit, or *flagged* (torn between two roles, drawn to their blend,
nothing stands out, or a role picked with low confidence).
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
  leave today's verdict as it is (a role at NAMED_FROM or more, or
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
from careerfit.engine.model import MISFIT_LZ, Model, Posterior
from careerfit.engine.scoring import Scorer
from careerfit.engine.verdict import (
    FLAGGED,
    HIGH_PROBABILITY,
    MIN_ANSWERED_FOR_HIGH,
    NAMED_FROM,
    Outcome,
    decide,
)

if TYPE_CHECKING:
    from careerfit.engine.curtail import Curtailer
    from careerfit.engine.predictive import Predictive

# A verdict this likely stops the quiz without curtailment's check.
STOP_PROBABILITY = 0.995
# Curtailment stops a verdict the remaining questions would change this rarely...
CURTAIL_SHARE = 0.95
# ...up to RELAX_FROM answers; from there the share it asks for falls in a straight line
# to CURTAIL_FLOOR at RELAX_SPAN answers later: every question asked makes one more
# less worth asking, and the cap is near.
RELAX_FROM = 6
RELAX_SPAN = 8
CURTAIL_FLOOR = 0.5
# A relaxed stop waits when this many more answers or fewer would most likely settle it.
SETTLE_AHEAD = 4
# Enough answers for the reasons and the what-if to have material, and for 'high'.
MIN_ANSWERED = MIN_ANSWERED_FOR_HIGH
# From this many answers, answers that no kind of person explains well (person fit
# below MISFIT_LZ) end the quiz: more questions rarely settle such a person.
MISFIT_AFTER = 12
# Why a quiz stopped (coverage.stopped_by in the JSON).
SETTLED, CAP, MISFIT, END_OF_BANK = "settled", "cap", "misfit", "end of bank"


class Status(NamedTuple):
    """Where a quiz stands: the fit leader, the chance of each verdict, answers so far."""

    leader: str
    probability: float  # the chance that the leader is the person's main role
    answered: int
    verdicts: tuple[tuple[str, float], ...]  # each verdict and its chance, likeliest first

    @property
    def settled(self) -> bool:
        return self.answered >= MIN_ANSWERED and self.verdicts[0][1] >= STOP_PROBABILITY


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
        candidates = [q.id for q in self.bank.scored if q.id not in asked
                      and (among is None or q.id in among)]
        best, best_entropy = None, float("inf")
        for question_id, expected in zip(
                candidates, self.predictive.expected_entropies(posterior, candidates),
                strict=True):
            if expected < best_entropy - 1e-12:  # ties go to bank order
                best, best_entropy = question_id, expected
        return best

    def next_to_ask(self, picks: Picks, *, among: Collection[str] | None = None,
                    even_if_sure: bool = False, cap: int | None = None) -> str | None:
        """What the adaptive quiz asks next: the background question first, then the most
        telling question, until the quiz stops (:meth:`stop_reason`; never, if
        *even_if_sure*, but at the end of the bank) or none is left. Questions in *picks*,
        answered or skipped, count as asked. *cap* overrides the bank's question cap."""
        background = self.bank.background_to_ask(picks, among)
        if background is not None:
            return background
        posterior = self.model.posterior(picks)
        if not even_if_sure and self.stop_reason(picks, posterior, among, cap) is not None:
            return None
        return self.next_question(picks, picks.keys(), posterior, among)

    def stop_reason(self, picks: Picks, posterior: Posterior | None = None,
                    among: Collection[str] | None = None, cap: int | None = None
                    ) -> str | None:
        """Why the quiz stops after *picks*, or None while it goes on:

        * END_OF_BANK: no scored question is left to ask;
        * SETTLED: the verdict is sure (STOP_PROBABILITY), or curtailment finds that the
          remaining questions would leave it as it is in at least CURTAIL_SHARE of the
          draws (the rest of the bank would most likely not change what careerfit says);
        * CAP: the bank's question cap (or *cap*) of scored questions is reached, or, past
          RELAX_FROM answers, curtailment finds the verdict stable in :func:`needed_share`
          of the draws, which falls as the quiz goes on (more questions are worth less),
          and SETTLE_AHEAD more answers would most likely not settle it: the quiz ends
          short of sure;
        * MISFIT: from MISFIT_AFTER answers, no kind of person explains the answers well.

        Settled, the relaxed cap and misfit wait for MIN_ANSWERED answers.
        """
        posterior = posterior or self.model.posterior(picks)
        remaining = [q.id for q in self.bank.scored if q.id not in picks
                     and (among is None or q.id in among)]
        if not remaining:
            return END_OF_BANK
        asked = sum(1 for q in self.bank.scored if q.id in picks)
        at_cap = asked >= (cap if cap is not None else self.bank.max_questions)
        status = self.status(picks, posterior)
        if status.answered < MIN_ANSWERED:
            return CAP if at_cap else None
        if status.settled:
            return SETTLED
        named = [i for i, r in enumerate(self.model.roles)
                 if posterior.main[r] >= NAMED_FROM]
        today = named[0] if named else None
        share = self._curtail().unchanged_share(posterior, picks, remaining, today)
        if share >= CURTAIL_SHARE:
            return SETTLED
        if (status.answered >= MISFIT_AFTER
                and self.model.person_fit(picks, posterior) < MISFIT_LZ):
            return MISFIT
        if at_cap:
            return CAP
        if share >= needed_share(status.answered):
            # Short of sure, but more questions are worth less now: stop, unless a few
            # more answers, within the cap, would most likely settle it.
            budget = min(SETTLE_AHEAD, (cap or self.bank.max_questions) - asked)
            more = self.answers_to_settle(picks, posterior, budget) if budget > 0 else None
            return CAP if more is None else None
        return None

    def deciding(self, picks: Picks) -> tuple[Outcome, Outcome]:
        """The two likeliest readings of the answers so far (careerfit.engine.verdict):
        what the next answers decide between."""
        scores = self.scorer.score(picks, shares=False)
        verdict = decide(self.bank, self.model.posterior(picks),
                         self.scorer.ranking(scores.fits), len(scores.answered))
        first = verdict.outcome
        return first, next(c for c in verdict.chances if c != first)

    def answers_to_settle(self, picks: Picks, posterior: Posterior, most: int) -> int | None:
        """How many more answers would most likely settle the verdict (to HIGH_PROBABILITY),
        asking the questions the planner ranks most telling now; None if more than *most*."""
        remaining = [q.id for q in self.bank.scored if q.id not in picks]
        entropies = dict(zip(remaining, self.predictive.expected_entropies(posterior, remaining),
                             strict=True))
        ranked = sorted(remaining, key=entropies.__getitem__)[:most]
        return self._curtail().settled_within(posterior, picks, ranked, most,
                                              HIGH_PROBABILITY)

    def _curtail(self) -> Curtailer:
        if self._curtailer is None:
            from careerfit.engine.curtail import Curtailer

            self._curtailer = Curtailer(self.predictive)
        return self._curtailer

    def replay(self, picks: Mapping[str, MaybeAnswer]) -> EditablePicks:
        """The answers the adaptive quiz would have asked for, given a complete set."""
        asked: EditablePicks = {}
        while (question_id := self.next_to_ask(asked, among=picks.keys())) is not None:
            asked[question_id] = picks[question_id]
        return asked


def needed_share(answered: int) -> float:
    """The share of curtailment's draws that must keep today's verdict for the quiz to
    stop after *answered* answers: CURTAIL_SHARE, then less, down to CURTAIL_FLOOR."""
    past = min(max(answered - RELAX_FROM, 0), RELAX_SPAN) / RELAX_SPAN
    return CURTAIL_SHARE - past * (CURTAIL_SHARE - CURTAIL_FLOOR)
