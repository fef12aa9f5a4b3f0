"""Fitting the response model to labelled people: what ``careerfit calibrate`` runs.

Pure logic. A *labelled* person is an answer set whose truth is known (one main role,
or two roles and their blend or tie). The fit moves the values in
:mod:`careerfit.bank.calibration` (the blends' profiles, the sensitivity, the prior
over kinds of person) to make each fitting person's truth likelier, and is pulled
back toward the hand-set values by a penalty, so that a few people cannot drag it far:

    loss = mean over people of -log P(truth | answers)  +  PULL x distance²

where the distance counts a blend profile's change in units of PROFILE_STEP and the
scales' change in log units. The prior over kinds of person is left flat unless asked
for (see :func:`fit`). It never touches the fits (role profiles and option
effects): a fitted model changes what careerfit says about how sure it is and which
outcome it names, never a role's fit. The search is coordinate descent with shrinking
steps: slow-ish (tens of seconds) but dependable, and it needs nothing beyond the model.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import NamedTuple

from careerfit.bank import Bank
from careerfit.bank.calibration import (
    HAND_SET,
    PRIOR_KINDS,
    PROFILE_BOUND,
    SCALE_BOUNDS,
    Calibration,
)
from careerfit.base.vocabulary import Picks
from careerfit.engine.model import Model, Posterior, modelled_blends

# How hard the fit is pulled back toward the hand-set values.
PULL = 0.02
# A blend weight's change counts in these units (weights run from -3 to 3).
PROFILE_STEP = 1.0
# The first step of the search, per kind of value; halved each round it finds nothing.
FIRST_STEPS = {"profile": 1.0, "log": 0.5}
ROUNDS = 4
FLOOR = 1e-6


class Truth(NamedTuple):
    """What a labelled person is: ``main`` with one role, ``blend`` or ``tie`` with two
    (either outcome of the right pair counts as found: both name the blend)."""

    kind: str
    roles: tuple[str, ...]


class Labelled(NamedTuple):
    id: str
    group: str
    truth: Truth
    split: str
    picks: Picks


def truth_chance(posterior: Posterior, truth: Truth) -> float:
    """The model's probability of the person's truth."""
    if truth.kind == "main":
        return posterior.main[truth.roles[0]]
    first, second = truth.roles
    return posterior.tie(first, second) + posterior.blend(first, second)


def loss(bank: Bank, people: Sequence[Labelled]) -> float:
    """The mean log loss of the people's truths under *bank*'s model (no penalty)."""
    model = Model(bank)
    return -sum(math.log(max(truth_chance(model.posterior(p.picks), p.truth), FLOOR))
                for p in people) / max(len(people), 1)


class _Value(NamedTuple):
    """One value the fit may move: how to read it and how to set it in a calibration."""

    name: str
    kind: str  # 'profile' (a blend weight) or 'log' (a scale, moved in log units)
    get: Callable[[Calibration], float]
    put: Callable[[Calibration, float], Calibration]
    start: float


def _values(bank: Bank, with_prior: bool, with_items: bool = False) -> list[_Value]:
    traits = [t.id for t in bank.traits]
    values = [_Value("sensitivity_scale", "log", lambda c: math.log(c.sensitivity_scale),
                     lambda c, v: c._replace(sensitivity_scale=math.exp(v)), 0.0)]
    for kind in PRIOR_KINDS if with_prior else ():
        values.append(_Value(
            f"prior.{kind}", "log", lambda c, k=kind: math.log(c.prior_of(k)),
            lambda c, v, k=kind: c._replace(prior={**c.prior, k: math.exp(v)}), 0.0))
    for blend in modelled_blends(bank):
        for trait in traits:
            def get(c: Calibration, b=blend, t=trait) -> float:
                return c.blends.get(b.roles, b.profile).get(t, 0.0)

            def put(c: Calibration, v: float, b=blend, t=trait) -> Calibration:
                profile = {**c.blends.get(b.roles, b.profile), t: v}
                return c._replace(blends={**c.blends, b.roles: profile})

            values.append(_Value(f"blend.{'+'.join(sorted(blend.roles))}.{trait}", "profile",
                                 get, put, blend.profile.get(trait, 0.0)))
    for question in bank.scored if with_items else ():
        values.append(_Value(
            f"question.{question.id}", "log",
            lambda c, q=question.id: math.log(c.question_scale.get(q, 1.0)),
            lambda c, v, q=question.id: c._replace(
                question_scale={**c.question_scale, q: math.exp(v)}), 0.0))
    return values


def _bounded(value: _Value, v: float) -> float:
    if value.kind == "profile":
        return min(max(v, -PROFILE_BOUND), PROFILE_BOUND)
    low, high = (math.log(b) for b in SCALE_BOUNDS)
    return min(max(v, low), high)


def _penalty(values: Sequence[_Value], calibration: Calibration) -> float:
    total = 0.0
    for value in values:
        step = PROFILE_STEP if value.kind == "profile" else 1.0
        total += ((value.get(calibration) - value.start) / step) ** 2
    return PULL * total


class FitReport(NamedTuple):
    calibration: Calibration
    before: float  # the fitting people's mean log loss with the hand-set values
    after: float
    moved: tuple[tuple[str, float, float], ...]  # (value, hand-set, fitted), largest first


def fit(bank: Bank, people: Sequence[Labelled], *, source: str = "", with_prior: bool = False,
        with_items: bool = False, progress: Callable[[int, int], None] | None = None
        ) -> FitReport:
    """Fit the calibration to *people* (all of them: pass only the fitting half).

    The prior over kinds of person is fitted only *with_prior*: it learns how common
    each kind is among the people given, which is right only for a representative
    sample. A corpus built to hold so many of each kind (as validation/ is) would
    teach it the corpus's design instead. How strongly each question speaks is fitted only
    *with_items*: a value per question wants many more people than questions."""
    values = _values(bank, with_prior, with_items)
    current = HAND_SET._replace(source=source)

    def objective(calibration: Calibration) -> float:
        return loss(bank.recalibrated(calibration), people) + _penalty(values, calibration)

    best = objective(current)
    before = loss(bank.recalibrated(HAND_SET), people)
    steps = {kind: size for kind, size in FIRST_STEPS.items()}
    for round_number in range(ROUNDS):
        for index, value in enumerate(values):
            if progress:
                progress(round_number * len(values) + index, ROUNDS * len(values))
            for direction in (1.0, -1.0):
                here = value.get(current)
                moved = _bounded(value, here + direction * steps[value.kind])
                if moved == here:
                    continue
                trial = value.put(current, moved)
                score = objective(trial)
                if score < best - 1e-9:
                    current, best = trial, score
                    break
        steps = {kind: size / 2 for kind, size in steps.items()}
    after = loss(bank.recalibrated(current), people)
    moved_values = sorted(((v.name, v.start, v.get(current)) for v in values),
                          key=lambda row: -abs(row[2] - row[1]))
    shown = tuple((name, start if name.startswith("blend.") else math.exp(start),
                   end if name.startswith("blend.") else math.exp(end))
                  for name, start, end in moved_values if abs(end - start) > 1e-9)
    return FitReport(_tidy(current), before, after, shown)


def _tidy(calibration: Calibration) -> Calibration:
    """Round what the file will hold, and leave out what the fit left as hand-set."""
    prior = {k: round(v, 3) for k, v in calibration.prior.items() if abs(v - 1.0) > 1e-9}
    blends = {pair: {t: round(w, 3) for t, w in profile.items() if w}
              for pair, profile in calibration.blends.items()}
    questions = {q: round(v, 3) for q, v in calibration.question_scale.items()
                 if abs(v - 1.0) > 1e-9}
    return calibration._replace(sensitivity_scale=round(calibration.sensitivity_scale, 3),
                                prior=prior, blends=blends, question_scale=questions)
