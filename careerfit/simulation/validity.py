"""How trustworthy the stated probability and confidence are, measured on simulated people.

Pure logic, shared by ``bench/validity.py`` (the full table) and the tests (a
small fixed sample). A person counts as *right* when the recommended leader is
their one true main role; people tied between roles (50/50, all equal) have no
main role, so any leader is wrong for them; random clickers have no truth and
are left out of the calibration.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from itertools import tee
from typing import NamedTuple

from careerfit.bank import Bank
from careerfit.base.vocabulary import MAIN
from careerfit.engine.result import Evaluator, Result
from careerfit.engine.verdict import Outcome
from careerfit.simulation.simulate import Person

BINS = 10


class Bin(NamedTuple):
    """One bin of a reliability table: people stated between *low* and *high*, their mean
    stated probability and how often they were right (here and in
    careerfit.simulation.external)."""

    low: float
    high: float
    people: int
    stated: float
    observed: float


class Validity(NamedTuple):
    bins: tuple[Bin, ...]
    ece: float
    personas: dict[str, Counter]

    def share(self, personas: Iterable[str], what: str) -> float:
        """Share of the people of *personas* with outcome *what* (see :func:`measure`)."""
        return _share(self.personas, personas, what)


def measure(bank: Bank, people: Iterable[Person], evaluator: Evaluator | None = None
            ) -> Validity:
    """Calibration and per-persona outcomes of the quiz's verdicts for *people*.

    Outcomes counted per persona: ``people``, ``high``, ``right`` (leader is the true main
    role), ``high_right``, ``hybrid``, ``flagged`` (a hybrid, or ``low``/``none``),
    ``low_none``, and ``right_blend`` (a blend person's own blend named). Calibration
    counts everyone with a truth, blend people included (they have no main role).
    """
    from careerfit.engine.blocks import results  # (numpy: only the measures need it)

    evaluate = evaluator or Evaluator(bank)
    sums = [[0, 0.0, 0.0] for _ in range(BINS)]
    personas: dict[str, Counter] = {}
    crowd, answering = tee(people)  # (holds a block of people, not the whole crowd)
    for person, result in zip(crowd, results(evaluate, (p.picks for p in answering),
                                             traits=False), strict=True):
        right = len(person.truth) == 1 and result.leader == person.truth[0]
        level = result.confidence
        tally = personas.setdefault(person.persona, Counter())
        tally["people"] += 1
        tally["high"] += level == "high"
        tally["right"] += right
        tally["high_right"] += level == "high" and right
        tally["hybrid"] += result.hybrid is not None
        tally["low_none"] += level in ("low", "none")
        tally["flagged"] += _flagged(result)
        tally["right_blend"] += (person.blend is not None and result.hybrid is not None
                                 and result.hybrid.roles == person.blend)
        if person.truth or person.blend:
            row = sums[min(int(result.probability * BINS), BINS - 1)]
            row[0] += 1
            row[1] += result.probability
            row[2] += right
    counted = sum(row[0] for row in sums)
    bins = tuple(Bin(i / BINS, (i + 1) / BINS, n, total / n if n else 0.0,
                     hits / n if n else 0.0) for i, (n, total, hits) in enumerate(sums))
    ece = sum(b.people / counted * abs(b.stated - b.observed) for b in bins) if counted else 0.0
    return Validity(bins, ece, personas)


class AdaptiveValidity(NamedTuple):
    """Per kind: questions asked (background included), and how the stop compares."""

    asked: dict[str, list[int]]
    personas: dict[str, Counter]

    def quantile(self, personas: Iterable[str], q: float) -> float:
        """The q-quantile (nearest rank) of questions asked by the people of *kinds*."""
        counts = sorted(n for k in personas for n in self.asked.get(k, []))
        if not counts:
            return 0.0
        return float(counts[min(len(counts) - 1, max(0, math.ceil(q * len(counts)) - 1))])

    def share(self, personas: Iterable[str], what: str) -> float:
        """Share of the people of *personas* with outcome *what* (see :func:`measure_adaptive`)."""
        return _share(self.personas, personas, what)


def measure_adaptive(bank: Bank, people: Iterable[Person], evaluator: Evaluator | None = None
                     ) -> AdaptiveValidity:
    """Replay each person's complete answers in the adaptive order (careerfit.engine.adaptive).

    Outcomes per persona: ``people``, ``same_leader`` (the leader after the stop is the
    whole bank's), ``same_verdict`` (what careerfit says is the whole bank's: the same
    clear role, or flagged alike; see :func:`verdict`),
    or an unsettled end naming it (careerfit.engine.ending), ``unsettled``,
    ``both_flagged`` and ``same_named`` (of those, the same blend named, or none),
    ``stopped`` (before the bank ran out), ``same_when_stopped``, ``flagged`` and
    ``flagged_full`` (a hybrid or ``low``/``none``, adaptive and whole bank), and
    ``never_sure``: even the whole bank leaves every verdict below the stop, so the quiz
    stops early for them only if their answers cross it by chance.
    """
    from careerfit.engine.adaptive import STOP_PROBABILITY, Planner
    from careerfit.engine.ending import ending

    evaluate = evaluator or Evaluator(bank)
    planner = Planner(bank, evaluate.model, evaluate.scorer)
    asked: dict[str, list[int]] = {}
    personas: dict[str, Counter] = {}
    for person in people:
        short = planner.replay(person.picks)
        quick = evaluate(short, explain=False)
        whole = evaluate(person.picks, explain=False)
        stopped = any(q.id not in short for q in bank.scored)
        asked.setdefault(person.persona, []).append(sum(1 for q in bank.scored if q.id in short))
        tally = personas.setdefault(person.persona, Counter())
        tally["people"] += 1
        tally["same_leader"] += quick.leader == whole.leader
        end = ending(bank, short, quick.verdict, adaptive=True, planner=planner)
        named_by_end = {_said(o) for o in end.between} if end.between else set()
        tally["same_verdict"] += (verdict(quick) == verdict(whole)
                                  or verdict(whole) in named_by_end)
        tally["unsettled"] += end.unsettled
        both_flagged = _flagged(quick) and _flagged(whole)
        tally["both_flagged"] += both_flagged
        tally["same_named"] += both_flagged and named(quick) == named(whole)
        tally["stopped"] += stopped
        tally["same_when_stopped"] += stopped and quick.leader == whole.leader
        tally["flagged"] += _flagged(quick)
        tally["flagged_full"] += _flagged(whole)
        tally["low_none"] += quick.confidence in ("low", "none")
        tally["never_sure"] += (planner.status(person.picks).verdicts[0][1]
                                < STOP_PROBABILITY)
    return AdaptiveValidity(asked, personas)


def _share(tallies: dict[str, Counter], personas: Iterable[str], what: str) -> float:
    counts = [tallies[k] for k in personas if k in tallies]
    total = sum(c["people"] for c in counts)
    return sum(c[what] for c in counts) / total if total else 0.0


def verdict(result: Result) -> tuple[object, ...]:
    """What careerfit says, for comparing two results: the role it names with medium or
    high confidence, or 'flagged' (careerfit.engine.verdict.Verdict.flagged). Which of two
    near-equal roles leads a flagged result is not part of what it says."""
    if not _flagged(result):
        return ("main", result.leader)
    return ("flagged",)


def _said(outcome: Outcome) -> tuple[object, ...]:
    """What an outcome named by an unsettled end says, in :func:`verdict`'s terms."""
    return ("main", outcome.roles[0]) if outcome.kind == MAIN else ("flagged",)


def named(result: Result) -> frozenset[str] | None:
    """The blend a flagged result names, if any."""
    return result.hybrid.roles if result.hybrid else None


def _flagged(result: Result) -> bool:
    return result.verdict.flagged
