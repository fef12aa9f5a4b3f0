"""The interactive quiz in-process.

The session logic (stop, resume, review, back, the adaptive offer) runs against a
scripted stand-in for the prompts (helpers.ScriptedPrompter), so every path is quick to
test; a few tests drive the real arrow-key prompts through prompt_toolkit's pipe input
for the wiring (keys to answers, Ctrl-C and Ctrl-D, back, the review screen).
"""

from __future__ import annotations

import gc
import io
import json
import re
from functools import partial

import pytest
import yaml
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from careerfit.app.quiz import QuizOptions, run_quiz
from careerfit.bank import default_data_dir
from careerfit.base import speed
from careerfit.base.errors import Interrupted
from careerfit.terminal import ask, facts
from careerfit.terminal.plain import PlainPrompter
from careerfit.terminal.session import run as session
from careerfit.terminal.session.progress import progress_path
from helpers import (
    BACKSPACE,
    CTRL_C,
    CTRL_D,
    ENTER,
    EXAMPLES,
    LEFT,
    NO_SKILLS,
    SPACE,
    ScriptedPrompter,
    favourite,
    keys_for,
    pure_person,
    run,
)


@pytest.fixture
def keyboard(monkeypatch):
    """Make the quiz read keys from a pipe as if a terminal were attached."""
    with create_pipe_input() as pipe:
        monkeypatch.setattr(ask, "Prompter", partial(ask.Prompter, input=pipe,
                                                     output=DummyOutput()))
        monkeypatch.setattr(facts, "stdin_is_terminal", lambda: True)
        yield pipe


@pytest.fixture
def person(monkeypatch):
    """Run quizzes with a scripted person at the prompts: call it with the person's script,
    get back the stand-in (one for every prompt of the next quiz)."""
    monkeypatch.setattr(facts, "stdin_is_terminal", lambda: True)

    def script(answers: dict, **how) -> ScriptedPrompter:
        stand_in = ScriptedPrompter(answers, **how)
        monkeypatch.setattr(session, "prompter_for", lambda plain: stand_in)
        return stand_in

    return script


def whole_quiz_keys(bank, role):
    return "".join(keys_for(q, favourite(bank, q, role)) for q in bank.questions)


def written_answers(path):
    return yaml.safe_load(path.read_text())["answers"]


def as_written(bank, answers: dict) -> dict:
    """Answers as an answers file holds them: option ids, lists for pick-all, skip."""
    def one(question_id, answer):
        if answer is None:
            return "skip"
        return list(answer) if bank.question(question_id).kind == "multi" else answer[0]
    return {q.id: one(q.id, answers[q.id]) for q in bank.questions if q.id in answers}


# --- the real arrow-key prompts, through a pipe -------------------------------------------

def test_whole_quiz_with_keys_recommends_the_role(bank, keyboard, capsys, tmp_path):
    role = "ml-engineer"
    # No skills picked at the unscored skills question; ENTER: confirm the review
    keyboard.send_text(whole_quiz_keys(bank, role) + NO_SKILLS + ENTER)
    saved = tmp_path / "mine.yaml"
    run_quiz(QuizOptions(save=saved, json_output=True, full=True))
    report = json.loads(capsys.readouterr().out)
    assert report["recommendation"]["role"] == role
    assert written_answers(saved) == as_written(bank, pure_person(bank, role))
    assert not progress_path().exists(), "a finished quiz clears its progress"


@pytest.mark.parametrize(("stop_key", "stop_at"), [(CTRL_C, 22), (CTRL_D, 1)])
def test_interrupt_keys_keep_answers(bank, keyboard, stop_key, stop_at):
    keyboard.send_text("".join(keys_for(q, favourite(bank, q, "ai-engineer"))
                               for q in bank.questions[:stop_at]) + stop_key)
    with pytest.raises(Interrupted) as stopped:
        run_quiz(QuizOptions(json_output=True, full=True))
    assert f"kept {stop_at} of {len(bank.questions)}" in str(stopped.value)
    kept = yaml.safe_load(progress_path().read_text())["answers"]
    assert list(kept) == [q.id for q in bank.questions[:stop_at]]


@pytest.mark.parametrize("back_key", [LEFT, BACKSPACE])
def test_back_key_changes_an_earlier_answer(bank, keyboard, back_key):
    role = "ai-engineer"
    first, second = bank.questions[:2]
    before = favourite(bank, second, role)
    other = next(o for o in second.option_ids if (o,) != before)
    keys = keys_for(first, favourite(bank, first, role)) + keys_for(second, before) + back_key
    keys += keys_for(second, (other,), current=before, answered=True) + CTRL_C
    keyboard.send_text(keys)
    with pytest.raises(Interrupted, match="kept 2 of"):
        run_quiz(QuizOptions(json_output=True, full=True))
    assert written_answers(progress_path())[second.id] == other


def test_review_keys_change_one_answer(bank, keyboard, capsys, tmp_path):
    from helpers import DOWN, UP

    role = "ml-engineer"
    asked = adaptive_order(bank, role)
    keys = "".join(keys_for(bank.question(q), a) for q, a in asked.items())
    keys += ENTER + NO_SKILLS  # No to 'a few more'; no skills picked
    background = bank.background
    keys += DOWN * 1 + ENTER  # past the confirm line to the first answer shown: background
    last = (background.option_ids[-1],)
    keys += keys_for(background, last, current=asked[background.id], answered=True)
    # The review opens again on the answer changed, one below the confirm line.
    keyboard.send_text(keys + UP + ENTER)  # confirm the review
    saved = tmp_path / "reviewed.yaml"
    run_quiz(QuizOptions(save=saved, json_output=True))
    capsys.readouterr()
    assert written_answers(saved)[background.id] == last[0] != asked[background.id][0]


def test_review_screen_shows_whole_answers_and_every_pick(bank, monkeypatch):
    from careerfit.terminal import ask as ask_module
    from careerfit.terminal.session.loop import review_rows

    seen = {}

    def fake_select(message, choices, **kwargs):
        seen["titles"] = [c.title for c in choices if hasattr(c, "title")]
        raise KeyboardInterrupt

    monkeypatch.setattr(ask_module.questionary, "select", fake_select)
    picks = {"background": ("analyst",),
             "tasks-you-enjoy": ("explore-messy-data", "index-documents", "alert-on-data-shift")}
    with pytest.raises(KeyboardInterrupt):
        ask_module.Prompter(output=DummyOutput()).review(review_rows(bank, picks, None))
    text = " ".join(" ".join(t.split()) for t in seen["titles"])
    assert "starting point: Analyst or BI work (business intelligence)" in text
    for option in bank.question("tasks-you-enjoy").options:
        if option.id in picks["tasks-you-enjoy"]:
            assert " ".join(option.label.split()) in text
    assert "…" not in text


# --- the session logic, with a scripted person -----------------------------------------


@pytest.mark.parametrize("role", ["data-scientist", "ml-engineer", "ai-engineer"])
def test_whole_quiz_recommends_the_role_and_saves_every_answer(bank, person, capsys, tmp_path,
                                                               role):
    prompts = person(pure_person(bank, role))
    saved = tmp_path / "mine.yaml"
    run_quiz(QuizOptions(save=saved, json_output=True, full=True))
    assert json.loads(capsys.readouterr().out)["recommendation"]["role"] == role
    assert written_answers(saved) == as_written(bank, pure_person(bank, role))
    total = len(bank.questions)
    assert prompts.asked == [(f"({n} of {total})", q.id) for n, q in enumerate(bank.questions, 1)]
    assert prompts.reviewed == [[q.id for q in bank.questions]]
    assert not progress_path().exists(), "a finished quiz clears its progress"


