"""The interactive quiz in-process: prompt_toolkit pipe input, keys queued up front."""

from __future__ import annotations

import gc
import io
import json
from functools import partial

import pytest
import yaml
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from careerfit.app import commands
from careerfit.app.commands import QuizOptions, run_quiz
from careerfit.base import startup
from careerfit.base.errors import Interrupted
from careerfit.documents.progress import progress_path
from careerfit.terminal import ask
from careerfit.terminal.plain import PlainPrompter
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
    run_quiz(QuizOptions(save=saved, json_output=True, full=True))
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
    run_quiz(QuizOptions(save=saved, json_output=True, full=True))
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
    run_quiz(QuizOptions(save=saved, json_output=True, full=True))
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
@pytest.mark.parametrize("stop_at", [1, 22, 44])
def test_interrupt_keeps_answers_and_resume_finishes(bank, keyboard, capsys, tmp_path,
                                                     stop_key, stop_at):
    role = "ai-engineer"
    first = "".join(keys_for(q, favourite(bank, q, role)) for q in bank.questions[:stop_at])
    keyboard.send_text(first + stop_key)
    with pytest.raises(Interrupted) as stopped:
        run_quiz(QuizOptions(json_output=True, full=True))
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


def leave_half_way(bank, keyboard, role, count):
    """Answer the first *count* questions of a whole-bank quiz as a pure *role*, then Ctrl-C."""
    keyboard.send_text("".join(keys_for(q, favourite(bank, q, role))
                               for q in bank.questions[:count]) + CTRL_C)
    with pytest.raises(Interrupted, match=f"kept {count} of"):
        run_quiz(QuizOptions(json_output=True, full=True))


@pytest.mark.parametrize("stop_key", [CTRL_C, CTRL_D])
def test_stopping_before_the_first_answer_keeps_the_earlier_unfinished_quiz(
        bank, keyboard, stop_key):
    leave_half_way(bank, keyboard, "ai-engineer", 22)
    earlier = progress_path().read_text()
    keyboard.send_text("n" + stop_key)  # No: start a new quiz; then stop at its first question
    with pytest.raises(Interrupted, match="before the first answer; nothing was kept"):
        run_quiz(QuizOptions(json_output=True))
    assert progress_path().read_text() == earlier


@pytest.mark.parametrize("stop_key", [CTRL_C, CTRL_D])
def test_stopping_at_the_offer_to_continue_changes_nothing(bank, keyboard, stop_key):
    leave_half_way(bank, keyboard, "ml-engineer", 5)
    earlier = progress_path().read_text()
    keyboard.send_text(stop_key)
    with pytest.raises(Interrupted, match="the unfinished quiz is kept as it was"):
        run_quiz(QuizOptions(json_output=True))
    assert progress_path().read_text() == earlier


def test_an_unreadable_unfinished_quiz_is_not_offered(keyboard):
    progress_path().parent.mkdir(parents=True, exist_ok=True)
    progress_path().write_text("answers: [this is: not, a mapping\n")
    keyboard.send_text(CTRL_C)  # the first key goes to the first question, not to an offer
    with pytest.raises(Interrupted, match="before the first answer"):
        run_quiz(QuizOptions(json_output=True))


def test_a_new_quiz_offers_to_continue_the_unfinished_one(bank, keyboard, capsys, tmp_path):
    role = "data-scientist"
    leave_half_way(bank, keyboard, role, 22)
    kept = yaml.safe_load(progress_path().read_text())["answers"]
    rest = "".join(keys_for(q, favourite(bank, q, role)) for q in bank.questions[22:])
    keyboard.send_text(ENTER + rest + ENTER)  # Enter: yes, continue it; then the review
    saved = tmp_path / "done.yaml"
    run_quiz(QuizOptions(save=saved, json_output=True))
    assert json.loads(capsys.readouterr().out)["recommendation"]["role"] == role
    final = yaml.safe_load(saved.read_text())["answers"]
    assert {k: final[k] for k in kept} == kept and len(final) == len(bank.questions)
    assert not progress_path().exists()


@pytest.mark.parametrize(("typed", "default", "meant"), [
    ("\n", True, True), ("\n", False, False), ("n\n", True, False), ("yes\n", False, True)])
def test_plain_yes_no_takes_enter_as_its_default(typed, default, meant):
    shown = io.StringIO()
    prompter = PlainPrompter(input=io.StringIO(typed), output=shown)
    assert prompter.confirm("Continue it?", default=default) is meant
    assert ("(Y/n)" if default else "(y/N)") in shown.getvalue()


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
    run_quiz(QuizOptions(data=studio, json_output=True, full=True))
    report = json.loads(capsys.readouterr().out)
    assert report["recommendation"]["role"] == "surveyor"
    assert report["ranking"][0]["name"] == "Land Surveyor"


def adaptive_keys(bank, role):
    """Keys for the questions the adaptive quiz asks a pure *role*, in its order."""
    from careerfit.engine.adaptive import Planner

    everything = {q.id: favourite(bank, q, role) for q in bank.questions}
    asked = Planner(bank).replay(everything)
    return asked, "".join(keys_for(bank.question(q), a) for q, a in asked.items())


