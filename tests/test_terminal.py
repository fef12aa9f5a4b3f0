"""The quiz in a real pseudo-terminal (pexpect), keys as a person types them."""

from __future__ import annotations

import json
import os
import re
import signal
import sys

import pexpect
import pytest
import yaml

from helpers import CTRL_C, ENTER, EXAMPLES, LEFT, NO_SKILLS, favourite, keys_for, run

EXAMPLES_DIR = EXAMPLES

pytestmark = pytest.mark.slow
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")


def plain(text: str) -> str:
    """What the screen says, without colour and cursor codes."""
    return ANSI.sub("", text).replace("\r", "")


def terminal(command: str, args: list[str], env: dict | None = None,
             **how) -> pexpect.spawn:
    """*command* in a real pseudo-terminal. Keys go at once (no 50 ms pause before each):
    every test waits for the prompt on screen before it types."""
    child = pexpect.spawn(command, args, env=env, encoding="utf-8", **how)
    child.delaybeforesend = None
    return child


def spawn(*args: str, state_dir) -> pexpect.spawn:
    env = {**os.environ, "PROMPT_TOOLKIT_NO_CPR": "1", "TERM": "xterm",
           "CAREERFIT_STATE_DIR": str(state_dir)}
    return terminal(sys.executable, ["-m", "careerfit", "quiz", *args], env=env,
                    timeout=20, dimensions=(50, 140))


def answer(child: pexpect.spawn, bank, questions, role: str) -> None:
    total = len(bank.questions)
    for question in questions:
        position = bank.questions.index(question) + 1
        child.expect_exact(f"({position} of {total})")
        child.send(keys_for(question, favourite(bank, question, role)))


SKILLS = "Which of these do you already do with confidence?"


def test_quiz_by_keystrokes_then_rerun_saved_file(bank, tmp_path, state_dir):
    """The quiz as a new user runs it: adaptive, so it stops early (the whole bank, --full,
    is typed through in-process, and 'a few more' for every role: tests/test_prompts.py),
    saved in the order asked and read back."""
    saved = tmp_path / "me.yaml"
    child = spawn("--save", str(saved), state_dir=state_dir)
    asked = answer_adaptively(child, bank, "ml-engineer")  # up to the review screen
    child.send(ENTER)
    child.expect(pexpect.EOF)
    child.close()
    screen = plain(child.before)
    assert child.exitstatus == 0
    assert asked[0] == "background" and 7 <= len(asked) <= 14
    assert "Recommended: Machine Learning Engineer" in screen
    assert "Next steps toward Machine Learning Engineer" in screen
    written = yaml.safe_load(saved.read_text())
    assert written["adaptive"] is True and list(written["answers"]) == asked  # as asked
    rerun = json.loads(run("quiz", "--answers", str(saved), "--json").stdout)
    assert rerun["ranking"][0]["role"] == "ml-engineer"
    coverage = rerun["coverage"]
    assert coverage["asked"] + coverage["asked_unscored"] == len(asked)
    assert coverage["stopped_early"]


def test_json_mode_keeps_prompts_off_stdout(bank, tmp_path, state_dir):
    """Prompts are drawn on stderr: a pipe on stdout receives the JSON alone."""
    out = tmp_path / "out.json"
    env = {**os.environ, "PROMPT_TOOLKIT_NO_CPR": "1", "TERM": "xterm",
           "CAREERFIT_STATE_DIR": str(state_dir)}
    command = f"{sys.executable} -m careerfit quiz --json > {out}"
    child = terminal("/bin/sh", ["-c", command], env=env, timeout=20, dimensions=(50, 140))
    answer_adaptively(child, bank, "ai-engineer")  # up to the review screen
    child.send(ENTER)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert json.loads(out.read_text())["recommendation"]["role"] == "ai-engineer"


def test_ctrl_c_before_the_first_answer_keeps_nothing(bank, state_dir):
    child = spawn("--full", state_dir=state_dir)
    child.expect_exact(f"(1 of {len(bank.questions)})")
    child.send(CTRL_C)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert "stopped before the first answer; nothing was kept" in plain(child.before)
    assert not (state_dir / "progress.yaml").exists()


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_signals_keep_answers(bank, state_dir, sig):
    child = spawn("--full", state_dir=state_dir)
    answer(child, bank, bank.questions[:5], "ai-engineer")
    child.expect_exact(f"(6 of {len(bank.questions)})")
    child.kill(sig)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    expected = "the terminal closed" if sig == signal.SIGHUP else "stopped by SIGTERM"
    assert expected in plain(child.before)
    kept = yaml.safe_load((state_dir / "progress.yaml").read_text())["answers"]
    assert list(kept) == [q.id for q in bank.questions[:5]]


