"""Checks of a bank beyond its schema: can every role win, does every question matter.

Pure logic; used by ``careerfit validate`` and by ``careerfit quiz --data``.
"""

from __future__ import annotations

from careerfit.bank import Bank
from careerfit.engine.scoring import NEUTRAL_FIT, RANK_TOLERANCE, Scorer, contribution


def check_bank(bank: Bank) -> list[str]:
    """Every problem found, as ``file:line: message``."""
    scorer = Scorer(bank)
    everything = {q.id: (q.options[0].id,) for q in bank.scored}
    coefficients = scorer.score(everything).coefficients
    option_shares = {
        q.id: {o.id: scorer.shares_of(contribution(q, (o.id,)), coefficients) for o in q.options}
        for q in bank.scored
    }
    problems = []
    for question in bank.scored:
        if _moves_all_alike(bank, option_shares[question.id]):
            problems.append(f"{bank.questions_file}:{question.line}: question '{question.id}'"
                            " moves every role alike: no answer to it changes the ranking")
    for role in bank.roles:
        if not _can_come_first(bank, option_shares, role.id):
            problems.append(f"{bank.roles_file}:{role.line}: role '{role.id}' is unreachable:"
                            " no set of answers puts it first (strengthen the questions that"
                            " favour it or its profile weights)")
    return problems


def _moves_all_alike(bank: Bank, shares: dict[str, dict[str, float]]) -> bool:
    """True when every option gives every role the same change relative to the first role."""
    first = bank.roles[0].id
    gaps = [tuple(s[r.id] - s[first] for r in bank.roles) for s in shares.values()]
    return all(abs(a - b) < RANK_TOLERANCE
               for gap in gaps for a, b in zip(gap, gaps[0], strict=True))


def _can_come_first(bank: Bank, option_shares: dict[str, dict[str, dict[str, float]]],
                    role: str) -> bool:
    """Look for answers (all questions answered) that put *role* strictly first.

    The model is linear in the answers, so the answers that maximise the role's
    lead over any fixed mix of rivals are found question by question (a pick-all
    question takes every option with a positive effect). Rivals are weighed
    equally, then one at a time; any answer set that puts the role first proves
    it reachable.
    """
    rivals = [r.id for r in bank.roles if r.id != role]
    mixes = [dict.fromkeys(rivals, 1 / len(rivals))] + [{r: 1.0} for r in rivals]
    for mix in mixes:
        totals = dict.fromkeys([r.id for r in bank.roles], NEUTRAL_FIT)
        for question in bank.scored:
            shares = option_shares[question.id]
            leads = {o: s[role] - sum(w * s[r] for r, w in mix.items()) for o, s in shares.items()}
            if question.kind == "multi":
                picked = [o for o, lead in leads.items() if lead > 0]
            else:
                picked = [max(leads, key=leads.__getitem__)]
            for option_id in picked:
                for r in totals:
                    totals[r] += shares[option_id][r]
        if Scorer.leads(totals, role):
            return True
    return False
