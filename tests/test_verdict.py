"""One verdict: what careerfit says is decided once, adds up, and every view agrees on it."""

from __future__ import annotations

import io
from itertools import islice

import pytest
from rich.console import Console

from agreement import disagreements
from careerfit.base.vocabulary import BLEND, MAIN, NONE, TIE
from careerfit.documents.answers import AnswerSet, read_answers
from careerfit.documents.report import build_report, thousandths
from careerfit.engine.adaptive import Planner
from careerfit.engine.model import Posterior
from careerfit.engine.result import Evaluator
from careerfit.engine.verdict import decide
from careerfit.simulation.simulate import people
from careerfit.terminal.export import markdown_card
from careerfit.terminal.plain import plain_result
from careerfit.terminal.render import result_view
from careerfit.view.model import build_view
from helpers import EXAMPLES


@pytest.fixture(scope="module")
def evaluator(bank):
    return Evaluator(bank)


def renderings(view) -> dict[str, str]:
    """Every format a person reads (the SVG and HTML cards are recorded from the rich view)."""
    console = Console(width=1000, file=io.StringIO(), record=True, color_system=None)
    console.print(result_view(view, 1000))
    return {"rich": console.export_text(), "plain": plain_result(view),
            "markdown": markdown_card(view)}


def problems(bank, evaluator, answers: AnswerSet, render: bool) -> tuple[str, list[str]]:
    """The verdict's kind, and where the report, the view and its renderings disagree."""
    report = build_report(bank, evaluator(answers.picks), answers)
    view = build_view(report)
    return report["outcome"]["kind"], disagreements(report, view,
                                                    renderings(view) if render else {})


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_example_agrees_with_itself_in_every_view(bank, evaluator, path):
    assert problems(bank, evaluator, read_answers(path, bank), render=True)[1] == []


def test_simulated_people_agree_with_themselves(bank, evaluator):
    """200 people of every kind, 80 who skip most questions (few answers: the unsure
    cases), and 16 adaptive replays; every tenth rendered in every format. (3,000 people:
    python bench/agreement.py.)"""
    crowd = [*people(bank, 200, seed=25), *people(bank, 80, seed=26, skip_rate=0.8)]
    planner = Planner(bank, evaluator.model, evaluator.scorer)
    short = [AnswerSet(planner.replay(p.picks), adaptive=True)
             for p in islice(people(bank, 16, seed=27), 16)]
    sets = [AnswerSet(p.picks) for p in crowd] + short
    found = {}
    kinds = set()
    for n, answers in enumerate(sets):
        kind, wrong = problems(bank, evaluator, answers, render=n % 10 == 0)
        if wrong:
            found[n] = wrong
        kinds.add(kind)
    assert found == {}
    assert kinds == {MAIN, TIE, BLEND, NONE}  # every kind of verdict was checked


def test_chances_cover_every_outcome_and_add_up(bank, evaluator):
    roles, blends = len(bank.roles), sum(1 for b in bank.blends if b.profile)
    for person in people(bank, 30, seed=28):
        verdict = evaluator(person.picks, explain=False).verdict
        assert len(verdict.chances) == roles + roles * (roles - 1) // 2 + blends + 1
        assert sum(c.probability for c in verdict.chances) == pytest.approx(1.0)
        assert verdict.outcome in verdict.chances
        assert sum(thousandths([c.probability for c in verdict.chances])) == pytest.approx(1.0)


def test_the_verdict_is_the_likeliest_outcome_agreeing_with_the_fits(bank, evaluator):
    """decide picks among the four outcomes that agree with the fits without building
    the rest: it is the first of the sorted chances that agrees (the documented rule), and
    the notable few are the chances from that chance up, in the same order."""
    crowd = [*people(bank, 200, seed=31), *people(bank, 60, seed=32, skip_rate=0.8)]
    for person in crowd:
        result = evaluator(person.picks, explain=False)
        verdict = result.verdict
        if not verdict.answered:
            continue
        top = ((result.leader,), (result.leader, result.runner_up))
        assert verdict.outcome == next(c for c in verdict.chances
                                       if c.kind == NONE or c.roles in top)
        for chance in (0.0, 0.05, 0.3):
            assert verdict.chances.from_chance(chance) == [
                c for c in verdict.chances if c.probability >= chance]
        assert verdict.chances.main(result.leader) in verdict.chances


def _posterior(bank, main, ties=(), blends=()):
    roles = [r.id for r in bank.roles]
    pairs = [frozenset(p) for p in (("data-scientist", "ml-engineer"),
                                    ("data-scientist", "ai-engineer"),
                                    ("ml-engineer", "ai-engineer"))]
    return Posterior(dict(zip(roles, main, strict=True)),
                     dict(zip(pairs, ties or (0.0,) * 3, strict=True)), (),
                     dict(zip(pairs, blends or (0.0,) * 3, strict=True)))


BY_FIT = (("ml-engineer", 60.0), ("ai-engineer", 59.0), ("data-scientist", 40.0))


def test_the_verdict_is_the_likeliest_outcome_never_none_by_a_threshold(bank):
    """Each outcome below 0.4 no longer makes 'none' (at 0.11, the least likely) the verdict."""
    posterior = _posterior(bank, (0.05, 0.3, 0.2), blends=(0.0, 0.0, 0.34))
    verdict = decide(bank, posterior, BY_FIT, answered=20)
    assert (verdict.kind, verdict.roles) == (BLEND, ("ml-engineer", "ai-engineer"))
    assert verdict.outcome == verdict.chances[0]
    assert verdict.confidence == "low" and verdict.flagged


