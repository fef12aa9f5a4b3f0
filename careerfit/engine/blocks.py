"""Scoring a block of answer sets at once, with numpy: what makes ``careerfit score`` fast.

Pure logic: imports nothing from the terminal layer. numpy is imported only here,
and only ``careerfit score`` imports this module.

Both models are linear in the answers until their last step, so a block of
answer sets becomes one 0/1 matrix (a row per answer set, a column per possible
answer: each pick-one option, each subset of a pick-all question's options) and
three matrix products:

* by the response model's log-likelihood table, the log posterior over the
  model's states, then a softmax per row and sums into main-role and tie chances;
* by the trait effects and by each question's reach, the trait totals and their
  denominators, hence the trait scores and the fits of :mod:`careerfit.engine.scoring`.

The numbers are the same as scoring each answer set alone (a test holds the two
to equal output); only the order of the additions differs, which
:meth:`careerfit.engine.scoring.Scorer.ranking` makes harmless.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import chain, compress, repeat
from typing import TYPE_CHECKING, Any

import numpy as np  # (careerfit score asks for one BLAS thread first: base.speed)

from careerfit.base.vocabulary import MaybeAnswer, Picks
from careerfit.engine.model import Posterior, standardised
from careerfit.engine.result import Evaluator
from careerfit.engine.scoring import Scores, contribution, fit_from

if TYPE_CHECKING:
    from careerfit.bank import Question

# Answer sets scored per matrix product: large enough to spread numpy's per-call cost,
# small enough that a block's matrices stay in the cache and memory stays flat.
BLOCK_SIZE = 512


class BlockScorer:
    """Scores and posteriors for many answer sets of one bank, a block at a time."""

    def __init__(self, evaluator: Evaluator) -> None:
        bank, model, scorer = evaluator.bank, evaluator.model, evaluator.scorer
        self.roles = model.roles
        self.traits = tuple(t.id for t in bank.traits)
        self._trait_index = {t: i for i, t in enumerate(self.traits)}
        self._model, self._scorer = model, scorer
        # Row 0 is all zeros: the column of a skipped or unscored answer.
        self._rows: tuple[list[Sequence[float]], list[list[float]], list[list[float]]] = (
            [[0.0] * len(model.states)], [[0.0] * len(self.traits)], [[0.0] * len(self.traits)])
        # Per column, its question's mean and variance of log P(answer) over the states
        # (Model.moments): the person-fit statistic's terms.
        self._moment_rows: tuple[list[Sequence[float]], list[Sequence[float]]] = (
            [[0.0] * len(model.states)], [[0.0] * len(model.states)])
        # Each answer's one column, per question: a row of each table per pick-one answer,
        # and per pick-all subset (the sum of its options' rows, picked or left). Keyed by
        # the picks the bank reads answers into, so a look-up finds the very same key.
        self._column: dict[str, dict[MaybeAnswer, int]] = {
            question.id: {chosen: 0 if chosen is None else self._add_row(question, chosen)
                          for chosen in bank.answer_lookup[question.id].values()}
            for question in bank.questions}
        self._bank = bank
        self._tables: tuple[np.ndarray, ...] | None = None
        self._main = np.array(model.main_rows)
        self._log_prior = np.array(model.log_prior)
        self._tie_keys = model.tie_keys
        self._ties = np.array(model.tie_rows)
        self._blend_keys = model.blend_keys
        self._blends = np.array(model.blend_rows)
        profiles = [[role.profile.get(t, 0.0) for t in self.traits] for role in bank.roles]
        self._profiles = np.array(profiles).T  # traits x roles
        self._magnitudes = np.abs(self._profiles)

    def _add_row(self, question: Question, chosen: tuple[str, ...]) -> int:
        """A new column for answering *question* with *chosen*: its log-likelihood over the
        model's states, its trait effects, and the question's reach (0, the zero row, for
        an unscored question)."""
        if not question.scored:
            return 0
        loglik, effects, reaches = self._rows
        loglik.append(self._model.loglik(question.id, chosen))
        means, variances = self._model.moments(question.id)
        self._moment_rows[0].append(means)
        self._moment_rows[1].append(variances)
        effects.append(_spread(contribution(question, chosen), self._trait_index))
        reaches.append(_spread(self._scorer.reaches[question.id], self._trait_index))
        self._tables = None
        return len(loglik) - 1

    def columns(self, picks: Picks) -> list[int]:
        """The column of each answer in *picks*, in its order (0 for a skipped or unscored
        one). A pick-all answer of a bank too wide to list every subset gets its column
        the first time it is seen."""
        column = self._column
        try:
            return [column[question_id][chosen] for question_id, chosen in picks.items()]
        except KeyError:
            for question_id, chosen in picks.items():
                known = column[question_id]
                question = self._bank.question(question_id)
                if chosen not in known and question is not None:
                    known[chosen] = self._add_row(question, chosen)
            return [column[question_id][chosen] for question_id, chosen in picks.items()]

    def __call__(self, block: Sequence[Picks], *, traits: bool = True
                 ) -> list[tuple[Scores, Posterior, float]]:
        """Scores, posterior and person fit of each answer set: fits, and trait scores
        unless *traits* is False (the default output of ``careerfit score`` has none); no
        per-answer shares."""
        if not block:
            return []
        columns = [self.columns(picks) for picks in block]
        # The scored questions each answered (those with a column), in its order.
        answered = [tuple(compress(picks, of)) for picks, of in zip(block, columns, strict=True)]
        if self._tables is None:
            self._tables = tuple(np.array(rows) for rows in (*self._rows, *self._moment_rows))
        loglik, effects, reaches, means, variances = self._tables
        onehot = np.zeros((len(block), len(loglik)))
        onehot[np.repeat(np.arange(len(block)), list(map(len, columns))),
               np.fromiter(chain.from_iterable(columns), np.intp)] = 1.0
        seen = onehot @ loglik
        logs = seen + self._log_prior
        weights = np.exp(logs - logs.max(axis=1, keepdims=True))
        weights /= weights.sum(axis=1, keepdims=True)
        # Person fit (Model.person_fit) at each answer set's likeliest state.
        best, everyone = weights.argmax(axis=1), np.arange(len(block))
        person_fits = [standardised(*terms) for terms in zip(
            seen[everyone, best].tolist(), (onehot @ means)[everyone, best].tolist(),
            (onehot @ variances)[everyone, best].tolist(), strict=True)]
        mains = (weights @ self._main).tolist()
        ties = (weights @ self._ties).tolist()
        blends = ((weights @ self._blends).tolist() if self._blend_keys
                  else [[] for _ in block])
        totals = onehot @ effects
        denominators = onehot @ reaches
        measured = denominators > 0
        scores = np.divide(totals, denominators, out=np.zeros_like(totals), where=measured)
        weight_sums = measured @ self._magnitudes
        pulls = scores @ self._profiles
        fits = fit_from(pulls, np.where(weight_sums > 0, weight_sums, 1.0)
                        ).clip(0.0, 100.0).tolist()
        trait_rows = self._trait_rows(scores, measured) if traits else [{} for _ in block]
        return [(Scores(traits_of, fits_of, {}, answered_of, {}),
                 Posterior(main, tie, (), blend), person_fit)
                for traits_of, fits_of, answered_of, main, tie, blend, person_fit in zip(
                    trait_rows, _dicts(self.roles, fits), answered, _dicts(self.roles, mains),
                    _dicts(self._tie_keys, ties), _dicts(self._blend_keys, blends),
                    person_fits, strict=True)]

    def _trait_rows(self, scores: np.ndarray, measured: np.ndarray) -> list[dict[str, float]]:
        """Each answer set's trait scores, for the traits its answers measured."""
        return [{t: v for t, v, m in zip(self.traits, values, present, strict=True) if m}
                for values, present in zip(scores.tolist(), measured.tolist(), strict=True)]


def _dicts(keys: Sequence[Any], rows: list[list[float]]) -> Iterator[dict[Any, float]]:
    """Each row as a dict keyed by *keys* (rows are a matrix's, as long as *keys*; built in
    C, as this runs for every answer set)."""
    return map(dict, map(zip, repeat(keys), rows))


def _spread(values: dict[str, float], index: dict[str, int]) -> list[float]:
    row = [0.0] * len(index)
    for trait, value in values.items():
        row[index[trait]] += value
    return row
