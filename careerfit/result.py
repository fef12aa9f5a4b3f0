"""From picks to a recommendation: ranking, confidence, reasons, what-if, next steps.

Pure logic. The thresholds below are the documented meaning of each
confidence level (README, "How the result is worked out").
"""

from __future__ import annotations

from typing import NamedTuple

from careerfit.bank import Bank, Blend, Role
from careerfit.scoring import Picks, Scorer, Scores
from careerfit.whatif import WhatIf, find_what_if

# Fit points between the best and the worst role below which the profile is flat:
# the answers don't separate the roles, so there is no pick at all.
FLAT_SPREAD = 6.0
# Fit points between the first two roles needed for each level.
HIGH_MARGIN = 12.0
MEDIUM_MARGIN = 6.0
# Below MEDIUM_MARGIN the first two are close: a hybrid path, when the bank names one.
# Share of scored questions answered (not skipped) below which confidence is capped.
FULL_COVERAGE = 0.5
LOW_COVERAGE = 0.25
LEVELS = ("none", "low", "medium", "high")


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
    confidence: str
    recommended: str | None
    runner_up: str | None
    margin: float
    spread: float
    coverage: float
    hybrid: Blend | None
    drivers: tuple[Reason, ...]
    pulls: tuple[Reason, ...]
    what_if: WhatIf | None
    next_steps: NextSteps | None

    @property
    def leader(self) -> str:
        return self.ranking[0][0]


def confidence_level(margin: float, spread: float, coverage: float) -> str:
    """The documented confidence thresholds, in one place."""
    if coverage == 0 or spread < FLAT_SPREAD:
        return "none"
    level = "high" if margin >= HIGH_MARGIN else "medium" if margin >= MEDIUM_MARGIN else "low"
    cap = "high" if coverage >= FULL_COVERAGE else "medium" if coverage >= LOW_COVERAGE else "low"
    return min(level, cap, key=LEVELS.index)


def evaluate(bank: Bank, picks: Picks) -> Result:
    """Score *picks* against *bank* and explain the outcome."""
    scorer = Scorer(bank)
    scores = scorer.score(picks)
    order = {role.id: index for index, role in enumerate(bank.roles)}
    ranking = tuple(sorted(scores.fits.items(), key=lambda item: (-item[1], order[item[0]])))
    (leader, first), (runner, second) = ranking[0], ranking[1]
    margin, spread = first - second, first - ranking[-1][1]
    coverage = len(scores.answered) / len(bank.scored)
    confidence = confidence_level(margin, spread, coverage)
    recommended = leader if confidence != "none" else None
    hybrid = bank.blend(leader, runner) if confidence == "low" else None
    drivers, pulls = _reasons(scores, leader, runner)
    what_if = (find_what_if(bank, scorer, picks, scores, leader, runner)
               if scores.answered else None)
    return Result(
        ranking=ranking, scores=scores, confidence=confidence, recommended=recommended,
        runner_up=runner, margin=margin, spread=spread, coverage=coverage, hybrid=hybrid,
        drivers=drivers, pulls=pulls, what_if=what_if,
        next_steps=_next_steps(bank, picks, recommended),
    )


def _reasons(scores: Scores, leader: str, runner: str, count: int = 3
             ) -> tuple[tuple[Reason, ...], tuple[Reason, ...]]:
    """Answers that most separated the leader from the runner-up, each way."""
    gaps = [(qid, shares[leader] - shares[runner]) for qid, shares in scores.shares.items()]
    drivers = sorted((g for g in gaps if g[1] > 1e-9), key=lambda g: -g[1])[:count]
    pulls = sorted((g for g in gaps if g[1] < -1e-9), key=lambda g: g[1])[:1]
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
