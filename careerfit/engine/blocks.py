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

from collections.abc import Iterable, Iterator, Sequence
from itertools import chain, compress, islice, repeat
from typing import TYPE_CHECKING, Any

import numpy as np  # (careerfit score asks for one BLAS thread first: base.speed)

from careerfit.base.vocabulary import MaybeAnswer, Picks
from careerfit.engine.model import Posterior, standardised
from careerfit.engine.result import Evaluator, Result
from careerfit.engine.scoring import Scores, contribution, fit_from

if TYPE_CHECKING:
    pass

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
        # Each answer's columns, per question, keyed by the picks the bank reads answers
        # into (so a look-up finds the very same key): none for a skip or an unscored
        # question; one for a pick-one answer; for a pick-all answer, the question's own
        # column (the likelihood of leaving every option, and its reach) and one per option
        # picked (what picking it changes). A pick-all question costs a column per option,
        # not per subset: every factor of its likelihood and effects is one option's.
        # Each scored question's mean and variance of log P(answer) over the states
        # (Model.moments, the person-fit statistic's terms) are kept once, per question;
        # the answer columns that count a question as answered (a pick-one answer, a
        # pick-all question's own column) point to it in _question_of (-1: none).
        loglik: list[Sequence[float]] = []
        effects: list[list[float]] = []
        reaches: list[list[float]] = []
        question_of: list[int] = []
        means: list[Any] = []
        variances: list[Any] = []
        zeros = [0.0] * len(self.traits)

        def column(log_row: Sequence[float], effect: dict[str, float],
                   reach: dict[str, float], counts: bool = True) -> int:
            loglik.append(log_row)
            effects.append(_spread(effect, self._trait_index))
            reaches.append(_spread(reach, self._trait_index) if reach else zeros)
            question_of.append(len(means) - 1 if counts else -1)
            return len(loglik) - 1

        self._column: dict[str, dict[MaybeAnswer, tuple[int, ...]]] = {}
        for question in bank.questions:
            lookup = bank.answer_lookup[question.id]
            if not question.scored:
                self._column[question.id] = dict.fromkeys(lookup.values(), ())
                continue
            picked, left = model.option_arrays(question)
            row = dict(zip(question.option_ids, picked if left is None else picked - left,
                           strict=True))
            reach = scorer.reaches[question.id]
            mean, variance = model.moments(question.id)
            means.append(mean)
            variances.append(variance)
            if question.kind == "multi":
                own = column(left.sum(axis=0), {}, reach)
                per_option = {o: column(row[o], contribution(question, (o,)), {}, False)
                              for o in question.option_ids}
                self._column[question.id] = {
                    chosen: () if chosen is None else (own, *map(per_option.get, chosen))
                    for chosen in lookup.values()}
            else:
                self._column[question.id] = {
                    chosen: () if chosen is None else (column(
                        row[chosen[0]], contribution(question, chosen), reach),)
                    for chosen in lookup.values()}
        self._tables = tuple(np.array(rows) for rows in (loglik, effects, reaches))
        self._question_of = np.array(question_of, dtype=np.intp)
        self._moments = (np.array(means), np.array(variances))  # questions x states
        self._main = np.array(model.main_rows)
        self._log_prior = np.array(model.log_prior)
        self._tie_keys = model.tie_keys
        self._ties = np.array(model.tie_rows)
        self._blend_keys = model.blend_keys
        self._blends = np.array(model.blend_rows)
        profiles = [[role.profile.get(t, 0.0) for t in self.traits] for role in bank.roles]
        self._profiles = np.array(profiles).T  # traits x roles
        self._magnitudes = np.abs(self._profiles)
    def __call__(self, block: Sequence[Picks], *, traits: bool = True
                 ) -> list[tuple[Scores, Posterior, float | None]]:
        """Scores, posterior and person fit of each answer set: fits, and trait scores
        unless *traits* is False (the default output of ``careerfit score`` has none); no
        per-answer shares."""
        if not block:
            return []
        column = self._column
        columns = [[column[question_id][chosen] for question_id, chosen in picks.items()]
                   for picks in block]
        # The scored questions each answered (those with a column), in its order.
        answered = [tuple(compress(picks, of)) for picks, of in zip(block, columns, strict=True)]
        loglik, effects, reaches = self._tables
        onehot = np.zeros((len(block), len(loglik)))
        flat = [list(chain.from_iterable(of)) for of in columns]
        rows = np.repeat(np.arange(len(block)), list(map(len, flat)))
        cols = np.fromiter(chain.from_iterable(flat), np.intp)
        onehot[rows, cols] = 1.0
        # Which scored questions each answer set answered, for the person-fit moments.
        means, variances = self._moments
        answered_questions = np.zeros((len(block), len(means)))
        counted = self._question_of[cols] >= 0
        answered_questions[rows[counted], self._question_of[cols[counted]]] = 1.0
        seen = onehot @ loglik
        logs = seen + self._log_prior
        weights = np.exp(logs - logs.max(axis=1, keepdims=True))
        weights /= weights.sum(axis=1, keepdims=True)
        # Person fit (Model.person_fit) at each answer set's likeliest state; not measured
        # (None) with no scored answer, as Evaluator.conclude leaves it.
        best, everyone = weights.argmax(axis=1), np.arange(len(block))
        person_fits = [standardised(*terms) if of else None for of, *terms in zip(
            answered, seen[everyone, best].tolist(),
            (answered_questions @ means)[everyone, best].tolist(),
            (answered_questions @ variances)[everyone, best].tolist(), strict=True)]
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


def results(evaluator: Evaluator, many: Iterable[Picks], *, traits: bool = True,
            block_size: int = BLOCK_SIZE) -> Iterator[Result]:
    """Each answer set's result, as ``evaluator(picks, explain=False)`` gives it (no
    reasons, what-if or next steps; trait scores only if *traits*), scored *block_size*
    at a time: the same results, many times faster."""
    scorer = evaluator.blocks
    answer_sets = iter(many)
    while block := list(islice(answer_sets, block_size)):
        for picks, scored in zip(block, scorer(block, traits=traits), strict=True):
            yield evaluator.conclude(picks, *scored, explain=False)


def _dicts(keys: Sequence[Any], rows: list[list[float]]) -> Iterator[dict[Any, float]]:
    """Each row as a dict keyed by *keys* (rows are a matrix's, as long as *keys*; built in
    C, as this runs for every answer set)."""
    return map(dict, map(zip, repeat(keys), rows))


def _spread(values: dict[str, float], index: dict[str, int]) -> list[float]:
    row = [0.0] * len(index)
    for trait, value in values.items():
        row[index[trait]] += value
    return row
