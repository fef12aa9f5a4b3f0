"""The response model: how a person with a given mix of roles answers, and what answers say back.

Pure logic: imports nothing from the terminal layer.

A person is a **mix** over the bank's roles (shares that add up to 1) and a
**sensitivity** (how consistently their answers follow their preferences; 0 is
a coin flip).

* An option's **affinity** to a role is the role's normalised trait profile
  applied to the option's trait effects; each question's affinities are scaled
  so that its strongest one is 1, so every question speaks with the same voice.
  A person's utility for an option is the mix-weighted affinity.
* ``choice`` questions follow a multinomial logit: P(option) ∝ exp(sensitivity x utility).
* ``scale`` questions follow an ordered logit on sensitivity x utility with
  fixed cut points between the five answers; ``pair`` questions the same
  ordered logit on the difference between the two activities' utilities, so
  "both about equally" is the likely answer of someone who likes both alike.
* ``multi`` questions pick each option on its own: P(pick) = σ(sensitivity x utility - bias).
* Skipped questions carry no information.

Besides the roles, the model mixes the bank's **blends** that have a trait profile
(work where two roles meet, such as LLM platform engineering): a person drawn to a
blend answers by the blend's own profile, which is not a 50/50 mixture of its two
parents. The roles and the blends are the model's *components*.

:class:`Model` is a latent-class model: it turns answers into a posterior over
the :func:`personas` (kinds of person: each role alone, 70/30 and 50/50 for every pair,
all alike) crossed with three sensitivities, all equally likely beforehand,
and from it the chance that each role is the person's *main* role (leads the
mix by CLEAR_LEAD or more), that two roles are tied, or that none stands out.
Someone between two personas (say 60/40) splits the posterior between them, so
the probability drops instead of overstating. The simulator
(:mod:`careerfit.simulation.simulate`) draws answers from the same formulas.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from functools import cached_property
from itertools import combinations
from operator import mul
from typing import Any, NamedTuple

from careerfit.bank import Bank, Blend, Question
from careerfit.base import speed
from careerfit.base.vocabulary import Answer, Picks

# Sensitivities the posterior averages over, equally likely a priori: from a
# barely consistent respondent to a very consistent one.
SENSITIVITIES = (1.0, 3.0, 6.0)
# Cut points of the ordered logit between the five answers of a scale question.
SCALE_CUTS = (-1.5, -0.5, 0.5, 1.5)
# A pick-all option is picked when sensitivity x utility clears this bias.
MULTI_BIAS = 1.0
# A role is someone's *main* role when its share of their mix leads every other
# role's by at least this much; two roles closer than that are a tie.
CLEAR_LEAD = 0.2
# Answers whose person-fit l_z falls below this are explained well by no kind of person
# the model knows: the one-sided 1% point of a standard normal. l_z is only roughly
# normal; on simulated one-role people 2 to 3% fall below it (7% below -2).
MISFIT_LZ = -2.33
# Bumped when the personas change, so compiled likelihood tables are rebuilt.
PERSONAS_VERSION = 3



def sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


def choice_probabilities(utilities: Sequence[float], sensitivity: float) -> list[float]:
    """Multinomial logit over the options of a pick-one question."""
    top = max(utilities)
    weights = [math.exp(sensitivity * (u - top)) for u in utilities]
    total = sum(weights)
    return [w / total for w in weights]


def scale_probabilities(utility: float, sensitivity: float) -> list[float]:
    """Ordered logit over the five answers of a scale question, 'strongly disagree' first."""
    latent = sensitivity * utility
    below = [0.0, *(sigmoid(cut - latent) for cut in SCALE_CUTS), 1.0]
    return [max(below[k + 1] - below[k], 1e-12) for k in range(len(SCALE_CUTS) + 1)]


def pick_probability(utility: float, sensitivity: float) -> float:
    """Chance that one option of a pick-all question is picked."""
    return min(max(sigmoid(sensitivity * utility - MULTI_BIAS), 1e-12), 1 - 1e-12)


class Persona(NamedTuple):
    """A persona, a kind of person the model knows: a name and a mix over the bank's roles."""

    name: str
    mix: tuple[float, ...]