def test_kill_9_leaves_the_progress_file_whole(bank, state_dir):
    child = spawn("--full", state_dir=state_dir)
    answer(child, bank, bank.questions[:8], "ml-engineer")
    child.expect_exact(f"(9 of {len(bank.questions)})")
    child.kill(signal.SIGKILL)
    child.close(force=True)
    kept = yaml.safe_load((state_dir / "progress.yaml").read_text())["answers"]
    assert list(kept) == [q.id for q in bank.questions[:8]]
    assert not [p for p in state_dir.iterdir() if p.name.endswith(".tmp")]


# The label, then the question's text: on the same line, or (a long label) on the next,
# past the line end and the colour codes.
ADAPTIVE_LABEL = re.compile(
    r"\((\d+) of at most (\d+)(?:; [^)]*)?\)(?:\s|\x1b\[[0-9;?]*[A-Za-z])+([^\r\n]+)")
MORE = "Answer a few more"


def answer_adaptively(child: pexpect.spawn, bank, role: str, *, more: str = "n",
                      stop_after: int | None = None, already: int = 0) -> list[str]:
    """Answer whatever the adaptive quiz asks as a pure *role* would, until its review screen
    (or until *stop_after* questions); at each 'answer a few more?' type *more*. *already*
    is how many answers a resumed quiz starts with."""
    asked: list[str] = []
    while stop_after is None or len(asked) < stop_after:
        found = child.expect([ADAPTIVE_LABEL, MORE, "Review your answers", SKILLS])
        if found == 3:
            child.send(NO_SKILLS)
            continue
        if found == 2:
            break
        if found == 1:
            child.send(more + ENTER)  # y or n, then Enter (a key alone is not taken)
            more = "n"
            continue
        number, total, text = child.match.groups()
        if int(number) <= already + len(asked):
            continue  # the prompt redrawn with its answer
        assert int(number) == already + len(asked) + 1
        assert int(total) == bank.max_questions + 1  # the cap, and the background question
        # A long progress line wraps: the question's text may go on past the line's end.
        shown = plain(text).strip()
        question = next(q for q in bank.questions
                        if shown.startswith(q.text) or (len(shown) > 12
                                                        and q.text.startswith(shown)))
        asked.append(question.id)
        child.send(keys_for(question, favourite(bank, question, role)))
    return asked


def test_adaptive_quiz_stopped_midway_resumes_adaptively(bank, tmp_path, state_dir):
    """Ctrl-C keeps the answers; the quiz goes on by accepting what a new 'careerfit quiz'
    offers (or with --resume). In a terminal one way; every stop point and both ways,
    in-process: test_prompts.py."""
    role = "ai-engineer"
    child = spawn(state_dir=state_dir)
    first = answer_adaptively(child, bank, role, stop_after=3)
    while child.expect(ADAPTIVE_LABEL) == 0 and child.match.group(1) != "4":
        pass  # the third prompt redrawn with its answer: wait for the fourth question
    child.send(CTRL_C)
    child.expect(pexpect.EOF)
    child.close()
    said = plain(child.before)
    assert child.exitstatus == 130 and "kept 3 answers" in said
    assert "careerfit quiz --resume" in said and "Traceback" not in said
    saved = tmp_path / "resumed.yaml"
    child = spawn("--save", str(saved), state_dir=state_dir)
    child.expect_exact("You left a quiz half-way (3 answers kept)")
    child.send(ENTER)
    rest = answer_adaptively(child, bank, role, already=3)
    child.send(ENTER)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "Recommended: AI Engineer" in plain(child.before)
    final = yaml.safe_load(saved.read_text())["answers"]
    assert set(final) == set(first) | set(rest)
    assert not set(first) & set(rest)
    for question_id, value in final.items():
        expected = favourite(bank, bank.question(question_id), role)
        assert (tuple(value) if isinstance(value, list) else (value,)) == expected
    assert not (state_dir / "progress.yaml").exists()


def typed(question, answer) -> str:
    """What a person types at a plain-mode question for *answer*."""
    if answer is None:
        return "0"
    ids = list(question.option_ids)
    if question.kind == "multi":
        return " ".join(str(ids.index(o) + 1) for o in answer) or "none"
    return str(ids.index(answer[0]) + 1)


def spawn_plain(*args: str, state_dir) -> pexpect.spawn:
    env = {**os.environ, "TERM": "dumb", "CAREERFIT_STATE_DIR": str(state_dir)}
    env.pop("COLUMNS", None)  # plain mode wraps to the terminal's width: 140 columns here
    return terminal(sys.executable, ["-m", "careerfit", "quiz", *args], env=env,
                    timeout=20, dimensions=(50, 140))