def test_not_sure_is_saved_as_skip(bank, person, capsys, tmp_path):
    person({})
    saved = tmp_path / "skips.yaml"
    run_quiz(QuizOptions(save=saved, json_output=True, full=True))
    report = json.loads(capsys.readouterr().out)
    assert set(written_answers(saved).values()) == {"skip"}
    assert len(written_answers(saved)) == len(bank.questions)
    assert report["recommendation"]["role"] is None
    assert report["recommendation"]["confidence"] == "none"


def test_the_review_can_change_an_answer_and_shows_it_again(bank, person, capsys, tmp_path):
    prompts = person(pure_person(bank, "ml-engineer"), reviews=("on-call-ok",),
                     changes={"on-call-ok": ("strongly-disagree",)})
    saved = tmp_path / "reviewed.yaml"
    run_quiz(QuizOptions(save=saved, json_output=True, full=True))
    capsys.readouterr()
    assert written_answers(saved)["on-call-ok"] == "strongly-disagree"
    assert len(prompts.reviewed) == 2, "the review shows again after a change"
    assert prompts.pointed == [None, "on-call-ok"], "...on the answer just changed"


def test_edit_opens_on_the_review_and_changes_only_the_answers_picked_there(
        bank, person, capsys, tmp_path):
    """--edit asks nothing up front: the review lists the file's answers, numbered in the
    file's order (the order the quiz asked them), and only the one picked is asked, with
    the same number and its saved answer preselected."""
    source = EXAMPLES / "ai-engineer.yaml"
    original = yaml.safe_load(source.read_text())["answers"]
    order = list(original)
    target = "on-call-ok"
    prompts = person({}, reviews=(target,), changes={target: ("strongly-disagree",)})
    out = tmp_path / "edited.yaml"
    run_quiz(QuizOptions(answers=source, edit=True, save=out, json_output=True))
    shown = capsys.readouterr()
    # What the edit changed, and the verdict before it and now (a new user had to
    # remember the old result to see what one change did).
    outcome = json.loads(shown.out)["outcome"]
    before = json.loads(run("quiz", "--answers", str(source), "--json").stdout)["outcome"]
    was, now = (f"confidence {verdict['confidence']} ({verdict['probability']:.3f})"
                for verdict in (before, outcome))
    assert (f"Your edits changed '{bank.question(target).short}'. The verdict is the same,"
            " Recommended: AI Engineer: "
            + (f"{now}, as before." if was == now else f"{was} before, {now} now.")
            ) in " ".join(shown.err.split())
    assert prompts.skills_offered == [], "the skills question waits on the review list"
    # (Labelled as a change, not as the quiz's count: a new user read "(2 of at most 21)"
    # there as being back in the quiz.)
    assert prompts.asked == [(f"(changing answer {order.index(target) + 1})", target)]
    assert prompts.reviewed == [order, order]  # then again, after the change
    rows = prompts.review_rows[0]
    assert [row.mark for row in rows] == [str(n) for n in range(1, len(order) + 1)] + ["s"]
    assert written_answers(out) == {**original, target: "strongly-disagree"}
    assert list(written_answers(out)) == order


def test_edit_without_the_review_walks_every_answer_in_the_files_order(
        bank, person, capsys, tmp_path, monkeypatch):
    seen = []

    class KeepsEverything(ScriptedPrompter):
        def ask(self, question, label, current=None, answered=False):
            seen.append((label, question.id, answered))
            return current

    stand_in = KeepsEverything({})
    monkeypatch.setattr(facts, "stdin_is_terminal", lambda: True)
    monkeypatch.setattr(session, "prompter_for", lambda plain: stand_in)
    out = tmp_path / "edited.yaml"
    run_quiz(QuizOptions(answers=EXAMPLES / "ai-engineer.yaml", edit=True, review=False,
                         save=out, json_output=True))
    capsys.readouterr()
    original = yaml.safe_load((EXAMPLES / "ai-engineer.yaml").read_text())["answers"]
    assert written_answers(out) == original
    seen = [asked for asked in seen if asked[1] != "skills"]
    total = len(original)
    assert seen == [(f"({n} of {total})", q, True) for n, q in enumerate(original, 1)]


@pytest.mark.parametrize("stop_with", [KeyboardInterrupt, EOFError])
@pytest.mark.parametrize("stop_at", [2, 23, 45])
@pytest.mark.parametrize("how", ["--resume", "offered"])
def test_interrupt_keeps_answers_and_resume_finishes(bank, person, capsys, tmp_path,
                                                     stop_with, stop_at, how):
    role = "ai-engineer"
    everything = pure_person(bank, role)
    person(everything, stop_at=stop_at, stop_with=stop_with)
    with pytest.raises(Interrupted) as stopped:
        run_quiz(QuizOptions(json_output=True, full=True))
    kept_count = stop_at - 1
    assert f"kept {kept_count} of {len(bank.questions)}" in str(stopped.value)
    assert "careerfit quiz --resume" in str(stopped.value)
    kept = written_answers(progress_path())
    assert list(kept) == [q.id for q in bank.questions[:kept_count]]

    prompts = person(everything, confirms=(True,))
    saved = tmp_path / "done.yaml"
    run_quiz(QuizOptions(resume=how == "--resume", save=saved, json_output=True))
    assert json.loads(capsys.readouterr().out)["recommendation"]["role"] == role
    assert [q for _, q in prompts.asked] == [q.id for q in bank.questions[kept_count:]]
    offered = [m for m in prompts.confirmed if "half-way" in m]
    assert offered == ([] if how == "--resume" else
                       [f"You left a quiz half-way ({kept_count} answer"
                        f"{'s' if kept_count != 1 else ''} kept). Continue it?"
                        " (No starts a new one)"])
    assert written_answers(saved) == as_written(bank, everything)
    assert not progress_path().exists()


def test_a_bare_resume_saves_where_the_quiz_began_to_save(bank, person, capsys, tmp_path,
                                                          monkeypatch):
    # (A new user stopped 'careerfit quiz --save priya.yaml', went on with the bare
    # 'careerfit quiz --resume' that --help shows, and found no priya.yaml.)
    everything = pure_person(bank, "ai-engineer")
    saved = tmp_path / "priya.yaml"
    person(everything, stop_at=4)
    with pytest.raises(Interrupted, match=f"Continue with: careerfit quiz --resume --save {saved}"):
        run_quiz(QuizOptions(save=saved, json_output=True, full=True))
    assert not saved.exists()
    monkeypatch.chdir(tmp_path.parent)  # resumed from another folder
    person(everything)
    run_quiz(QuizOptions(resume=True, json_output=True))
    assert json.loads(capsys.readouterr().out)["recommendation"]["role"] == "ai-engineer"
    assert written_answers(saved) == as_written(bank, everything)


def leave_half_way(bank, person, role, count):
    """Answer the first *count* questions of a whole-bank quiz as a pure *role*, then stop."""
    person(pure_person(bank, role), stop_at=count + 1)
    with pytest.raises(Interrupted, match=f"kept {count} of"):
        run_quiz(QuizOptions(json_output=True, full=True))


@pytest.mark.parametrize("stop_with", [KeyboardInterrupt, EOFError])
def test_stopping_before_the_first_answer_keeps_the_earlier_unfinished_quiz(
        bank, person, stop_with):
    leave_half_way(bank, person, "ai-engineer", 22)
    earlier = progress_path().read_text()
    person({}, confirms=(False,), stop_at=1, stop_with=stop_with)  # No: start a new one
    with pytest.raises(Interrupted, match="before the first answer; nothing was kept"):
        run_quiz(QuizOptions(json_output=True))
    assert progress_path().read_text() == earlier