def personas(role_count: int, blend_count: int = 0) -> list[Persona]:
    """Each role alone, each role mostly (70/30) with each other, each pair alike (50/50),
    every role alike, and each blend alone: the people careerfit tells apart. A mix has
    a share per component: the roles, then the blends."""
    def mix_of(shares: dict[int, float]) -> tuple[float, ...]:
        return tuple(shares.get(i, 0.0) for i in range(role_count + blend_count))

    roles = range(role_count)
    found = [Persona("pure", mix_of({r: 1.0})) for r in roles]
    found += [Persona("70/30", mix_of({a: 0.7, b: 0.3})) for a in roles for b in roles if a != b]
    found += [Persona("50/50", mix_of({a: 0.5, b: 0.5})) for a in roles for b in roles if a < b]
    if role_count > 2:
        found.append(Persona("equal", mix_of({r: 1.0 / role_count for r in roles})))
    found += [Persona("blend", mix_of({role_count + b: 1.0})) for b in range(blend_count)]
    return found


class Leaning(NamedTuple):
    """What one mix leans to: a main role, a tie between two, a blend, or nothing (role and
    blend numbers, in bank order). The posterior adds these up into the chance of each
    outcome, whose vocabulary (kinds, :class:`careerfit.engine.verdict.Outcome`) is the
    verdict's."""

    main: int | None
    pair: tuple[int, int] | None
    blend: int | None = None


def leaning(mix: Sequence[float], role_count: int | None = None) -> Leaning:
    """The blend *mix* leans to most, if more than to any role; else its main role (leads
    all others by CLEAR_LEAD), else the tied top two, else none. *mix* holds the first
    *role_count* shares for roles (all of them by default), the rest for blends."""
    roles = len(mix) if role_count is None else role_count
    blends = mix[roles:]
    if blends and max(blends) > max(mix[:roles]):
        return Leaning(None, None, max(range(len(blends)), key=blends.__getitem__))
    mix = mix[:roles]
    order = sorted(range(len(mix)), key=lambda i: -mix[i])
    first, second = order[0], order[1]
    if mix[first] - mix[second] >= CLEAR_LEAD - 1e-9:
        return Leaning(first, None)
    if len(mix) == 2 or mix[second] - mix[order[2]] >= CLEAR_LEAD - 1e-9:
        return Leaning(None, (min(first, second), max(first, second)))
    return Leaning(None, None)


def modelled_blends(bank: Bank) -> tuple[Blend, ...]:
    """The blends the model knows as components: those with a trait profile."""
    return tuple(b for b in bank.blends if b.profile)


def component_profiles(bank: Bank) -> list[Mapping[str, float]]:
    """The trait profiles a person's mix is over: each role's, then each modelled blend's
    (its fitted profile where calibration.yaml has one)."""
    fitted = bank.calibration.blends
    return [r.profile for r in bank.roles] + [fitted.get(b.roles, b.profile)
                                              for b in modelled_blends(bank)]


def affinities(bank: Bank) -> dict[str, dict[str, tuple[float, ...]]]:
    """Option id -> affinity per component (roles, then blends), per scored question."""
    profiles = []
    for profile in component_profiles(bank):
        total = sum(abs(w) for w in profile.values()) or 1.0
        profiles.append({t: w / total for t, w in profile.items()})
    table: dict[str, dict[str, tuple[float, ...]]] = {}
    voice = bank.calibration.question_scale
    for question in bank.scored:
        options = (question.sides if question.kind == "pair"
                   else question.options[-1:] if question.kind == "scale" else question.options)
        raw = {o.id: tuple(sum(p.get(t, 0.0) * w for t, w in o.effects.items())
                           for p in profiles) for o in options}
        strongest = max((abs(a) for row in raw.values() for a in row), default=0.0) or 1.0
        strongest /= voice.get(question.id, 1.0)
        table[question.id] = {o: tuple(a / strongest for a in row) for o, row in raw.items()}
    return table


def utilities(table: Mapping[str, Sequence[float]], mix: Sequence[float]) -> list[float]:
    """The person's utility for each row of a question's affinity table."""
    return [sum(m * a for m, a in zip(mix, row, strict=True)) for row in table.values()]


