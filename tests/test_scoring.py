"""The scoring model's promises, checked over generated answer sets (hypothesis)."""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from careerfit.bank import load_bank
from careerfit.bank.safeyaml import Document
from careerfit.documents.answers import parse_answers, read_answers, to_plain
from careerfit.engine.result import Evaluator, evaluate
from careerfit.engine.scoring import Scorer
from helpers import EXAMPLES, ROLE_IDS, favourite
from helpers import answer_sets as answer_sets_of

BANK = load_bank()
# Built once: the properties below are of the fits and the ranking, which every answer set
# gets from the same scorer (no reasons or what-if needed for them).
SCORER = Scorer(BANK)
EVALUATE = Evaluator(BANK)
SETTINGS = settings(max_examples=100, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


answer_sets = answer_sets_of(BANK)


@SETTINGS
@given(answer_sets)
def test_fit_is_always_between_0_and_100(picks):
    result = EVALUATE(picks, explain=False)
    assert all(0.0 <= fit <= 100.0 for _, fit in result.ranking)
    assert [r for r, _ in result.ranking] and len(result.ranking) == len(BANK.roles)


@SETTINGS
@given(answer_sets, st.randoms())
def test_order_of_answers_never_matters(picks, rng):
    items = list(picks.items())
    rng.shuffle(items)
    assert (EVALUATE(dict(items), explain=False).ranking
            == EVALUATE(picks, explain=False).ranking)


@SETTINGS
@given(answer_sets_of(BANK, partial=True), st.randoms())
def test_answers_read_in_any_order_and_spelling_give_the_same_picks_in_bank_order(picks, rng):
    """Keys in any order, pick-all lists in any order: the same picks, in bank order (the
    usual form is looked up, anything else checked answer by answer; both must agree)."""
    plain = list(to_plain(BANK, picks).items())
    rng.shuffle(plain)
    written = {qid: rng.sample(value, len(value)) if isinstance(value, list) else value
               for qid, value in plain}
    assume(written)  # an adaptive file with no answers is refused (test_batch.py)
    answers = parse_answers(Document("gen", {"version": 2, "revision": BANK.revision,
                                             "adaptive": True, "answers": written}, {}), BANK)
    in_bank_order = {q.id: picks[q.id] for q in BANK.questions if q.id in picks}
    assert list(answers.picks.items()) == list(in_bank_order.items())


@SETTINGS
@given(answer_sets, st.sampled_from([q.id for q in BANK.scored]), st.sampled_from(ROLE_IDS))
def test_strengthening_an_answer_toward_a_role_never_lowers_its_fit(picks, qid, role):
    """Replacing an answer with one that moves every trait the way the role weighs it
    (up where its weight is positive, down where negative) never lowers its fit.

    That is the model's promise; a change that trades one valued trait for another may
    go either way, since each trait is scaled by how much the answered questions reach it.
    """
    question = BANK.question(qid)
    assume(picks[qid] is not None)
    from careerfit.engine.scoring import contribution

    profile = BANK.role(role).profile
    now = contribution(question, picks[qid])
    stronger = favourite(BANK, question, role)
    then = contribution(question, stronger)
    moves = {t: then.get(t, 0.0) - now.get(t, 0.0) for t in now.keys() | then.keys()}
    assume(not any(moves[t] * profile.get(t, 0.0) < 0 for t in moves))  # a trade, not a gain
    before = SCORER.score(picks, shares=False)
    after = SCORER.score(dict(picks, **{qid: stronger}), shares=False)
    assert after.fits[role] >= before.fits[role] - 1e-9


@SETTINGS
@given(answer_sets, st.sampled_from([q.id for q in BANK.scored if q.kind == "scale"]))
def test_one_step_along_a_scale_moves_fits_in_the_items_direction(picks, qid):
    question = BANK.question(qid)
    points = list(question.option_ids)
    current = picks[qid]
    assume(current is not None and current[0] != points[-1])
    stronger = dict(picks, **{qid: (points[points.index(current[0]) + 1],)})
    before, after = SCORER.score(picks, shares=False), SCORER.score(stronger, shares=False)
    effects = question.options[-1].effects
    for role in BANK.roles:
        lean = sum(role.profile.get(t, 0) * w for t, w in effects.items())
        if lean > 0:
            assert after.fits[role.id] >= before.fits[role.id] - 1e-9
        elif lean < 0:
            assert after.fits[role.id] <= before.fits[role.id] + 1e-9


@SETTINGS
@given(answer_sets)
def test_shares_add_up_to_each_fit(picks):
    scores = SCORER.score(picks)
    for role, fit in scores.fits.items():
        assert math.isclose(50 + sum(s[role] for s in scores.shares.values()), fit,
                            abs_tol=1e-6)


@pytest.mark.parametrize("role", ROLE_IDS)
def test_each_example_recommends_its_role_with_high_confidence(role):
    picks = read_answers(EXAMPLES / f"{role}.yaml", BANK).picks
    result = evaluate(BANK, picks)
    assert result.recommended == role
    assert result.confidence == "high"


@pytest.mark.parametrize("role", ROLE_IDS)
def test_someone_who_is_all_one_role_gets_that_role(role):
    picks = {q.id: favourite(BANK, q, role) for q in BANK.questions}
    assert evaluate(BANK, picks).recommended == role


def test_everything_skipped_gives_no_pick():
    result = evaluate(BANK, dict.fromkeys((q.id for q in BANK.questions), None))
    assert result.confidence == "none"
    assert result.recommended is None
    assert {fit for _, fit in result.ranking} == {50.0}


@pytest.mark.parametrize("point", ["strongly-agree", "agree", "disagree", "strongly-disagree"])
def test_same_strength_for_every_answer_is_not_a_confident_pick(point):
    picks = {q.id: (point,) if q.kind == "scale" else None for q in BANK.questions}
    assert evaluate(BANK, picks).confidence in ("none", "low")


def test_fit_is_comparable_whatever_number_of_questions_touch_a_role():
    """Answering only the questions about one role still gives that role a top fit."""
    for role in ROLE_IDS:
        picks = {}
        for question in BANK.scored:
            answer = favourite(BANK, question, role)
            gain = Scorer(BANK).shares_of(
                {t: w for o in answer for t, w in question.option(o).effects.items()},
                Scorer(BANK).score({question.id: answer}).coefficients)
            if max(gain, key=gain.get) == role:
                picks[question.id] = answer
        result = evaluate(BANK, picks)
        assert result.leader == role
        assert result.ranking[0][1] > 75


@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(0, 100), min_size=3, max_size=3), st.floats(1, 99))
def test_a_role_that_leads_is_ranked_first_and_noise_is_no_lead(values, fit):
    """What the what-if calls 'strictly ahead' is what the ranking puts first; fits apart
    only by rounding noise count as equal and keep the bank's role order."""
    scorer = Scorer(load_bank())
    roles = [r.id for r in scorer.bank.roles]
    fits = dict(zip(roles, values, strict=True))
    for role in roles:
        if scorer.leads(fits, role):
            assert scorer.ranking(fits)[0][0] == role
    noisy = {roles[0]: fit - 1e-12, roles[1]: fit, roles[2]: fit - 1}  # last bits apart
    assert scorer.ranking(noisy)[0][0] == roles[0]
    assert not scorer.leads(noisy, roles[1]) and not scorer.leads(noisy, roles[0])


def test_a_pick_all_answer_is_found_alike_as_a_list_or_a_tuple():
    """The look-up of written answers takes the list a file holds through [], get() and
    'in' alike (get and 'in' used to raise TypeError on a list)."""
    question = next(q for q in BANK.questions if q.kind == "multi")
    lookup = BANK.answer_lookup[question.id]
    written = list(question.option_ids[:2])
    assert lookup[written] == lookup[tuple(written)] == tuple(written)
    assert lookup.get(written) == tuple(written) and written in lookup
    assert lookup.get(["not-an-option"]) is None and ["not-an-option"] not in lookup