@pytest.mark.parametrize("stop_with", [KeyboardInterrupt, EOFError])
def test_stopping_at_the_offer_to_continue_changes_nothing(bank, person, monkeypatch,
                                                           stop_with):
    leave_half_way(bank, person, "ml-engineer", 5)
    earlier = progress_path().read_text()
    stand_in = person({})
    monkeypatch.setattr(stand_in, "confirm", lambda *a, **k: (_ for _ in ()).throw(stop_with))
    with pytest.raises(Interrupted, match="the unfinished quiz is kept as it was"):
        run_quiz(QuizOptions(json_output=True))
    assert progress_path().read_text() == earlier


def test_an_unreadable_unfinished_quiz_is_not_offered(person):
    progress_path().parent.mkdir(parents=True, exist_ok=True)
    progress_path().write_text("answers: [this is: not, a mapping\n")
    prompts = person({}, stop_at=1)
    with pytest.raises(Interrupted, match="before the first answer"):
        run_quiz(QuizOptions(json_output=True))
    assert prompts.confirmed == []


@pytest.mark.parametrize(("typed", "default", "meant"), [
    ("\n", True, True), ("\n", False, False), ("n\n", True, False), ("yes\n", False, True)])
def test_plain_yes_no_takes_enter_as_its_default(typed, default, meant):
    shown = io.StringIO()
    prompter = PlainPrompter(input=io.StringIO(typed), output=shown)
    assert prompter.confirm("Continue it?", default=default) is meant
    assert ("(Y/n)" if default else "(y/N)") in shown.getvalue()


def test_resume_without_progress_is_a_clear_error(person):
    from careerfit.base.errors import InputError

    with pytest.raises(InputError, match="no unfinished quiz"):
        run_quiz(QuizOptions(resume=True))


def test_quiz_on_another_bank(person, capsys):
    """The engine holds no hard-coded role: the small studio bank runs end to end."""
    from pathlib import Path

    from careerfit.bank import load_bank

    studio = Path(__file__).parent / "banks" / "studio"
    person(pure_person(load_bank(studio), "surveyor"))
    run_quiz(QuizOptions(data=studio, json_output=True, full=True))
    report = json.loads(capsys.readouterr().out)
    assert report["recommendation"]["role"] == "surveyor"
    assert report["ranking"][0]["name"] == "Land Surveyor"


def adaptive_order(bank, role):
    """The questions the adaptive quiz asks a pure *role*, in its order, with answers."""
    from careerfit.engine.adaptive import Planner

    return Planner(bank).replay(pure_person(bank, role))


@pytest.mark.parametrize("role", ["data-scientist", "ml-engineer", "ai-engineer"])
def test_adaptive_quiz_stops_when_sure_and_offers_more(bank, person, capsys, tmp_path, role):
    asked = adaptive_order(bank, role)
    prompts = person(pure_person(bank, role))  # No to 'a few more', then confirm the review
    saved = tmp_path / "short.yaml"
    run_quiz(QuizOptions(save=saved, json_output=True))
    report = json.loads(capsys.readouterr().out)
    assert report["recommendation"]["role"] == role
    assert report["recommendation"]["confidence"] == "high"
    assert report["recommendation"]["probability"] >= 0.95
    assert [q for _, q in prompts.asked] == list(asked)
    assert prompts.asked[0] == (f"(1 of at most {bank.max_questions + 1})", "background")
    assert prompts.confirmed == ["Answer a few more anyway?"]
    assert prompts.said == [f"Based on {len(asked)} questions ({len(asked) - 1} scored): more"
                            " answers would most likely not change the result."]
    coverage = report["coverage"]
    assert coverage["stopped_by"] == "settled" and coverage["unsettled"] is None
    assert coverage["asked"] + coverage["asked_unscored"] == len(asked) < len(bank.questions)
    assert coverage["asked"] == coverage["answered"] + coverage["skipped"]
    assert coverage["stopped_early"] is True
    written = yaml.safe_load(saved.read_text())
    assert written["adaptive"] is True and list(written["answers"]) == list(asked)


def test_a_few_more_asks_three_more(bank, person, capsys):
    short = adaptive_order(bank, "ml-engineer")
    prompts = person(pure_person(bank, "ml-engineer"), confirms=(True, False))
    run_quiz(QuizOptions(json_output=True))
    capsys.readouterr()
    asked = [q for _, q in prompts.asked]
    assert len(asked) == len(short) + 3 and asked[:len(short)] == list(short)
    # Past the stop, the progress counts the few more asked for, not 'of at most 21'
    # (they may go past the cap).
    n = len(short)
    assert [label for label, _ in prompts.asked[n:]] == [
        f"({n + 1}, the 1st of 3 more)", f"({n + 2}, the 2nd of 3 more)",
        f"({n + 3}, the 3rd of 3 more)"]


def extended_plan(bank):
    """An adaptive plan past its offer of a few more, after the background and six
    answers, whose planner would always ask on (every answer reopens the verdict)."""
    from careerfit.terminal.session.plans import AdaptivePlan

    class Reopened:
        def next_to_ask(self, picks, even_if_sure=False):
            return next(q.id for q in bank.scored if q.id not in picks)

    plan = AdaptivePlan(bank, Reopened())
    picks = {bank.background.id: bank.background.option_ids[0]}
    for _ in range(6):
        picks[plan.next(picks)] = None
    plan.extend(picks)
    return plan, picks


def test_after_the_few_more_asked_for_the_quiz_stops_and_offers_again(bank):
    """'Answer 3 more?' asks three: then the quiz stops and says where things stand, even
    where the new answers reopened the verdict (a tmux run asked a fourth unannounced)."""
    from careerfit.terminal.session.plans import EXTRA_QUESTIONS

    plan, picks = extended_plan(bank)
    labels = []
    for _ in range(EXTRA_QUESTIONS):
        question_id = plan.next(picks)
        labels.append(plan.label(picks, question_id))
        picks[question_id] = None
    assert labels == [f"({8 + i}, the {nth} of 3 more)"
                      for i, nth in enumerate(("1st", "2nd", "3rd"))]
    assert plan.next(picks) is None  # and the loop offers more, or shows the result


def test_going_back_within_the_few_more_keeps_their_count_and_asks_each_one(bank):
    """A tmux user went back from the third of 'Answer 3 more?' to the second: it read
    '3 of 3 more', and once answered again the quiz stopped without the third."""
    plan, picks = extended_plan(bank)
    first = plan.next(picks)
    picks[first] = None
    second = plan.next(picks)
    picks[second] = None
    third = plan.next(picks)
    assert plan.label(picks, third) == "(10, the 3rd of 3 more)"
    # Back from the third, unanswered, to the second (the loop asks it again, as answered):
    assert plan.label(picks, second) == "(9, the 2nd of 3 more)"
    assert plan.label(picks, next(iter(picks))) == "(1 of at most 21)"  # before the offer
    assert plan.next(picks) == third  # the second answered again: the third still comes
    picks[third] = None
    assert plan.next(picks) is None


