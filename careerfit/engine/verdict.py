"""What careerfit says about a person, decided once: the verdict.

Pure logic. The headline, the summary, the confidence line, the JSON ``outcome`` and
``recommendation``, the tasters, the compared next steps, the adaptive stop, curtailment
and the validity bench all read the :class:`Verdict` built here; nothing else decides,
and every threshold of what careerfit says lives in this module, once.

The response model (:mod:`careerfit.engine.model`) gives a chance to every *outcome* it
weighs: each role as the person's main role, each pair of roles tied (torn), each
modelled blend (drawn to the work where two roles meet), and none (nothing stands out).
Those chances add up to 1 (:attr:`Verdict.chances`).

* **The verdict** is the likeliest of the outcomes that agree with the fits: the fit
  leader as the main role, the leader tied with another role, the leader's blend with
  another role, or none. Equal chances go to main, then the pairs with the runner-up by
  fit (tie, then blend), then those with the next role, then none. With no scored answer
  it is ``none``: the prior alone says nothing about the person. A pair's second role is
  most often the runner-up by fit, but not always: a blend's own profile is not an even
  mix of its two roles, so someone drawn to it may fit a third role a little better than
  the blend's other role (a fit-half Applied Scientist, say); the verdict names the
  blend, and that role is then the runner-up everywhere (reasons, what-if, tasters,
  next steps compared).
* **Why only those.** The fits (the documented trait weights) order the ranking, and the
  reasons and the what-if explain that order; the verdict must not lead with a role the
  ranking puts lower. The chances come from the response model, which also weighs how
  consistently the person answered, so now and then (about 2 people in 1,000 simulated)
  an outcome that disagrees with the fits is likelier: ``chances`` shows it, and the
  verdict stays with the fits' order. So the first role of the ranking is always the
  verdict's main role, or the first of its two.
* **Its confidence** (of the verdict itself, whatever its kind): ``high`` from
  HIGH_PROBABILITY, given at least MIN_ANSWERED_FOR_HIGH scored answers (fewer: ``medium``);
  ``medium`` from MEDIUM_PROBABILITY; ``low`` below.
* **Person fit**: answers that no kind of person explains well (l_z below MISFIT_LZ,
  :meth:`careerfit.engine.model.Model.person_fit`) are never called ``high``: the
  likeliest reading is then only the least bad one, and the result says so.
* **Flagged**: any verdict but one role named with ``medium`` or ``high`` confidence. A
  flagged verdict shows a weekend taster for the leader and the runner-up and both roles'
  next steps side by side. The adaptive quiz settles named-or-flagged (:data:`NAMED_FROM`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from operator import itemgetter
from typing import NamedTuple, overload

from careerfit.bank import Bank, Blend
from careerfit.base.vocabulary import BLEND, MAIN, NONE, TIE
from careerfit.engine.model import MISFIT_LZ, Posterior

HIGH_PROBABILITY = 0.9
MEDIUM_PROBABILITY = 0.7
# Fewer answered scored questions than this cap the confidence at 'medium': too few
# answers for reasons and a what-if worth reading (and the adaptive quiz's minimum).
MIN_ANSWERED_FOR_HIGH = 6
# A role is *named* (the verdict is not flagged) from this chance of being the main role:
# what the adaptive stop and curtailment settle.
NAMED_FROM = MEDIUM_PROBABILITY
# The verdict of the adaptive quiz that names no role.
FLAGGED = "flagged"
# The levels of recommendation.confidence (how sure the pick of one role is), least first.
LEVELS = ("none", "low", "medium", "high")


class Outcome(NamedTuple):
    """One outcome careerfit weighs, in words a script can read: its kind (MAIN, TIE,
    BLEND or NONE), the role or the two roles (the better fit first), the blend's name
    (for a tie or a blend, when the bank names one) and the model's chance of it."""

    kind: str
    roles: tuple[str, ...]
    name: str | None
    probability: float


class Chances(Sequence[Outcome]):
    """Every outcome the model weighs, likeliest first (equal chances: main by fit, then
    tie, blend, none); they add up to 1. Built only when read, and the few from a chance
    up (:meth:`from_chance`) without the rest: ``careerfit score`` states just the
    notable ones for each of many answer sets, and building all ten took a tenth of its
    time (bench/batch.py)."""

    __slots__ = ("_all", "_bank", "_by_fit", "_posterior")

    def __init__(self, bank: Bank, posterior: Posterior,
                 by_fit: Sequence[tuple[str, float]]) -> None:
        self._bank, self._posterior, self._by_fit = bank, posterior, by_fit
        self._all: tuple[Outcome, ...] | None = None

    def from_chance(self, chance: float) -> list[Outcome]:
        """The outcomes of at least *chance* (every one, from 0), likeliest first."""
        posterior, by_fit = self._posterior, self._by_fit
        order = {role: i for i, (role, _) in enumerate(by_fit)}
        found = [Outcome(MAIN, (role,), None, p) for role, _ in by_fit
                 if (p := posterior.main[role]) >= chance]
        for kind, pairs in self.pair_chances():
            found += [self._pair(kind, key, p, order) for key, p in pairs.items() if p >= chance]
        if (unclear := self.none()).probability >= chance:
            found.append(unclear)
        return sorted(found, key=_CHANCE, reverse=True)  # (stable: equal chances keep order)

    def main(self, role: str) -> Outcome:
        """The outcome that *role* is the person's main role."""
        return Outcome(MAIN, (role,), None, self._posterior.main[role])

    def pair(self, kind: str, first: str, second: str) -> Outcome:
        """The outcome of kind TIE or BLEND for two roles, *first* named first."""
        key = frozenset((first, second))
        return self._pair(kind, key, dict(self.pair_chances())[kind][key],
                          {first: 0, second: 1})

    def none(self) -> Outcome:
        """The outcome that no role or pair stands out."""
        return Outcome(NONE, (), None, self._posterior.unclear)

    def pair_chances(self) -> tuple[tuple[str, Mapping[frozenset[str], float]], ...]:
        """Each kind of pair outcome (TIE, BLEND) with its chances, keyed by the pair."""
        return (TIE, self._posterior.ties), (BLEND, self._posterior.blends)

    def _pair(self, kind: str, key: frozenset[str], chance: float, order: dict[str, int]
              ) -> Outcome:
        first, second = key
        pair = (first, second) if order[first] < order[second] else (second, first)
        blend = self._bank.blend(first, second)
        return Outcome(kind, pair, blend.name if blend else None, chance)

    def _every(self) -> tuple[Outcome, ...]:
        if self._all is None:
            self._all = tuple(self.from_chance(0.0))
        return self._all

    @overload
    def __getitem__(self, index: int) -> Outcome: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Outcome, ...]: ...
    def __getitem__(self, index: int | slice) -> Outcome | tuple[Outcome, ...]:
        return self._every()[index]

    def __len__(self) -> int:
        return len(self._every())

    def __iter__(self) -> Iterator[Outcome]:
        return iter(self._every())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and tuple(self) == tuple(other)

    def __hash__(self) -> int:
        return hash(self._every())

    def __repr__(self) -> str:
        return f"Chances{self._every()!r}"


