"""Every quiz has an end (issue 27): the cap, the stop reasons, the honest unsettled end,
and the corpus benchmark that measures them on people careerfit did not make."""

from __future__ import annotations

import json
import shutil
import sys

import pytest

from careerfit.bank import load_bank
from careerfit.base.errors import DataError
from careerfit.documents.answers import AnswerSet, dump_answers, read_answers
from careerfit.engine.adaptive import CAP, END_OF_BANK, MISFIT, SETTLED, Planner
from careerfit.engine.ending import ending
from careerfit.engine.result import Evaluator
from careerfit.simulation.simulate import people
from careerfit.view.words import ending_sentence, reading
from helpers import EXAMPLES, ROOT, run

VALIDATION = ROOT / "validation" / "answers"
# A person in an AI-evaluation job (held out): the adaptive quiz ends unsettled for her.
EVALUATOR = VALIDATION / "aiev-search-chat-quality.yaml"


def test_no_one_is_asked_more_than_the_cap(bank):
    planner = Planner(bank)
    for person in people(bank, 60, seed=21):
        asked = planner.replay(person.picks)
        scored = sum(1 for q in bank.scored if q.id in asked)
        assert scored <= bank.max_questions
        assert planner.stop_reason(asked) in (SETTLED, CAP, MISFIT)


