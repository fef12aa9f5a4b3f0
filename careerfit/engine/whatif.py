"""The smallest change of answers that would put the runner-up first.

Exact over the bank: every other answer to every answered question is tried,
alone and in pairs. The answered set stays the same, so the scoring model is
linear and each candidate's effect on every fit is its change of shares. Pairs
are pruned with a bound that can only drop pairs unable to close the gap.
"""

from __future__ import annotations

from itertools import combinations
from typing import NamedTuple

from careerfit.bank import GRADED_KINDS, Bank, Question
from careerfit.base.vocabulary import Picks
from careerfit.engine.scoring import Scorer, Scores, contribution


class Change(NamedTuple):
    question: str
    before: tuple[str, ...]
    after: tuple[str, ...]
    steps: int


class WhatIf(NamedTuple):
    target: str
    changes: tuple[Change, ...]
    fits_after: dict[str, float]

    @property
    def found(self) -> bool:
        return bool(self.changes)


# A pick-all question's other answers tried: at most this many options ticked or
# unticked (two new users read five as answering the question as someone else).
MOST_TOGGLED = 2


class _Candidate(NamedTuple):
    change: Change
    gain: float  # how much closer the change brings the target to the leader


def alternatives(question: Question, current: tuple[str, ...]) -> list[tuple[tuple[str, ...], int]]:
    """Every other answer to *question*, with how far it is from *current* (in steps); for
    a pick-all question, those within MOST_TOGGLED options ticked or unticked."""
    ids = question.option_ids
    if question.kind == "multi":
        now = set(current)
        return [(combo, toggled) for combo in question.possible_answers()
                if 0 < (toggled := len(set(combo) ^ now)) <= MOST_TOGGLED]
    here = ids.index(current[0]) if current and current[0] in ids else 0
    steps = question.kind in GRADED_KINDS
    return [((option,), abs(ids.index(option) - here) if steps else 1)
            for option in ids if (option,) != tuple(current)]


def find_what_if(bank: Bank, scorer: Scorer, picks: Picks, scores: Scores,
                 leader: str, target: str) -> WhatIf:
    """The fewest, smallest answer changes that put *target* strictly ahead of every role."""
    search = _Search(bank, scorer, scores, target)
    candidates = search.candidates(picks, leader)
    margin = scores.fits[leader] - scores.fits[target]
    single = search.best([(c,) for c in candidates if c.gain > margin])
    if single:
        return single
    top_gain = max((c.gain for c in candidates), default=0.0)
    useful = [c for c in candidates if c.gain + top_gain > margin]
    pairs = [(a, b) for a, b in combinations(useful, 2)
             if a.change.question != b.change.question and a.gain + b.gain > margin]
    return search.best(pairs) or WhatIf(target, (), {})


class _Search:
    """One what-if search: candidate changes, and the fits they would give."""

    def __init__(self, bank: Bank, scorer: Scorer, scores: Scores, target: str) -> None:
        self.bank, self.scorer, self.scores, self.target = bank, scorer, scores, target
        self._deltas: dict[Change, dict[str, float]] = {}

    def candidates(self, picks: Picks, leader: str) -> list[_Candidate]:
        """Every other answer to every answered question, with its gain for the target.

        Fit points per unit of each trait, target minus leader: a change's gain is its
        trait movement along this direction, so candidates are ranked without scoring
        each one."""
        ahead = self.scores.coefficients[leader]
        behind = self.scores.coefficients[self.target]
        direction = {t: behind.get(t, 0.0) - ahead.get(t, 0.0) for t in {**ahead, **behind}}
        found = []
        for qid in self.scores.answered:
            question = self.bank.question(qid)
            pulls = {o.id: sum(direction.get(t, 0.0) * w for t, w in o.effects.items())
                     for o in question.options}
            current = tuple(picks[qid] or ())
            now = sum(pulls[o] for o in current)
            found.extend(
                _Candidate(Change(qid, current, after, steps),
                           sum(pulls[o] for o in after) - now)
                for after, steps in alternatives(question, current))
        return found

    def deltas(self, change: Change) -> dict[str, float]:
        """Each fit's change when *change* is made (computed for the few that need it)."""
        if change not in self._deltas:
            question = self.bank.question(change.question)
            after = self.scorer.shares_of(contribution(question, change.after),
                                          self.scores.coefficients)
            before = self.scores.shares[change.question]
            self._deltas[change] = {role: after[role] - before[role] for role in after}
        return self._deltas[change]

    def fits_after(self, group: tuple[_Candidate, ...]) -> dict[str, float]:
        return {role: fit + sum(self.deltas(c.change)[role] for c in group)
                for role, fit in self.scores.fits.items()}

    def best(self, groups: list[tuple[_Candidate, ...]]) -> WhatIf | None:
        """Of the groups that put the target first: the fewest steps, then the widest lead."""
        winners = []
        for group in groups:
            fits = self.fits_after(group)
            if not self.scorer.leads(fits, self.target):
                continue
            steps = sum(c.change.steps for c in group)
            lead = fits[self.target] - max(f for r, f in fits.items() if r != self.target)
            winners.append((steps, -lead, [c.change.question for c in group], group, fits))
        if not winners:
            return None
        *_, group, fits = min(winners, key=lambda w: w[:3])
        return WhatIf(self.target, tuple(c.change for c in group), fits)