def test_adaptive_stop_and_resume(bank, person, capsys):
    asked = adaptive_order(bank, "ml-engineer")
    person(pure_person(bank, "ml-engineer"), stop_at=5)
    with pytest.raises(Interrupted) as stopped:
        run_quiz(QuizOptions(json_output=True))
    assert "kept 4 answers" in str(stopped.value)
    progress = yaml.safe_load(progress_path().read_text())
    first = list(asked)[:4]
    assert progress["adaptive"] is True and list(progress["answers"]) == first  # as asked
    prompts = person(pure_person(bank, "ml-engineer"))
    run_quiz(QuizOptions(resume=True, json_output=True))
    report = json.loads(capsys.readouterr().out)
    # (A new user saw only the last kept answer above the next question.)
    assert prompts.said[0] == ("Resumed with 4 answers: Left arrow goes back through them,"
                               " and the review at the end lists them all.")
    assert prompts.said[1:] == [f"Based on {len(asked)} questions ({len(asked) - 1} scored):"
                                " more answers would most likely not change the result."]
    assert [q for _, q in prompts.asked] == list(asked)[4:]
    assert prompts.asked[0][0] == f"(5 of at most {bank.max_questions + 1})"
    assert prompts.reviewed == [list(asked)]  # numbered as they were asked, the stop aside
    assert report["recommendation"]["role"] == "ml-engineer"
    coverage = report["coverage"]
    assert coverage["asked"] + coverage["asked_unscored"] == len(asked)


def test_edit_of_an_adaptive_file_asks_only_its_questions(bank, person, capsys, tmp_path):
    asked = adaptive_order(bank, "data-scientist")
    short = tmp_path / "short.yaml"
    person(pure_person(bank, "data-scientist"))
    run_quiz(QuizOptions(save=short, json_output=True))
    capsys.readouterr()
    prompts = person({})
    run_quiz(QuizOptions(answers=short, edit=True, json_output=True))
    report = json.loads(capsys.readouterr().out)
    assert prompts.asked == []  # nothing picked at the review: nothing asked
    assert prompts.reviewed == [list(asked)]
    coverage = report["coverage"]
    assert coverage["asked"] + coverage["asked_unscored"] == len(asked)
    assert report["answers"]["adaptive"] is True


def test_back_returns_to_the_question_before_with_its_answer(bank, person, capsys, tmp_path):
    role = "ai-engineer"
    second = bank.questions[1]
    other = next(o for o in second.option_ids if (o,) != favourite(bank, second, role))
    prompts = person(pure_person(bank, role), back_at=(3,), changes={second.id: (other,)})
    saved = tmp_path / "changed.yaml"
    run_quiz(QuizOptions(save=saved, json_output=True, full=True))
    capsys.readouterr()
    ids = [q for _, q in prompts.asked]
    assert ids[:4] == [bank.questions[0].id, second.id, bank.questions[2].id, second.id]
    assert written_answers(saved)[second.id] == other
    assert len(written_answers(saved)) == len(bank.questions)


@pytest.fixture
def paused_collector():
    """The garbage collector as the console entry point leaves it: paused for start-up."""
    speed.pause()
    try:
        yield
    finally:
        speed.resume()
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


def test_the_answered_line_keeps_the_count_not_what_was_being_decided(bank):
    """'(7 of at most 21; deciding: ...)' is shown while the question is asked; the
    line the answered question leaves on screen keeps '(7 of at most 21)' (a new user
    found the old 'deciding' stale there)."""
    from careerfit.terminal.fold import Progress

    class Screen(DummyOutput):
        def __init__(self):
            self.written: list[str] = []

        def write(self, data):
            self.written.append(data)

    question = bank.questions[1]
    shown = "(7 of at most 21; deciding: Data Scientist as your main role, or no clear pick)"
    screen = Screen()
    with create_pipe_input() as pipe:
        pipe.send_text(keys_for(question, (question.option_ids[0],)))
        ask.Prompter(input=pipe, output=screen).ask(question, Progress(shown,
                                                                       "(7 of at most 21)"))
    text = "".join(screen.written)
    assert "deciding" in text  # while it was asked
    answered = next(w for w in screen.written if w.startswith("? ") and w.endswith("\n"))
    assert answered.startswith(f"? (7 of at most 21) {question.short}: ")
    assert "deciding" not in answered


def test_past_a_clear_persons_stop_the_progress_line_says_what_is_being_decided(
        bank, person, capsys):
    """Someone between two roles is told why the quiz goes on, in both prompt modes (the
    plain prompter prints the same label)."""
    from careerfit.simulation.simulate import people
    from careerfit.terminal.session.plans import SAY_WHY_AFTER

    torn = next(p for p in people(bank, 40, seed=3, personas=("50/50",))
                if len(adaptive_answers(bank, p.picks)) > SAY_WHY_AFTER + 1)
    prompts = person(torn.picks)
    run_quiz(QuizOptions(json_output=True))
    capsys.readouterr()
    labels = [label for label, _ in prompts.asked]
    assert all("; " not in label for label in labels[:SAY_WHY_AFTER])
    names = [r.name for r in bank.roles]
    for label in labels[SAY_WHY_AFTER:]:
        why = label.split("; ", 1)[1].rstrip(")")
        assert why.startswith("deciding: ") and ", or " in why, label
        assert any(name in why for name in names), label
    shown = io.StringIO()
    PlainPrompter(input=io.StringIO("1\n"), output=shown).ask(bank.background, labels[-1])
    assert labels[-1] in shown.getvalue()
    # A label that long stands on its own line, the question under it (in both modes):
    # run into the question it made three lines at 50 columns.
    lines = shown.getvalue().splitlines()
    assert lines[lines.index(labels[-1]) + 1] == bank.background.text
    asked = {}

    def select(message, **_):
        asked["message"] = message
        raise Interrupted("enough")

    with create_pipe_input() as pipe:
        prompter = ask.Prompter(input=pipe, output=DummyOutput())
        original, ask.questionary.select = ask.questionary.select, select
        try:
            with pytest.raises(Interrupted):
                prompter.ask(bank.background, labels[-1])
        finally:
            ask.questionary.select = original
    head = asked["message"].partition(bank.background.text[:20])[0]
    assert head.rstrip().endswith(")") and "; deciding" in head and head.endswith("\n  ")


def adaptive_answers(bank, picks):
    from careerfit.engine.adaptive import Planner

    return Planner(bank).replay(picks)


def test_a_second_quiz_on_the_same_state_folder_is_refused_naming_the_first(bank, person):
    import os

    from careerfit.base.errors import InputError
    from careerfit.terminal.session.progress import QuizLock

    leave_half_way(bank, person, "ml-engineer", 3)
    earlier = progress_path().read_text()
    running = QuizLock()
    running.hold()  # another quiz, still asking questions
    try:
        person(pure_person(bank, "ai-engineer"), confirms=(False,))
        with pytest.raises(InputError, match=f"another careerfit quiz .process {os.getpid()}"):
            run_quiz(QuizOptions(json_output=True))
        with pytest.raises(InputError, match="another careerfit quiz"):
            run_quiz(QuizOptions(resume=True, json_output=True))
        assert progress_path().read_text() == earlier, "nothing of the running quiz is touched"
    finally:
        running.release()
    person(pure_person(bank, "ml-engineer"), confirms=(True,))
    run_quiz(QuizOptions(json_output=True))  # once the first one is gone, it goes on
    assert not progress_path().exists()


@pytest.mark.parametrize("stop_with", [KeyboardInterrupt, EOFError])
def test_edit_stopped_before_a_new_answer_leaves_an_unfinished_quiz_alone(bank, person,
                                                                          stop_with):
    leave_half_way(bank, person, "ai-engineer", 22)
    earlier = progress_path().read_text()
    person({}, stop_at=1, stop_with=stop_with, reviews=("on-call-ok",))
    answers = EXAMPLES / "data-scientist.yaml"
    with pytest.raises(Interrupted, match=f"nothing was kept; {answers} is unchanged"):
        run_quiz(QuizOptions(answers=answers, edit=True, json_output=True))
    assert progress_path().read_text() == earlier


