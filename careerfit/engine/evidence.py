"""Which answers read as a pair: why the verdict is torn or a blend, not one role alone.

Pure logic. The reasons (:mod:`careerfit.engine.result`) explain the fits: the answers
that put the leader ahead of the runner-up by the documented weights. A tie or a blend
is the response model's reading, and two new users drawn to a blend and one torn user
found nothing that said which answers made it: "Why" split points between the two roles
and left out the answers that read as liking both, or as the overlap.

For each answer, the model gives how likely it is from each kind of person. Taking the
people of the verdict's own kind (torn between the two roles, or drawn to their blend)
and those whose main role is the likelier of the two, each weighted as the posterior
weighs them
(so at this person's own consistency), an answer's *ratio* is how many times likelier
it is from the first than from the second. The answers with the largest ratios, above 1,
are the ones that made the pair the likelier reading.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import NamedTuple

from careerfit.base.vocabulary import BLEND, TIE, Picks
from careerfit.engine.model import Model, Posterior
from careerfit.engine.verdict import Verdict

# Answers named at most, and the least ratio worth naming (a tenth likelier).
MOST_NAMED = 3
LEAST_RATIO = 1.1


class ReadingEvidence(NamedTuple):
    """An answer that reads as the verdict's pair: *ratio* times likelier from someone of
    the verdict's kind than from someone whose main role is *against* (the pair's role
    likelier to be the main one)."""

    question: str
    ratio: float
    against: str


def reading_evidence(model: Model, picks: Picks, posterior: Posterior, verdict: Verdict
                     ) -> tuple[ReadingEvidence, ...]:
    """The answers that most made a tie or a blend likelier than the likelier of its two
    roles alone (none for any other verdict). That role is the other reading people
    weigh: a torn user whose chances read 'about 8 have Data Scientist as their main fit,
    about 1 AI Engineer' saw answers compared with AI Engineer, the leader by fit."""
    if verdict.kind not in (TIE, BLEND) or len(posterior.weights) != len(model.states):
        return ()  # (a posterior made up of chances alone, with no states, says nothing)
    alone = max(verdict.roles, key=lambda role: posterior.main[role])  # (first if equal)
    pair = frozenset(verdict.roles)
    if verdict.kind == TIE:
        column, rows = model.tie_keys.index(pair), model.tie_rows
    else:
        column, rows = model.blend_keys.index(pair), model.blend_rows
    ours = _weights(posterior.weights, [row[column] for row in rows])
    theirs = _weights(posterior.weights,
                      [row[model.roles.index(alone)] for row in model.main_rows])
    if not ours or not theirs:
        return ()
    found = []
    for question in model.bank.scored:
        answer = picks.get(question.id)
        if answer is None:
            continue
        logs = model.loglik(question.id, answer)
        ratio = _likelihood(logs, ours) / _likelihood(logs, theirs)
        if ratio >= LEAST_RATIO:
            found.append(ReadingEvidence(question.id, ratio, alone))
    found.sort(key=lambda e: e.ratio, reverse=True)
    return tuple(found[:MOST_NAMED])


def _weights(posterior: Sequence[float], member: Sequence[float]) -> dict[int, float]:
    """The posterior's weights of the states in a group (*member* 1), adding up to 1."""
    chosen = {s: w for s, (w, m) in enumerate(zip(posterior, member, strict=True)) if m}
    total = sum(chosen.values())
    return {s: w / total for s, w in chosen.items()} if total > 0 else {}


def _likelihood(logs: Sequence[float], weights: dict[int, float]) -> float:
    """The chance of an answer (its log chance per state *logs*) from a group of states."""
    return sum(w * math.exp(logs[s]) for s, w in weights.items())
