"""From picks to a result: fits, the verdict, reasons, what-if, next steps.

Pure logic. The fits come from the trait model (:mod:`careerfit.engine.scoring`); what
careerfit says, and how sure it is, is the verdict (:mod:`careerfit.engine.verdict`),
which this module reads and never second-guesses.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, NamedTuple

from careerfit.bank import Bank, Blend, Role
from careerfit.base.vocabulary import Picks
from careerfit.engine.evidence import ReadingEvidence, reading_evidence
from careerfit.engine.model import Model, Posterior
from careerfit.engine.scoring import RANK_TOLERANCE, Scorer, Scores
from careerfit.engine.verdict import LEVELS as LEVELS  # (read by documents.batch)
from careerfit.engine.verdict import Outcome, Verdict, decide
from careerfit.engine.whatif import WhatIf, find_what_if

if TYPE_CHECKING:
    from careerfit.engine.blocks import BlockScorer


class Reason(NamedTuple):
    question: str
    toward: str
    points: float


class NextSteps(NamedTuple):
    role: Role
    background: str | None
    route: str | None


class Result(NamedTuple):
    """One person's result. *ranking* is by fit; *verdict* decides what careerfit says
    (it never leads with a role the ranking puts lower); *confidence* and *recommended*
    (the pick of one role), *hybrid* and *outcome* are read from it. *runner_up* is the
    role the leader is compared with (the reasons, the what-if, *margin*): a tie's or a
    blend's other role, else the second by fit."""

    verdict: Verdict
    ranking: tuple[tuple[str, float], ...]
    scores: Scores
    posterior: Posterior
    confidence: str
    recommended: str | None
    runner_up: str | None
    margin: float
    probability: float
    tie: float
    hybrid: Blend | None
    outcome: Outcome
    drivers: tuple[Reason, ...]
    pulls: tuple[Reason, ...]
    what_if: WhatIf | None
    # None when no role is recommended, or the result was not explained (explain=False).
    next_steps: NextSteps | None
    # When the verdict is flagged (Verdict.compare): the leader's and the runner-up's next steps.
    compared: tuple[NextSteps, ...] = ()
    # For a tie or a blend: the answers that read as the pair rather than the leader alone
    # (careerfit.engine.evidence).
    reading: tuple[ReadingEvidence, ...] = ()

    @property
    def leader(self) -> str:
        return self.ranking[0][0]


class Evaluator:
    """Evaluates answer sets against one bank, reusing its scorer and response model."""

    def __init__(self, bank: Bank) -> None:
        self.bank = bank
        self.scorer = Scorer(bank)
        self.model = Model(bank)

    @cached_property
    def blocks(self) -> BlockScorer:
        """The block scorer of many answer sets at once (numpy), built once: its tables
        take longer to build than a block of 512 answer sets takes to score."""
        from careerfit.engine.blocks import BlockScorer

        return BlockScorer(self)

    def __call__(self, picks: Picks, *, explain: bool = True) -> Result:
        """Score *picks* and explain the outcome (*explain*=False skips the reasons, the
        what-if search and the next steps, for batches that need only the ranking and the
        recommendation)."""
        return self.conclude(picks, self.scorer.score(picks, shares=explain),
                             self.model.posterior(picks), explain=explain)

    def conclude(self, picks: Picks, scores: Scores, posterior: Posterior,
                 person_fit: float | None = None, *, explain: bool = True) -> Result:
        """The result from *picks* once they are scored: the one home of the decision rules,
        whether the scores came one at a time or from a block (:mod:`careerfit.engine.blocks`,
        which gives the *person_fit* too)."""
        bank = self.bank
        ranking = self.scorer.ranking(scores.fits)
        if person_fit is None and scores.answered:
            person_fit = self.model.person_fit(picks, posterior)
        verdict = decide(bank, posterior, ranking, len(scores.answered), person_fit)
        (leader, first), runner = ranking[0], _runner_up(verdict, ranking)
        second = scores.fits[runner]
        recommended = verdict.recommended
        # Close calls get as many answers for the runner-up as for the leader.
        drivers, pulls = (_reasons(scores, leader, runner,
                                   against=3 if verdict.flagged else 1)
                          if explain else ((), ()))
        what_if = (find_what_if(bank, self.scorer, picks, scores, leader, runner)
                   if explain and scores.answered else None)
        return Result(
            verdict=verdict, ranking=ranking, scores=scores, posterior=posterior,
            confidence=verdict.pick_confidence, recommended=recommended, runner_up=runner,
            margin=first - second, probability=posterior.main[leader],
            tie=posterior.tie(leader, runner), hybrid=verdict.blend, outcome=verdict.outcome,
            drivers=drivers, pulls=pulls, what_if=what_if,
            next_steps=_next_steps(bank, picks, recommended) if explain else None,
            compared=(tuple(_next_steps(bank, picks, r) for r in (leader, runner))
                      if explain and verdict.compare else ()),
            reading=(reading_evidence(self.model, picks, posterior, verdict)
                     if explain else ()),
        )


def _runner_up(verdict: Verdict, ranking: tuple[tuple[str, float], ...]) -> str:
    """The role the leader is compared with: a tie's or a blend's other role (most often,
    not always, the second by fit: careerfit.engine.verdict), else the second by fit."""
    return verdict.roles[1] if len(verdict.roles) == 2 else ranking[1][0]


def evaluate(bank: Bank, picks: Picks) -> Result:
    """Score *picks* against *bank* and explain the outcome."""
    return Evaluator(bank)(picks)


def _reasons(scores: Scores, leader: str, runner: str, count: int = 3, against: int = 1
             ) -> tuple[tuple[Reason, ...], tuple[Reason, ...]]:
    """Answers that most separated the leader from the runner-up, each way."""
    gaps = [(qid, shares[leader] - shares[runner]) for qid, shares in scores.shares.items()]
    drivers = sorted((g for g in gaps if g[1] > RANK_TOLERANCE), key=lambda g: -g[1])[:count]
    pulls = sorted((g for g in gaps if g[1] < -RANK_TOLERANCE), key=lambda g: g[1])[:against]
    return (tuple(Reason(q, leader, gap) for q, gap in drivers),
            tuple(Reason(q, runner, -gap) for q, gap in pulls))


def _next_steps(bank: Bank, picks: Picks, role_id: str | None) -> NextSteps | None:
    if role_id is None:
        return None
    role = bank.role(role_id)
    background = bank.starting_point(picks)
    route = role.routes.get(background) if background else None
    return NextSteps(role, background, route)