def test_a_bank_sets_its_own_cap(bank, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    (data / "bank.compiled.json").unlink()
    text = (data / "questions.yaml").read_text()
    (data / "questions.yaml").write_text(text.replace("max_questions: 20", "max_questions: 7"))
    small = load_bank(data)
    planner = Planner(small)
    for person in people(small, 20, seed=22, personas=("50/50", "random")):
        asked = planner.replay(person.picks)
        assert sum(1 for q in small.scored if q.id in asked) <= 7
    (data / "questions.yaml").write_text(text.replace("max_questions: 20", "max_questions: 3"))
    with pytest.raises(DataError, match="'max_questions' must be a whole number from 6"):
        load_bank(data)


def test_a_full_quiz_ends_at_the_end_of_the_bank(bank):
    answers = read_answers(EXAMPLES / "data-scientist.yaml", bank)
    verdict = Evaluator(bank)(answers.picks, explain=False).verdict
    assert ending(bank, answers.picks, verdict, adaptive=False) == (END_OF_BANK, None, None)


def test_an_unsettled_end_says_between_what_and_how_to_settle_it(bank):
    result = run("quiz", "--answers", str(EVALUATOR), "--adaptive", "--json")
    assert result.returncode == 0, result.stderr
    coverage = json.loads(result.stdout)["coverage"]
    assert coverage["stopped_by"] == CAP and coverage["stopped_early"]
    assert coverage["answered"] + coverage["skipped"] <= coverage["question_cap"] == 20
    between = coverage["unsettled"]["between"]
    assert len(between) == 2 and between[0] != between[1]
    more = coverage["unsettled"]["more_answers"]
    assert more is None or 1 <= more <= 8
    screen = run("quiz", "--answers", str(EVALUATOR), "--adaptive", "--plain").stdout
    sentence = next(line for line in screen.splitlines() if line.startswith("Not settled"))
    put = coverage["asked"] + coverage["asked_unscored"]
    names = {r.id: r.name for r in bank.roles}
    first, second = (reading(outcome, names) for outcome in between)
    assert f"Not settled after {put} questions" in sentence
    assert f": {first}, or {second}." in sentence
    assert ("would settle it for about half of people who answer as you did." in sentence
            if more
            else "Even 8 more answers would settle it for fewer than half of people" in sentence)


@pytest.mark.parametrize(("unscored", "stopped_by", "asked", "said"), [
    (1, "cap", 20, "Not settled after 21 questions (20 scored, the quiz's limit):"),
    (1, "cap", 21, "Not settled after 22 questions (21 scored, past the quiz's limit of 20,"
                   " as you asked for more):"),
    (0, "cap", 20, "Not settled after 20 questions (the quiz's limit of 20 questions):"),
    (1, "misfit", 12, "Not settled after 13 questions (12 scored; your answers fit no one"
                      " pattern well):"),
    (1, "early", 12, "Not settled after 13 questions (12 scored):"),
    (0, "early", 12, "Not settled after 12 questions:"),
])
def test_an_unsettled_end_counts_the_questions_put_and_the_scored(bank, unscored, stopped_by,
                                                                  asked, said):
    """The count is the quiz's numbering (the starting-point question too): three new users
    counted it and asked, so the scored ones are said beside it, with why it stopped."""
    between = [{"kind": "main", "roles": ["ml-engineer"], "name": None},
               {"kind": "main", "roles": ["data-scientist"], "name": None}]
    coverage = {"stopped_early": True, "asked": asked, "asked_unscored": unscored,
                "question_cap": 20, "stopped_by": stopped_by,
                "unsettled": {"between": between, "more_answers": None}}
    names = {r.id: r.name for r in bank.roles}
    assert ending_sentence(coverage, names, offered=True).startswith(said)
    # Told how many more would settle it, the result names the command that asks them
    # (a new user, after an edit, found no way to give them).
    command = "careerfit quiz --answers mine.yaml --more"
    assert ending_sentence(coverage, names, "mine.yaml").endswith(command)
    assert command not in ending_sentence(coverage, names, "mine.yaml", offered=True)


@pytest.mark.parametrize(("stopped_by", "asked", "said"), [
    ("settled", 9, "Based on 10 questions (9 scored): more answers would most likely not"
                   " change the result."),
    ("early", 9, "Based on 10 questions (9 scored): with these answers the quiz would ask a"
                 " few more before stopping, as they could still change the result."),
    ("cap", 20, "Based on 21 questions (20 scored): the quiz's limit."),
    ("cap", 23, "Based on 24 questions (23 scored): past the quiz's limit of 20, as you asked"
                " for more."),
    ("cap", 14, "Based on 15 questions (14 scored): the quiz stopped there, as the rest of"
                " the bank would most likely not change what it says."),
])
def test_a_settled_end_says_why_the_quiz_stopped(bank, stopped_by, asked, said):
    """An edited file whose JSON said 'early' read 'the quiz stopped there, as the rest of
    the bank would most likely not change what it says' (a new user saw the two disagree);
    the cap said so too. Each reason now has its own words."""
    coverage = {"stopped_early": True, "asked": asked, "asked_unscored": 1, "question_cap": 20,
                "stopped_by": stopped_by, "unsettled": None}
    names = {r.id: r.name for r in bank.roles}
    assert ending_sentence(coverage, names) == said


@pytest.mark.parametrize(("kinds", "said"), [
    (("tie", "main"), "Not settled after 11 questions (10 scored): torn between Machine"
     " Learning Engineer"
     " and Data Scientist, or Machine Learning Engineer as your main role."),
    (("blend", "none"), "Not settled after 11 questions (10 scored): the Applied Scientist"
     " blend, or no"
     " clear pick."),
])
def test_an_unsettled_end_reads_as_a_sentence_whatever_its_two_readings(bank, kinds, said):
    """Each reading stands on its own in 'X, or Y' (a tie's own 'between' once led to
    'between torn between A and B and A')."""
    pair = ["ml-engineer", "data-scientist"]
    outcomes = {"tie": {"kind": "tie", "roles": pair, "name": "Applied Scientist"},
                "blend": {"kind": "blend", "roles": pair, "name": "Applied Scientist"},
                "main": {"kind": "main", "roles": pair[:1], "name": None},
                "none": {"kind": "none", "roles": [], "name": None}}
    coverage = {"stopped_early": True, "asked": 10, "asked_unscored": 1, "question_cap": 20,
                "stopped_by": "settled",
                "unsettled": {"between": [outcomes[k] for k in kinds], "more_answers": None}}
    names = {r.id: r.name for r in bank.roles}
    assert ending_sentence(coverage, names).startswith(said)


def test_a_settled_saved_quiz_names_the_command_that_asks_more_anyway(tmp_path):
    """A new user who wanted to be surer said no to 'a few more?' to read the result first,
    then had to find --more in --help: the result of a saved adaptive quiz names it. A
    complete file scored with --adaptive can't go on, so it is not offered there; and
    --more without a terminal says what it needs."""
    full = EXAMPLES / "ml-engineer.yaml"
    saved = tmp_path / "short.yaml"
    replayed = run("quiz", "--answers", str(full), "--adaptive", "--plain")
    assert "scored): more answers would most likely not change" in replayed.stdout
    assert "--more" not in replayed.stdout
    kept = run("quiz", "--answers", str(full), "--adaptive", "--save", str(saved), "--plain")
    command = f"careerfit quiz --answers {saved} --more"
    assert f"To answer more anyway: {command}" in " ".join(kept.stdout.split())
    again = run("quiz", "--answers", str(saved), "--plain")
    assert f"To answer more anyway: {command}" in " ".join(again.stdout.split())
    more = run("quiz", "--answers", str(saved), "--more")
    assert more.returncode == 2 and more.stdout == ""
    assert "--more asks more questions in a terminal" in more.stderr
    assert "0 question(s)" not in more.stderr


@pytest.mark.parametrize("offered", [False, True])
def test_an_end_before_the_stop_names_the_command_unless_the_quiz_offers_more(bank, offered):
    """After the few more asked for, the quiz can stop short of its own stop (the answers
    reopened the verdict): its offer follows at once, so its sentence names no command;
    the result of such answers names the command that goes on."""
    between = [{"kind": "main", "roles": ["ml-engineer"], "name": None},
               {"kind": "main", "roles": ["data-scientist"], "name": None}]
    coverage = {"stopped_early": True, "asked": 13, "asked_unscored": 1, "question_cap": 20,
                "stopped_by": "early",
                "unsettled": {"between": between, "more_answers": 2}}
    names = {r.id: r.name for r in bank.roles}
    # One answer: 'asks it', not 'asks them'.
    for more, answers, them in ((2, "answers", "them"), (1, "answer", "it")):
        coverage["unsettled"]["more_answers"] = more
        said = ending_sentence(coverage, names, "me.yaml", offered=offered)
        settle = (f"About {more} more {answers} would settle it for about half of people who"
                  " answer as you did")
        command = "careerfit quiz --answers me.yaml --more"
        assert said.endswith(f"{settle}." if offered else f"{settle}; to answer {them}: {command}")
        assert not said.endswith(f"{command}.")  # (a copied stop made "--more." an error)


def test_a_settled_end_says_so(bank):
    result = json.loads(run("quiz", "--answers", str(EXAMPLES / "ml-engineer.yaml"),
                            "--adaptive", "--json").stdout)
    assert result["coverage"]["stopped_by"] == SETTLED
    assert result["coverage"]["unsettled"] is None
    screen = run("quiz", "--answers", str(EXAMPLES / "ml-engineer.yaml"), "--adaptive",
                 "--plain").stdout
    assert "scored): more answers would most likely not change the result" in screen


def test_the_corpus_benchmark_reports_every_target(capsys, monkeypatch):
    """bench/external.py on the held-out half: its figures and targets, and it fails (exit
    2, no number) on a corpus it cannot read."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import external
    finally:
        sys.path.pop(0)
    monkeypatch.setattr(sys, "argv", ["external.py", "--no-adaptive"])
    code = external.main()
    out = capsys.readouterr().out
    rows = (ROOT / "validation" / "corpus.jsonl").read_text().splitlines()
    held_out = sum(1 for row in rows if json.loads(row)["split"] == "held-out")
    assert f"{held_out} people (held-out split" in out and held_out >= 42
    for target in ("right blend named", "'high' for one parent", "one role: top-1",
                   "'high' for a wrong role", "flagged as a tie or a blend",
                   "largest bin gap"):
        assert target in out
    assert code == (1 if "MISS" in out else 0)
    monkeypatch.setattr(sys, "argv", ["external.py", "--corpus", str(ROOT / "no-such.jsonl")])
    assert external.main() == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "no such file" in captured.err


def test_an_edited_adaptive_file_ends_early_and_more_goes_on(bank, tmp_path, monkeypatch,
                                                             capsys):
    """Answers an adaptive quiz would not have stopped on (here: cut short by hand) say
    'early', and --more asks as many as would most likely settle them, then offers more."""
    from careerfit.app.quiz import QuizOptions, run_quiz
    from careerfit.terminal import facts
    from careerfit.terminal.session import run as session
    from helpers import ScriptedPrompter

    whole = read_answers(EVALUATOR, bank)
    planner = Planner(bank)
    asked = list(planner.replay(whole.picks))[:6]  # the background and five answers
    short = tmp_path / "short.yaml"
    short.write_text(dump_answers(bank, AnswerSet({q: whole.picks[q] for q in asked},
                                                  revision=bank.revision, adaptive=True)))
    report = json.loads(run("quiz", "--answers", str(short), "--json").stdout)
    assert report["coverage"]["stopped_by"] == "early"
    assert report["coverage"]["unsettled"] is not None
    screen = run("quiz", "--answers", str(short), "--plain").stdout
    # The command keeps the more answers in the file (a new user's, asked with the
    # command the result gave, stayed out of it).
    assert f": careerfit quiz --answers {short} --more --save {short}" in screen
    # --more, in a terminal: the quiz goes on from the file's answers.
    person = ScriptedPrompter(dict(whole.picks))
    monkeypatch.setattr(facts, "stdin_is_terminal", lambda: True)
    monkeypatch.setattr(session, "prompter_for", lambda plain: person)
    saved = tmp_path / "more.yaml"
    run_quiz(QuizOptions(answers=short, more=True, save=saved, json_output=True))
    shown = capsys.readouterr()
    after = json.loads(shown.out)
    # What the more answers did, said (a new user saw the verdict change over two --more
    # runs with no word of it): the verdict and the fits, before and now.
    said = " ".join(shown.err.split())
    more = report["coverage"]["unsettled"]["more_answers"] or 3
    was = {row["role"]: row["fit"] for row in report["ranking"]}
    fits = ", ".join(f"{row['name']} {row['fit']:.1f} ({was[row['role']]:.1f})"
                     for row in after["ranking"])
    assert said.startswith(f"Your {more} more answers: ") and f"Fits now (before): {fits}." in said
    assert [q for _, q in person.asked][:1] != [] and person.asked[0][1] not in asked
    assert person.asked[0][0] == f"({len(asked) + 1}, the 1st of {more} more)"
    # As many as it said, then it stops and offers more (declined here).
    assert after["coverage"]["asked"] == report["coverage"]["asked"] + more
    assert len(person.confirmed) == 1
    refused = run("quiz", "--answers", str(EXAMPLES / "ml-engineer.yaml"), "--more")
    assert refused.returncode == 2 and "--more goes on with an adaptive quiz" in refused.stderr


def test_the_command_to_answer_more_keeps_the_data_folder(bank, tmp_path):
    """(A bank editor ran the result's 'careerfit quiz --answers ... --more' without the
    --data her quiz had, and was refused.)"""
    whole = read_answers(EVALUATOR, bank)
    asked = list(Planner(bank).replay(whole.picks))[:6]
    short = tmp_path / "short.yaml"
    short.write_text(dump_answers(bank, AnswerSet({q: whole.picks[q] for q in asked},
                                                  revision=bank.revision, adaptive=True)))
    folder = ROOT / "data"
    screen = run("quiz", "--answers", str(short), "--data", str(folder), "--plain").stdout
    assert (f"careerfit quiz --answers {short} --data {folder} --more --save {short}"
            in " ".join(screen.split()))


def test_more_without_save_names_the_file_that_holds_the_more(bank, tmp_path, monkeypatch,
                                                              capsys):
    """(A new user ran --answers tomas.yaml --more, answered five more, and was told 'To
    answer more: careerfit quiz --answers tomas.yaml --more': tomas.yaml did not hold the
    five.) The commands name the copy kept in the state folder, and a note says so."""
    from careerfit.app.quiz import QuizOptions, run_quiz
    from careerfit.terminal import facts
    from careerfit.terminal.session import run as session
    from careerfit.terminal.session.progress import LAST_NAME, state_dir
    from helpers import ScriptedPrompter

    whole = read_answers(EVALUATOR, bank)
    asked = list(Planner(bank).replay(whole.picks))[:6]
    short = tmp_path / "short.yaml"
    short.write_text(dump_answers(bank, AnswerSet({q: whole.picks[q] for q in asked},
                                                  revision=bank.revision, adaptive=True)))
    before = short.read_text()
    monkeypatch.setattr(facts, "stdin_is_terminal", lambda: True)
    monkeypatch.setattr(session, "prompter_for",
                        lambda plain: ScriptedPrompter(dict(whole.picks)))
    run_quiz(QuizOptions(answers=short, more=True, plain=True))
    shown = capsys.readouterr()
    kept = state_dir() / LAST_NAME
    assert short.read_text() == before  # nothing written to the file read
    assert len(read_answers(kept, bank).picks) > len(asked)
    screen = " ".join(shown.out.split())
    assert f"--answers {short} --more" not in screen
    # The copy in the state folder keeps every quiz's answers: no --save for it.
    assert f"--answers {kept} --more --save" not in screen
    told = " ".join(shown.err.split())
    assert (f"{short} still holds your answers from before the answers you just gave; they"
            f" are kept in {kept} until your next quiz. To save them to {short} without"
            f" answering again: careerfit quiz --answers {kept} --save {short}") in told


@pytest.mark.parametrize("save", [False, True])
def test_after_an_edit_the_suggested_command_names_a_file_that_holds_the_edit(
        bank, tmp_path, monkeypatch, capsys, save):
    """--edit without --save suggested '--answers short.yaml --more', but short.yaml still
    held the answers from before the edit: only a file that holds them is named, the
    --save file or, without one, the copy kept in the state folder."""
    from careerfit.app.quiz import QuizOptions, run_quiz
    from careerfit.terminal import facts
    from careerfit.terminal.session import run as session
    from helpers import ScriptedPrompter

    whole = read_answers(EVALUATOR, bank)
    asked = list(Planner(bank).replay(whole.picks))[:6]
    short = tmp_path / "short.yaml"
    short.write_text(dump_answers(bank, AnswerSet({q: whole.picks[q] for q in asked},
                                                  revision=bank.revision, adaptive=True)))
    monkeypatch.setattr(facts, "stdin_is_terminal", lambda: True)
    first = bank.question(asked[0])
    other = next(o for o in first.option_ids if (o,) != whole.picks[first.id])
    monkeypatch.setattr(session, "prompter_for", lambda plain: ScriptedPrompter(
        {}, reviews=(first.id,), changes={first.id: (other,)}))
    saved = tmp_path / "edited.yaml"
    run_quiz(QuizOptions(answers=short, edit=True, plain=True, save=saved if save else None))
    shown = capsys.readouterr()
    screen = " ".join(shown.out.split())
    from careerfit.terminal.session.progress import LAST_NAME, state_dir

    named = saved if save else state_dir() / LAST_NAME
    assert read_answers(named, bank).picks.keys() == read_answers(short, bank).picks.keys()
    assert f"careerfit quiz --answers {named} --more" in screen
    assert f"--answers {short} --more" not in screen
    # Without --save, the note says the file still holds the old answers, and ends with a
    # command that saves the edited ones to it without editing again (a new user read
    # "these edits are not saved" beside "they are also in ..." and asked which).
    told = (f"{short} still holds your answers from before these edits; they are kept in"
            f" {named} until your next quiz. To save them to {short} without editing again:"
            f" careerfit quiz --answers {named} --save {short}")
    assert (told in " ".join(shown.err.split())) == (not save)
    if not save:
        assert run("quiz", "--answers", str(named), "--save", str(short)).returncode == 0
        assert read_answers(short, bank).picks == read_answers(named, bank).picks


def test_an_edit_that_changes_nothing_says_so(bank, tmp_path, monkeypatch, capsys):
    """(A new user pressed Enter through --edit and was told the file still held "your
    answers from before these edits".)"""
    from careerfit.app.quiz import QuizOptions, run_quiz
    from careerfit.terminal import facts
    from careerfit.terminal.session import run as session
    from helpers import ScriptedPrompter

    kept = tmp_path / "kept.yaml"
    kept.write_text((EXAMPLES / "ml-engineer.yaml").read_text())
    before = kept.read_text()
    monkeypatch.setattr(facts, "stdin_is_terminal", lambda: True)
    monkeypatch.setattr(session, "prompter_for", lambda plain: ScriptedPrompter({}))
    run_quiz(QuizOptions(answers=kept, edit=True, plain=True))
    told = " ".join(capsys.readouterr().err.split())
    assert f"You changed no answer: {kept} holds these answers as they are." in told
    assert "from before these edits" not in told
    assert kept.read_text() == before


@pytest.mark.parametrize(("more_answers", "offer"), [(4, "Answer 4 more?"),
                                                     (None, "Answer 3 more anyway?")])
def test_the_offer_after_an_unsettled_stop_agrees_with_what_the_stop_says(
        bank, monkeypatch, more_answers, offer):
    """'A few more answers would most likely not settle it' was followed by 'Answer 3
    more?': the offer now says 'anyway' there, and the likely number elsewhere."""
    import careerfit.documents.report as report
    from careerfit.terminal.session.plans import AdaptivePlan

    between = [{"kind": "main", "roles": ["data-scientist"], "name": None},
               {"kind": "blend", "roles": ["data-scientist", "ai-engineer"],
                "name": "AI evaluation and decision science"}]
    coverage = {"asked": 14, "asked_unscored": 1, "question_cap": 20, "stopped_early": True,
                "stopped_by": CAP, "unsettled": {"between": between,
                                                 "more_answers": more_answers}}
    monkeypatch.setattr(report, "coverage_part", lambda *args, **kwargs: coverage)
    picks = dict(list(next(people(bank, 1, seed=3)).picks.items())[:15])
    said, asked = AdaptivePlan(bank).more_prompt(picks)
    assert asked == offer
    assert ("Even 8 more answers would settle it for fewer than half" in said) == (
        more_answers is None)


def test_a_quiz_taken_without_save_keeps_its_answers_until_the_next(bank, monkeypatch, capsys):
    """A new user read 'Tip: add --save FILE to keep these answers' once they were gone,
    and took the quiz again. The answers of a quiz taken without --save are kept in the
    state folder, the note says where and how to re-run them, and they give the same
    result."""
    from careerfit.app.quiz import QuizOptions, run_quiz
    from careerfit.terminal import facts
    from careerfit.terminal.session import run as session
    from careerfit.terminal.session.progress import LAST_NAME, state_dir
    from helpers import ScriptedPrompter

    person = dict(read_answers(EXAMPLES / "ml-engineer.yaml", bank).picks)
    monkeypatch.setattr(facts, "stdin_is_terminal", lambda: True)
    monkeypatch.setattr(session, "prompter_for", lambda plain: ScriptedPrompter(person))
    run_quiz(QuizOptions(plain=True))
    shown = capsys.readouterr()
    kept = state_dir() / LAST_NAME
    said = " ".join(shown.err.split())
    assert f"Your answers are kept in {kept} until your next quiz" in said
    assert said.endswith(f"careerfit quiz --answers {kept} --edit")
    assert "Tip: add --save" not in said
    again = run("quiz", "--answers", str(kept), "--plain").stdout
    assert again.splitlines()[:2] == shown.out.splitlines()[:2]  # the verdict, how sure
    assert again.startswith("Recommended: Machine Learning Engineer")
    # Revising the kept file keeps the revision there, and says so without a "not saved"
    # (a new user read both at once).
    run_quiz(QuizOptions(answers=kept, edit=True, plain=True))
    said = " ".join(capsys.readouterr().err.split())
    assert f"Your answers are kept in {kept}" in said and "not saved" not in said


def test_more_answers_that_reopen_a_settled_stop_say_so(bank, monkeypatch):
    """A new user read 'more answers would most likely not change the result', asked for
    3 more, and was then told 'Not settled after 10 questions' with nothing to tie the
    two together: the second stop says the answers reopened it."""
    import careerfit.documents.report as report
    from careerfit.terminal.session.plans import AdaptivePlan

    between = [{"kind": "main", "roles": ["data-scientist"], "name": None},
               {"kind": "blend", "roles": ["data-scientist", "ai-engineer"],
                "name": "AI evaluation and decision science"}]
    settled = {"asked": 7, "asked_unscored": 1, "question_cap": 20, "stopped_early": True,
               "stopped_by": SETTLED, "unsettled": None}
    reopened = {**settled, "asked": 10, "stopped_by": "early",
                "unsettled": {"between": between, "more_answers": 2}}
    person = list(next(people(bank, 1, seed=3)).picks.items())
    plan = AdaptivePlan(bank)
    monkeypatch.setattr(report, "coverage_part", lambda *args, **kwargs: settled)
    first, _ = plan.more_prompt(dict(person[:8]))
    assert first.startswith("Based on 8 questions (7 scored): more answers would most likely")
    plan.extend(dict(person[:8]))
    monkeypatch.setattr(report, "coverage_part", lambda *args, **kwargs: reopened)
    second, offer = plan.more_prompt(dict(person[:11]))
    assert second.startswith("Your 3 more answers reopened it. Not settled after 11 questions")
    assert offer == "Answer 2 more?"
    # A stop that was not settled before says nothing of the kind.
    assert not AdaptivePlan(bank).more_prompt(dict(person[:11]))[0].startswith("Your")