def test_back_after_resume_reaches_the_answers_given_before_the_stop(bank, person, capsys):
    role = "data-scientist"
    leave_half_way(bank, person, role, 5)
    fifth, sixth = bank.questions[4], bank.questions[5]
    other = next(o for o in fifth.option_ids if (o,) != favourite(bank, fifth, role))
    prompts = person(pure_person(bank, role), back_at=(1,), changes={fifth.id: (other,)})
    run_quiz(QuizOptions(resume=True, json_output=True))
    report = json.loads(capsys.readouterr().out)
    assert [q for _, q in prompts.asked][:3] == [sixth.id, fifth.id, sixth.id]
    assert report["answers"]["answers"][fifth.id] == other


def test_the_review_lists_answers_in_the_order_asked_and_pairs_name_both_sides(
        bank, person, capsys):
    prompts = person(pure_person(bank, "ml-engineer"))
    run_quiz(QuizOptions(json_output=True))  # adaptive: not in bank order
    capsys.readouterr()
    asked = [q for _, q in prompts.asked]
    assert prompts.reviewed[0] == asked
    assert asked != [q.id for q in bank.questions if q.id in asked]
    pair = next(q for q in bank.questions if q.kind == "pair")
    shown = pair.describe((pair.option_ids[0],))
    assert shown.startswith("Much rather: ") and f"(over: {pair.sides[1].label})" in shown
    assert pair.describe(("both",)).endswith(f"{pair.sides[0].label} / {pair.sides[1].label}")


def test_skills_already_had_are_asked_once_saved_and_left_out_of_next_steps(
        bank, person, capsys, tmp_path, monkeypatch):
    role = "ml-engineer"
    everything = pure_person(bank, role)
    mle = bank.role(role)
    have = mle.skill_ids[0]
    prompts = person({**everything, "skills": (have,)})
    saved = tmp_path / "me.yaml"
    run_quiz(QuizOptions(save=saved, json_output=True, full=True))
    report = json.loads(capsys.readouterr().out)
    assert len(prompts.skills_offered) == 1 and have in prompts.skills_offered[0]
    assert set(prompts.skills_offered[0]) <= set(bank.skills)
    assert yaml.safe_load(saved.read_text())["skills"] == [have]
    steps = report["next_steps"]
    assert mle.skill_priorities[0] not in steps["skill_priorities"]
    assert steps["already_have"] == [mle.skill_priorities[0]]
    # --edit offers it again with the saved pick preselected; skipping keeps it
    seen = {}

    class Keeps(ScriptedPrompter):
        def ask(self, question, label, current=None, answered=False):
            if question.id == "skills":
                seen["current"] = current
                return None
            return current

    # --edit: the skills question is the review list's last row, marked 's'
    monkeypatch.setattr(session, "prompter_for", lambda plain: Keeps({}, reviews=("s",)))
    run_quiz(QuizOptions(answers=saved, edit=True, save=saved, json_output=True))
    capsys.readouterr()
    assert seen["current"] == (have,)
    assert yaml.safe_load(saved.read_text())["skills"] == [have]


def test_the_skills_question_offers_again_what_was_ticked_before(bank):
    """A skill ticked in an earlier run but of neither leading role now (a new user's
    --more run led elsewhere) is offered again, ticked: its line and the review agree,
    and it can be unticked."""
    from careerfit.engine.scoring import Scorer
    from careerfit.terminal.session.run import SkillsQuestion

    picks = pure_person(bank, "data-scientist")
    scorer = Scorer(bank)
    leading = [r for r, _ in scorer.ranking(scorer.score(picks, shares=False).fits)[:2]]
    third = next(r for r in bank.roles if r.id not in leading)
    elsewhere = next(i for i in third.skill_ids
                     if all(i not in bank.role(r).skill_ids for r in leading))
    seen = []

    class Answers:
        def __init__(self, answer):
            self.answer = answer

        def ask(self, question, label, current=None, answered=False):
            seen.append((question.option_ids, current))
            return self.answer(current)

    skills = SkillsQuestion(bank, (elsewhere,), Answers(lambda current: current))
    skills.ask(picks)
    offered, current = seen[-1]
    assert elsewhere in offered and current == (elsewhere,)
    assert skills.have == (elsewhere,)
    assert bank.skill_labels[elsewhere] in skills.row()[1]
    skills.prompter = Answers(lambda current: ())  # untick it
    skills.ask(picks)
    assert skills.have == () and skills.row()[1] == "None picked"


def test_the_skills_question_offers_the_skills_of_the_two_roles_the_result_names(bank):
    """(A user drawn to the Data Scientist and AI Engineer blend was offered the ML
    engineer's skills, second by fit, and none of the AI engineer's, whose next steps
    the result then showed.) The skills offered are the leader's and those of the role it
    is compared with: a pair's other role, even when a third role fits better."""
    from careerfit.engine.result import Evaluator
    from careerfit.simulation.simulate import people
    from careerfit.terminal.session.run import SkillsQuestion

    evaluate = Evaluator(bank)
    picks, result = next((p.picks, r) for p in people(bank, 400, 3)
                         if (r := evaluate(p.picks, explain=False)).runner_up
                         != r.ranking[1][0])
    seen = []

    class Answers:
        def ask(self, question, label, current=None, answered=False):
            seen.append(set(question.option_ids))

    SkillsQuestion(bank, (), Answers()).ask(picks)
    compared = {*bank.role(result.leader).skill_ids, *bank.role(result.runner_up).skill_ids}
    assert seen == [compared]


@pytest.mark.parametrize("width", [40, 50, 60, 100])
def test_each_question_leaves_one_line_and_going_back_takes_its_line_away(bank, width):
    """The prompt is erased when done; careerfit writes one wrapped line per answer, and
    going back erases the line of the question asked again (no ghosts on screen)."""
    class Screen(DummyOutput):
        """Records what careerfit itself writes (whole answered lines) and every call."""

        def __init__(self):
            self.answered: list[str] = []
            self.calls: list[tuple] = []

        def write(self, data):
            if data.startswith("? ") and data.endswith("\n"):
                self.answered.append(data)
            self.calls.append(("write", data))

        def cursor_up(self, amount):
            self.calls.append(("cursor_up", amount))

        def erase_down(self):
            self.calls.append(("erase_down",))

        def get_size(self):
            return type("Size", (), {"columns": width, "rows": 40})()

    screen = Screen()
    first, second = bank.questions[:2]
    with create_pipe_input() as pipe:
        prompter = ask.Prompter(input=pipe, output=screen)
        pipe.send_text(keys_for(first, (first.option_ids[2],)))
        prompter.ask(first, "(1/57)")
        pipe.send_text(keys_for(second, (second.option_ids[0],)))
        prompter.ask(second, "(2/57)")
        second_lines = screen.answered[-1].count("\n")
        pipe.send_text(LEFT)
        assert prompter.ask(bank.questions[2], "(3/57)") == ask.BACK
        # the last thing done: up over the second question's line, and erase it
        assert screen.calls[-2:] == [("cursor_up", second_lines), ("erase_down",)]
    assert [line.split()[1] for line in screen.answered] == ["(1/57)", "(2/57)"]
    assert all(len(row) < width for line in screen.answered for row in line.splitlines())
    assert screen.answered[0].startswith(f"? (1/57) {first.short}: ")


# --- issue 28: a stop, a resume, back and forth, --edit, skills, pairs --------------------


