"""The one view model of a result: built once from the report, rendered by every format.

Pure logic, no terminal libraries. The report (:mod:`careerfit.documents.report`) carries
the verdict (``outcome``, ``recommendation``) and everything to show; :func:`build_view`
turns it into sections of finished words, and the renderers (``terminal/render.py``
for rich and the SVG and HTML cards recorded from it, ``terminal/plain.py``,
``terminal/export.py`` for Markdown) only lay them out: none of them decides what to say.
It reads the report as plain data, so it imports nothing from the documents layer.

Sections: the verdict (:class:`Verdict`), the ranking, the reasons, what would change it,
the tasters and the next steps (one role's, or the leader's and the runner-up's side by side).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

from careerfit.base.vocabulary import BLEND, MAIN, NONE, TIE
from careerfit.view.words import NOTABLE, blend_text, ending_sentence, salary_text

RANKING_TITLE = "Your fit with each role (out of 100)"
# What the reasons' fit points mean, said once under their heading in every view.
# With three roles, "over the other" needs the two named (a new user asked which other),
# in the order they are read (another found "one of A and B over the other" awkward).
REASONS_NOTE = "fit points each answer gave {first} over {second}"
# ...said when answers pulled both ways (two new users looked for "the other way" when
# nothing did).
BOTH_WAYS = ", or the other way"
WHAT_IF_HEADING = "What would change it"
TASTERS_HEADING = "Find out by doing: a weekend project for each"
# The listed parts of next steps, with the heading every view gives them.
STEP_LISTS = (("tools", "Tools to learn"), ("outputs", "What you'd produce"),
              ("use_cases", "Typical projects"))
# Said after a route that asks to learn skills the person already has (three new users
# were told to learn what they had just said they do).
ROUTE_HAD = "Part of this is already behind you: {skills} (you said you do {them} with confidence)."
NO_PRIORITIES = ("your background already covers the core ones; the route above says"
                 " where to go deeper.")


class Verdict(NamedTuple):
    """What careerfit says, as every view leads with it (rich shows it last, on screen
    when the command ends; plain mode and the Markdown card first)."""

    label: str  # 'Recommended', 'Torn between', 'Drawn to', 'Nothing stands out'; a main
    # role or a blend of low confidence: 'Leaning toward'
    headline: str
    confidence: str  # 'high', 'medium' or 'low': of the verdict shown
    confidence_note: str  # its probability, and the fit margin for one role
    summary: str
    sureness: str
    basis: str | None  # what the result rests on, when the adaptive quiz stopped early
    blend: BlendNote | None  # a tie's or a blend's named blend


class BlendNote(NamedTuple):
    """The blend a tie or a blend names, as the result shows it."""

    name: str
    description: str
    titles: tuple[str, ...]
    skills: tuple[str, ...] = ()
    id: str = ""  # how careerfit roles names it

    @property
    def text(self) -> str:
        """Its words, then the command that shows its card (a new user drawn to a blend
        had to list every role and blend to find its id)."""
        more = f" More about it: careerfit roles {self.id}" if self.id else ""  # (no stop)
        return blend_text(self.description, self.titles, self.skills) + more


class Row(NamedTuple):
    rank: int
    role: str
    name: str
    fit: float
    in_verdict: bool  # one of the roles the verdict names (shown in bold)


class ReasonLine(NamedTuple):
    points: float
    question: str
    answer: str


class ReasonGroup(NamedTuple):
    title: str  # 'Toward Data Scientist'
    reasons: tuple[ReasonLine, ...]


class Reasons(NamedTuple):
    heading: str  # 'Why', or 'What leaned which way' when no role is picked
    note: str
    groups: tuple[ReasonGroup, ...]


class Reading(NamedTuple):
    """The answers that read as a tie or a blend rather than the leader alone (each
    line's *points* is its ratio: careerfit.engine.evidence)."""

    heading: str
    note: str
    lines: tuple[ReasonLine, ...]


class Taster(NamedTuple):
    name: str
    text: str


class Steps(NamedTuple):
    """One role's next steps, leaving out what the person already has."""

    title: str
    route: tuple[str, str] | None  # (heading, text)
    priorities: tuple[str, ...]
    no_priorities: str | None  # said instead when no priority is left
    already_have: str | None
    lists: tuple[tuple[str, str], ...]  # (heading, items joined)
    pay: str
    pay_note: str | None


class ResultView(NamedTuple):
    verdict: Verdict
    ranking: tuple[Row, ...]
    reasons: Reasons | None
    what_if: str | None
    tasters: tuple[Taster, ...]
    steps: tuple[Steps, ...]
    side_by_side: bool  # the leader's and the runner-up's steps (the verdict is flagged)
    reading: Reading | None = None  # for a tie or a blend


def build_view(report: Mapping[str, Any], answers_file: str | None = None, *,
               save: bool = False, data: str = "") -> ResultView:
    """The view model of one report (``careerfit quiz --json``'s document); *answers_file*,
    the file the answers came from, names it in the commands the result suggests (with
    *save*, a command that asks more saves them to it too; *data*: ' --data DIR' for the
    commands, when the quiz was given another bank)."""
    names = {row["role"]: row["name"] for row in report["ranking"]}
    outcome = report["outcome"]
    compared = report["next_steps_compared"]
    shown = compared or ([report["next_steps"]] if report["next_steps"] else [])
    return ResultView(
        verdict=_verdict(report, names, answers_file, save, data),
        ranking=tuple(Row(rank, row["role"], row["name"], row["fit"],
                          row["role"] in outcome["roles"])
                      for rank, row in enumerate(report["ranking"], start=1)),
        reasons=_reasons(report, names),
        what_if=report["what_if"]["sentence"] if report["what_if"] else None,
        tasters=_tasters(report),
        steps=tuple(_steps(steps, names[steps["role"]]) for steps in shown),
        side_by_side=bool(compared),
        reading=_reading(report, names),
    )


# The confidence note's words for what its probability is the chance of, by verdict kind.
NOTE_OF = {MAIN: "that it is your main role", TIE: "that you are torn between the two",
           BLEND: "that you are drawn to the blend", NONE: "that nothing stands out"}


def headline(outcome: Mapping[str, Any], names: Mapping[str, str], answered: int
             ) -> tuple[str, str]:
    """What every view leads with, by the verdict's kind."""
    roles = [names[r] for r in outcome["roles"]]
    if outcome["kind"] == MAIN:
        # (A career changer read a bold "Recommended: Data Scientist" above "about 45 of
        # 100": a pick of low confidence is a lean, and says so; so is a blend's.)
        return ("Leaning toward" if outcome.get("confidence") == "low" else "Recommended",
                roles[0])
    if outcome["kind"] == TIE:
        return "Torn between", f"{roles[0]} and {roles[1]}"
    if outcome["kind"] == BLEND:
        return ("Leaning toward" if outcome.get("confidence") == "low" else "Drawn to",
                f"{outcome['name']} (where {roles[0]} and {roles[1]} meet)")
    return "Nothing stands out", ("your answers don't separate the roles" if answered
                                  else "no scored question was answered")


def _verdict(report: Mapping[str, Any], names: Mapping[str, str],
             answers_file: str | None = None, save: bool = False, data: str = ""
             ) -> Verdict:
    rec, outcome = report["recommendation"], report["outcome"]
    label, text = headline(outcome, names, report["coverage"]["answered"])
    # What the probability is of, said with it: a new user read "Torn between: AI Engineer
    # and Machine Learning Engineer, confidence: high" as sure to be an AI engineer.
    note = f"probability {outcome['probability']:.3f} {NOTE_OF[outcome['kind']]}"
    if outcome["kind"] == MAIN:
        note += f", ahead by {rec['margin']:.1f} fit points"
    basis = ending_sentence(report["coverage"], names, answers_file, save=save, data=data)
    hybrid = rec["hybrid"]
    return Verdict(label, text, outcome["confidence"], note, rec["summary"],
                   rec["sureness"] + _blend_pointer(outcome, hybrid),
                   basis, BlendNote(hybrid["name"], hybrid["description"],
                                    tuple(hybrid.get("titles", ())),
                                    _marked(hybrid.get("skills", ()), _had(report)),
                                    hybrid.get("id", ""))
                   if hybrid else None)


def _blend_pointer(outcome: Mapping[str, Any], hybrid: Mapping[str, Any] | None) -> str:
    """Where to read about the likeliest blend the chances name (from NOTABLE) when the
    result does not describe it: two new users met a blend in the progress line and the
    sureness sentence ("about 16 are drawn to ... (LLM platform engineering)") and found
    nothing that said what it was."""
    shown = hybrid.get("id") if hybrid else None
    blend = next((c for c in outcome.get("chances", ()) if c["kind"] == BLEND), None)
    if (blend is None or not blend.get("blend_id") or blend["blend_id"] == shown
            or blend["probability"] < NOTABLE):
        return ""
    return f" More about the {blend['name']} blend: careerfit roles {blend['blend_id']}"


def _had(report: Mapping[str, Any]) -> set[str]:
    """The short names of the skills the person said they have, as next steps left out."""
    steps = [report["next_steps"], *(report["next_steps_compared"] or [])]
    return {name for step in steps if step for name in step.get("already_have_names", ())}


def _marked(skills: Sequence[str], had: set[str]) -> tuple[str, ...]:
    """*skills*, each the person has marked so (a new user who had just ticked one found
    it listed as if to learn)."""
    return tuple(f"{skill} (you have it)" if skill in had else skill for skill in skills)


OWN_ROLE_TASTER = "none here, as you already do this work."


def _tasters(report: Mapping[str, Any]) -> tuple[Taster, ...]:
    """A weekend project for the leader and the runner-up, when they show; then the
    named blend's own, when the bank gives one (the work where the two meet, which a
    person drawn to it most wants to try)."""
    tasters = [Taster(t["name"], t["taster"]) for t in report["tasters"] or ()]
    # The role the person already works in has none, and says why (a new user who works
    # as a data scientist looked for one and found nothing said).
    started = (report["next_steps"] or {}).get("background")
    pair = (report["ranking"][0]["role"], report["recommendation"]["runner_up"])
    if tasters and started in pair:
        name = next(r["name"] for r in report["ranking"] if r["role"] == started)
        tasters.insert(pair.index(started), Taster(name, OWN_ROLE_TASTER))
    hybrid = report["recommendation"]["hybrid"]
    if tasters and hybrid and hybrid.get("taster"):
        tasters.append(Taster(hybrid["name"], hybrid["taster"]))
    return tuple(tasters)


def _reasons(report: Mapping[str, Any], names: Mapping[str, str]) -> Reasons | None:
    """The answers that pulled toward the leader and toward the runner-up, grouped under
    the role ('Toward Data Scientist'), the pick's first, with unsigned fit points."""
    groups = []
    for key in ("for", "against"):
        reasons = report["reasons"][key]
        if reasons:
            groups.append(ReasonGroup(
                f"Toward {names[reasons[0]['toward']]}",
                tuple(ReasonLine(r["points"], r["question_short"], r["answer"])
                      for r in reasons)))
    if not groups:
        return None
    heading = "Why" if report["recommendation"]["role"] else "What leaned which way"
    first, second = report["ranking"][0]["role"], report["recommendation"]["runner_up"]
    if not report["reasons"]["for"]:  # only answers toward the runner-up
        first, second = second, first
    note = REASONS_NOTE.format(first=names[first], second=names[second])
    note += BOTH_WAYS if len(groups) == 2 else ""
    # (A new user added the three points shown, 14.1, and asked where the rest of a lead of
    # 25.6 came from: each answer's points add up to the lead, the ones shown are the
    # largest.)
    margin, answered = report["recommendation"]["margin"], report["coverage"]["answered"]
    if report["reasons"]["for"] and margin > 0 and answered > 1:
        # (Skips give no points: a new user who skipped two counted 11, read "all 9".)
        skips = " (skips give none)" if report["coverage"]["skipped"] else ""
        note += (f"; the largest are shown, and all {answered} of your answers{skips}"
                 f" together give the {margin:.1f}-point lead")
    return Reasons(heading, note, tuple(groups))


def _reading(report: Mapping[str, Any], names: Mapping[str, str]) -> Reading | None:
    """What reads as the verdict's pair, with what its ratios compare (two new users drawn
    to a blend and one torn user found nothing that said why it was not the leader)."""
    found, outcome = report["reasons"].get("reading"), report["outcome"]
    if not found or outcome["kind"] not in (TIE, BLEND):
        return None
    first, second = (names[r] for r in outcome["roles"])
    who = (f"torn between {first} and {second}" if outcome["kind"] == TIE
           else f"drawn to {outcome['name'] or 'the work where the two meet'}")
    heading = ("What reads as torn between the two" if outcome["kind"] == TIE else
               f"What reads as {outcome['name'] or 'the blend'}")
    note = (f"how many times likelier each answer is from someone {who} than from someone"
            f" whose main role is {names[found[0]['against']]}")
    return Reading(heading, note, tuple(ReasonLine(r["ratio"], r["question_short"], r["answer"])
                                        for r in found))


def _steps(steps: Mapping[str, Any], name: str) -> Steps:
    origin = steps["background_label"]
    route = None
    if steps["route"]:
        text, had = steps["route"], steps.get("route_already_have")
        if had:
            text += " " + ROUTE_HAD.format(skills="; ".join(had),
                                           them="it" if len(had) == 1 else "them")
        # (A label's own closing brackets, "Researcher or PhD (statistics, ...)", nested.)
        origin = origin.rsplit(" (", 1)[0] if origin and origin.endswith(")") else origin
        route = (f"From where you are ({origin})" if origin else "From where you are", text)
    # The skills left out of the priorities, less those the route's note names already
    # (a new user read "Experiment design" in both, one line apart).
    said = set(steps.get("route_already_have") or ()) if route else set()
    have = [h for h in steps.get("already_have_names") or steps.get("already_have") or ()
            if h not in said]
    left_out = ("Also left out, as you already do them: " if said else
                "Left out, as you already do them: ")
    salary = steps["salary"]
    return Steps(
        title=f"Next steps toward {name}",
        route=route,
        priorities=tuple(steps["skill_priorities"]),
        no_priorities=None if steps["skill_priorities"] else NO_PRIORITIES,
        already_have=(left_out + "; ".join(have)) if have else None,
        lists=tuple((title, ", ".join(steps[key])) for key, title in STEP_LISTS if steps[key]),
        pay=salary_text(salary),
        pay_note=salary["note"] or None,
    )
