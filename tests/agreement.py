"""What careerfit says, checked for agreement: the headline, the summary, the confidence
line, ``outcome``, the recommendation and the first role of the ranking, in the report, the
view model and every rendering of it. Used by tests/test_verdict.py (a few hundred people)
and bench/agreement.py (3,000)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from careerfit.base.vocabulary import BLEND, MAIN, NONE, TIE
from careerfit.engine.verdict import HIGH_PROBABILITY, MEDIUM_PROBABILITY
from careerfit.view.model import ResultView

LABELS = {MAIN: "Recommended", TIE: "Torn between", BLEND: "Drawn to",
          NONE: "Nothing stands out"}
HALF = 0.0005  # a stated probability is rounded to thousandths


def agrees_with_fits(chance: Mapping[str, Any], ranking: list[str]) -> bool:
    """The documented rule: the verdict leads with the fit leader (the main role, or the
    first of a pair), or names no role."""
    roles = chance["roles"]
    return chance["kind"] == NONE or (roles[:1] == ranking[:1]
                                      and len(roles) == (1 if chance["kind"] == MAIN else 2))


def disagreements(report: Mapping[str, Any], view: ResultView,
                  renderings: Mapping[str, str] = {}) -> list[str]:
    """Every way the result contradicts itself (none, if all is well)."""
    found: list[str] = []
    outcome, rec = report["outcome"], report["recommendation"]
    kind, roles, level = outcome["kind"], outcome["roles"], outcome["confidence"]
    ranking = [row["role"] for row in report["ranking"]]
    name_of = {row["role"]: row["name"] for row in report["ranking"]}
    # The roles the words name: the verdict's, or the first two by fit for none.
    names = [name_of[r] for r in (roles if kind in (TIE, BLEND) else ranking[:2])]
    chances = outcome["chances"]
    answered = report["coverage"]["answered"]

    def check(ok: bool, what: str) -> None:
        if not ok:
            found.append(what)

    # Numbers that add up; the outcome is the likeliest that agrees with the fits.
    check(abs(sum(c["probability"] for c in chances) - 1) < 1e-9, "chances add up to 1")
    same = [c for c in chances if (c["kind"], c["roles"]) == (kind, roles)]
    check(len(same) == 1, "outcome is one of the chances")
    agreeing = [c for c in chances if agrees_with_fits(c, ranking)]
    check(not answered or (agreeing[0]["kind"], agreeing[0]["roles"]) == (kind, roles),
          "outcome is the likeliest chance that agrees with the fits")
    # The first role of the ranking.
    if kind == MAIN:
        check(roles == ranking[:1], "the main role is first in the ranking")
    elif kind in (TIE, BLEND):
        check(roles[0] == ranking[0] and roles[1] == rec["runner_up"],
              "a tie's or a blend's roles are the leader and the runner-up")
    # The confidence describes the verdict.
    p = outcome["probability"]
    expected = ("high" if p >= HIGH_PROBABILITY + HALF and answered >= 6 else
                "low" if p < MEDIUM_PROBABILITY - HALF else None)
    check(expected is None or level == expected or (expected == "high" and level == "medium"
                                                    and (answered < 6 or outcome["misfit"])),
          f"confidence {level} fits probability {p}")
    # Answers no kind of person explains well are never 'high', and the summary says so.
    check(not outcome["misfit"] or (level != "high" and "pattern" in rec["summary"]),
          "a misfit is never high, and is told so")
    check(level != "high" or p >= HIGH_PROBABILITY - HALF, "high means likely")
    check(view.verdict.confidence == level, "the view shows the verdict's confidence")
    # The recommendation reads the verdict.
    check(rec["role"] == (None if kind == NONE else ranking[0]), "recommendation.role")
    pick = level if kind == MAIN else "none" if kind == NONE else "low"
    check(rec["confidence"] == pick, "recommendation.confidence")
    check(bool(rec["hybrid"]) == (kind in (TIE, BLEND) and outcome["name"] is not None),
          "a hybrid exactly for a tie or a blend the bank names")
    check(not rec["hybrid"] or rec["hybrid"]["name"] == outcome["name"], "the hybrid's name")
    flagged = kind != MAIN or level == "low"
    check(report["tasters"] is None or flagged, "tasters only when flagged")
    check((report["next_steps_compared"] is not None) == (flagged and answered > 0),
          "next steps compared exactly when flagged")
    # The headline, the summary and the sureness sentence say the same.
    label, headline = view.verdict.label, view.verdict.headline
    check(label == ("Leaning toward" if kind in (MAIN, BLEND) and level == "low"
                    else LABELS[kind]),
          f"headline '{label}' for {kind}, {level}")
    if kind == MAIN:
        check(headline == names[0], "headline names the main role")
    elif kind == TIE:
        check(headline == f"{names[0]} and {names[1]}", "headline names the tie")
    elif kind == BLEND:
        check(headline.startswith(f"{outcome['name']} (where {names[0]} and {names[1]}"),
              "headline names the blend")
    summary = rec["summary"]
    expected_summary = {
        MAIN: {"high": f"{names[0]} is a clear fit", "medium": f"{names[0]} fits you best",
               "low": f"{names[0]} leads, but not surely"}.get(level, "?"),
        TIE: (f"Your answers lean toward liking both kinds of work, {names[0]} and"
              f" {names[1]}, about equally" if level == "low" else
              f"You like both kinds of work, {names[0]} and {names[1]}"),
        BLEND: (f"Your answers lean toward the work where {names[0]} and {names[1]} meet"
                f" ({outcome['name']}), but not surely" if level == "low" else
                f"You are drawn to the work where {names[0]} and {names[1]} meet"),
        NONE: "fit every role about equally" if answered else "No scored question"}[kind]
    check(expected_summary in summary, f"summary for {kind}/{level}: {summary}")
    first = rec["sureness"].removeprefix("Of 100 people who answer as you did, ")
    clause = {MAIN: f"have {names[0]} as their clear main fit",
              TIE: f"like {names[0]} and {names[1]} about equally",
              BLEND: f"are drawn to the work where {names[0]} and {names[1]} meet",
              NONE: "lean to no one role or pair"}[kind]
    check(clause in re.split(r"[,;] ", first)[0], "sureness leads with the verdict")
    # Every rendering shows every section of the view, the verdict's words included.
    for name, text in renderings.items():
        flat = _flat(text)
        for piece in view_texts(view):
            check(_flat(piece) in flat, f"{name} shows {piece[:60]!r}")
        check(f"confidence: {level}" in flat.lower(), f"{name} shows the confidence")
    return found


def view_texts(view: ResultView) -> Iterator[str]:
    """Every text of the view model a rendering must show."""
    verdict = view.verdict
    yield f"{verdict.label}: {verdict.headline}"
    yield from (verdict.summary, verdict.sureness, verdict.confidence_note)
    if verdict.basis:
        yield verdict.basis
    if verdict.blend:
        yield from (verdict.blend.name, verdict.blend.text)
    for row in view.ranking:
        yield row.name
        yield f"{row.fit:.1f}"
    if view.reasons:
        yield view.reasons.heading
        for group in view.reasons.groups:
            yield group.title
            for reason in group.reasons:
                yield from (reason.question, reason.answer)
    if view.what_if:
        yield view.what_if
    for taster in view.tasters:
        yield from (taster.name, taster.text)
    for steps in view.steps:
        yield steps.title
        if steps.route:
            yield from steps.route
        yield from steps.priorities
        for text in (steps.no_priorities, steps.already_have, steps.pay_note):
            if text:
                yield text
        for title, items in steps.lists:
            yield from (title, items)
        yield steps.pay


def _flat(text: str) -> str:
    """Text as compared: Markdown escapes and bold marks gone, whitespace made single."""
    text = re.sub(r"\\(.)", r"\1", text.replace("**", ""))
    return " ".join(text.split())