_CHANCE = itemgetter(3)  # an Outcome's probability


class Verdict(NamedTuple):
    """What careerfit says about one person (see the module docstring for every rule)."""

    outcome: Outcome
    confidence: str  # 'high', 'medium' or 'low': of the outcome itself
    chances: Chances  # every outcome the model weighs, likeliest first
    blend: Blend | None  # the bank's blend of a tie's or a blend's two roles
    answered: int  # scored questions answered
    # How well the model's likeliest kind of person explains the answers (l_z, see
    # Model.person_fit); None when not measured.
    person_fit: float | None = None

    @property
    def misfit(self) -> bool:
        """No kind of person the model knows explains the answers well: the verdict is
        the least bad reading, never 'high'."""
        return self.person_fit is not None and self.person_fit < MISFIT_LZ

    @property
    def kind(self) -> str:
        return self.outcome.kind

    @property
    def roles(self) -> tuple[str, ...]:
        return self.outcome.roles

    @property
    def probability(self) -> float:
        return self.outcome.probability

    @property
    def flagged(self) -> bool:
        """No role named with medium or high confidence: torn, a blend, nothing stands out,
        or a role picked with low confidence."""
        return self.kind != MAIN or self.confidence == "low"

    @property
    def tasters(self) -> bool:
        """Whether a weekend taster for the leader and for the runner-up shows."""
        return self.flagged and self.answered > 0

    @property
    def compare(self) -> bool:
        """Whether the leader's and the runner-up's next steps show side by side."""
        return self.flagged and self.answered > 0

    @property
    def recommended(self) -> str | None:
        """The role the recommendation leads with: the main role, the first of a tie or a
        blend, or None when nothing stands out."""
        return None if self.kind == NONE else self.roles[0]

    @property
    def pick_confidence(self) -> str:
        """How sure the pick of one role is (recommendation.confidence, LEVELS): the
        verdict's confidence for a main role; 'low' for a tie or a blend (the pair is
        likelier than either role alone); 'none' when nothing stands out."""
        if self.kind == MAIN:
            return self.confidence
        return "low" if self.kind != NONE else "none"


def confidence_of(probability: float, answered: int) -> str:
    """The confidence in an outcome of chance *probability* after *answered* scored answers."""
    if probability >= HIGH_PROBABILITY:
        return "high" if answered >= MIN_ANSWERED_FOR_HIGH else "medium"
    return "medium" if probability >= MEDIUM_PROBABILITY else "low"


def decide(bank: Bank, posterior: Posterior, by_fit: Sequence[tuple[str, float]],
           answered: int, person_fit: float | None = None) -> Verdict:
    """The verdict from the model's *posterior*, the roles *by_fit* (best fit first, as
    :meth:`careerfit.engine.scoring.Scorer.ranking` gives them) and the scored answers."""
    leader = by_fit[0][0]
    chances = Chances(bank, posterior, by_fit)
    outcome = chances.none()
    if answered:  # the outcomes that agree with the fits, in the order equal chances go
        # (Compared as numbers, and only the likeliest built: this runs for every answer
        # set careerfit score reads.)
        kind, partner, best = MAIN, None, posterior.main[leader]
        for other, _ in by_fit[1:]:
            pair = frozenset((leader, other))
            for pair_kind, pairs in chances.pair_chances():
                chance = pairs.get(pair)
                if chance is not None and chance > best:  # the first of equal chances
                    kind, partner, best = pair_kind, other, chance
        if best >= outcome.probability:
            outcome = (chances.main(leader) if partner is None
                       else chances.pair(kind, leader, partner))
    blend = bank.blend(*outcome.roles) if outcome.kind in (TIE, BLEND) else None
    confidence = confidence_of(outcome.probability, answered)
    if person_fit is not None and person_fit < MISFIT_LZ and confidence == "high":
        confidence = "medium"
    return Verdict(outcome, confidence, chances, blend, answered, person_fit)
