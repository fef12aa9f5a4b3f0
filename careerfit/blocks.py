"""Scoring a block of answer sets at once, with numpy: what makes ``careerfit score`` fast.

Pure logic: imports nothing from the terminal layer. numpy is imported only here,
and only ``careerfit score`` imports this module.

Both models are linear in the answers until their last step, so a block of
answer sets becomes one 0/1 matrix (a row per answer set, a column per possible
answer) and three matrix products:

* by the response model's log-likelihood table, the log posterior over the
  model's states, then a softmax per row and sums into main-role and tie chances;
* by the trait effects and by each question's reach, the trait totals and their
  denominators, hence the trait scores and the fits of :mod:`careerfit.scoring`.

The numbers are the same as scoring each answer set alone (a test holds the two
to equal output); only the order of the additions differs, which
:meth:`careerfit.scoring.Scorer.ranking` makes harmless.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from itertools import chain, combinations, compress
from typing import TYPE_CHECKING

from careerfit.model import Posterior, outcome
from careerfit.result import Evaluator
from careerfit.scoring import NEUTRAL_FIT, Picks, Scores, contribution

# A block's matrices are small: extra BLAS threads only spin on the other cores (about
# twice the CPU for a tenth less time), and a sharded run (xargs -P) already keeps
# every core busy. Set before numpy loads its BLAS; a value the user set wins.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

import numpy as np  # noqa: E402

if TYPE_CHECKING:
    from careerfit.bank import Question

# Answer sets scored per matrix product: large enough to spread numpy's per-call cost,
# small enough that a block's matrices stay in the cache and memory stays flat.
BLOCK_SIZE = 512

Key = tuple[str, "tuple[str, ...] | None"]


class BlockScorer:
    """Scores and posteriors for many answer sets of one bank, a block at a time."""

    def __init__(self, evaluator: Evaluator) -> None:
        bank, model, scorer = evaluator.bank, evaluator.model, evaluator.scorer
        self.roles = model.roles
        self.traits = tuple(t.id for t in bank.traits)
        trait_index = {t: i for i, t in enumerate(self.traits)}
        loglik: list[Sequence[float]] = [[0.0] * len(model.states)]
        effects: list[list[float]] = [[0.0] * len(self.traits)]
        reaches: list[list[float]] = [[0.0] * len(self.traits)]

        def row(values: Sequence[float], moved: dict[str, float], reach: dict[str, float]
                ) -> int:
            loglik.append(values)
            effects.append(_spread(moved, trait_index))
            reaches.append(_spread(reach, trait_index))
            return len(loglik) - 1

        # Each answer's columns: one per pick-one answer; one per option, picked or left,
        # for a pick-all question (its reach on the first option's columns only).
        self._columns: dict[Key, tuple[int, ...]] = {}
        for question in bank.questions:
            self._columns[question.id, None] = ()
            if not question.scored:
                for option_id in question.option_ids:
                    self._columns[question.id, (option_id,)] = ()
                continue
            rows = model.tables_for(question)
            reach = scorer.reaches[question.id]
            if question.kind != "multi":
                for option_id in question.option_ids:
                    self._columns[question.id, (option_id,)] = (row(
                        rows[option_id][0], contribution(question, (option_id,)), reach),)
                continue
            picked, left = {}, {}
            for index, option_id in enumerate(question.option_ids):
                share = reach if index == 0 else {}
                picked[option_id] = row(rows[option_id][0],
                                        contribution(question, (option_id,)), share)
                left[option_id] = row(rows[option_id][1], {}, share)
            for chosen in _subsets(question):
                self._columns[question.id, chosen] = tuple(
                    picked[o] if o in chosen else left[o] for o in question.option_ids)
        self._multi = {q.id: q for q in bank.scored if q.kind == "multi"}
        self._loglik = np.array(loglik)
        self._effects = np.array(effects)
        self._reaches = np.array(reaches)
        outcomes = [outcome(mix) for mix, _ in model.states]
        self._main = np.array([[1.0 if found.main == r else 0.0 for r in range(len(self.roles))]
                               for found in outcomes])
        self._pairs = list(combinations(range(len(self.roles)), 2))
        self._tie_keys = [frozenset(self.roles[i] for i in pair) for pair in self._pairs]
        self._ties = np.array([[1.0 if found.pair == pair else 0.0 for pair in self._pairs]
                               for found in outcomes])
        profiles = [[role.profile.get(t, 0.0) for t in self.traits] for role in bank.roles]
        self._profiles = np.array(profiles).T  # traits x roles
        self._magnitudes = np.abs(self._profiles)

    def columns(self, picks: Picks, into: list[int]) -> tuple[str, ...]:
        """Add the columns an answer set switches on to *into*; return the scored questions
        it answers (those with columns), in its order. (Iterates in C: it runs per record.)"""
        try:
            groups = list(map(self._columns.__getitem__, picks.items()))
        except KeyError:  # a pick-all answer of a bank too wide to list every subset
            for question_id, chosen in picks.items():
                if (question_id, chosen) not in self._columns:
                    self._columns[question_id, chosen] = self._multi_columns(
                        self._multi[question_id], chosen or ())
            groups = list(map(self._columns.__getitem__, picks.items()))
        into.extend(chain.from_iterable(groups))
        return tuple(compress(picks, groups))

    def _multi_columns(self, question: Question, chosen: tuple[str, ...]) -> tuple[int, ...]:
        first = self._columns[question.id, ()]  # every option left: the 'left' columns
        picked = dict(zip(question.option_ids, self._columns[question.id, question.option_ids],
                          strict=True))
        return tuple(picked[o] if o in chosen else left
                     for o, left in zip(question.option_ids, first, strict=True))

    def __call__(self, block: Sequence[Picks], *, traits: bool = True
                 ) -> list[tuple[Scores, Posterior]]:
        """Scores and posterior of each answer set: fits, and trait scores unless *traits*
        is False (the default output of ``careerfit score`` has none); no per-answer shares."""
        if not block:
            return []
        flat: list[int] = []
        lengths = []
        answered = []
        for picks in block:
            before = len(flat)
            answered.append(self.columns(picks, flat))
            lengths.append(len(flat) - before)
        onehot = np.zeros((len(block), len(self._loglik)))
        onehot[np.repeat(np.arange(len(block)), lengths), flat] = 1.0
        logs = onehot @ self._loglik
        weights = np.exp(logs - logs.max(axis=1, keepdims=True))
        weights /= weights.sum(axis=1, keepdims=True)
        mains = (weights @ self._main).tolist()
        ties = (weights @ self._ties).tolist()
        totals = onehot @ self._effects
        denominators = onehot @ self._reaches
        measured = denominators > 0
        scores = np.divide(totals, denominators, out=np.zeros_like(totals), where=measured)
        weight_sums = measured @ self._magnitudes
        pulls = scores @ self._profiles
        fits = np.where(weight_sums > 0,
                        NEUTRAL_FIT + NEUTRAL_FIT * pulls / np.where(weight_sums > 0,
                                                                    weight_sums, 1.0),
                        NEUTRAL_FIT).clip(0.0, 100.0).tolist()
        trait_rows = self._trait_rows(scores, measured) if traits else [{} for _ in block]
        roles, tie_keys = self.roles, self._tie_keys
        return [(Scores(trait_rows[index], dict(zip(roles, fits[index], strict=True)), {},
                        answered[index], {}),
                 Posterior(dict(zip(roles, mains[index], strict=True)),
                           dict(zip(tie_keys, ties[index], strict=True)), ()))
                for index in range(len(block))]

    def _trait_rows(self, scores: np.ndarray, measured: np.ndarray) -> list[dict[str, float]]:
        """Each answer set's trait scores, for the traits its answers measured."""
        return [{t: v for t, v, m in zip(self.traits, values, present, strict=True) if m}
                for values, present in zip(scores.tolist(), measured.tolist(), strict=True)]


def _spread(values: dict[str, float], index: dict[str, int]) -> list[float]:
    row = [0.0] * len(index)
    for trait, value in values.items():
        row[index[trait]] += value
    return row


def _subsets(question: Question) -> list[tuple[str, ...]]:
    """The pick-all answers listed up front: every one the bank lists, and always
    none-picked and all-picked, which :meth:`BlockScorer._multi_columns` builds the rest from."""
    return [*question.possible_answers(), (), question.option_ids]