def distribution(kind: str, utils: Sequence[float], sensitivity: float) -> list[float]:
    """P(each option) of a pick-one, scale or pair question, in option order, from
    :func:`utilities` (a scale has one utility, a pair two). Sensitivity 0 is someone
    answering at random: every answer alike."""
    if sensitivity == 0:
        count = 5 if kind in ("scale", "pair") else len(utils)
        return [1.0 / count] * count
    if kind == "scale":
        return scale_probabilities(utils[0], sensitivity)
    if kind == "pair":
        return scale_probabilities(utils[0] - utils[1], sensitivity)[::-1]
    return choice_probabilities(utils, sensitivity)


class Posterior(NamedTuple):
    """What the answers say: the chance each role is the person's main role, that two roles
    are tied for them (torn), that they are drawn to the blend of two roles, or that no
    role stands out. Ties and blends are keyed by the pair of role ids."""

    main: dict[str, float]
    ties: dict[frozenset[str], float]
    weights: tuple[float, ...]
    blends: Mapping[frozenset[str], float] = {}

    def tie(self, first: str, second: str) -> float:
        return self.ties.get(frozenset((first, second)), 0.0)

    def blend(self, first: str, second: str) -> float:
        return self.blends.get(frozenset((first, second)), 0.0)

    @property
    def unclear(self) -> float:
        return max(0.0, 1.0 - sum(self.main.values()) - sum(self.ties.values())
                   - sum(self.blends.values()))


def model_signature() -> list[float | list[float]]:
    """The constants the likelihood tables depend on (checked against compiled tables)."""
    return [list(SENSITIVITIES), list(SCALE_CUTS), MULTI_BIAS, CLEAR_LEAD, PERSONAS_VERSION]


