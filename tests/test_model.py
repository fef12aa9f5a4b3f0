"""The response model, the simulator and the stated probability.

The validity check runs the benchmark's measure on a fixed, smaller sample
(1,400 people, seed 7). Tolerance: 0.03 on the ECE and 5 percentage points on
each share, about three standard errors at this sample size; bench/validity.py
gives the full-size figures quoted in the README.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from careerfit.bank import load_bank
from careerfit.documents.answers import read_answers
from careerfit.engine.model import Model, leaning, personas
from careerfit.engine.result import Evaluator
from careerfit.simulation.simulate import off_model_profiles, people, profiles
from careerfit.simulation.validity import measure
from helpers import EXAMPLES, ROLE_IDS, run

STUDIO = Path(__file__).parent / "banks" / "studio"


def test_personas_and_their_outcomes():
    found = personas(3, 3)
    assert [k.name for k in found].count("70/30") == 6
    assert [k.name for k in found].count("blend") == 3 and len(found) == 3 + 6 + 3 + 1 + 3
    assert all(len(k.mix) == 6 for k in found)
    assert leaning((0.7, 0.3, 0.0)).main == 0
    assert leaning((0.5, 0.5, 0.0)).pair == (0, 1)
    assert leaning((1 / 3, 1 / 3, 1 / 3)) == (None, None, None)
    # the blends' shares come after the roles'
    assert leaning((0.0, 0.0, 0.0, 0.0, 1.0, 0.0), role_count=3) == (None, None, 1)
    assert leaning((0.5, 0.5, 0.0, 0.0, 0.0, 0.0), role_count=3).pair == (0, 1)


def test_simulator_is_seeded(bank):
    first = [p.picks for p in people(bank, 30, seed=5)]
    again = [p.picks for p in people(bank, 30, seed=5)]
    other = [p.picks for p in people(bank, 30, seed=6)]
    assert first == again and first != other
    assert all(set(p) == {q.id for q in bank.questions} for p in first)


def test_simulator_and_model_work_on_another_bank():
    studio = load_bank(STUDIO)
    evaluate = Evaluator(studio)
    pure = [p for p in people(studio, 60, seed=3, personas=("pure",))]
    right = sum(evaluate(p.picks, explain=False).leader == p.truth[0] for p in pure)
    assert right >= 50
    assert {p.truth for p in profiles(studio) if p.persona == "pure"} == {
        (r.id,) for r in studio.roles}


def test_probabilities_are_a_distribution(bank):
    model = Model(bank)
    for person in people(bank, 40, seed=11):
        posterior = model.posterior(person.picks)
        total = (sum(posterior.main.values()) + sum(posterior.ties.values())
                 + sum(posterior.blends.values()) + posterior.unclear)
        assert total == pytest.approx(1.0)
        assert len(posterior.blends) == len(bank.blends)
        assert all(0.0 <= p <= 1.0 for p in posterior.main.values())


def test_nothing_answered_says_nothing(bank):
    result = Evaluator(bank)({q.id: None for q in bank.questions})
    assert result.confidence == "none" and result.recommended is None
    # The prior alone: the leader is main in its pure persona and its two 70/30 personas,
    # of 16 (13 mixtures of the roles and 3 blends) at 3 sensitivities, plus one state
    # answering at random.
    assert result.probability == pytest.approx(3 * 3 / (16 * 3 + 1))
    assert result.outcome.kind == "none"


def test_validity_on_a_fixed_sample(bank):
    evaluator = Evaluator(bank)
    validity = measure(bank, people(bank, 1400, seed=7), evaluator)
    assert validity.ece <= 0.05 + 0.03
    assert validity.share(["pure"], "high_right") >= 0.95 - 0.05
    # 90% with the hand-set model; the calibrated one trades some 70/30 'high' picks for
    # blends it names on real people (docs/model.md, 'Calibration').
    assert validity.share(["pure", "70/30"], "high_right") >= 0.85 - 0.05
    assert validity.share(["pure"], "hybrid") <= 0.05 + 0.05
    assert validity.share(["50/50"], "flagged") >= 0.85 - 0.05
    assert validity.share(["50/50"], "high") <= 0.05 + 0.05
    assert validity.share(["equal", "random"], "low_none") >= 0.85 - 0.05
    assert validity.share(["blend"], "right_blend") >= 0.85 - 0.05
    assert validity.share(["blend"], "high") <= 0.10 + 0.05
    between = measure(bank, people(bank, 240, seed=8, pool=off_model_profiles(bank)), evaluator)
    assert between.share(["85/15"], "high_right") >= 0.9 - 0.05  # (40 people: the
    # same sampling allowance as above; bench/validity.py measures 375)
    assert between.share(["60/40"], "high") <= 0.6  # between personas: rarely sure


@pytest.mark.parametrize("role", ROLE_IDS)
def test_examples_are_sure_of_their_own_role(role):
    report = json.loads(run("quiz", "--answers", str(EXAMPLES / f"{role}.yaml"), "--json").stdout)
    rec = report["recommendation"]
    assert rec["role"] == role and rec["confidence"] == "high"
    assert 0.9 <= rec["probability"] <= 0.999
    assert "Of 100 people who answer as you did" in rec["sureness"]


def test_someone_torn_between_two_roles_is_told_so():
    result = run("quiz", "--answers", str(EXAMPLES / "torn-ds-mle.yaml"), "--json")
    report = json.loads(result.stdout)
    rec = report["recommendation"]
    assert rec["confidence"] == "low"
    assert rec["hybrid"]["name"] == "Applied Scientist"
    assert rec["hybrid"]["roles"] == ["data-scientist", "ml-engineer"]
    assert rec["hybrid"]["probability"] >= 0.5 and rec["probability"] < 0.7
    assert report["outcome"]["kind"] == "tie"
    assert sorted(report["outcome"]["roles"]) == ["data-scientist", "ml-engineer"]
    assert report["outcome"]["name"] == "Applied Scientist"
    assert report["outcome"]["probability"] >= 0.5
    assert "You like both kinds of work" in rec["summary"]
    screen = run("quiz", "--answers", str(EXAMPLES / "torn-ds-mle.yaml")).stdout
    assert "You like both kinds of work" in screen and "Applied Scientist" in screen


def test_someone_drawn_to_a_blend_is_told_so_with_its_name():
    result = run("quiz", "--answers", str(EXAMPLES / "llm-platform.yaml"), "--json")
    report = json.loads(result.stdout)
    rec = report["recommendation"]
    assert rec["confidence"] != "high"
    assert report["outcome"]["kind"] == "blend"
    assert sorted(report["outcome"]["roles"]) == ["ai-engineer", "ml-engineer"]
    assert report["outcome"]["name"] == "LLM platform engineering"
    assert report["outcome"]["probability"] >= 0.5
    assert rec["hybrid"]["name"] == "LLM platform engineering"
    assert "drawn to the work where" in rec["summary"]
    assert [t["role"] for t in report["tasters"]] == [r["role"] for r in report["ranking"][:2]]
    screen = run("quiz", "--answers", str(EXAMPLES / "llm-platform.yaml")).stdout
    assert "drawn to the work where" in screen and "LLM platform engineering" in screen


def test_answers_saved_before_the_pair_questions_still_score(bank):
    old = Path(__file__).parent / "answers" / "v1-ml-engineer.yaml"
    loaded = read_answers(old, bank)
    assert loaded.missing == () and loaded.revision == 1
    assert set(loaded.newer) == {q.id for q in bank.questions if q.added > 1}
    result = run("quiz", "--answers", str(old), "--json")
    assert result.returncode == 0
    assert json.loads(result.stdout)["recommendation"]["role"] == "ml-engineer"
    assert "newer question" in result.stderr and "--edit" in result.stderr


def test_adaptive_stop_on_a_fixed_sample(bank):
    """The adaptive replay: short for clear people, and the same leader as the whole bank."""
    from careerfit.simulation.validity import measure_adaptive

    adaptive = measure_adaptive(bank, people(bank, 45, seed=5, personas=("pure", "70/30")))
    assert adaptive.quantile(["pure"], 0.5) <= 10
    assert adaptive.quantile(["pure", "70/30"], 0.5) <= 10 + 2
    # Three standard errors of a 0.95 share in 45 people (0.097), as the module's rule
    # says: 0.05 was 1.5, and seeds 5 to 8 give 0.89 to 1.0 on an unchanged model.
    assert adaptive.share(["pure", "70/30"], "same_leader") >= 0.95 - 3 * (0.95 * 0.05 / 45) ** 0.5
    assert min(adaptive.asked["pure"]) >= 6  # at least six scored answers


def test_the_stop_comes_early_for_people_between_roles_too(bank):
    """Torn, blend and random people finish in about as many questions as clear ones, and
    hear what the whole bank would have told them (bench/validity.py measures 10,000)."""
    from careerfit.simulation.validity import measure_adaptive

    kinds = ("50/50", "blend", "random")
    adaptive = measure_adaptive(bank, people(bank, 36, seed=9, personas=kinds))
    for kind in kinds:
        assert adaptive.quantile([kind], 0.5) <= 20, kind
        assert adaptive.quantile([kind], 0.9) < len(bank.questions), kind
    assert adaptive.share(list(kinds), "same_verdict") >= 0.95 - 0.07
