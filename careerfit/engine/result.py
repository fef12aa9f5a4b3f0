"""From picks to a recommendation: ranking, probability, confidence, reasons, what-if, next steps.

Pure logic. The fits come from the trait model (:mod:`careerfit.engine.scoring`); how
sure the pick is comes from the response model (:mod:`careerfit.engine.model`). The
thresholds below are the documented meaning of each confidence level (README,
"How the result is worked out").
"""

from __future__ import annotations

from typing import NamedTuple

from careerfit.bank import Bank, Blend, Role
from careerfit.base.vocabulary import Picks
from careerfit.engine.model import Model, Posterior
from careerfit.engine.scoring import RANK_TOLERANCE, Scorer, Scores
from careerfit.engine.whatif import WhatIf, find_what_if

# The leader's probability of being the person's main role needed for each level.
HIGH_PROBABILITY = 0.9
MEDIUM_PROBABILITY = 0.7
# Below MEDIUM_PROBABILITY the result is 'low' while the leader, or a tie between the
# first two, still has at least this chance; below it for both, nothing stands out: 'none'.
SOME_PROBABILITY = 0.4
# Below MEDIUM_PROBABILITY, a chance at least this high that the first two are tied
# (torn) or that the person is drawn to the blend of the two names that blend.
HYBRID_TIE = 0.4
# Fewer answered scored questions than this cap the confidence at 'medium': too few
# answers for reasons and a what-if worth reading.
MIN_ANSWERED_FOR_HIGH = 6
# The confidence levels, least sure first.
LEVELS = ("none", "low", "medium", "high")


class Outcome(NamedTuple):
    """What careerfit found, in one word a script can read: ``main`` (one role is the
    person's main fit), ``tie`` (torn: they like both roles' work), ``blend`` (drawn to
    the work where two roles meet), or ``none`` (nothing stands out); with the role or
    the pair, the blend's name (for a tie or a blend, when the bank has one) and the
    model's probability of that outcome."""

    kind: str
    roles: tuple[str, ...]
    name: str | None
    probability: float


class Reason(NamedTuple):
    question: str
    toward: str
    points: float


class NextSteps(NamedTuple):
    role: Role
    background: str | None
    route: str | None


class Result(NamedTuple):
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
    # When the pick is unsure (low, none): the first two roles' next steps, side by side.
    compared: tuple[NextSteps, ...] = ()

    @property
    def leader(self) -> str:
        return self.ranking[0][0]


def confidence_level(probability: float, tie: float, answered: int) -> str:
    """The documented confidence levels, in one place.

    *probability* is the chance the leader is the person's main role, *tie* the
    chance that the first two are tied or blended, *answered* the scored questions
    answered.
    """
    if answered == 0:
        return "none"
    if probability >= HIGH_PROBABILITY:
        return "high" if answered >= MIN_ANSWERED_FOR_HIGH else "medium"
    if probability >= MEDIUM_PROBABILITY:
        return "medium"
    return "low" if max(probability, tie) >= SOME_PROBABILITY else "none"


class Evaluator:
    """Evaluates answer sets against one bank, reusing its scorer and response model."""

    def __init__(self, bank: Bank) -> None:
        self.bank = bank
        self.scorer = Scorer(bank)
        self.model = Model(bank)

    def __call__(self, picks: Picks, *, explain: bool = True) -> Result:
        """Score *picks* and explain the outcome (*explain*=False skips the reasons, the
        what-if search and the next steps, for batches that need only the ranking and the
        recommendation)."""
        return self.conclude(picks, self.scorer.score(picks, shares=explain),
                             self.model.posterior(picks), explain=explain)

    def conclude(self, picks: Picks, scores: Scores, posterior: Posterior, *,
                 explain: bool = True) -> Result:
        """The result from *picks* once they are scored: the one home of the decision rules,
        whether the scores came one at a time or from a block (:mod:`careerfit.engine.blocks`)."""
        bank = self.bank
        ranking = self.scorer.ranking(scores.fits)
        (leader, first), (runner, second) = ranking[0], ranking[1]
        probability, tie = posterior.main[leader], posterior.tie(leader, runner)
        blended = posterior.blend(leader, runner)
        confidence = confidence_level(probability, max(tie, blended), len(scores.answered))
        recommended = leader if confidence != "none" else None
        hybrid = (bank.blend(leader, runner)
                  if probability < MEDIUM_PROBABILITY and tie + blended >= HYBRID_TIE
                  else None)
        found = _outcome(bank, posterior, leader, runner)
        # Close calls get as many answers for the runner-up as for the leader.
        drivers, pulls = (_reasons(scores, leader, runner,
                                   against=3 if confidence in ("low", "none") else 1)
                          if explain else ((), ()))
        what_if = (find_what_if(bank, self.scorer, picks, scores, leader, runner)
                   if explain and scores.answered else None)
        return Result(
            ranking=ranking, scores=scores, posterior=posterior, confidence=confidence,
            recommended=recommended, runner_up=runner, margin=first - second,
            probability=probability, tie=tie, hybrid=hybrid, outcome=found, drivers=drivers,
            pulls=pulls,
            what_if=what_if,
            next_steps=_next_steps(bank, picks, recommended) if explain else None,
            compared=(tuple(_next_steps(bank, picks, r) for r in (leader, runner))
                      if explain and confidence in ("low", "none") and scores.answered
                      else ()),
        )


def evaluate(bank: Bank, picks: Picks) -> Result:
    """Score *picks* against *bank* and explain the outcome."""
    return Evaluator(bank)(picks)


def _outcome(bank: Bank, posterior: Posterior, leader: str, runner: str) -> Outcome:
    """The likeliest of: the leader is the main role, the first two are tied, the person is
    drawn to the blend of the first two; none of them when each is below SOME_PROBABILITY."""
    blend = bank.blend(leader, runner)
    name = blend.name if blend else None
    pair = (leader, runner)
    candidates = [Outcome("main", (leader,), None, posterior.main[leader]),
                  Outcome("tie", pair, name, posterior.tie(leader, runner)),
                  Outcome("blend", pair, name, posterior.blend(leader, runner))]
    best = max(candidates, key=lambda c: c.probability)  # ties keep main, then tie
    if best.probability >= SOME_PROBABILITY:
        return best
    return Outcome("none", (), None, posterior.unclear)


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
    question = bank.background
    chosen = picks.get(question.id) if question else None
    background = chosen[0] if chosen else None
    route = role.routes.get(background) if background else None
    return NextSteps(role, background, route)
