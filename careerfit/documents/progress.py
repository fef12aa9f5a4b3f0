"""The half-finished quiz, kept in the per-user state folder so ``--resume`` can continue.

It is rewritten atomically after every answer, so an interruption of any kind
(Ctrl-C, a closed terminal, kill -9) loses at most the question on screen.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

from careerfit.bank import Bank
from careerfit.base.errors import InputError
from careerfit.documents.answers import AnswerSet, dump_answers
from careerfit.documents.files import atomic_write

if TYPE_CHECKING:
    from careerfit.bank import safeyaml  # the YAML parser is imported only when a file is read

FILE_NAME = "progress.yaml"


def state_dir() -> Path:
    """Where careerfit keeps state; CAREERFIT_STATE_DIR overrides the platform default."""
    override = os.environ.get("CAREERFIT_STATE_DIR")
    if override:
        return Path(override)
    from platformdirs import user_state_path

    return user_state_path("careerfit", appauthor=False)


def progress_path() -> Path:
    return state_dir() / FILE_NAME


def save_progress(bank: Bank, answers: AnswerSet, data_dir: Path | None) -> Path:
    path = progress_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    extra = {"data": str(data_dir.resolve())} if data_dir is not None else None
    atomic_write(path, dump_answers(bank, answers, extra))
    return path


def load_progress() -> tuple[Path | None, safeyaml.Document]:
    """The saved progress document and the data folder it was taken with."""
    path = progress_path()
    if not path.exists():
        raise InputError(
            "there is no unfinished quiz to resume",
            hint="start one with 'careerfit quiz'",
        )
    from careerfit.bank import safeyaml

    doc = safeyaml.load(path, what="progress file")
    data = doc.data.pop("data", None) if isinstance(doc.data, dict) else None
    return (Path(data) if isinstance(data, str) else None), doc


def unfinished_answers() -> int:
    """How many answers the unfinished quiz holds: 0 when there is none, or it can't be
    read (then --resume says what is wrong with it)."""
    try:
        _, doc = load_progress()
    except InputError:
        return 0
    answers = doc.data.get("answers") if isinstance(doc.data, dict) else None
    return len(answers) if isinstance(answers, dict) else 0


def clear_progress() -> None:
    with contextlib.suppress(OSError):
        progress_path().unlink()