@pytest.mark.parametrize("how", ["--resume", "offered"])
def test_a_stop_before_a_new_answer_after_resuming_says_the_earlier_answers_are_kept(
        bank, person, how):
    leave_half_way(bank, person, "ml-engineer", 5)
    earlier = progress_path().read_text()
    prompts = person({}, stop_at=1, confirms=(True,))
    with pytest.raises(Interrupted) as stopped:
        run_quiz(QuizOptions(resume=how == "--resume", json_output=True))
    said = str(stopped.value)
    assert "nothing was kept" not in said
    assert f"the 5 earlier answers are still kept in {progress_path()}" in said
    assert "Continue with: careerfit quiz --resume" in said
    assert [said.split(":")[0] for said in prompts.said] == ["Resumed with 5 answers"]
    assert progress_path().read_text() == earlier


def test_back_twice_then_forward_asks_each_answer_stepped_over_again(bank, person, capsys):
    """The adaptive quiz (which chooses afresh) goes forward through the answered
    questions it stepped back over, so each leaves its line again, numbered as before."""
    role = "data-scientist"
    asked = list(adaptive_order(bank, role))
    # asks 1-4 answered; at the 5th question back, back again, then answer on
    prompts = person(pure_person(bank, role), back_at=(5, 6))
    run_quiz(QuizOptions(json_output=True))
    capsys.readouterr()
    ids = [q for _, q in prompts.asked]
    assert ids[:9] == [*asked[:5], asked[3], asked[2], asked[3], asked[4]]
    labels = [label.split(" of ")[0] for label, _ in prompts.asked[:9]]
    assert labels == ["(1", "(2", "(3", "(4", "(5", "(4", "(3", "(4", "(5"]
    assert prompts.reviewed[0] == asked


def test_the_skills_question_offers_skills_by_name_and_leaves_their_tools_out(
        bank, person, capsys, monkeypatch):
    offered = {}

    class Ticks(ScriptedPrompter):
        def ask(self, question, label, current=None, answered=False):
            if question.id == "skills":
                offered.update({o.id: o.label for o in question.options})
                return ("sql", "python-for-analysis")
            return super().ask(question, label, current, answered)

    monkeypatch.setattr(facts, "stdin_is_terminal", lambda: True)
    monkeypatch.setattr(session, "prompter_for",
                        lambda plain: Ticks(pure_person(bank, "data-scientist")))
    run_quiz(QuizOptions(json_output=True, full=True))
    report = json.loads(capsys.readouterr().out)
    assert offered["sql"] == "SQL"
    assert offered["python-for-analysis"] == "Python and pandas for analysis"
    assert all(len(label) <= 40 and ":" not in label for label in offered.values())
    steps = report["next_steps"]
    assert steps["already_have_names"] == ["SQL", "Python and pandas for analysis"]
    assert "SQL" not in steps["tools"] and "pandas" not in steps["tools"]
    # Notebooks come with Python for analysis (roles.yaml's tool 'skills'); BI tools don't.
    assert "Jupyter notebooks" not in steps["tools"]
    assert "Tableau or a similar BI tool" in steps["tools"]
    from careerfit.view.model import build_view

    shown = build_view(report).steps[0]
    # Each skill is said once: in the route's "already behind you" note, or else as left
    # out of the priorities (a new user read "Experiment design" in both, a line apart).
    said = [shown.route[1] if shown.route else "", shown.already_have or ""]
    for skill in ("SQL", "Python and pandas for analysis"):
        assert sum(skill in text for text in said) == 1, said
    assert "pandas" not in dict(shown.lists)["Tools to learn"]


def test_pairs_offer_neither_as_their_skip_in_both_prompt_modes(bank, monkeypatch):
    from careerfit.bank.types import PAIR_SKIP_LABEL

    pair = next(q for q in bank.questions if q.kind == "pair")
    seen = {}

    def fake_select(message, choices, **kwargs):
        seen["titles"] = [c.title for c in choices if hasattr(c, "title")]
        raise KeyboardInterrupt

    monkeypatch.setattr(ask.questionary, "select", fake_select)
    with pytest.raises(KeyboardInterrupt):
        ask.Prompter(output=DummyOutput()).ask(pair, "(3/63)")
    assert seen["titles"][-1] == PAIR_SKIP_LABEL == "Neither / not sure (skip)"
    shown = io.StringIO()
    assert PlainPrompter(input=io.StringIO("0\n"), output=shown).ask(pair, "(3/63)") is None
    assert "  0. Neither / not sure (skip)" in shown.getvalue()
    assert pair.describe(None) == "Neither / not sure (skipped)"
    scale = next(q for q in bank.questions if q.kind == "scale")
    assert scale.describe(None) == "Not sure (skipped)"


@pytest.mark.parametrize("width", [50, 100])
def test_plain_prompts_wrap_at_word_boundaries_and_ctrl_c_ends_the_line(bank, width):
    class Stops(io.StringIO):
        def readline(self, *args):
            raise KeyboardInterrupt

    shown = io.StringIO()
    question = bank.background
    with pytest.raises(KeyboardInterrupt):
        PlainPrompter(input=Stops(), output=shown, width=width).ask(question, "(1 of at most 63)")
    text = shown.getvalue()
    assert text.endswith("\n"), "the stop message starts on a line of its own"
    lines = text.rstrip("\n").split("\n")
    assert all(len(line) < width for line in lines)
    words = set(" ".join(lines).split())
    for option in question.options:  # every word whole, none cut at the edge
        assert set(option.label.split()) <= words
    assert set(question.text.split()) <= words


@pytest.mark.parametrize("width", [50, 100])
def test_the_review_hangs_wrapped_rows_under_their_text_and_fits_the_screen(bank, width):
    from careerfit.terminal.session.loop import review_rows
    from helpers import UP

    class Screen(DummyOutput):
        def get_size(self):
            return type("Size", (), {"columns": width, "rows": 30})()

    picks = {q.id: favourite(bank, q, "ml-engineer") for q in bank.questions}
    rows = review_rows(bank, picks, None)
    captured = {}
    real_fit = ask._fit_list_to_screen

    def spy(app, rows_left, tallest):
        real_fit(app, rows_left, tallest)
        window = next(w for w in app.layout.find_all_windows()
                      if type(w.content).__name__ == "InquirerControl")
        captured["window"], captured["tallest"] = window, tallest
        captured["titles"] = [c.title for c in window.content.choices]

    with create_pipe_input() as pipe:
        prompter = ask.Prompter(input=pipe, output=Screen())
        pipe.send_text(UP + ENTER)  # up from the top: the last row
        original = ask._fit_list_to_screen
        ask._fit_list_to_screen = spy
        try:
            assert prompter.review(rows) == rows[-1].key
        finally:
            ask._fit_list_to_screen = original
    window = captured["window"]
    assert window.height.max <= 30 - 3  # title and instruction above, a spare row
    assert window.scroll_offsets.bottom == captured["tallest"] - 1 > 0
    for title in captured["titles"][2:]:
        first, *rest = title.split("\n")
        text_starts = ask.SELECT_INDENT + first.index(". ") + 2
        assert all(len(line) - len(line.lstrip()) == text_starts for line in rest), title
        assert len(first) + ask.SELECT_INDENT < width and all(len(x) < width for x in rest)


def test_yes_or_no_waits_for_enter_so_the_enter_is_not_the_next_answer(bank):
    """'Answer a few more?' took 'n' alone, and the Enter a person types after it answered
    the next question unseen (the skills question: 'None of these'). y or n now waits for
    Enter; the keys after it go to the next question."""
    from helpers import DOWN

    question = next(q for q in bank.questions if q.kind == "choice" and q.scored)
    with create_pipe_input() as pipe:
        prompter = ask.Prompter(input=pipe, output=DummyOutput())
        pipe.send_text("n" + ENTER + DOWN + DOWN + ENTER)  # (from the 'move to an answer' line)
        assert prompter.confirm("Answer a few more anyway?", default=True) is False
        assert prompter.ask(question, "(9 of at most 21)") == (question.option_ids[1],)
        pipe.send_text("y" + ENTER)
        assert prompter.confirm("Answer 3 more?") is True


