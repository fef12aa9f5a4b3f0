"""The trait model: answers move traits, roles are weighted trait profiles.

Pure logic: imports nothing from the terminal layer.

* A trait's score is the sum of the weights the person's answers put on it,
  divided by the most the *answered* questions could have put on it, so it lies
  in -1..1 and skipped questions count for nothing.
* A role's fit is 50 + 50 x the weighted mean of the measured trait scores,
  using the role's own (signed) trait weights, so it lies in 0..100 and is
  comparable across roles whatever number of questions touch each.
* Both steps are linear in the answers once the set of answered questions is
  fixed, so every answer's share of every fit can be read back exactly
  (``Scores.shares``): the fits are 50 plus the sum of the shares.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from itertools import pairwise
from operator import itemgetter
from typing import Any, NamedTuple

from careerfit.bank import Bank, Question
from careerfit.base.vocabulary import Picks

NEUTRAL_FIT = 50.0
# Fits closer than this rank as equal, so that the order never hangs on rounding
# noise: a block of answer sets scored at once (careerfit.engine.blocks) adds the same numbers
# in another order. (Distinct fits differ by far more: they are built from weights
# with a few decimals.)
RANK_TOLERANCE = 1e-9
_fit = itemgetter(1)


def contribution(question: Question, chosen: Iterable[str]) -> dict[str, float]:
    """The trait weights a set of chosen options puts on each trait."""
    totals: dict[str, float] = {}
    for option_id in chosen:
        option = question.option(option_id)
        if option is None:
            continue
        for trait, weight in option.effects.items():
            totals[trait] = totals.get(trait, 0.0) + weight
    return totals


def reach(question: Question) -> dict[str, float]:
    """The most (in absolute value) any answer to *question* can put on each trait."""
    best: dict[str, float] = {}
    if question.kind == "multi":
        ups: dict[str, float] = {}
        downs: dict[str, float] = {}
        for option in question.options:
            for trait, weight in option.effects.items():
                side = ups if weight > 0 else downs
                side[trait] = side.get(trait, 0.0) + abs(weight)
        for trait in ups.keys() | downs.keys():
            best[trait] = max(ups.get(trait, 0.0), downs.get(trait, 0.0))
        return best
    for option in question.options:
        for trait, weight in option.effects.items():
            best[trait] = max(best.get(trait, 0.0), abs(weight))
    return best


def fit_from(pull: Any, measured_weight: Any) -> Any:
    """A role's fit: 50 + 50 x pull / measured_weight.

    *pull* is the role's trait weights times the person's trait scores, and
    *measured_weight* the sum of the role's |weights| over the traits the answers
    measured, so the fit lies in 0..100. Elementwise: numbers, or numpy arrays for a
    block (careerfit.engine.blocks). Where nothing the role weighs was measured the
    pull is 0: pass a measured weight of 1 there, and the fit is 50."""
    return NEUTRAL_FIT + NEUTRAL_FIT * pull / measured_weight


class Scores(NamedTuple):
    """Trait scores, role fits and each answer's share of each fit.

    *shares* is empty when scored without them, and a block (careerfit.engine.blocks)
    fills neither *shares* nor *coefficients*: ``careerfit score`` needs neither."""

    traits: dict[str, float]
    fits: dict[str, float]
    shares: dict[str, dict[str, float]]
    answered: tuple[str, ...]
    coefficients: dict[str, dict[str, float]]


class Scorer:
    """Scores picks against one bank; keeps the per-bank constants it needs."""

    def __init__(self, bank: Bank) -> None:
        self.bank = bank
        # The most each scored question can move each trait: the denominators of trait scores.
        self.reaches = {q.id: reach(q) for q in bank.scored}
        self._moved: dict[tuple[str, tuple[str, ...]], dict[str, float]] = {}
        self._order = {role.id: index for index, role in enumerate(bank.roles)}

    def ranking(self, fits: Mapping[str, float]) -> tuple[tuple[str, float], ...]:
        """Roles best fit first; fits within RANK_TOLERANCE of the one before them are equal
        to it, and equal fits keep the bank's role order."""
        ordered = sorted(fits.items(), key=_fit, reverse=True)
        if all(ahead[1] - behind[1] > RANK_TOLERANCE
               for ahead, behind in pairwise(ordered)):
            return tuple(ordered)  # no near-ties: the usual case
        tiers: list[list[tuple[str, float]]] = []
        for role, fit in ordered:
            if tiers and tiers[-1][-1][1] - fit <= RANK_TOLERANCE:
                tiers[-1].append((role, fit))
            else:
                tiers.append([(role, fit)])
        return tuple(item for tier in tiers
                     for item in sorted(tier, key=lambda item: self._order[item[0]]))

    @staticmethod
    def leads(fits: Mapping[str, float], role: str) -> bool:
        """Whether *role* ranks strictly ahead of every other role (as ``ranking`` compares)."""
        mine = fits[role]
        return all(mine - fit > RANK_TOLERANCE for other, fit in fits.items() if other != role)

    def score(self, picks: Picks, *, shares: bool = True) -> Scores:
        """Trait scores and fits; with *shares*, each answer's share of each fit too
        (what the reasons and the what-if read; a batch that needs only fits skips it)."""
        answered = tuple(q.id for q in self.bank.scored if picks.get(q.id) is not None)
        denominators = self._denominator(answered)
        contributions = {qid: self._contribution(qid, picks[qid]) for qid in answered}
        totals: dict[str, float] = {}
        for moved in contributions.values():
            for trait, weight in moved.items():
                totals[trait] = totals.get(trait, 0.0) + weight
        traits = {trait: totals.get(trait, 0.0) / total for trait, total in denominators.items()}
        coefficients = self.coefficients(denominators)
        fits = {}
        for role in self.bank.roles:
            measured = {t: w for t, w in role.profile.items() if t in traits}
            pull = sum(w * traits[t] for t, w in measured.items())
            weight = sum(abs(w) for w in measured.values()) or 1.0
            fits[role.id] = min(100.0, max(0.0, fit_from(pull, weight)))
        per_answer = ({qid: self.shares_of(c, coefficients) for qid, c in contributions.items()}
                      if shares else {})
        return Scores(traits, fits, per_answer, answered, coefficients)

    def _contribution(self, question_id: str, chosen: tuple[str, ...]) -> dict[str, float]:
        """contribution() of one answer, remembered: a cohort gives the same answers often."""
        key = (question_id, tuple(chosen))
        moved = self._moved.get(key)
        if moved is None:
            moved = self._moved[key] = contribution(self.bank.question(question_id), chosen)
        return moved

    def _denominator(self, answered: Iterable[str]) -> dict[str, float]:
        totals: dict[str, float] = {}
        for qid in answered:
            for trait, most in self.reaches[qid].items():
                totals[trait] = totals.get(trait, 0.0) + most
        return {t: v for t, v in totals.items() if v > 0}

    def coefficients(self, denominators: Mapping[str, float]) -> dict[str, dict[str, float]]:
        """Fit points per unit of trait movement, per role, given what was answered."""
        coefficients: dict[str, dict[str, float]] = {}
        for role in self.bank.roles:
            weights = {t: w for t, w in role.profile.items() if t in denominators}
            measured = sum(abs(w) for w in weights.values())
            coefficients[role.id] = {
                t: NEUTRAL_FIT * w / (measured * denominators[t]) for t, w in weights.items()
            } if measured else {}
        return coefficients

    @staticmethod
    def shares_of(moved: Mapping[str, float], coefficients: Mapping[str, Mapping[str, float]]
                  ) -> dict[str, float]:
        """Fit points one answer's trait contribution gives each role."""
        return {role: sum(per.get(t, 0.0) * v for t, v in moved.items())
                for role, per in coefficients.items()}
