"""Simulated respondents whose truth is known: for calibration, benchmarks and tests.

Pure and seeded: imports nothing from the terminal layer, and the same seed
gives the same people and answers. Works on any bank, whatever its roles.

Kinds of people (cycled in turn, so each is equally common):

* ``pure``: all one role; truth is that role.
* ``70/30``: a main role and a second one; truth is the main role.
* ``50/50``: two roles equally; truth is the pair.
* ``equal``: every role equally; truth is every role.
* ``blend``: drawn to the work where two roles meet (a blend with a trait profile in
  roles.yaml), answering by the blend's own profile; truth is that blend.
* ``random``: clicks at random; no truth.

Answers follow :mod:`careerfit.engine.model`'s response model at the person's own
sensitivity, drawn from *sensitivity*. Two departures from the scorer's own
model test its robustness (bench/validity.py reports them apart): people whose
mix is none of the model's personas (:func:`off_model_profiles`), and a *lean*:
on pick-one questions people break near-ties toward a favourite among their
top roles, the way someone torn between two roles tends to pick the same side
every time.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import NamedTuple

from careerfit.bank import Bank, Question
from careerfit.engine.model import (
    Answer,
    affinities,
    distribution,
    modelled_blends,
    personas,
    pick_probability,
    utilities,
)

PERSONAS = ("pure", "70/30", "50/50", "equal", "blend", "random")
# Sensitivities of simulated people: centred on 4, the sensitivity that best
# explains each of the hand-written typical people in examples/ (maximum likelihood).
DEFAULT_SENSITIVITY = (2.0, 6.0)
DEFAULT_SKIP_RATE = 0.05


class Profile(NamedTuple):
    persona: str
    mix: tuple[float, ...]  # a share per component: the roles, then the modelled blends
    truth: tuple[str, ...]  # the leading roles (none for blend people and random clickers)
    blend: frozenset[str] | None = None  # for blend people: the blend's two roles


class Person(NamedTuple):
    persona: str
    mix: dict[str, float]
    truth: tuple[str, ...]
    sensitivity: float
    favourite: str | None
    picks: dict[str, Answer | None]
    blend: frozenset[str] | None = None


def components(bank: Bank) -> list[str]:
    """Names of a mix's shares: the role ids, then each modelled blend as 'first+second'."""
    return [r.id for r in bank.roles] + ["+".join(sorted(b.roles)) for b in modelled_blends(bank)]


def profiles(bank: Bank) -> list[Profile]:
    """Every persona (kind of person) for *bank*'s roles, with the truth the benchmark checks."""
    roles = [r.id for r in bank.roles]
    blends = modelled_blends(bank)
    found = []
    for persona in personas(len(roles), len(blends)):
        shares = persona.mix[:len(roles)]
        if persona.name == "blend":
            which = blends[persona.mix.index(1.0) - len(roles)]
            found.append(Profile(persona.name, persona.mix, (), which.roles))
            continue
        top = max(shares)
        leaders = tuple(r for r, share in zip(roles, shares, strict=True) if share == top)
        found.append(Profile(persona.name, persona.mix, leaders))
    width = len(roles) + len(blends)
    found.append(Profile("random", tuple(1.0 / len(roles) if i < len(roles) else 0.0
                                         for i in range(width)), ()))
    return found


def off_model_profiles(bank: Bank) -> list[Profile]:
    """People between the model's personas: 85/15 and 60/40 for every ordered pair of roles."""
    names = components(bank)
    roles = [r.id for r in bank.roles]
    found = []
    for main in roles:
        for other in roles:
            if main != other:
                for share, name in ((0.85, "85/15"), (0.6, "60/40")):
                    mix = tuple(share if r == main else 1 - share if r == other else 0.0
                                for r in names)
                    found.append(Profile(name, mix, (main,)))
    return found


def people(bank: Bank, count: int, seed: int = 0, *,
           sensitivity: tuple[float, float] = DEFAULT_SENSITIVITY,
           skip_rate: float = DEFAULT_SKIP_RATE, personas: tuple[str, ...] = PERSONAS,
           pool: list[Profile] | None = None, lean: float = 0.0) -> Iterator[Person]:
    """*count* simulated people with their answers to every question of *bank*.

    The personas of :func:`profiles` (or *pool*) are taken in turn, so each is equally common.
    """
    rng = random.Random(seed)
    table = affinities(bank)
    names = components(bank)
    pool = pool or [p for p in profiles(bank) if p.persona in personas]
    for index in range(count):
        profile = pool[index % len(pool)]
        level = 0.0 if profile.persona == "random" else rng.uniform(*sensitivity)
        top = max(profile.mix)
        favourites = [r for r, share in zip(names, profile.mix, strict=True) if share == top]
        favourite = rng.choice(favourites) if profile.persona != "random" else None
        leaned = _leaned(profile.mix, names.index(favourite), lean) if favourite else profile.mix
        picks: dict[str, Answer | None] = {}
        for question in bank.questions:
            if not question.scored:
                picks[question.id] = (rng.choice(question.option_ids),)
            elif rng.random() < skip_rate:
                picks[question.id] = None
            else:
                mix = leaned if question.kind == "choice" else profile.mix
                picks[question.id] = answer(question, table[question.id], mix, level, rng)
        yield Person(profile.persona, dict(zip(names, profile.mix, strict=True)), profile.truth,
                     level, favourite, picks, profile.blend)


def _leaned(mix: tuple[float, ...], favourite: int, lean: float) -> tuple[float, ...]:
    raised = [share + (lean if i == favourite else 0.0) for i, share in enumerate(mix)]
    total = sum(raised)
    return tuple(share / total for share in raised)


def answer(question: Question, table: dict[str, tuple[float, ...]], mix: tuple[float, ...],
           sensitivity: float, rng: random.Random) -> Answer:
    """One answer drawn from the response model (sensitivity 0 answers at random)."""
    utils = utilities(table, mix)
    if question.kind == "multi":
        return tuple(o for o, u in zip(table, utils, strict=True)
                     if rng.random() < pick_probability(u, sensitivity))
    weights = distribution(question.kind, utils, sensitivity)
    return (rng.choices(question.option_ids, weights=weights)[0],)
