"""The result as one versioned document: the JSON payload, and the source of the view model.

Pure logic. ``build_report`` is the single place that turns a :class:`Result` (and its
verdict, :mod:`careerfit.engine.verdict`) into a document; its sentences come from
:mod:`careerfit.view.words`. ``--json`` prints it; every other format renders the view
model built from it (:mod:`careerfit.view.model`), so they never disagree.
"""

from __future__ import annotations

import json
from typing import Any

from careerfit.bank import PAIR_BOTH, Bank, Question
from careerfit.base.vocabulary import BLEND, MAIN, TIE, MaybeAnswer, Picks
from careerfit.documents.answers import AnswerSet, answers_document
from careerfit.documents.roledata import role_card
from careerfit.engine.adaptive import Planner
from careerfit.engine.ending import Ending, ending
from careerfit.engine.evidence import ReadingEvidence
from careerfit.engine.result import NextSteps, Reason, Result
from careerfit.engine.verdict import Outcome, Verdict
from careerfit.engine.whatif import Change, WhatIf
from careerfit.view.numbers import apportion
from careerfit.view.words import shown_margin, summary_sentence, sureness_sentence

SCHEMA_VERSION = 1
CARD_STEP_KEYS = ("skill_priorities", "tools", "outputs", "use_cases", "salary")


def build_report(bank: Bank, result: Result, answers: AnswerSet,
                 planner: Planner | None = None) -> dict[str, Any]:
    """Everything a person or a script needs to know about one quiz outcome (*planner*:
    the adaptive quiz's own, reused to say how it ended)."""
    picks = answers.picks
    leader = result.leader
    return {
        "schema_version": SCHEMA_VERSION,
        "ranking": ranking_part(bank, result),
        "recommendation": recommendation_part(bank, result, picks),
        "outcome": outcome_part(bank, result),
        "tasters": tasters_part(bank, result, picks),
        "reasons": {
            "for": [_reason(bank, reason, picks) for reason in result.drivers],
            "against": [_reason(bank, reason, picks) for reason in result.pulls],
            "reading": [_reading(bank, found, picks) for found in result.reading],
        },
        "what_if": (_what_if(bank, result.what_if, leader, result.verdict)
                    if result.what_if else None),
        "next_steps": _next_steps(bank, result.next_steps, answers.skills),
        "next_steps_compared": ([_next_steps(bank, steps, answers.skills)
                                 for steps in result.compared] if result.compared else None),
        "traits": {trait.id: round(result.scores.traits[trait.id], 3)
                   for trait in bank.traits if trait.id in result.scores.traits},
        "coverage": coverage_part(bank, picks, result.verdict, adaptive=answers.adaptive,
                                  planner=planner),
        "answers": answers_document(bank, answers),
    }


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
        "margin": shown_margin(result),
        "runner_up": result.runner_up,
        "hybrid": (
            {"roles": sorted(result.hybrid.roles), "name": result.hybrid.name,
             "id": result.hybrid.id, "description": result.hybrid.description,
             "titles": list(result.hybrid.titles),
             "taster": result.hybrid.taster or None,
             "skills": [bank.skill_labels[skill] for skill in result.hybrid.skills],
             "probability": stated(_torn_or_drawn(result))}
            if result.hybrid else None
        ),
        "summary": summary_sentence(bank, result, picks),
    }


def outcome_part(bank: Bank, result: Result, *, chances: bool = True) -> dict[str, Any]:
    """The ``outcome`` key: the verdict, for scripts (careerfit.engine.verdict): its kind,
    roles, blend name, chance and confidence, and (unless *chances* is False: the lines of
    ``careerfit score``, where stating every outcome would take half again the time of
    scoring, bench/batch.py) the chance of every outcome the model weighs, in thousandths
    that add up to exactly 1, so a near-certain outcome reads 1.0 there while
    ``probability`` states it as 0.999."""
    verdict = result.verdict
    found = verdict.outcome
    part = {"kind": found.kind, "roles": list(found.roles), "name": found.name,
            "probability": stated(found.probability), "confidence": verdict.confidence,
            "person_fit": (None if verdict.person_fit is None
                           else round(verdict.person_fit, 2)),
            "misfit": verdict.misfit}
    if chances:
        shares = thousandths([c.probability for c in verdict.chances])
        part["chances"] = [{"kind": c.kind, "roles": list(c.roles), "name": c.name,
                            "probability": share, "blend_id": _blend_id(bank, c)}
                           for c, share in zip(verdict.chances, shares, strict=True)]
    return part


