"""Shared test helpers: running the command, and the keystrokes that give an answer."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from careerfit.bank import GRADED_KINDS, Bank, Question
from careerfit.base.vocabulary import MaybeAnswer

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
ROLE_IDS = ("data-scientist", "ml-engineer", "ai-engineer")

DOWN, UP, ENTER, SPACE, CTRL_C, CTRL_D = "\x1b[B", "\x1b[A", "\r", " ", "\x03", "\x04"
LEFT, BACKSPACE = "\x1b[D", "\x7f"


def run(*args: str, stdin: str | None = "", env: dict | None = None, cwd: Path | None = None,
        timeout: float = 30) -> subprocess.CompletedProcess:
    """Run ``python -m careerfit ARGS`` the way a user's shell would (stdin not a terminal)."""
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
        return keys + ENTER
    if answered:
        start = len(ids) if current is None else ids.index(current[0])
    else:
        # A 5-point question not answered yet starts on a line above its first answer.
        start = -1 if question.kind in GRADED_KINDS else 0
    target = len(ids) if answer is None else ids.index(answer[0])
    moves = DOWN * (target - start) if target >= start else UP * (start - target)
    return moves + ENTER
