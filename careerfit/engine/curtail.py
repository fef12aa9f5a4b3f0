"""Stochastic curtailment: would the remaining questions change what careerfit says?

Pure logic; numpy is imported on first use (mid-quiz, never at start-up).

The adaptive quiz stops once one verdict (a clear main role, or *flagged*: torn, a
blend, nothing stands out) is sure under the model (careerfit.engine.adaptive). For
people whose answers follow a preference only loosely, no verdict ever gets sure,
yet what careerfit will say at the end of the bank is already plain: the answers
would have to turn unusually consistent for a role to reach 'medium'. Computerised
classification testing settles this by *curtailment*: draw plausible people from
the posterior, let them answer the questions still unasked (posterior predictive),
and stop when the verdict at the end would be today's verdict in nearly every draw.
The same draws, answering the next few questions only, tell how many more answers
would most likely settle an unsettled verdict (:meth:`Curtailer.settled_within`).

The draws are seeded from the answers, so the same answers give the same stop.
"""

from __future__ import annotations

import zlib
from collections.abc import Collection, Sequence
from typing import Any

from careerfit.base.vocabulary import Picks
from careerfit.engine.model import Posterior
from careerfit.engine.predictive import Predictive
from careerfit.engine.verdict import NAMED_FROM

# Draws from the posterior predictive per check.
DRAWS = 200


class Curtailer:
    """Predicts the end-of-bank verdict for one bank's model."""

    def __init__(self, predictive: Predictive, draws: int = DRAWS) -> None:
        self.np = predictive.np
        self.predictive = predictive
        self.draws = draws
        self._main = self.np.array(predictive.model.main_rows)  # states x roles
        self._verdicts = self.np.array(predictive.model.verdict_rows)  # states x verdicts

    def _draws(self, posterior: Posterior, picks: Picks) -> tuple[Any, Any, Any]:
        """The random generator (seeded from the answers), the drawn states and each
        draw's log weights over the states."""
        np = self.np
        weights = np.array(posterior.weights)
        rng = np.random.default_rng(zlib.crc32(repr(sorted(picks.items())).encode()))
        states = rng.choice(len(weights), size=self.draws, p=weights / weights.sum())
        return rng, states, np.tile(np.log(np.maximum(weights, 1e-300)), (self.draws, 1))

    def _answer(self, rng: Any, states: Any, logs: Any, question_id: str) -> None:
        """Each draw answers *question_id* as its state would; its log weights take it in."""
        np = self.np
        loglik = self.predictive.logliks(question_id)  # answers x states
        chances = np.exp(loglik[:, states])  # the drawn states' answer chances
        cumulative = (chances / chances.sum(axis=0, keepdims=True)).cumsum(axis=0)
        drawn = (cumulative < rng.random(self.draws)).sum(axis=0)
        logs += loglik[np.minimum(drawn, len(loglik) - 1)]

    def _final(self, logs: Any) -> Any:
        final = self.np.exp(logs - logs.max(axis=1, keepdims=True))
        return final / final.sum(axis=1, keepdims=True)

    def unchanged_share(self, posterior: Posterior, picks: Picks,
                        remaining: Collection[str], today: int | None) -> float:
        """The share of posterior-predictive draws whose verdict after answering every
        question in *remaining* is *today*'s: the role numbered *today* reaching
        NAMED_FROM (careerfit.engine.verdict), or for None, 'flagged' (no role reaching it)."""
        rng, states, logs = self._draws(posterior, picks)
        for question_id in remaining:
            self._answer(rng, states, logs, question_id)
        mains = self._final(logs) @ self._main
        clear = mains.max(axis=1) >= NAMED_FROM
        if today is None:
            return float(1.0 - clear.mean())
        return float((clear & (mains.argmax(axis=1) == today)).mean())

    def settled_within(self, posterior: Posterior, picks: Picks, ordered: Sequence[str],
                       most: int, sure: float) -> int | None:
        """How many of the questions *ordered* (asked in that order) would most likely
        settle the verdict: the fewest after which at least half the draws have one verdict
        at *sure* or more; None if not within *most*."""
        rng, states, logs = self._draws(posterior, picks)
        for count, question_id in enumerate(ordered[:most], start=1):
            self._answer(rng, states, logs, question_id)
            verdicts = self._final(logs) @ self._verdicts
            if (verdicts.max(axis=1) >= sure).mean() >= 0.5:
                return count
        return None