def _blend_id(bank: Bank, chance: Outcome) -> str | None:
    """The id of an outcome's named blend (``careerfit roles ID`` describes it)."""
    blend = bank.blend(*chance.roles) if chance.name else None
    return blend.id if blend else None


def coverage_part(bank: Bank, picks: Picks, verdict: Verdict, *, adaptive: bool,
                  planner: Planner | None = None) -> dict[str, Any]:
    """The ``coverage`` key: what was asked, and how the quiz ended (the adaptive quiz's
    stop says it too, from the same dict)."""
    return {
        # Scored questions put to the person: answered + skipped (the unscored
        # background question is counted apart, so that the three add up).
        "asked": sum(1 for q in bank.scored if q.id in picks),
        "asked_unscored": sum(1 for q in bank.questions if not q.scored and q.id in picks),
        "answered": verdict.answered,
        "skipped": sum(1 for q in bank.scored if q.id in picks and picks[q.id] is None),
        "scored_questions": len(bank.scored),
        "question_cap": bank.max_questions,
        "stopped_early": adaptive and any(q.id not in picks for q in bank.scored),
        **ending_part(ending(bank, picks, verdict, adaptive=adaptive, planner=planner)),
    }


def ending_part(end: Ending) -> dict[str, Any]:
    """How the quiz ended (coverage.stopped_by), and what it left unsettled: the two
    likeliest readings and how many more answers would most likely settle it."""
    unsettled = None
    if end.between is not None:
        unsettled = {"between": [{"kind": o.kind, "roles": list(o.roles), "name": o.name}
                                 for o in end.between],
                     "more_answers": end.more}
    return {"stopped_by": end.stopped_by, "unsettled": unsettled}


def thousandths(chances: list[float]) -> list[float]:
    """*chances* (adding up to 1) rounded to thousandths that add up to exactly 1."""
    return [share / 1000 for share in apportion(chances, 1000)]


def tasters_part(bank: Bank, result: Result, picks: Picks) -> list[dict[str, str]] | None:
    """The ``tasters`` key: when the verdict is flagged (torn, a blend, nothing stands out
    or a low pick), one small weekend project for the leader and one for the runner-up
    (Result.runner_up), to find out by doing; else None. None for a role the person
    already works in (two new users already in the role were told to try it out)."""
    if not result.verdict.tasters:
        return None
    started = bank.starting_point(picks)
    shown = [bank.role(r) for r in (result.leader, result.runner_up) if r != started]
    return [{"role": role.id, "name": role.name, "taster": role.taster}
            for role in shown if role.taster] or None


def _torn_or_drawn(result: Result) -> float:
    """The chance the leader and the runner-up are tied for the person, or that they are
    drawn to the two roles' blend."""
    first, second = result.leader, result.runner_up
    return result.posterior.tie(first, second) + result.posterior.blend(first, second)


def to_json(report: dict[str, Any]) -> str:
    """The exact stdout of ``--json``: stable key order, so equal answers give equal bytes."""
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"


def _reason(bank: Bank, reason: Reason, picks: Picks) -> dict[str, Any]:
    return {**_answered(bank, reason.question, picks), "toward": reason.toward,
            "points": round(reason.points, 1)}


def _reading(bank: Bank, found: ReadingEvidence, picks: Picks) -> dict[str, Any]:
    """An answer that reads as the verdict's pair (careerfit.engine.evidence)."""
    return {**_answered(bank, found.question, picks), "ratio": round(found.ratio, 1),
            "against": found.against}


def _answered(bank: Bank, question_id: str, picks: Picks) -> dict[str, Any]:
    """A question and the answer given to it, as the reasons name them."""
    question = bank.question(question_id)
    return {
        "question": question.id,
        "question_text": question.text,
        "question_short": question.short,
        "answer": question.describe(picks.get(question.id)),
    }


