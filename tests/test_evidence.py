"""What reads as a tie or a blend: the answers that made the pair likelier than the
leader alone, in the JSON and in every view (careerfit.engine.evidence)."""

from __future__ import annotations

import json

import pytest

from careerfit.bank import load_bank
from careerfit.engine.evidence import LEAST_RATIO, MOST_NAMED
from careerfit.engine.result import Evaluator
from careerfit.simulation.simulate import people
from helpers import EXAMPLES, ROLE_IDS, run

BANK = load_bank()


def _odds(posterior, verdict, alone) -> float:
    """The pair's chance over the chance that *alone* is the main role."""
    pair = frozenset(verdict.roles)
    chance = (posterior.ties if verdict.kind == "tie" else posterior.blends)[pair]
    return chance / posterior.main[alone]


def test_leaving_out_the_answer_named_first_makes_the_pair_less_likely_than_the_leader():
    """The answer named first really pushed toward the pair: without it, the odds of the
    tie or the blend against the leader alone fall, for every such simulated person."""
    evaluator = Evaluator(BANK)
    checked = 0
    for person in people(BANK, 200, seed=11):
        result = evaluator(person.picks)
        verdict = result.verdict
        if verdict.kind not in ("tie", "blend"):
            assert result.reading == ()
            continue
        assert 0 < len(result.reading) <= MOST_NAMED
        ratios = [found.ratio for found in result.reading]
        assert ratios == sorted(ratios, reverse=True) and ratios[-1] >= LEAST_RATIO
        # Compared with the pair's role likelier to be the main one (a torn user saw them
        # compared with the leader by fit, the less likely of the two).
        alone = result.reading[0].against
        assert alone == max(verdict.roles, key=lambda role: result.posterior.main[role])
        without = {**person.picks, result.reading[0].question: None}
        assert (_odds(evaluator.model.posterior(without), verdict, alone)
                < _odds(result.posterior, verdict, alone))
        checked += 1
    assert checked >= 30


@pytest.mark.parametrize("example", ["llm-platform", "torn-ds-mle", *ROLE_IDS])
def test_every_view_says_what_reads_as_the_pair(tmp_path, example):
    """Two new users drawn to a blend and one torn user found nothing that said why the
    result was not the leader alone; a one-role result has no such section."""
    answers = str(EXAMPLES / f"{example}.yaml")
    report = json.loads(run("quiz", "--answers", answers, "--json").stdout)
    reading = report["reasons"]["reading"]
    kind = report["outcome"]["kind"]
    assert bool(reading) == (kind in ("tie", "blend"))
    card = tmp_path / "card.md"
    run("quiz", "--answers", answers, "--export", str(card))
    views = {"screen": run("quiz", "--answers", answers, env={"COLUMNS": "200"}).stdout,
             "plain": run("quiz", "--answers", answers, "--plain").stdout,
             "markdown": card.read_text()}
    heading = ("What reads as torn between the two" if kind == "tie" else
               f"What reads as {report['outcome']['name']}")
    for name, text in views.items():
        assert (heading in text) == bool(reading), name
        for found in reading:
            assert found["question_short"] in text and f"{found['ratio']:.1f}" in text, name
