"""Shared test helpers: running the command (in-process, or in a process of its own), and
the keystrokes that give an answer."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from careerfit.bank import BACK, Bank, Question
from careerfit.base.vocabulary import MaybeAnswer

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
ROLE_IDS = ("data-scientist", "ml-engineer", "ai-engineer")

DOWN, UP, ENTER, SPACE, CTRL_C, CTRL_D = "\x1b[B", "\x1b[A", "\r", " ", "\x03", "\x04"
# No skills ticked at the unscored skills question: Enter, then Enter again to confirm
# nothing ticked (careerfit.terminal.ask.NOTHING_TICKED).
NO_SKILLS = ENTER + ENTER
LEFT, BACKSPACE = "\x1b[D", "\x7f"
CAPTURE = object()  # run(stdout=...): capture it (the default)


class Captured(io.TextIOWrapper):
    """A standard stream for a run in-process: text over bytes, like a pipe's."""

    def __init__(self, data: bytes = b"") -> None:
        super().__init__(io.BytesIO(data), encoding="utf-8", newline="")

    def text(self) -> str:
        """What was written, newlines read as ``subprocess`` reads them in text mode."""
        self.flush()
        data = self.buffer.getvalue().decode("utf-8")
        return data.replace("\r\n", "\n").replace("\r", "\n")


@contextlib.contextmanager
def streams(stdin: Any, stdout: Any, stderr: Any) -> Iterator[None]:
    """sys.stdin, sys.stdout and sys.stderr replaced for the moment of a run."""
    saved = sys.stdin, sys.stdout, sys.stderr
    sys.stdin, sys.stdout, sys.stderr = stdin, stdout, stderr
    try:
        yield
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved


@contextlib.contextmanager
def environment(env: dict | None, cwd: Path | None) -> Iterator[None]:
    """os.environ with *env* added (and whatever the run changes in it undone), in *cwd*."""
    saved, here = dict(os.environ), os.getcwd()
    os.environ.update(env or {})
    if cwd is not None:
        os.chdir(cwd)
    try:
        yield
    finally:
        os.chdir(here)
        os.environ.clear()
        os.environ.update(saved)


def run(*args: str, stdin: str | bytes | None = "", env: dict | None = None,
        cwd: Path | None = None, stdout: Any = CAPTURE) -> subprocess.CompletedProcess:
    """Run ``careerfit ARGS`` in this process, through its entry point, the way a user's
    shell would (stdin not a terminal): exit code, stdout and stderr as text.

    *stdin* None is a closed stdin. *stdout* replaces the captured stdout (None: closed)."""
    from careerfit.app.entry import main

    data = stdin.encode() if isinstance(stdin, str) else stdin
    into = Captured() if stdout is CAPTURE else stdout
    err = Captured()
    with environment(env, cwd), streams(None if data is None else Captured(data), into, err):
        code = main(list(args))
    out = into.text() if isinstance(into, Captured) else ""
    return subprocess.CompletedProcess(args, code, out, err.text())