def test_a_blend_at_0999_is_a_sure_blend(bank):
    posterior = _posterior(bank, (0.0, 0.0005, 0.0), blends=(0.0, 0.0, 0.9995))
    verdict = decide(bank, posterior, BY_FIT, answered=20)
    assert (verdict.kind, verdict.confidence, verdict.pick_confidence) == (BLEND, "high", "low")


def test_the_verdict_never_leads_with_a_role_the_fits_put_lower(bank):
    """The documented rule: when the likeliest outcome disagrees with the fits (here Data
    Scientist, third by fit), the verdict is the likeliest that agrees with them."""
    posterior = _posterior(bank, (0.5, 0.3, 0.1), ties=(0.0, 0.0, 0.05))
    verdict = decide(bank, posterior, BY_FIT, answered=20)
    assert verdict.chances[0].roles == ("data-scientist",)
    assert (verdict.kind, verdict.roles, verdict.confidence) == (MAIN, ("ml-engineer",), "low")


def test_nothing_answered_is_none(bank):
    verdict = decide(bank, _posterior(bank, (0.2, 0.2, 0.2)), BY_FIT, answered=0)
    assert verdict.kind == NONE and not verdict.tasters and not verdict.compare


def test_a_tie_reads_as_a_tie_everywhere(bank, evaluator):
    answers = read_answers(EXAMPLES / "torn-ds-mle.yaml", bank)
    report = build_report(bank, evaluator(answers.picks), answers)
    assert report["outcome"]["kind"] == TIE and report["outcome"]["confidence"] == "high"
    text = plain_result(build_view(report))
    # Said with what it is the chance of: a new user read "Torn between: AI Engineer and
    # Machine Learning Engineer, confidence: high" as sure to be an AI engineer.
    assert (f"Confidence: high (probability {report['outcome']['probability']:.3f} that you"
            " are torn between the two)") in text
    # The blend is offered as a way not to choose (a torn user read "a role that blends
    # both may suit you" as taking back "torn").
    assert "If you would rather not choose, some jobs combine the two: Applied Scientist." in text
    # ...and the command that sets the two roles side by side (a torn user found it only
    # in the README).
    assert ("To compare the two roles: careerfit roles --compare ml-engineer data-scientist."
            in text)


def test_a_low_confidence_pick_names_the_likeliest_other_reading(bank, evaluator):
    """'ML Engineer leads, but not surely: your answers leave room for Data Scientist' sat
    beside 'about 82 are drawn to ... LLM platform engineering': the summary now names the
    reading the chances put second, as the sureness sentence does."""
    from careerfit.view.words import reading, summary_sentence

    checked = 0
    for person in people(bank, 400, seed=41):
        result = evaluator(person.picks, explain=False)
        verdict = result.verdict
        if verdict.kind != MAIN or verdict.confidence != "low":
            continue
        checked += 1
        other = next(c for c in verdict.chances if c != verdict.outcome)
        said = summary_sentence(bank, result, person.picks)
        names = {r.id: r.name for r in bank.roles}
        assert said.endswith(f"not surely: the next likeliest reading is"
                             f" {reading(other._asdict(), names)}.")
    assert checked >= 3


def test_the_leaders_blend_with_the_third_role_is_named_and_compared_with_it(bank, evaluator):
    """A blend's own profile is not an even mix of its two roles, so someone drawn to the
    leader's blend with the role third by fit is told so (not given a low pick of the
    leader beside a sureness sentence that names the blend), and that role is the
    runner-up everywhere: margin, what-if, tasters, next steps compared, the words."""
    answers = read_answers(EXAMPLES / "ml-engineer.yaml", bank)
    scores = evaluator.scorer.score(answers.picks)
    (leader, fit), (second, _), (third, third_fit) = evaluator.scorer.ranking(scores.fits)
    model = evaluator.model
    posterior = Posterior({r: 0.15 if r == leader else 0.05 for r in model.roles},
                          {key: 0.0 for key in model.tie_keys}, (),
                          {key: 0.7 if key == {leader, third} else 0.0
                           for key in model.blend_keys})
    result = evaluator.conclude(answers.picks, scores, posterior, person_fit=0.0)
    blend = bank.blend(leader, third)
    assert (result.verdict.kind, result.verdict.roles) == (BLEND, (leader, third))
    assert result.runner_up == third and result.hybrid == blend

    report = build_report(bank, result, answers)
    view = build_view(report)
    assert disagreements(report, view, renderings(view)) == []
    recommendation = report["recommendation"]
    assert recommendation["runner_up"] == third != second
    assert recommendation["margin"] == round(round(fit, 1) - round(third_fit, 1), 1)
    assert report["what_if"]["target"] == third
    assert [t["role"] for t in report["tasters"]] == [leader, third]
    assert [s["role"] for s in report["next_steps_compared"]] == [leader, third]
    assert f"Drawn to: {blend.name}" in plain_result(view)


def test_a_tie_with_a_fit_lead_says_both_and_does_not_deny_the_lead(bank, evaluator):
    """A new user read 'your answers can't separate them' above a fit lead of 8.8 points.
    A tie is the likeliest reading of the answers; the summary now gives the lead too."""
    from careerfit.view.words import shown_margin, summary_sentence

    ties = [(result, shown_margin(result))
            for person in people(bank, 100, seed=31)
            if (result := evaluator(person.picks, explain=False)).verdict.kind == TIE]
    wide = [(result, margin) for result, margin in ties if margin >= 1.0]
    assert wide, "no tie with a visible fit lead among 100 simulated people"
    for result, margin in wide:
        said = summary_sentence(bank, result, {})
        leader = bank.role(result.leader).name
        assert f"{leader} fits {margin} points better" in said and "can't separate" not in said
