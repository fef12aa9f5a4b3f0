"""The pre-parsed default bank: fresh, equal to the YAML, and never used once stale."""

from __future__ import annotations

import json
import shutil

import pytest

from careerfit.bank import compiled, default_data_dir, load_bank
from careerfit.bank.packed import unpack
from careerfit.engine import tables
from careerfit.engine.model import Model
from careerfit.engine.result import evaluate
from careerfit.simulation.simulate import people


def test_the_compiled_bank_is_fresh():
    """Rebuild from the YAML and compare: run `python -m careerfit.engine.tables` after
    editing data/questions.yaml or data/roles.yaml. Everything but the likelihood tables must
    match byte for byte. The tables are numpy's logs and exps, whose last bit depends on the
    CPU's vector instructions (AVX-512 or not) and numpy's version, so they match to 1e-12."""
    directory = default_data_dir()
    shipped = json.loads((directory / compiled.FILE_NAME).read_text(encoding="utf-8"))
    rebuilt = json.loads(compiled.dumps(tables.build(load_bank(directory, compiled=False))))
    shipped_tables, rebuilt_tables = shipped.pop("tables"), rebuilt.pop("tables")
    assert shipped == rebuilt
    assert shipped_tables.keys() == rebuilt_tables.keys()
    for question, options in rebuilt_tables.items():
        assert shipped_tables[question].keys() == options.keys(), question
        for option, rows in options.items():
            for shipped_row, rebuilt_row in zip(shipped_tables[question][option], rows,
                                                strict=True):
                assert unpack(shipped_row) == pytest.approx(unpack(rebuilt_row), rel=1e-12,
                                                            abs=1e-12), (question, option)


def test_compiled_and_yaml_banks_give_the_same_results():
    fast, slow = load_bank(), load_bank(default_data_dir(), compiled=False)
    assert fast.tables is not None and slow.tables is None
    assert fast.questions == slow.questions and fast.roles == slow.roles
    assert fast.blends == slow.blends and fast.traits == slow.traits
    for person in people(slow, 20, seed=4):
        a, b = evaluate(fast, person.picks), evaluate(slow, person.picks)
        # The fits are sums of weights, equal to the bit; the probability runs through the
        # tables (see test_the_compiled_bank_is_fresh).
        assert a.ranking == b.ranking and a.verdict.outcome.kind == b.verdict.outcome.kind
        assert a.probability == pytest.approx(b.probability, rel=1e-9)


def test_an_edited_bank_is_read_from_its_yaml(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(default_data_dir(), folder)
    assert compiled.load_compiled(folder) is not None
    questions = folder / "questions.yaml"
    questions.write_text(questions.read_text().replace(
        "Which rhythm of work suits you best?", "Which pace of work suits you best?"))
    assert compiled.load_compiled(folder) is None


def test_tables_from_another_model_are_ignored(monkeypatch):
    from careerfit.engine import model

    bank = compiled.load_compiled(default_data_dir())
    assert Model(bank)._compiled is not None
    monkeypatch.setattr(model, "model_signature", lambda: ["another model"])
    fresh = Model(bank)
    assert fresh._compiled is None
    picks = {"free-afternoon": ("dig-into-a-drop",)}
    assert fresh.posterior(picks).main == pytest.approx(Model(
        load_bank(default_data_dir(), compiled=False)).posterior(picks).main)