def _what_if(bank: Bank, what_if: WhatIf, leader: str, verdict: Verdict) -> dict[str, Any]:
    """The smallest change that would put the runner-up first by fit, in words that fit
    the verdict: for a pair (torn, a blend) it reorders the pair, not the verdict; for one
    main role it is about the order by fit, and calls the pick robust only when the
    verdict is sure (a new user read "the pick is robust" beside "Not settled")."""
    kind = verdict.kind
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
    target, first = bank.role(what_if.target).name, bank.role(leader).name
    # (A new user asked what 'within the pair' meant above a blend: it is the two roles
    # the result names, and the what-if is about which of them fits better.)
    pair = kind in (TIE, BLEND)
    parts = [_change_words(bank.question(c.question), c) for c in what_if.changes]
    if pair and not changes:
        sentence = (f"Of the two roles your result names, {first} fits better, and no change"
                    f" to one or two of your answers would put {target} ahead of it.")
    elif pair:
        sentence = _ended(f"Of the two roles your result names, {target} would fit better"
                          f" than {first} if you " + " and ".join(parts))
    elif not changes:
        sure = kind == MAIN and verdict.confidence == "high"
        sentence = (f"No change to one or two of your answers would put {target} ahead of"
                    f" {first}" + (": the pick is robust." if sure else " by fit."))
    else:
        sentence = _ended(f"{target} would come first by fit if you " + " and ".join(parts))
    return {
        "target": what_if.target,
        "found": what_if.found,
        "changes": changes,
        "fits_after": {role: round(fit, 1) for role, fit in what_if.fits_after.items()},
        "sentence": sentence,
    }


def _ended(sentence: str) -> str:
    """*sentence* with its full stop, unless it ends in a quoted question's own ('... Pick
    all that apply."' took one more: a new user read 'apply.".')."""
    return sentence if sentence.endswith(('."', '?"', '!"')) else sentence + "."


def _change_words(question: Question, change: Change) -> str:
    """One change of the what-if in words: the answers before and after; for a pick-all
    question only the options ticked or unticked (its whole answer can be long)."""
    if question.kind == "multi" and change.before is not None and change.after is not None:
        acts = [f"{verb} {_labels(question, ids)}" for verb, ids in (
            ("ticked", set(change.after) - set(change.before)),
            ("unticked", set(change.before) - set(change.after))) if ids]
        if acts:
            return ", and ".join(acts) + f" for \"{question.text}\""
    return (f"answered '{_answer_words(question, change.after)}' instead of"
            f" '{_answer_words(question, change.before)}' for \"{question.text}\"")


def _answer_words(question: Question, chosen: MaybeAnswer) -> str:
    """An answer in a what-if: a pair question's side without the '(over: ...)' that
    names the other, as the change names both (a new user read each side twice)."""
    if question.kind == "pair" and chosen and chosen[0] != PAIR_BOTH:
        return "; ".join(o.label for o in question.options if o.id in chosen)
    return question.describe(chosen)


def _labels(question: Question, option_ids: set[str]) -> str:
    """The options' labels, quoted, in the question's order: 'A', 'B' and 'C'."""
    quoted = [f"'{o.label}'" for o in question.options if o.id in option_ids]
    return " and ".join([", ".join(quoted[:-1]), quoted[-1]] if len(quoted) > 1 else quoted)


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
    names = role.labels_by_id()
    had = [names[skill] for skill in role.skill_ids if skill in have]
    return {
        "role": role.id,
        "background": steps.background,
        "background_label": label,
        "route": steps.route,
        **{key: card[key] for key in CARD_STEP_KEYS},
        # Someone already working in the role uses its everyday tools: none to learn; nor
        # a tool a skill they have names or brings, or their background already uses.
        "tools": ([] if steps.background == role.id else
                  [tool for tool in card["tools"] if not _named_in(tool, had)
                   and not set(role.tool_skills.get(tool, ())) & set(have)
                   and steps.background not in role.tool_known_by.get(tool, ())]),
        "skill_priorities": [text for skill, text in role.priorities_by_id().items()
                             if text in wanted and skill not in have][:3],
        "already_have": [text for skill, text in role.priorities_by_id().items()
                         if skill in have],
        "already_have_names": had,
        # The skills its route asks to learn that the person already has (their names):
        # the views say that part of the route is behind them.
        "route_already_have": [bank.skill_labels[skill] for skill in
                               role.route_skills.get(steps.background or "", ()) if skill in have],
    }


def _named_in(tool: str, skills: list[str]) -> bool:
    """Whether a skill the person already has names *tool* ('pandas' in 'Python and pandas
    for analysis'): whole words, any case. Tools to learn leave such a tool out."""
    import re

    pattern = re.compile(rf"(?<!\w){re.escape(tool.lower())}(?!\w)")
    return any(pattern.search(skill.lower()) for skill in skills)