@pytest.mark.parametrize("key", [LEFT, BACKSPACE])
def test_the_back_keys_at_a_yes_or_no_or_the_review_are_not_an_answer(bank, key):
    """Left at 'Answer a few more anyway? (y/N)' was read as yes and asked more questions
    (a new user in tmux); at the review it was taken as a row to change. There is nothing
    to go back to from either: the keys do no more than move or edit what was typed."""
    from careerfit.terminal.session.loop import ReviewRow

    question = next(q for q in bank.questions if q.kind == "choice" and q.scored)
    rows = [ReviewRow(question.id, "1", question.short or question.text, "an answer")]
    with create_pipe_input() as pipe:
        prompter = ask.Prompter(input=pipe, output=DummyOutput())
        pipe.send_text(key + ENTER)
        assert prompter.confirm("Answer a few more anyway?") is False
        pipe.send_text("y" + BACKSPACE + "n" + ENTER)
        assert prompter.confirm("Answer a few more anyway?", default=True) is False
        pipe.send_text(key + ENTER)
        assert prompter.review(rows) is None  # Enter on the first row: the result


def test_plain_mode_reads_a_pairs_two_activities_once(bank):
    """A screen reader user heard each activity twice per pair question ('Much rather: …',
    'Slightly rather: …'): plain mode, as the arrow-key prompt does, names them once as A
    and B above the five short answers, and typing 2 still means leaning to A."""
    pair = next(q for q in bank.questions if q.kind == "pair")
    shown = io.StringIO()
    picked = PlainPrompter(input=io.StringIO("2\n"), output=shown).ask(pair, "(3/63)")
    assert picked == (pair.option_ids[1],) and pair.option_ids[1].startswith("lean-")
    said = shown.getvalue()
    listed = said.split("Type a number")[0]
    for side in pair.sides:
        assert listed.count(side.label) == 1, said
    assert "  A: " in said and "  1. Much rather A" in said and "  5. Much rather B" in said
    # The answer is said back in the words listed, with the activity leaned to (a
    # screen-reader user heard only "2", then had to recall what A was).
    assert said.endswith(f"  Your answer: Slightly rather A: {pair.sides[0].label}\n")


def test_plain_mode_says_what_the_quiz_is_deciding_only_when_it_changes(bank):
    """(A screen-reader user heard three lines of 'deciding: ...' before every question
    from the seventh on.)"""
    from careerfit.terminal.fold import Progress

    question = next(q for q in bank.scored if q.kind == "choice")
    shown = io.StringIO()
    prompter = PlainPrompter(input=io.StringIO("1\n1\n1\n"), output=shown, width=0)
    for number, deciding in ((7, "A, or B"), (8, "A, or B"), (9, "A, or C")):
        count = f"({number} of at most 21)"
        prompter.ask(question, Progress(f"({number} of at most 21; deciding: {deciding})",
                                        count))
    heard = shown.getvalue()
    assert "(7 of at most 21; deciding: A, or B)" in heard
    assert f"(8 of at most 21) {question.text}" in heard and "(8 of at most 21;" not in heard
    assert "(9 of at most 21; deciding: A, or C)" in heard


def test_plain_mode_says_each_answer_and_a_default_back(bank):
    multi = next(q for q in bank.scored if q.kind == "multi")
    shown = io.StringIO()
    prompter = PlainPrompter(input=io.StringIO("1 2\n0\nnone\n\n"), output=shown)
    assert prompter.ask(multi, "(3/63)") == multi.option_ids[:2]
    assert prompter.ask(multi, "(3/63)") is None
    assert prompter.ask(multi, "(3/63)") == ()
    assert prompter.confirm("Answer a few more anyway?") is False
    first, second = (o.label for o in multi.options[:2])
    said = re.findall(r"  Your answer: (.*)", shown.getvalue())
    assert said == [f"{first}; {second}", multi.skip_label, "None of these"]
    assert shown.getvalue().endswith("(y/N):   No\n")


def test_a_plain_quiz_stopped_half_way_is_resumed_in_plain_mode(bank, person):
    """A bank editor stopped a --plain quiz and was given 'careerfit quiz --resume --data
    mydata', which went back to the arrow keys (for a screen reader user, the wrong
    screen): the command keeps --plain, as it keeps --data and --save."""
    person(pure_person(bank, "data-scientist"), stop_at=3)
    with pytest.raises(Interrupted) as stopped:
        run_quiz(QuizOptions(plain=True, full=True, data=default_data_dir()))
    assert f"careerfit quiz --resume --data {default_data_dir()} --plain" in str(stopped.value)


def test_plain_review_names_the_letter_of_the_skills_row():
    # (A screen-reader user was asked for "a number" and found the 's' row by chance.)
    from careerfit.terminal.session.loop import ReviewRow

    rows = [ReviewRow("on-call-ok", "1", "on call", "Agree"),
            ReviewRow("skills", "s", "skills you have", "SQL")]
    typed = io.StringIO("clear\ns\n")
    shown = io.StringIO()
    assert PlainPrompter(typed, shown, width=200).review(rows) == "skills"
    said = shown.getvalue()
    assert "Type a number or s to change that answer" in said
    assert "Please type a number or s from the list, l, or just Enter." in said


def test_plain_review_after_a_change_says_that_answer_and_lists_all_on_l():
    # (A screen-reader user heard the whole list, some thirty lines, after each change.)
    from careerfit.terminal.session.loop import ReviewRow

    rows = [ReviewRow("on-call-ok", "1", "on call", "Agree"),
            ReviewRow("work-rhythm", "2", "work rhythm", "Steady")]
    shown = io.StringIO()
    prompter = PlainPrompter(io.StringIO("l\n\n"), shown, width=200)
    assert prompter.review(rows, "work-rhythm") is None
    said = shown.getvalue()
    assert said.startswith("Changed: 2. work rhythm: Steady\n")
    assert said.count("Review your answers:") == 1  # on 'l' only
    assert "  1. on call: Agree" in said


def test_plain_mode_marks_the_answer_given_before_in_the_list(bank):
    # (A screen-reader user who went back heard "Enter: keep 4" and had to count to 4.)
    question = bank.question("on-call-ok")
    shown = io.StringIO()
    kept = PlainPrompter(io.StringIO("\n"), shown, width=200).ask(
        question, "(2 of 9)", ("agree",), answered=True)
    assert kept == ("agree",)
    lines = shown.getvalue().splitlines()
    marked = [line for line in lines if line.endswith("(your answer)")]
    number = question.option_ids.index("agree") + 1
    assert marked == [f"  {number}. {question.option('agree').label} (your answer)"]
    fresh = io.StringIO()
    PlainPrompter(io.StringIO("1\n"), fresh, width=200).ask(question, "(2 of 9)")
    assert "(your answer)" not in fresh.getvalue()


def test_going_back_says_so_when_the_changed_answer_changes_the_next_question(
        bank, person, capsys, tmp_path):
    """(A screen-reader user went back, changed an answer, then heard another question than
    before and wondered whether they had misheard.) Said only when it differs."""
    from careerfit.terminal.session.loop import NEXT_CHANGED

    seen = set()
    for role in ("ai-engineer", "data-scientist", "ml-engineer"):
        order = list(adaptive_order(bank, role))
        third, fourth = bank.question(order[3]), order[4]
        for other in third.option_ids:
            if (other,) == adaptive_order(bank, role)[third.id]:
                continue
            prompts = person(pure_person(bank, role), back_at=(5,),
                             changes={third.id: (other,)})
            run_quiz(QuizOptions(save=tmp_path / "a.yaml", json_output=True))
            capsys.readouterr()
            ids = [q for _, q in prompts.asked]
            assert ids[4:6] == [fourth, third.id]  # went back from the fifth to the fourth
            seen.add((ids[6] != fourth, NEXT_CHANGED in prompts.said))
    assert seen == {(True, True), (False, False)}