def test_plain_mode_by_typed_numbers_with_skip_back_and_resume(bank, tmp_path, state_dir):
    role = "ml-engineer"
    total = len(bank.questions)
    child = spawn_plain("--full", state_dir=state_dir)
    first, second = bank.questions[:2]
    child.expect_exact(f"(1 of {total}) {first.text}")
    child.expect_exact("0. Not sure")
    child.sendline(typed(first, favourite(bank, first, role)))
    child.expect_exact(f"(2 of {total})")
    child.sendline("0")  # not sure
    child.expect_exact(f"(3 of {total})")
    child.sendline("b")  # back to the second, where Enter keeps the answer
    child.expect_exact(f"(2 of {total})")
    child.expect_exact("Enter: keep 0")
    child.sendline(typed(second, favourite(bank, second, role)))
    child.expect_exact(f"(3 of {total})")
    child.sendline("99")  # not on the list: asked again
    child.expect_exact("Please type")
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    kept = yaml.safe_load((state_dir / "progress.yaml").read_text())["answers"]
    assert list(kept) == [first.id, second.id]

    saved = tmp_path / "plain.yaml"
    child = spawn_plain("--resume", "--save", str(saved), state_dir=state_dir)
    for question in bank.questions[2:]:
        child.expect_exact(f" of {total}) {question.text}")
        child.sendline(typed(question, favourite(bank, question, role)))
    child.expect_exact(SKILLS)
    child.expect_exact("1. ")
    child.sendline("1")  # the first skill offered: already done with confidence
    child.expect_exact("Review your answers:")
    child.sendline("")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    screen = plain(child.before)
    assert "Recommended: Machine Learning Engineer" in screen
    have = yaml.safe_load(saved.read_text())["skills"]
    assert len(have) == 1 and ("Left out, as you already do them: " in screen
                               or "Part of this is already behind you: " in screen)
    assert "1. Machine Learning Engineer:" in screen
    assert not any(mark in screen for mark in ("╭", "█", "\x1b["))
    final = yaml.safe_load(saved.read_text())["answers"]
    assert len(final) == total and final[second.id] == favourite(bank, second, role)[0]


def test_score_shows_a_progress_bar_on_a_terminal_and_prints_only_json(bank, tmp_path):
    """stderr a terminal: a bar counts the records while they are scored (redrawn by
    careerfit itself, a tenth of a second apart); stdout still gets only the lines."""
    from careerfit.documents.answers import to_plain
    from careerfit.simulation.simulate import people

    cohort, out = tmp_path / "cohort.jsonl", tmp_path / "scored.jsonl"
    line = json.dumps({"version": 2, "revision": bank.revision,
                       "answers": to_plain(bank, next(people(bank, 1, seed=4)).picks)})
    cohort.write_text((line + "\n") * 8_000)  # half a second or more: shown, redrawn
    child = pexpect.spawn("/bin/sh", ["-c", f"{sys.executable} -m careerfit score"
                                            f" < {cohort} > {out}"],
                          encoding="utf-8", timeout=60, dimensions=(24, 100))
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    shown = plain(child.before)
    assert "scoring" in shown and re.search(r"[1-9][\d,]* records", shown), shown[-300:]
    lines = out.read_text().splitlines()
    assert len(lines) == 8_000 and all(json.loads(row)["ranking"] for row in lines[:5])
    # A short run ends before the bar would show (a script author's three records left
    # "scoring ... 0 records" on screen, with the output piped to the same terminal).
    cohort.write_text((line + "\n") * 3)
    child = pexpect.spawn("/bin/sh", ["-c", f"{sys.executable} -m careerfit score"
                                            f" < {cohort} > {out}"],
                          encoding="utf-8", timeout=60, dimensions=(24, 100))
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0 and "scoring" not in plain(child.before)


# --- issue 28: the quiz at 100x40 and 50x30 ------------------------------------------------

SIZES = [(40, 100), (30, 50)]


def spawn_at(size, *args: str, state_dir, plain_mode: bool = False) -> pexpect.spawn:
    env = {**os.environ, "PROMPT_TOOLKIT_NO_CPR": "1", "CAREERFIT_STATE_DIR": str(state_dir),
           "TERM": "dumb" if plain_mode else "xterm"}
    env.pop("COLUMNS", None)
    env.pop("LINES", None)
    return terminal(sys.executable, ["-m", "careerfit", "quiz", *args], env=env,
                    timeout=20, dimensions=size)