@pytest.mark.parametrize("role", ["data-scientist", "ml-engineer", "ai-engineer"])
def test_adaptive_quiz_by_keys_stops_when_sure(bank, keyboard, capsys, tmp_path, role):
    asked, keys = adaptive_keys(bank, role)
    keyboard.send_text(keys + ENTER + ENTER)  # No to 'a few more', then confirm the review
    saved = tmp_path / "short.yaml"
    run_quiz(QuizOptions(save=saved, json_output=True))
    report = json.loads(capsys.readouterr().out)
    assert report["recommendation"]["role"] == role
    assert report["recommendation"]["confidence"] == "high"
    assert report["recommendation"]["probability"] >= 0.95
    assert report["coverage"]["asked"] == len(asked) < len(bank.questions)
    assert report["coverage"]["stopped_early"] is True
    written = yaml.safe_load(saved.read_text())
    assert written["adaptive"] is True and set(written["answers"]) == set(asked)


def test_adaptive_stop_and_resume_in_process(bank, keyboard, capsys):
    asked, _ = adaptive_keys(bank, "ml-engineer")
    first = list(asked)[:4]
    keyboard.send_text("".join(keys_for(bank.question(q), asked[q]) for q in first) + CTRL_C)
    with pytest.raises(Interrupted) as stopped:
        run_quiz(QuizOptions(json_output=True))
    assert "kept 4 answers" in str(stopped.value)
    progress = yaml.safe_load(progress_path().read_text())
    assert progress["adaptive"] is True and list(progress["answers"]) == [
        q.id for q in bank.questions if q.id in first]
    rest = [q for q in asked if q not in first]
    keyboard.send_text("".join(keys_for(bank.question(q), asked[q]) for q in rest)
                       + ENTER + ENTER)
    run_quiz(QuizOptions(resume=True, json_output=True))
    report = json.loads(capsys.readouterr().out)
    assert report["recommendation"]["role"] == "ml-engineer"
    assert report["coverage"]["asked"] == len(asked)


def test_edit_of_an_adaptive_file_asks_only_its_questions(bank, keyboard, capsys, tmp_path):
    asked, keys = adaptive_keys(bank, "data-scientist")
    short = tmp_path / "short.yaml"
    keyboard.send_text(keys + ENTER + ENTER)
    run_quiz(QuizOptions(save=short, json_output=True))
    capsys.readouterr()
    keyboard.send_text(ENTER * len(asked) + ENTER)  # keep every answer, confirm the review
    run_quiz(QuizOptions(answers=short, edit=True, json_output=True))
    report = json.loads(capsys.readouterr().out)
    assert report["coverage"]["asked"] == len(asked)
    assert report["answers"]["adaptive"] is True


def test_going_back_in_process_changes_an_earlier_answer(bank, keyboard, capsys, tmp_path):
    from helpers import LEFT

    role = "ai-engineer"
    first, second = bank.questions[:2]
    before = favourite(bank, second, role)
    other = next(o for o in second.option_ids if (o,) != before)
    keys = keys_for(first, favourite(bank, first, role)) + keys_for(second, before) + LEFT
    keys += keys_for(second, (other,), current=before, answered=True)
    keys += "".join(keys_for(q, favourite(bank, q, role)) for q in bank.questions[2:])
    keyboard.send_text(keys + ENTER)
    saved = tmp_path / "changed.yaml"
    run_quiz(QuizOptions(save=saved, json_output=True, full=True))
    capsys.readouterr()
    written = yaml.safe_load(saved.read_text())["answers"]
    assert written[second.id] == other and len(written) == len(bank.questions)


def test_review_screen_shows_whole_answers_and_every_pick(bank, monkeypatch):
    from careerfit.terminal import ask as ask_module

    seen = {}

    def fake_select(message, choices, **kwargs):
        seen["titles"] = [c.title for c in choices if hasattr(c, "title")]
        raise KeyboardInterrupt

    monkeypatch.setattr(ask_module.questionary, "select", fake_select)
    picks = {"background": ("analyst",),
             "tasks-you-enjoy": ("explore-messy-data", "index-documents", "alert-on-data-shift")}
    with pytest.raises(KeyboardInterrupt):
        ask_module.Prompter(output=DummyOutput()).review(bank, picks, list(picks))
    text = " ".join(" ".join(t.split()) for t in seen["titles"])
    assert "starting point: Analyst or business-intelligence (BI) work" in text
    for option in bank.question("tasks-you-enjoy").options:
        if option.id in picks["tasks-you-enjoy"]:
            assert " ".join(option.label.split()) in text
    assert "…" not in text


@pytest.fixture
def paused_collector():
    """The garbage collector as the console entry point leaves it: paused for start-up."""
    startup.pause()
    try:
        yield
    finally:
        startup.resume()
        gc.unfreeze()  # give this test process its collector back in full
        gc.enable()


def test_the_collector_runs_again_once_a_question_is_on_screen(bank, keyboard,
                                                               paused_collector):
    question = bank.background
    assert not gc.isenabled()
    keyboard.send_text(keys_for(question, (question.option_ids[0],)))
    assert ask.Prompter().ask(question, "(1 of at most 45)") == (question.option_ids[0],)
    assert gc.isenabled() and gc.get_freeze_count() > 0, "start-up's objects are frozen"


def test_the_collector_runs_again_once_the_plain_quiz_waits_for_a_line(bank, paused_collector):
    question = bank.background
    prompter = PlainPrompter(input=io.StringIO("1\n"), output=io.StringIO())
    assert prompter.ask(question, "(1 of at most 45)") == (question.option_ids[0],)
    assert gc.isenabled()
