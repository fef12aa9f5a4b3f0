"""The result as one versioned document: the JSON payload, and the source every view renders.

Pure logic. ``build_report`` is the single place that turns a :class:`Result`
into words and numbers; the terminal view, ``--json`` and ``--export`` all read
what it returns, so they never disagree.
"""

from __future__ import annotations

import json
from typing import Any

from careerfit.bank import Bank
from careerfit.base.vocabulary import Picks
from careerfit.documents.answers import AnswerSet, answers_document
from careerfit.documents.roledata import role_card
from careerfit.engine.result import NextSteps, Reason, Result
from careerfit.engine.whatif import WhatIf

SCHEMA_VERSION = 1
# The sureness sentence names the less likely of torn and drawn-to-the-blend only from
# this chance up.
NOTABLE = 0.05
CARD_STEP_KEYS = ("skill_priorities", "tools", "outputs", "use_cases", "salary")


def build_report(bank: Bank, result: Result, answers: AnswerSet) -> dict[str, Any]:
    """Everything a person or a script needs to know about one quiz outcome."""
    picks = answers.picks
    leader = result.leader
    answered = len(result.scores.answered)
    return {
        "schema_version": SCHEMA_VERSION,
        "ranking": ranking_part(bank, result),
        "recommendation": recommendation_part(bank, result, picks),
        "outcome": outcome_part(result),
        "tasters": tasters_part(bank, result),
        "reasons": {
            "for": [_reason(bank, reason, picks) for reason in result.drivers],
            "against": [_reason(bank, reason, picks) for reason in result.pulls],
        },
        "what_if": _what_if(bank, result.what_if, leader) if result.what_if else None,
        "next_steps": _next_steps(bank, result.next_steps, answers.skills),
        "next_steps_compared": ([_next_steps(bank, steps, answers.skills)
                                 for steps in result.compared] if result.compared else None),
        "traits": {trait.id: round(result.scores.traits[trait.id], 3)
                   for trait in bank.traits if trait.id in result.scores.traits},
        "coverage": {
            "asked": sum(1 for q in bank.questions if q.id in picks),
            "answered": answered,
            "skipped": sum(1 for q in bank.scored if q.id in picks and picks[q.id] is None),
            "scored_questions": len(bank.scored),
            "stopped_early": answers.adaptive and any(q.id not in picks for q in bank.scored),
        },
        "answers": answers_document(bank, answers),
    }


def headline(report: dict[str, Any]) -> tuple[str, str] | None:
    """What every view leads with: ('Recommended', role), or for a result between two
    roles ('Torn between', 'A and B') or ('Drawn to', 'the blend'); None: no pick."""
    rec = report["recommendation"]
    hybrid = rec["hybrid"]
    if hybrid:
        names = [row["name"] for row in report["ranking"][:2]]
        if report["outcome"]["kind"] == "blend":
            return "Drawn to", f"{hybrid['name']} (where {names[0]} and {names[1]} meet)"
        return "Torn between", f"{names[0]} and {names[1]}"
    if rec["role"]:
        return "Recommended", rec["name"]
    return None


def reason_groups(report: dict[str, Any]) -> list[tuple[str, list[dict[str, Any]]]]:
    """The reasons as every view shows them: grouped under the role each pulled toward
    ('Toward Data Scientist'), the pick's first, with unsigned fit points."""
    names = {row["role"]: row["name"] for row in report["ranking"]}
    groups = []
    for key in ("for", "against"):
        reasons = report["reasons"][key]
        if reasons:
            groups.append((f"Toward {names[reasons[0]['toward']]}", reasons))
    return groups


# What the reasons' fit points mean, said once under their heading in every view.
REASONS_NOTE = "fit points each answer added to that role over the other"

def already_have_sentence(steps: dict[str, Any]) -> str | None:
    """How every view says which skills it left out because the person has them."""
    if not steps.get("already_have"):
        return None
    return "Left out, as you already do them: " + "; ".join(steps["already_have"])


# How every view introduces the tasters (the report's 'tasters' key).
TASTERS_HEADING = "Find out by doing: a weekend project for each"