class Model:
    """The response model bound to one bank; caches per-answer likelihoods."""

    def __init__(self, bank: Bank) -> None:
        self.bank = bank
        self.roles = tuple(r.id for r in bank.roles)
        blends = modelled_blends(bank)
        calibration = bank.calibration
        known = personas(len(self.roles), len(blends))
        self.mixes = [persona.mix for persona in known]
        # Every persona at every sensitivity, and one more state: someone whose answers
        # follow no preference at all (sensitivity 0), for whom nothing stands out.
        indifferent = tuple(1.0 / len(self.roles) if i < len(self.roles) else 0.0
                            for i in range(len(self.mixes[0])))
        sensitivities = [s * calibration.sensitivity_scale for s in SENSITIVITIES]
        self.states = [(mix, s) for mix in self.mixes for s in sensitivities]
        self.states.append((indifferent, 0.0))
        # The prior over states: every state alike, times its kind of person's weight
        # (1 unless calibrated).
        self.state_kinds = [p.name for p in known for _ in sensitivities] + ["random"]
        raw = [calibration.prior_of(kind) for kind in self.state_kinds]
        self.log_prior = [math.log(w / sum(raw)) for w in raw]
        self._outcomes = [leaning(mix, len(self.roles)) for mix, _ in self.states[:-1]]
        self._outcomes.append(Leaning(None, None))
        # Which outcome each state is, as 0/1 rows over the states: per role, whether it
        # is the main one; per pair of roles (tie_keys), whether the two are tied. The
        # posterior's chances are these rows weighted by the states' posterior weights,
        # here and in a block (careerfit.engine.blocks).
        pairs = list(combinations(range(len(self.roles)), 2))
        self.tie_keys = [frozenset(self.roles[i] for i in pair) for pair in pairs]
        self.main_rows = [[1.0 if found.main == r else 0.0 for r in range(len(self.roles))]
                          for found in self._outcomes]
        self.tie_rows = [[1.0 if found.pair == pair else 0.0 for pair in pairs]
                         for found in self._outcomes]
        # The adaptive quiz's verdict each state leads to: its main role (0..R-1), or R,
        # flagged (a tie, a blend or nothing stands out; careerfit.engine.verdict.FLAGGED).
        self.verdict_rows = [[*row, 1.0 - sum(row)] for row in self.main_rows]
        self.blend_keys = [blend.roles for blend in blends]
        self.blend_rows = [[1.0 if found.blend == b else 0.0 for b in range(len(blends))]
                           for found in self._outcomes]
        self._loglik: dict[tuple[str, Answer], list[float]] = {}
        self._option_rows: dict[str, dict[str, tuple[list[float], list[float]]]] = {}
        tables = bank.tables
        self._compiled = (tables if tables is not None and tables.signature == model_signature()
                          else None)

    @cached_property
    def table(self) -> dict[str, dict[str, tuple[float, ...]]]:
        """Each scored question's option affinities (needed only without compiled tables)."""
        return affinities(self.bank)

    def loglik(self, question_id: str, answer: Answer) -> list[float]:
        """log P(answer | state) for every state (persona x sensitivity): the one place an
        answer's likelihood is put together (a block's columns come from here too)."""
        key = (question_id, answer)
        cached = self._loglik.get(key)
        if cached is None:
            question = self.bank.question(question_id)
            rows = self.tables_for(question)
            if question.kind == "multi":
                parts = [rows[o][0] if o in answer else rows[o][1] for o in rows]
                cached = [sum(values) for values in zip(*parts, strict=True)]
            else:
                cached = rows[answer[0]][0]
            self._loglik[key] = cached
        return cached

    def tables_for(self, question: Question) -> dict[str, tuple[list[float], list[float]]]:
        """Per option, log P over the states: of choosing it (pick-one, scale, pair), or of
        picking it and of leaving it (pick-all)."""
        rows = self._option_rows.get(question.id)
        if rows is None and self._compiled is not None:
            rows = self._compiled.rows(question.id)
        if rows is not None:
            self._option_rows[question.id] = rows
            return rows
        picked, left = self.option_arrays(question)
        lefts = left.tolist() if left is not None else [[] for _ in question.option_ids]
        rows = dict(zip(question.option_ids, zip(picked.tolist(), lefts, strict=True),
                        strict=True))
        self._option_rows[question.id] = rows
        return rows

    def option_arrays(self, question: Question) -> tuple[Any, Any | None]:
        """:meth:`tables_for` as numpy arrays, options x states: log P of choosing (or
        picking) each option, and for a pick-all question of leaving it (else None). Not
        kept: the callers (a block scorer, the adaptive quiz's arrays) keep what they build.
        Worked out for every state at once: a bank at the size limits has 706 states."""
        np = speed.numpy()

        rows = self._option_rows.get(question.id)
        if rows is None and self._compiled is not None:
            rows = self._compiled.rows(question.id)
        if rows is not None:
            ids = question.option_ids
            return (np.array([rows[o][0] for o in ids]),
                    np.array([rows[o][1] for o in ids]) if question.kind == "multi" else None)
        mixes, sensitivity = self._state_arrays
        utils = mixes @ np.array(list(self.table[question.id].values())).T  # states x rows
        if question.kind == "multi":
            picked = _sigmoid(sensitivity * utils - MULTI_BIAS).clip(1e-12, 1 - 1e-12)
            return np.log(picked).T, np.log(1.0 - picked).T
        if question.kind == "choice":
            latent = sensitivity * (utils - utils.max(axis=1, keepdims=True))
            weights = np.exp(latent)
            chances = weights / weights.sum(axis=1, keepdims=True)
        else:  # scale and pair: the ordered logit, on the difference of the pair's sides
            latent = sensitivity[:, 0] * (utils[:, 0] if question.kind == "scale"
                                          else utils[:, 0] - utils[:, 1])
            below = _sigmoid(np.array(SCALE_CUTS)[None, :] - latent[:, None])
            bounds = np.hstack([np.zeros((len(latent), 1)), below, np.ones((len(latent), 1))])
            chances = np.maximum(np.diff(bounds, axis=1), 1e-12)
            if question.kind == "pair":
                chances = chances[:, ::-1]
        chances[sensitivity[:, 0] == 0] = 1.0 / chances.shape[1]  # at random: all alike
        return np.log(chances).T, None

    @cached_property
    def _state_arrays(self) -> tuple[Any, Any]:
        """The states' mixes (states x components) and sensitivities (states x 1)."""
        np = speed.numpy()

        return (np.array([mix for mix, _ in self.states]),
                np.array([s for _, s in self.states])[:, None])

    def posterior(self, picks: Picks) -> Posterior:
        """The posterior over states given *picks*, and each role's chance of being main."""
        rows = [self.loglik(question.id, answer) for question in self.bank.scored
                if (answer := picks.get(question.id)) is not None]
        if not rows:
            return self._normalise([0.0] * len(self.states))
        return self._normalise([sum(column) for column in zip(*rows, strict=True)])

    def _normalise(self, logs: Sequence[float]) -> Posterior:
        logs = [v + p for v, p in zip(logs, self.log_prior, strict=True)]
        top = max(logs)
        raw = [math.exp(v - top) for v in logs]
        norm = sum(raw)
        weights = tuple(w / norm for w in raw)
        main = dict(zip(self.roles, _weighted_sums(weights, self.main_rows), strict=True))
        ties = dict(zip(self.tie_keys, _weighted_sums(weights, self.tie_rows), strict=True))
        blends = (dict(zip(self.blend_keys, _weighted_sums(weights, self.blend_rows),
                           strict=True)) if self.blend_keys else {})
        return Posterior(main, ties, weights, blends)

    def moment(self, question_id: str, state: int) -> tuple[float, float]:
        """The mean and the variance of log P(answer) over the answers *state* would give
        to *question_id*: what person fit compares an answer's log-likelihood with."""
        question = self.bank.question(question_id)
        rows = self.tables_for(question)
        if question.kind == "multi":  # each option picked or left on its own
            mean = variance = 0.0
            for picked, left in rows.values():
                yes, no = picked[state], left[state]
                p = math.exp(yes)
                mean += p * yes + (1 - p) * no
                variance += p * (1 - p) * (yes - no) ** 2
            return mean, variance
        logs = [row[0][state] for row in rows.values()]
        mean = sum(math.exp(v) * v for v in logs)
        return mean, max(sum(math.exp(v) * v * v for v in logs) - mean * mean, 0.0)

    def moments(self, question_id: str) -> tuple[Any, Any]:
        """:meth:`moment` for every state at once, as numpy arrays over the states (for a
        block of answer sets), from :meth:`option_arrays`: no per-state Python lists, which
        at the bank's size limits would hold tens of megabytes."""
        np = speed.numpy()

        picked, left = self.option_arrays(self.bank.question(question_id))
        chances = np.exp(picked)
        if left is None:
            mean = (chances * picked).sum(axis=0)
            return mean, np.maximum((chances * picked * picked).sum(axis=0) - mean * mean, 0.0)
        mean = (chances * picked + (1 - chances) * left).sum(axis=0)
        return mean, (chances * (1 - chances) * (picked - left) ** 2).sum(axis=0)

    def person_fit(self, picks: Picks, posterior: Posterior) -> float:
        """How well the likeliest state explains the answers: the standardised
        log-likelihood l_z (Drasgow, Levine and Williams 1985), from :meth:`moment`. Near
        0 for answers as consistent as that kind of person's usual answers; below
        MISFIT_LZ when no kind explains them well; 0 when nothing can be said (no answers,
        or the likeliest state answers at random)."""
        state = max(range(len(posterior.weights)), key=posterior.weights.__getitem__)
        seen = expected = variance = 0.0
        for question in self.bank.scored:
            answer = picks.get(question.id)
            if answer is None:
                continue
            seen += self.loglik(question.id, answer)[state]
            mean, spread = self.moment(question.id, state)
            expected += mean
            variance += spread
        return standardised(seen, expected, variance)

    def verdict_chances(self, posterior: Posterior) -> list[float]:
        """The chance of each verdict: each role as the main one, then 'flagged'."""
        return _weighted_sums(posterior.weights, self.verdict_rows)


def _sigmoid(x: Any) -> Any:
    """:func:`sigmoid` of every element of a numpy array, by the same formula."""
    np = speed.numpy()

    z = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + z), z / (1.0 + z))


def _weighted_sums(weights: Sequence[float], rows: Sequence[Sequence[float]]) -> list[float]:
    """weights @ rows: each column of *rows* summed with the states' weights."""
    return [sum(map(mul, weights, column)) for column in zip(*rows, strict=True)]


def standardised(seen: float, expected: float, variance: float) -> float:
    """l_z from the answers' log-likelihood and its mean and variance (0 without spread)."""
    return (seen - expected) / math.sqrt(variance) if variance > 1e-12 else 0.0

