"""The interactive quiz in-process: prompt_toolkit pipe input, keys queued up front."""

from __future__ import annotations

import json
from functools import partial

import pytest
import yaml
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from careerfit import ask, commands
from careerfit.commands import QuizOptions, run_quiz
from careerfit.errors import Interrupted
from careerfit.progress import progress_path
from helpers import CTRL_C, CTRL_D, ENTER, favourite, keys_for


@pytest.fixture
def keyboard(monkeypatch):
    """Make the quiz read keys from a pipe as if a terminal were attached."""
    with create_pipe_input() as pipe:
        monkeypatch.setattr(ask, "Prompter", partial(ask.Prompter, input=pipe,
                                                     output=DummyOutput()))
        monkeypatch.setattr(commands, "stdin_is_terminal", lambda: True)
        yield pipe


def whole_quiz_keys(bank, role):
    return "".join(keys_for(q, favourite(bank, q, role)) for q in bank.questions)


@pytest.mark.parametrize("role", ["data-scientist", "ml-engineer", "ai-engineer"])
def test_whole_quiz_with_keys_recommends_the_role(bank, keyboard, capsys, tmp_path, role):
    keyboard.send_text(whole_quiz_keys(bank, role) + ENTER)  # last ENTER confirms the review
    saved = tmp_path / "mine.yaml"
    run_quiz(QuizOptions(save=saved, json_output=True))
    report = json.loads(capsys.readouterr().out)
    assert report["recommendation"]["role"] == role
    written = yaml.safe_load(saved.read_text())["answers"]
    assert written == {q.id: (list(favourite(bank, q, role)) if q.kind == "multi"
                              else favourite(bank, q, role)[0]) for q in bank.questions}
    assert not progress_path().exists(), "a finished quiz clears its progress"


def test_not_sure_is_saved_as_skip(bank, keyboard, capsys, tmp_path):
    keys = "".join(keys_for(q, None) for q in bank.questions)
    keyboard.send_text(keys + ENTER)
    saved = tmp_path / "skips.yaml"
    run_quiz(QuizOptions(save=saved, json_output=True))
    report = json.loads(capsys.readouterr().out)
    assert set(yaml.safe_load(saved.read_text())["answers"].values()) == {"skip"}
    assert report["recommendation"] == {**report["recommendation"], "role": None,
                                        "confidence": "none"}


def test_review_changes_one_answer(bank, keyboard, capsys, tmp_path):
    role = "ml-engineer"
    on_call = bank.question("on-call-ok")
    position = [q.id for q in bank.questions].index("on-call-ok")
    review_keys = "\x1b[B" * (position + 1) + ENTER  # move past the confirm line to the question
    change = keys_for(on_call, ("strongly-disagree",), current=favourite(bank, on_call, role),
                      answered=True)
    keyboard.send_text(whole_quiz_keys(bank, role) + review_keys + change + ENTER)
    saved = tmp_path / "reviewed.yaml"
    run_quiz(QuizOptions(save=saved, json_output=True))
    capsys.readouterr()
    assert yaml.safe_load(saved.read_text())["answers"]["on-call-ok"] == "strongly-disagree"


def test_edit_preselects_saved_answers(bank, keyboard, capsys, tmp_path, monkeypatch):
    from helpers import EXAMPLES

    keyboard.send_text(ENTER * len(bank.questions) + ENTER)  # accept every saved answer
    out = tmp_path / "edited.yaml"
    run_quiz(QuizOptions(answers=EXAMPLES / "ai-engineer.yaml", edit=True, save=out,
                         json_output=True))
    capsys.readouterr()
    original = yaml.safe_load((EXAMPLES / "ai-engineer.yaml").read_text())["answers"]
    assert yaml.safe_load(out.read_text())["answers"] == original


@pytest.mark.parametrize("stop_key", [CTRL_C, CTRL_D])
@pytest.mark.parametrize("stop_at", [0, 13, 26])
def test_interrupt_keeps_answers_and_resume_finishes(bank, keyboard, capsys, tmp_path,
                                                     stop_key, stop_at):
    role = "ai-engineer"
    first = "".join(keys_for(q, favourite(bank, q, role)) for q in bank.questions[:stop_at])
    keyboard.send_text(first + stop_key)
    with pytest.raises(Interrupted) as stopped:
        run_quiz(QuizOptions(json_output=True))
    assert f"kept {stop_at} of {len(bank.questions)}" in str(stopped.value)
    assert "careerfit quiz --resume" in str(stopped.value)
    kept = yaml.safe_load(progress_path().read_text())["answers"]
    assert list(kept) == [q.id for q in bank.questions[:stop_at]]

    rest = "".join(keys_for(q, favourite(bank, q, role)) for q in bank.questions[stop_at:])
    keyboard.send_text(rest + ENTER)
    saved = tmp_path / "done.yaml"
    run_quiz(QuizOptions(resume=True, save=saved, json_output=True))
    report = json.loads(capsys.readouterr().out)
    assert report["recommendation"]["role"] == role
    final = yaml.safe_load(saved.read_text())["answers"]
    assert {k: final[k] for k in kept} == kept and len(final) == len(bank.questions)
    assert not progress_path().exists()


def test_resume_without_progress_is_a_clear_error(keyboard):
    with pytest.raises(Exception, match="no unfinished quiz"):
        run_quiz(QuizOptions(resume=True))


def test_quiz_on_another_bank_by_keys(keyboard, capsys):
    """The engine holds no hard-coded role: the small studio bank runs end to end."""
    from pathlib import Path

    from careerfit.bank import load_bank

    studio = Path(__file__).parent / "banks" / "studio"
    other = load_bank(studio)
    keyboard.send_text("".join(keys_for(q, favourite(other, q, "surveyor"))
                               for q in other.questions) + ENTER)
    run_quiz(QuizOptions(data=studio, json_output=True))
    report = json.loads(capsys.readouterr().out)
    assert report["recommendation"]["role"] == "surveyor"
    assert report["ranking"][0]["name"] == "Land Surveyor"