# The listed parts of next steps, with the heading every view gives them.
STEP_LISTS = (("tools", "Tools to learn"), ("outputs", "What you'd produce"),
              ("use_cases", "Typical projects"))


def route_heading(steps: dict[str, Any]) -> str:
    """How every view introduces the transition route from the person's background."""
    origin = steps["background_label"]
    return f"From where you are ({origin})" if origin else "From where you are"


def stated(probability: float) -> float:
    """A probability as printed: three decimals, and never a certainty either way (0.001 to
    0.999): a model checked on simulated people can't vouch for odds finer than that."""
    shown = round(probability, 3)
    return 0.001 if shown < 0.001 else 0.999 if shown > 0.999 else shown


def ranking_part(bank: Bank, result: Result) -> list[dict[str, Any]]:
    """The ``ranking`` key: every role, best fit first."""
    return [{"role": role, "name": bank.role(role).name, "fit": round(fit, 1),
             "probability": stated(result.posterior.main[role])}
            for role, fit in result.ranking]


def recommendation_part(bank: Bank, result: Result, picks: Picks) -> dict[str, Any]:
    """The ``recommendation`` key: the pick, how sure, the hybrid, in words too."""
    return {
        "role": result.recommended,
        "name": bank.role(result.recommended).name if result.recommended else None,
        "confidence": result.confidence,
        "probability": stated(result.probability),
        "sureness": sureness_sentence(bank, result),
        "margin": round(result.margin, 1),
        "runner_up": result.runner_up,
        "hybrid": (
            {"roles": sorted(result.hybrid.roles), "name": result.hybrid.name,
             "description": result.hybrid.description,
             "probability": stated(_torn_or_drawn(result))}
            if result.hybrid else None
        ),
        "summary": verdict_sentence(bank, result, picks),
    }


def outcome_part(result: Result) -> dict[str, Any]:
    """The ``outcome`` key: what careerfit found, for scripts (see engine.result.Outcome)."""
    found = result.outcome
    return {"kind": found.kind, "roles": list(found.roles), "name": found.name,
            "probability": stated(found.probability)}


def tasters_part(bank: Bank, result: Result) -> list[dict[str, str]] | None:
    """The ``tasters`` key: when the verdict is torn, a blend or unsure, one small weekend
    project for each of the first two roles, to find out by doing; else None."""
    unsure = (result.outcome.kind in ("tie", "blend") or result.hybrid is not None
              or result.confidence in ("low", "none"))
    if not unsure or not result.scores.answered:
        return None
    shown = [bank.role(r) for r in (result.leader, result.runner_up)]
    return [{"role": role.id, "name": role.name, "taster": role.taster}
            for role in shown if role.taster] or None


def _torn_or_drawn(result: Result) -> float:
    """The chance the first two are tied for the person or they are drawn to the blend."""
    first, second = result.leader, result.runner_up
    return result.posterior.tie(first, second) + result.posterior.blend(first, second)


def drawn_to_blend(result: Result) -> bool:
    """Whether the answers say 'drawn to the work where the two meet' more than 'torn'."""
    first, second = result.leader, result.runner_up
    return result.posterior.blend(first, second) > result.posterior.tie(first, second)


def to_json(report: dict[str, Any]) -> str:
    """The exact stdout of ``--json``: stable key order, so equal answers give equal bytes."""
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"


def verdict_sentence(bank: Bank, result: Result, picks: Picks) -> str:
    if result.recommended is None:
        if not result.scores.answered:
            return "No scored question was answered, so there is nothing to match yet."
        first, second = (bank.role(r) for r in (result.leader, result.runner_up))
        sentence = (f"Your answers fit every role about equally well: {first.name} and"
                    f" {second.name} lead, but not clearly. Compare them side by side with:"
                    f" careerfit roles --compare {first.id} {second.id}.")
        skipped = sum(1 for q in bank.scored if q.id in picks and picks[q.id] is None)
        if skipped:
            sentence += (f" Answering the {skipped} question(s) you skipped could separate"
                         " them.")
        return sentence
    name = bank.role(result.recommended).name
    runner = bank.role(result.runner_up).name
    if result.hybrid and drawn_to_blend(result):
        return (f"You are drawn to the work where {name} and {runner} meet, more than to"
                f" either on its own: look at {result.hybrid.name}.")
    if result.hybrid:
        return (f"You like both kinds of work, {name} and {runner}, and your answers can't"
                f" separate them. A role that blends both may suit you: {result.hybrid.name}.")
    if result.confidence == "high":
        return f"{name} is a clear fit for you."
    if result.confidence == "medium":
        return f"{name} fits you best, with {runner} a reasonable second."
    return f"{name} edges ahead of {runner}, but only just."


