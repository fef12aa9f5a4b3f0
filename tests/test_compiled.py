"""The pre-parsed default bank: fresh, equal to the YAML, and never used once stale."""

from __future__ import annotations

import shutil

import pytest

from careerfit.bank import compiled, default_data_dir, load_bank
from careerfit.engine import tables
from careerfit.engine.model import Model
from careerfit.engine.result import evaluate
from careerfit.simulation.simulate import people


def test_the_compiled_bank_is_fresh():
    """Rebuild from the YAML and compare byte for byte: run `python -m careerfit.engine.tables`
    after editing data/questions.yaml or data/roles.yaml."""
    directory = default_data_dir()
    rebuilt = compiled.dumps(tables.build(load_bank(directory, compiled=False)))
    assert (directory / compiled.FILE_NAME).read_text(encoding="utf-8") == rebuilt


def test_compiled_and_yaml_banks_give_the_same_results():
    fast, slow = load_bank(), load_bank(default_data_dir(), compiled=False)
    assert fast.tables is not None and slow.tables is None
    assert fast.questions == slow.questions and fast.roles == slow.roles
    assert fast.blends == slow.blends and fast.traits == slow.traits
    for person in people(slow, 20, seed=4):
        a, b = evaluate(fast, person.picks), evaluate(slow, person.picks)
        assert a.ranking == b.ranking and a.probability == b.probability


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