def test_the_progress_line_says_once_what_a_blend_it_weighs_is(bank, person, capsys):
    """(A new user met "deciding: Data Scientist as your main role, or the AI evaluation and
    decision science blend" with nothing to say what that was.)"""
    from careerfit.simulation.simulate import people

    explained = 0
    for someone in people(bank, 12, seed=5, personas=("blend",)):
        prompts = person(someone.picks)
        run_quiz(QuizOptions(json_output=True))
        capsys.readouterr()
        labels = [str(label) for label, _ in prompts.asked]
        for blend in bank.blends:
            named = [label for label in labels if f"the {blend.name} blend" in label]
            if not named:
                continue
            first, second = (bank.role(r).name for r in sorted(
                blend.roles, key=[r.id for r in bank.roles].index))
            said = [label for label in named if " meet" in label]
            assert said == named[:1], named
            assert (f"the {blend.name} blend, where {first} and {second} meet" in said[0]
                    or f"the {blend.name} blend, where {second} and {first} meet" in said[0])
            assert said[0].count("(") == said[0].count(")") == 1, said[0]
            explained += 1
    assert explained >= 3


def test_changes_on_the_review_that_unsettle_the_result_offer_more_first(
        bank, person, capsys, tmp_path):
    """(A new user was told "more answers would most likely not change the result",
    changed two answers on the review, and then read "Not settled".) The quiz says so
    before the result and offers more; taking it asks until settled again."""
    from careerfit.engine.adaptive import Planner
    from careerfit.terminal.session.loop import REVIEW_REOPENED

    planner = Planner(bank)
    for role, other in (("ml-engineer", "data-scientist"), ("data-scientist", "ai-engineer"),
                        ("ai-engineer", "ml-engineer")):
        asked = adaptive_order(bank, role)
        scored = [q for q in asked if bank.question(q).scored]
        changes = {q: favourite(bank, bank.question(q), other) for q in scored[:3]}
        if planner.next_to_ask({**asked, **changes}) is not None:
            break
    else:
        pytest.fail("no change of three answers reopened a pure person's quiz")
    prompts = person(pure_person(bank, role), reviews=tuple(changes), changes=changes,
                     confirms=(False, True))
    saved = tmp_path / "reopened.yaml"
    run_quiz(QuizOptions(save=saved, json_output=True))
    capsys.readouterr()
    assert prompts.confirmed[1] == REVIEW_REOPENED
    after_review = [q for _, q in prompts.asked][len(asked) + len(changes):]
    assert after_review and not set(after_review) & set(asked)  # new questions were put
    assert len(prompts.reviewed) >= len(changes) + 2  # and the review shown again
    assert len(written_answers(saved)) == len(asked) + len(after_review)
    # No (the default) goes straight to the result: a new user who said no was shown the
    # review again.
    declined = person(pure_person(bank, role), reviews=tuple(changes), changes=changes)
    run_quiz(QuizOptions(save=saved, json_output=True))
    capsys.readouterr()
    assert declined.confirmed[1] == REVIEW_REOPENED
    assert len(declined.reviewed) == len(changes) + 1
    assert len(written_answers(saved)) == len(asked)


@pytest.mark.parametrize("columns", [50, 80])
def test_a_long_yes_or_no_wraps_at_words_and_keeps_its_keys_whole(columns):
    """(A new user saw the review's "...before you see it? (Y/n), the" / "n Enter" cut at
    the terminal's edge.)"""
    from prompt_toolkit.data_structures import Size

    from careerfit.terminal.session.loop import REVIEW_REOPENED

    class Screen(DummyOutput):
        def __init__(self):
            self.written: list[str] = []

        def write(self, data):
            self.written.append(data)

        def get_size(self):
            return Size(rows=24, columns=columns)

    screen = Screen()
    with create_pipe_input() as pipe:
        pipe.send_text("y" + ENTER)
        assert ask.Prompter(input=pipe, output=screen).confirm(REVIEW_REOPENED, default=True)
    drawn = "".join(screen.written)
    lines = [line for line in drawn.split("\n") if "Enter" in line or "unsettled" in line]
    assert any("(Y/n), then Enter" in line for line in lines), lines
    first = next(line for line in drawn.split("\n") if "unsettled" in line)
    assert len(first.split("\x1b")[0]) <= columns


def test_where_the_quiz_itself_would_go_on_the_offer_of_more_is_not_anyway(bank):
    """(After the few more asked for, a new user read "the quiz would ask a few more before
    stopping" and then "Answer a few more anyway?".)"""
    from careerfit.engine.adaptive import Planner
    from careerfit.simulation.simulate import people
    from careerfit.terminal.session.plans import MORE_PROMPT, MORE_WORTH_IT, AdaptivePlan

    planner = Planner(bank)
    offers = set()
    for person in people(bank, 40, seed=12):
        asked = list(planner.replay(person.picks))
        for cut in range(7, len(asked) + 1):
            picks = {q: person.picks[q] for q in asked[:cut]}
            said, offer = AdaptivePlan(bank, planner).more_prompt(picks)
            if "would ask a few more before stopping" in said:
                assert offer == MORE_WORTH_IT, said
                offers.add(offer)
            elif said.startswith("Based on"):
                assert offer == MORE_PROMPT, said
                offers.add(offer)
        if offers == {MORE_WORTH_IT, MORE_PROMPT}:
            break
    assert offers == {MORE_WORTH_IT, MORE_PROMPT}


@pytest.mark.parametrize("scored", [True, False])
def test_a_pick_all_question_asks_once_before_recording_nothing_ticked(bank, scored):
    """(A new user's stray Enter recorded "None of these" unseen; two more on the
    unscored skills question.) The first Enter with nothing ticked says so and waits; a
    second records none of these."""
    question = next(q for q in bank.scored if q.kind == "multi")._replace(scored=scored)
    # A stray Enter, then a tick and Enter: the tick is the answer.
    with create_pipe_input() as pipe:
        pipe.send_text(ENTER + SPACE + ENTER)
        assert ask.Prompter(input=pipe, output=DummyOutput()).ask(
            question, "(3 of 21)") == (question.option_ids[0],)
    assert len(ask.NOTHING_TICKED) <= 40  # its line never wraps: whole at 40 columns
    with create_pipe_input() as pipe:  # Enter twice: none of these
        pipe.send_text(ENTER + ENTER)
        assert ask.Prompter(input=pipe, output=DummyOutput()).ask(question, "(3 of 21)") == ()
    # Kept as it was, going back over it: one Enter.
    with create_pipe_input() as pipe:
        pipe.send_text(ENTER)
        assert ask.Prompter(input=pipe, output=DummyOutput()).ask(
            question, "(3 of 21)", current=(), answered=True) == ()


def test_a_yes_or_no_leaves_its_answer_on_screen():
    # (A new user found no record of having declined more questions.)
    class Screen(DummyOutput):
        def __init__(self):
            self.written: list[str] = []

        def write(self, data):
            self.written.append(data)

    screen = Screen()
    with create_pipe_input() as pipe:
        pipe.send_text("n" + ENTER)
        assert not ask.Prompter(input=pipe, output=screen).confirm("Answer a few more anyway?")
    assert screen.written[-1] == "? Answer a few more anyway? No\n"