def run_process(*args: str, stdin: str | None = "", env: dict | None = None,
                cwd: Path | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
    """Run ``python -m careerfit ARGS`` in a process of its own: for the wiring (the
    console entry, the module's __main__, signals, real descriptors)."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "careerfit", *args], input=stdin,
                          capture_output=True, text=True, env=full_env, cwd=cwd,
                          timeout=timeout)


def favourite(bank: Bank, question: Question, role_id: str) -> MaybeAnswer:
    """The answer a person who is all *role_id* would give (by the role's own profile)."""
    profile = bank.role(role_id).profile

    def pull(option_id: str) -> float:
        option = question.option(option_id)
        return sum(profile.get(t, 0.0) * w for t, w in option.effects.items())

    if not question.scored:
        return (question.options[0].id,)
    if question.kind == "multi":
        return tuple(o for o in question.option_ids if pull(o) > 0)
    return (max(question.option_ids, key=pull),)


def keys_for(question: Question, answer: MaybeAnswer,
             current: MaybeAnswer = None, answered: bool = False) -> str:
    """Keystrokes that give *answer* at the prompt careerfit.terminal.ask draws for *question*."""
    from careerfit.terminal.ask import starts_unpicked

    ids = list(question.option_ids)
    if question.kind == "multi":
        keys = ""
        checked = set(current or ())
        for option_id in ids:
            if (option_id in (answer or ())) != (option_id in checked):
                keys += SPACE
            keys += DOWN
        if answer is None:
            keys += SPACE
        # Nothing ticked takes a second Enter (careerfit.terminal.ask.NOTHING_TICKED),
        # unless it is the answer kept.
        empty = answer == () and not (answered and current == ())
        return keys + ENTER + (ENTER if empty else "")
    if answered:
        start = len(ids) if current is None else ids.index(current[0])
    else:
        # A pick-one question not answered yet starts on a line above its first answer.
        start = -1 if starts_unpicked(question) else 0
    target = len(ids) if answer is None else ids.index(answer[0])
    moves = DOWN * (target - start) if target >= start else UP * (start - target)
    return moves + ENTER


class ScriptedPrompter:
    """A stand-in for the prompts (careerfit.terminal.session.Asks): a scripted person.

    *person* maps question ids to the answers they give (a question missing from it is
    answered 'not sure'). ``stop_at=N`` raises *stop_with* when the Nth question is about
    to be asked, as Ctrl-C (KeyboardInterrupt) or Ctrl-D (EOFError) at the keys would.
    ``back_at`` holds the numbers of the asks at which the person goes back instead of
    answering. *confirms* are the answers to yes/no questions in turn (then 'no'), and
    *reviews* the question ids picked at the review (then 'these are right').
    ``asked`` records (progress label, question id) for every question put.
    """

    back_key = "Left arrow"

    def __init__(self, person: dict, *, stop_at: int | None = None,
                 stop_with: type[BaseException] = KeyboardInterrupt,
                 back_at: tuple[int, ...] = (), confirms: tuple[bool, ...] = (),
                 reviews: tuple[str, ...] = (), changes: dict | None = None) -> None:
        self.person = dict(person)
        self.stop_at, self.stop_with, self.back_at = stop_at, stop_with, set(back_at)
        self.confirms, self.reviews = list(confirms), list(reviews)
        self.changes = dict(changes or {})  # answers given when a question is asked again
        self.asked: list[tuple[str, str]] = []
        self.skills_offered: list[tuple[str, ...]] = []  # the unscored skills question
        self.confirmed: list[str] = []
        self.reviewed: list[list[str]] = []  # the question ids listed at each review
        self.review_rows: list[list[Any]] = []  # ...and the rows themselves
        self.pointed: list[str | None] = []  # ...and the row each opened on
        self.said: list[str] = []

    def ask(self, question: Question, label: str, current: MaybeAnswer = None,
            answered: bool = False) -> MaybeAnswer | str:
        if question.id == "skills":  # asked once, after the last scored question
            self.skills_offered.append(question.option_ids)
            return self.person.get("skills")
        if self.stop_at is not None and len(self.asked) + 1 >= self.stop_at:
            raise self.stop_with
        self.asked.append((label, question.id))
        if len(self.asked) in self.back_at:
            return BACK
        if answered and question.id in self.changes:
            return self.changes.pop(question.id)
        return self.person.get(question.id)

    def confirm(self, message: str, default: bool = False) -> bool:
        self.confirmed.append(message)
        return self.confirms.pop(0) if self.confirms else False

    def review(self, rows: list[Any], pointed: str | None = None) -> str | None:
        self.pointed.append(pointed)
        self.review_rows.append(list(rows))
        self.reviewed.append([row.key for row in rows if row.mark.isdigit()])
        return self.reviews.pop(0) if self.reviews else None

    def say(self, text: str) -> None:
        self.said.append(text)


def pure_person(bank: Bank, role_id: str) -> dict:
    """Every question answered as someone who is all *role_id* would."""
    return {q.id: favourite(bank, q, role_id) for q in bank.questions}


def answer_sets(bank: Bank, *, partial: bool = False) -> Any:
    """A hypothesis strategy for answer sets of *bank*: any valid answer or a skip to every
    question (with *partial*, some questions left out too). Each question's answer is
    drawn as one whole number (0 a skip, then each option, or each subset of a pick-all
    question's options as a bit mask; -1 left out): three times as fast to generate as a
    dictionary of one strategy per question, and it shrinks toward skips alike."""
    from hypothesis import strategies as st

    def size(question: Question) -> int:
        options = len(question.option_ids)
        return 2 ** options if question.kind == "multi" else options

    def build(drawn: tuple[int, ...]) -> dict[str, MaybeAnswer]:
        return {q.id: nth_answer(q, n) for q, n in zip(bank.questions, drawn, strict=True)
                if n >= 0}

    low = -1 if partial else 0
    return st.tuples(*[st.integers(low, size(q)) for q in bank.questions]).map(build)


def nth_answer(question: Question, n: int) -> MaybeAnswer:
    """Answer *n* of *question*, as :func:`answer_sets` numbers them (0: a skip)."""
    if n == 0:
        return None
    if question.kind == "multi":
        return tuple(o for i, o in enumerate(question.option_ids) if (n - 1) >> i & 1)
    return (question.option_ids[n - 1],)


def unfolded(text: str) -> str:
    """*text* with each command that careerfit broke over lines (each line but its last
    ending in a shell's line continuation, ' \\') joined back into one line."""
    import re

    return re.sub(r" \\\n\s*", " ", text)
