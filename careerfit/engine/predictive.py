"""What each possible next answer would say: the arrays the adaptive quiz weighs.

Pure logic; numpy is imported on first use (after the first question, never at start-up).

For every scored question, the log-likelihood of each answer a person could give (every
option; every subset of a pick-all question's options) in every state of the response
model, as one answers x states array. A bank at the size limits has 706 states and
questions of up to 256 answers: a Python loop over them took 25 s an adaptive step.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from careerfit.base import speed
from careerfit.engine.model import Model, Posterior

# The most cells (answers x states) the stacked answer chances may hold: 4 million is 32 MB.
STACK_LIMIT = 4_000_000


class Predictive:
    """Per-question answer log-likelihoods of one bank's model. What is kept is small (per
    option, not per answer); a pick-all question's 256 answers are worked out when asked
    for, from its options' rows: keeping them would take 145 MB at the size limits."""

    def __init__(self, model: Model) -> None:
        np = speed.numpy()

        self.np = np
        self.model = model
        self._verdicts = np.array(model.verdict_rows)  # states x verdicts
        self._parts: dict[str, tuple[Any, Any, Any]] = {}
        self._stack: Any = False  # not built yet (None: the bank is too large)

    def logliks(self, question_id: str) -> Any:
        """log P(answer | state), answers x states, the answers in
        :meth:`careerfit.bank.Question.possible_answers` order."""
        parts = self._parts.get(question_id)
        if parts is None:
            question = self.model.bank.question(question_id)
            picked, left = self.model.option_arrays(question)
            if left is None:
                parts = (picked, None, None)
            else:  # pick-all: a subset leaves every option, then picks some
                ids = question.option_ids
                subsets = self.np.array([[o in answer for o in ids]
                                         for answer in question.possible_answers()], dtype=float)
                parts = (left.sum(axis=0), subsets, picked - left)
            self._parts[question_id] = parts
        logs, subsets, change = parts
        return logs if subsets is None else logs + subsets @ change

    def expected_entropies(self, posterior: Posterior, question_ids: Sequence[str]
                           ) -> list[float]:
        """:meth:`expected_verdict_entropy` of each of *question_ids*, in one pass over the
        answers of every scored question stacked together (an adaptive step weighs them
        all; one numpy pass instead of one per question is a few times faster). Banks too
        large to stack (over STACK_LIMIT cells) are weighed one question at a time."""
        stack = self._stacked()
        if stack is None:
            return [self.expected_verdict_entropy(posterior, q) for q in question_ids]
        np = self.np
        chances, starts, index = stack
        weights = np.array(posterior.weights)
        weights[weights <= 1e-12] = 0.0  # states the answers have ruled out
        per_verdict = (chances * weights) @ self._verdicts  # answers x verdicts
        chance = per_verdict.sum(axis=1)
        shares = per_verdict / np.where(chance > 0, chance, 1.0)[:, None]
        terms = np.where(shares > 1e-15, shares * np.log2(np.maximum(shares, 1e-300)), 0.0)
        by_answer = -(chance * terms.sum(axis=1))
        by_question = np.add.reduceat(by_answer, starts).tolist()
        return [by_question[index[q]] for q in question_ids]

    def _stacked(self) -> tuple[Any, Any, dict[str, int]] | None:
        """P(answer | state) of every scored question's answers, stacked (answers x
        states), where each question's rows start, and each question's place; None when
        the bank is too large for it."""
        if self._stack is False:
            question_ids = [q.id for q in self.model.bank.scored]
            rows = sum(len(self.model.bank.question(q).possible_answers()) for q in question_ids)
            if rows * len(self.model.states) > STACK_LIMIT:
                self._stack = None
            else:
                np = self.np
                blocks = [self.logliks(q) for q in question_ids]
                starts = np.cumsum([0] + [len(b) for b in blocks[:-1]])
                self._stack = (np.exp(np.vstack(blocks)), starts,
                               {q: i for i, q in enumerate(question_ids)})
        return self._stack

    def expected_verdict_entropy(self, posterior: Posterior, question_id: str) -> float:
        """The verdict's uncertainty (entropy, bits) expected after one more answer to
        *question_id*, averaged over the answers the person is likely to give."""
        np = self.np
        weights = np.array(posterior.weights)
        weights[weights <= 1e-12] = 0.0  # states the answers have ruled out
        joint = np.exp(self.logliks(question_id)) * weights  # answers x states
        per_verdict = joint @ self._verdicts  # answers x verdicts
        chance = per_verdict.sum(axis=1)
        likely = chance > 0
        shares = per_verdict[likely] / chance[likely, None]
        terms = np.where(shares > 1e-15, shares * np.log2(np.maximum(shares, 1e-300)), 0.0)
        return float(-(chance[likely] * terms.sum(axis=1)).sum())
