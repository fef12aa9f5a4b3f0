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

The draws are seeded from the answers, so the same answers give the same stop.
"""

from __future__ import annotations

import zlib
from collections.abc import Collection

from careerfit.base.vocabulary import Picks
from careerfit.engine.model import Posterior
from careerfit.engine.predictive import Predictive

# Draws from the posterior predictive per check.
DRAWS = 200
# A verdict is 'unflagged' (a role named with confidence medium or high) from this
# chance of the role being the main one: careerfit.engine.result.MEDIUM_PROBABILITY.
CLEAR_FROM = 0.7


class Curtailer:
    """Predicts the end-of-bank verdict for one bank's model; caches per-question arrays."""

    def __init__(self, predictive: Predictive, draws: int = DRAWS) -> None:
        self.np = predictive.np
        self.predictive = predictive
        self.draws = draws
        self._main = self.np.array(predictive.model.main_rows)  # states x roles

    def unchanged_share(self, posterior: Posterior, picks: Picks,
                        remaining: Collection[str], today: int | None) -> float:
        """The share of posterior-predictive draws whose verdict after answering every
        question in *remaining* is *today*'s: the role numbered *today* reaching
        CLEAR_FROM, or for None, 'flagged' (no role reaching it)."""
        np = self.np
        weights = np.array(posterior.weights)
        rng = np.random.default_rng(zlib.crc32(repr(sorted(picks.items())).encode()))
        states = rng.choice(len(weights), size=self.draws, p=weights / weights.sum())
        logs = np.tile(np.log(np.maximum(weights, 1e-300)), (self.draws, 1))
        for question_id in remaining:
            loglik = self.predictive.logliks(question_id)  # answers x states
            chances = np.exp(loglik[:, states])  # the drawn states' answer chances
            cumulative = (chances / chances.sum(axis=0, keepdims=True)).cumsum(axis=0)
            drawn = (cumulative < rng.random(self.draws)).sum(axis=0)
            logs += loglik[np.minimum(drawn, len(loglik) - 1)]
        logs -= logs.max(axis=1, keepdims=True)
        final = np.exp(logs)
        final /= final.sum(axis=1, keepdims=True)
        mains = final @ self._main
        clear = mains.max(axis=1) >= CLEAR_FROM
        if today is None:
            return float(1.0 - clear.mean())
        return float((clear & (mains.argmax(axis=1) == today)).mean())