@pytest.mark.parametrize("size", SIZES)
def test_back_change_forward_stop_resume_and_a_stray_enter(bank, state_dir, size):
    """Left (an escape sequence, as a real terminal sends it) goes back with the answer
    preselected, and the progress counts back; Enter goes forward one question, not past
    it. Ctrl-C keeps the answers, --resume goes on from there, and a stray Enter on the
    'move to an answer' line every pick-one question opens on records nothing and says
    so (a new user's choice question took its first answer so). Backspace, and every
    question's keys, in-process: tests/test_prompts.py."""
    role = "data-scientist"
    total = len(bank.questions)
    child = spawn_at(size, "--full", state_dir=state_dir)
    answer(child, bank, bank.questions[:4], role)
    child.expect_exact(f"(5 of {total})")
    child.send(LEFT)
    child.expect_exact(f"(4 of {total})")
    child.send(LEFT)
    child.expect_exact(f"(3 of {total})")
    third = bank.questions[2]
    before = favourite(bank, third, role)
    other = next(o for o in third.option_ids if (o,) != before)
    child.send(keys_for(third, (other,), current=before, answered=True))
    child.expect_exact(f"(4 of {total})")
    child.send(ENTER)  # keep the fourth answer: forward to the fifth, not past it
    child.expect_exact(f"(5 of {total})")
    child.send(CTRL_C)
    child.expect(pexpect.EOF)
    said = plain(child.before)
    assert f"kept 4 of {total} answers" in said

    child = spawn_at(size, "--resume", state_dir=state_dir)
    child.expect_exact("Resumed with 4 answers:")
    child.expect_exact(f"(5 of {total})")
    child.send(ENTER)  # nothing picked yet: nothing is recorded, and it says so
    child.expect_exact("nothing recorded: pick an answer")
    child.send(CTRL_C)
    child.expect(pexpect.EOF)
    said = " ".join(plain(child.before).split())
    assert child.wait() == 130
    assert "nothing was kept" not in said
    assert "the 4 earlier answers are still kept in" in said
    kept = yaml.safe_load((state_dir / "progress.yaml").read_text())["answers"]
    assert kept == {**{q.id: favourite(bank, q, role)[0] for q in bank.questions[:4]},
                    third.id: other}


@pytest.mark.parametrize("size", SIZES)
def test_edit_opens_on_the_review_whose_last_row_shows_whole(bank, tmp_path, state_dir, size):
    from helpers import DOWN, UP

    source = EXAMPLES_DIR / "llm-platform.yaml"
    saved = tmp_path / "edited.yaml"
    child = spawn_at(size, "--answers", str(source), "--edit", "--save", str(saved),
                     state_dir=state_dir)
    child.expect_exact("Review your answers")
    child.expect_exact("These are right")
    child.send(UP)  # round to the last row: the skills, after every numbered answer
    child.expect_exact("None picked")
    child.send(DOWN + DOWN * 3 + ENTER)  # the confirm line, then down to the third answer
    third = bank.question(list(yaml.safe_load(source.read_text())["answers"])[2])
    child.expect_exact("(changing answer 3)")
    before = (yaml.safe_load(source.read_text())["answers"][third.id],)
    other = next(o for o in third.option_ids if (o,) != before)
    child.send(keys_for(third, (other,), current=before, answered=True))
    child.expect_exact("Review your answers")
    # It opens again on the answer just changed (a new user pressed Down 11 times from the
    # top to reach the next one), and says how to get back to the confirm line: Home.
    child.expect_exact("Home: back to")
    child.send("\x1b[H" + ENTER)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    original = yaml.safe_load(source.read_text())["answers"]
    assert yaml.safe_load(saved.read_text())["answers"] == {**original, third.id: other}


@pytest.mark.parametrize("size", SIZES)
def test_plain_mode_wraps_words_whole_and_ctrl_c_starts_a_new_line(bank, state_dir, size):
    import io

    child = spawn_at(size, state_dir=state_dir, plain_mode=True)
    child.logfile_read = io.StringIO()
    child.expect_exact("back): ")
    child.send(CTRL_C)
    child.expect(pexpect.EOF)
    shown = plain(child.logfile_read.getvalue())
    lines = shown.split("careerfit: stopped")[0].split("\n")  # the question, the prompt
    assert all(len(line) < size[1] for line in lines), shown
    words = set(" ".join(lines).split())
    background = bank.background
    assert set(background.text.split()) <= words
    assert all(set(o.label.split()) <= words for o in background.options)
    assert re.search(r"(^|\n)careerfit: stopped", shown), shown
