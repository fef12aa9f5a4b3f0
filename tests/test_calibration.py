"""Calibration on labelled people: the blind questionnaire, the labelled file, the fit,
calibration.yaml, person fit and ``careerfit calibrate``."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from careerfit.app.cli import app
from careerfit.bank import SKIP, load_bank
from careerfit.bank.calibration import HAND_SET, Calibration
from careerfit.base.errors import DataError, InputError
from careerfit.documents.answers import to_plain
from careerfit.documents.labelled import read_labelled
from careerfit.engine.fit import Labelled, Truth, fit, loss, truth_chance
from careerfit.engine.model import MISFIT_LZ, Model
from careerfit.simulation.simulate import people
from helpers import ROOT

sys.path.insert(0, str(ROOT / "validation"))
import questionnaire  # validation/ holds scripts, not a package

KINDS = {"pure": "main", "blend": "blend", "50/50": "tie"}


def _labelled(bank, count: int, seed: int) -> list[Labelled]:
    """Simulated people of the kinds with a truth, labelled as a corpus would be."""
    found = []
    for number, person in enumerate(people(bank, count * 4, seed=seed)):
        if person.persona not in KINDS:
            continue
        roles = tuple(sorted(person.blend if person.persona == "blend" else person.truth))
        found.append(Labelled(f"p{number}", person.persona, Truth(KINDS[person.persona], roles),
                              "fit" if number % 2 else "held-out", person.picks))
    return found[:count]


def _jsonl(bank, people_: list[Labelled]) -> str:
    return "".join(json.dumps({
        "id": p.id, "group": p.group, "split": p.split,
        "truth": {"kind": p.truth.kind, "roles": list(p.truth.roles)},
        "version": 2, "revision": bank.revision, "answers": to_plain(bank, p.picks)}) + "\n"
        for p in people_)


def test_blind_sheet_shows_no_ids_and_reads_letters_back(bank):
    items = questionnaire.sheet(bank, "someone")
    text = questionnaire.render(items)
    assert len(items) == len(bank.scored) + 1  # the background question too
    for question in bank.scored:
        assert question.id not in text  # ids never shown
    for trait in bank.traits:
        assert f"{trait.id}:" not in text
    # Answer the first option of every question, then read the letters back.
    reply = "\n".join(f"Q{n}: A" for n in range(1, len(items) + 1))
    answers = questionnaire.collect(items, reply)
    for item in items:
        label = item.labels[0]
        picked = answers[item.question.id]
        if item.pick_all:
            assert picked == [item.answer_ids[0]]
        else:
            assert picked == item.answer_ids[0]
            if item.question.kind == "pair":  # "Much rather: X" is X's own id
                side = next(o for o in item.question.sides if o.label in label)
                assert picked == side.id
    # The answers file it writes is one careerfit reads.
    from careerfit.bank.safeyaml import parse
    from careerfit.documents.answers import parse_answers

    doc = parse(questionnaire.answers_yaml(bank, answers), Path("sheet.yaml"))
    assert len(parse_answers(doc, bank).picks) == len(items)


def test_blind_sheet_order_is_the_persons_own(bank):
    first = [i.question.id for i in questionnaire.sheet(bank, "a")]
    again = [i.question.id for i in questionnaire.sheet(bank, "a")]
    other = [i.question.id for i in questionnaire.sheet(bank, "b")]
    assert first == again and first != other


def test_blind_reply_with_unknown_letter_is_refused(bank):
    items = questionnaire.sheet(bank, "x")
    with pytest.raises(ValueError, match="Q1: no option Z"):
        questionnaire.collect(items, "Q1: Z")
    assert questionnaire.collect(items, "")[items[0].question.id] in (SKIP, [])


def test_labelled_file_is_read_and_checked(bank, tmp_path):
    sample = _labelled(bank, 6, seed=4)
    path = tmp_path / "people.jsonl"
    path.write_text(_jsonl(bank, sample))
    read = read_labelled(path, bank)
    assert [p.id for p in read] == [p.id for p in sample]
    assert read[0].truth == sample[0].truth and read[0].picks == dict(sample[0].picks)
    bad = json.loads(path.read_text().splitlines()[0])
    bad["truth"] = {"kind": "main", "roles": ["astronaut"]}
    path.write_text(json.dumps(bad) + "\n")
    with pytest.raises(InputError, match=r"people.jsonl:1: a 'main' truth names 1 role"):
        read_labelled(path, bank)


def test_calibration_file_is_checked(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    (data / "bank.compiled.json").unlink()
    (data / "calibration.yaml").write_text(
        "version: 1\nsensitivity_scale: 9\nprior: {blend: 2, odd: 1}\n"
        "blends:\n  ml-engineer+ai-engineer: {llm-building: 2, flair: 1}\n")
    with pytest.raises(DataError) as caught:
        load_bank(data)
    message = str(caught.value)
    assert "calibration.yaml:2" in message and "'sensitivity_scale' must be a number" in message
    assert "unknown kind 'odd'" in message and "unknown trait 'flair'" in message


def test_a_heavier_blend_prior_makes_blends_likelier(bank):
    person = next(p for p in people(bank, 40, seed=2) if p.persona == "50/50")
    plain = Model(bank.recalibrated(HAND_SET)).posterior(person.picks)
    heavier = Model(bank.recalibrated(Calibration(prior={"blend": 3.0}))).posterior(
        person.picks)
    assert sum(heavier.blends.values()) > sum(plain.blends.values())
    assert sum(heavier.main.values()) <= sum(plain.main.values()) + 1e-12


def test_fit_lowers_the_loss_and_leaves_the_fits_alone(bank, monkeypatch):
    import careerfit.engine.fit as fitting

    monkeypatch.setattr(fitting, "ROUNDS", 1)
    sample = _labelled(bank, 8, seed=5)
    report = fit(bank, sample)
    assert report.after <= report.before
    assert loss(bank.recalibrated(report.calibration), sample) == pytest.approx(
        report.after, abs=0.05)
    for person in sample:
        chance = truth_chance(Model(bank).posterior(person.picks), person.truth)
        assert 0.0 <= chance <= 1.0
    # The fits come from roles.yaml alone, calibrated or not.
    from careerfit.engine.result import Evaluator

    calibrated = bank.recalibrated(report.calibration)
    for person in sample[:3]:
        assert (Evaluator(bank)(person.picks, explain=False).ranking
                == Evaluator(calibrated)(person.picks, explain=False).ranking)


def test_person_fit_flags_answers_no_kind_explains(bank):
    model = Model(bank)
    person = next(p for p in people(bank, 30, seed=7) if p.persona == "pure")
    consistent = model.person_fit(person.picks, model.posterior(person.picks))
    # The same person, every pick-one answer turned to the option they liked least.
    contrary = dict(person.picks)
    weights = model.posterior(person.picks).weights
    best = max(range(len(model.states)), key=weights.__getitem__)
    for question in bank.scored:
        chosen = contrary.get(question.id)
        if question.kind in ("choice", "scale", "pair") and chosen:
            rows = model.tables_for(question)
            contrary[question.id] = (min(rows, key=lambda o: rows[o][0][best]),)
    contradicted = model.person_fit(contrary, model.posterior(contrary))
    assert consistent > MISFIT_LZ
    assert contradicted < consistent


def test_calibrate_command_reports_held_out_and_writes(bank, tmp_path, monkeypatch):
    import careerfit.engine.fit as fitting

    monkeypatch.setattr(fitting, "ROUNDS", 1)
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    labelled = tmp_path / "people.jsonl"
    labelled.write_text(_jsonl(bank, _labelled(bank, 10, seed=6)))
    result = CliRunner().invoke(app, ["calibrate", str(labelled), "--data", str(data),
                                      "--json", "--write"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["fitting_people"] + report["held_out_people"] == 10
    assert report["fitting_people"] > 0 and report["held_out_people"] > 0
    assert set(report["held_out"]) == {"hand-set", "fitted"}
    assert report["written"] == str(data / "calibration.yaml")
    written = load_bank(data).calibration
    assert written.source.startswith("careerfit calibrate")


def test_fit_items_learns_how_strongly_questions_speak(monkeypatch):
    """On the small studio bank: every trial of a fit builds a model afresh, which on the
    full bank made this one test take 4 s."""
    import careerfit.engine.fit as fitting
    from careerfit.bank.calibration import SCALE_BOUNDS

    monkeypatch.setattr(fitting, "ROUNDS", 1)
    bank = load_bank(ROOT / "tests" / "banks" / "studio")
    sample = _labelled(bank, 6, seed=9)
    plain = fit(bank, sample)
    with_items = fit(bank, sample, with_items=True)
    assert plain.calibration.question_scale == {}
    assert with_items.after <= plain.after + 1e-9  # more freedom never fits worse here
    scales = with_items.calibration.question_scale
    assert scales and set(scales) <= {q.id for q in bank.scored}
    assert all(SCALE_BOUNDS[0] <= v <= SCALE_BOUNDS[1] for v in scales.values())
