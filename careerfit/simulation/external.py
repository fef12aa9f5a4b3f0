"""How careerfit does on labelled people it did not make: the figures of the external corpus.

Pure logic, shared by ``careerfit calibrate`` (held-out figures after a fit) and
``bench/external.py`` (the full report). A person is *found* when the outcome names
their truth: the right main role for a one-role person; for a person between two
roles, a tie or a blend of the right pair (either names the blend).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import pairwise
from typing import NamedTuple

from careerfit.bank import Bank
from careerfit.engine.fit import Labelled
from careerfit.engine.result import Evaluator, Result
from careerfit.simulation.validity import Bin

# Reliability bins of the outcome's stated probability (lower edges).
BIN_EDGES = (0.0, 0.5, 0.7, 0.9, 0.99)
# The fewest people a bin is judged on (smaller ones are merged with their neighbour).
JUDGED_BIN = 8


class Judged(NamedTuple):
    """One person's result, judged against their truth."""

    person: Labelled
    outcome_kind: str
    probability: float
    confidence: str
    found: bool
    top1: bool
    top2: bool
    high_wrong: bool
    flagged: bool
    misfit: bool


def judge(person: Labelled, result: Result) -> Judged:
    truth = person.truth
    outcome = result.outcome
    leader, runner = result.ranking[0][0], result.ranking[1][0]
    confidence = result.confidence
    if truth.kind == "main":
        role = truth.roles[0]
        found = outcome.kind == "main" and outcome.roles == (role,)
        top1, top2 = leader == role, role in (leader, runner)
        high_wrong = confidence == "high" and outcome.kind == "main" and not found
    else:
        pair = frozenset(truth.roles)
        found = outcome.kind in ("tie", "blend") and frozenset(outcome.roles) == pair
        top1 = leader in pair
        top2 = frozenset((leader, runner)) == pair
        high_wrong = confidence == "high" and outcome.kind == "main"
    return Judged(person, outcome.kind, outcome.probability, confidence, found, top1, top2,
                  high_wrong, outcome.kind in ("tie", "blend", "none"),
                  result.verdict.misfit)


def judge_all(bank: Bank, people: Iterable[Labelled],
              evaluator: Evaluator | None = None) -> list[Judged]:
    evaluate = evaluator or Evaluator(bank)
    return [judge(p, evaluate(p.picks, explain=False)) for p in people]


def reliability(judged: Sequence[Judged], min_people: int = 1) -> tuple[list[Bin], float]:
    """The outcome's stated probability against how often it was right, by the bins of
    BIN_EDGES, and the Brier score (mean squared gap between stated and right, 0 best).
    A bin of fewer than *min_people* is merged into the next (the last into the one
    before): the gap of a bin of three people says nothing."""
    groups: list[tuple[float, float, list[Judged]]] = []
    edges = (*BIN_EDGES, 1.0000001)
    for low, high in pairwise(edges):
        inside = [j for j in judged if low <= j.probability < high]
        if not inside:
            continue
        if groups and len(groups[-1][2]) < min_people:
            start, _, before = groups.pop()
            groups.append((start, high, before + inside))
        else:
            groups.append((low, high, inside))
    if len(groups) > 1 and len(groups[-1][2]) < min_people:
        _, high, last = groups.pop()
        start, _, before = groups.pop()
        groups.append((start, high, before + last))
    bins = [Bin(low, min(high, 1.0), len(inside),
                sum(j.probability for j in inside) / len(inside),
                sum(j.found for j in inside) / len(inside)) for low, high, inside in groups]
    brier = (sum((j.probability - j.found) ** 2 for j in judged) / len(judged)
             if judged else 0.0)
    return bins, brier


def tally(judged: Iterable[Judged]) -> dict[str, Counter]:
    """Per group: people, found, top1, top2, high_wrong, flagged, misfit, and each outcome
    kind (``outcome:main`` …)."""
    groups: dict[str, Counter] = {}
    for j in judged:
        count = groups.setdefault(j.person.group, Counter())
        count["people"] += 1
        for field in ("found", "top1", "top2", "high_wrong", "flagged", "misfit"):
            count[field] += getattr(j, field)
        count[f"outcome:{j.outcome_kind}"] += 1
    return groups


def kind_totals(judged: Sequence[Judged]) -> dict[str, Counter]:
    """The same counts over one-role people and over people between two roles."""
    single = [j for j in judged if j.person.truth.kind == "main"]
    between = [j for j in judged if j.person.truth.kind != "main"]
    return {"one role": sum(tally(single).values(), Counter()),
            "between two": sum(tally(between).values(), Counter())}