def sureness_sentence(bank: Bank, result: Result) -> str:
    """The stated probability in plain words (it is calibrated on simulated people)."""
    leader = bank.role(result.leader).name
    main = f"{_in_100(result.probability)} have {leader} as their clear main fit"
    if result.hybrid:
        runner = bank.role(result.runner_up).name
        drawn = result.posterior.blend(result.leader, result.runner_up)
        torn = f"{_in_100(result.tie)} like {leader} and {runner} about equally"
        meet = (f"{_in_100(drawn)} are drawn to the work where {leader} and {runner} meet"
                f" ({result.hybrid.name})")
        parts = [meet, torn] if drawn > result.tie else [torn, meet]
        if min(drawn, result.tie) < NOTABLE:  # leave out what hardly anyone is
            parts = parts[:1]
        return f"Of 100 people who answer as you did, {', '.join(parts)}; {main}."
    return f"Of 100 people who answer as you did, {main}."


def coverage_sentence(report: dict[str, Any]) -> str | None:
    """What the result rests on, when the adaptive quiz stopped before the end of the bank."""
    coverage = report["coverage"]
    if not coverage["stopped_early"]:
        return None
    return (f"Based on {coverage['asked']} questions: the quiz stopped once the pick was"
            " sure enough.")


def _in_100(probability: float) -> str:
    """A probability as a count in 100, without rounding 0.997 up to a certainty."""
    if probability >= 0.995:
        return "more than 99"
    if probability < 0.005:
        return "fewer than 1"
    return f"about {round(probability * 100)}"


def _reason(bank: Bank, reason: Reason, picks: Picks) -> dict[str, Any]:
    question = bank.question(reason.question)
    return {
        "question": question.id,
        "question_text": question.text,
        "question_short": question.short,
        "answer": question.describe(picks.get(question.id)),
        "toward": reason.toward,
        "points": round(reason.points, 1),
    }


def _what_if(bank: Bank, what_if: WhatIf, leader: str) -> dict[str, Any]:
    changes = []
    for change in what_if.changes:
        question = bank.question(change.question)
        changes.append({
            "question": question.id,
            "question_text": question.text,
            "from": list(change.before),
            "to": list(change.after),
            "from_label": question.describe(change.before),
            "to_label": question.describe(change.after),
        })
    target = bank.role(what_if.target).name
    if not changes:
        sentence = (f"No change to one or two of your answers would put {target} ahead of"
                    f" {bank.role(leader).name}: the pick is robust.")
    else:
        parts = [f"'{c['to_label']}' instead of '{c['from_label']}' for \"{c['question_text']}\""
                 for c in changes]
        sentence = f"{target} would come first if you answered " + " and ".join(parts) + "."
    return {
        "target": what_if.target,
        "found": what_if.found,
        "changes": changes,
        "fits_after": {role: round(fit, 1) for role, fit in what_if.fits_after.items()},
        "sentence": sentence,
    }


def _next_steps(bank: Bank, steps: NextSteps | None, have: tuple[str, ...] = ()
                ) -> dict[str, Any] | None:
    """A role's next steps, leaving out the skills the person already has (*have*)."""
    if steps is None:
        return None
    role = steps.role
    card = role_card(role)
    background = bank.background
    label = None
    if background is not None and steps.background:
        label = background.describe((steps.background,))
    wanted = role.priorities_for(steps.background)
    return {
        "role": role.id,
        "background": steps.background,
        "background_label": label,
        "route": steps.route,
        **{key: card[key] for key in CARD_STEP_KEYS},
        "skill_priorities": [text for skill, text in role.priorities_by_id().items()
                             if text in wanted and skill not in have][:3],
        "already_have": [text for skill, text in role.priorities_by_id().items()
                         if skill in have],
    }
