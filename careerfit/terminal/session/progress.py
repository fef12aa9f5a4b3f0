"""The half-finished quiz, kept in the per-user state folder so ``--resume`` can continue.

It is rewritten atomically after every answer, so an interruption of any kind
(Ctrl-C, a closed terminal, kill -9) loses at most the question on screen.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from careerfit.bank import Bank
from careerfit.base.errors import InputError
from careerfit.documents.answers import AnswerSet, dump_answers
from careerfit.documents.files import atomic_write, existing_mode, refuse_unless_file

if TYPE_CHECKING:
    from careerfit.bank import safeyaml  # the YAML parser is imported only when a file is read

FILE_NAME = "progress.yaml"
LOCK_NAME = "quiz.lock"
# The answers of the last quiz taken without --save (keep_last_answers).
LAST_NAME = "last-answers.yaml"


def state_dir() -> Path:
    """Where careerfit keeps state; CAREERFIT_STATE_DIR overrides the platform default."""
    override = os.environ.get("CAREERFIT_STATE_DIR")
    if override:
        return Path(override)
    from platformdirs import user_state_path

    return user_state_path("careerfit", appauthor=False)


def progress_path() -> Path:
    return state_dir() / FILE_NAME


class Origin(NamedTuple):
    """What an unfinished quiz was started with, kept beside its answers so that a bare
    ``--resume`` goes on as it began: the bank's folder (--data) and the file its answers
    are saved to (--save: a new user who resumed as --help shows found no file)."""

    data: Path | None = None
    save: Path | None = None


NO_ORIGIN = Origin()


def save_progress(bank: Bank, answers: AnswerSet, origin: Origin = NO_ORIGIN) -> Path:
    path = progress_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    extra = {key: str(value.resolve()) for key, value in origin._asdict().items()
             if value is not None}
    atomic_write(path, dump_answers(bank, answers, extra))
    return path


def keep_last_answers(bank: Bank, answers: AnswerSet) -> Path | None:
    """Keep the answers of a quiz taken without --save, until the next such quiz: a new
    user read 'add --save FILE to keep these answers' once they were gone, and took the
    quiz again. None when the state folder can't be written (the quiz goes on)."""
    path = state_dir() / LAST_NAME
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, dump_answers(bank, answers, path=str(path)))
    except (OSError, InputError):
        return None
    return path


def load_progress() -> tuple[Origin, safeyaml.Document]:
    """What the unfinished quiz was started with, and its saved progress document."""
    path = progress_path()
    if not path.exists():
        raise InputError(
            "there is no unfinished quiz to resume",
            hint="start one with 'careerfit quiz'",
        )
    from careerfit.bank import safeyaml

    doc = safeyaml.load(path, what="progress file")
    kept = {key: doc.data.pop(key, None) if isinstance(doc.data, dict) else None
            for key in Origin._fields}
    return Origin(**{key: Path(value) if isinstance(value, str) else None
                     for key, value in kept.items()}), doc


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


@contextlib.contextmanager
def cleared_when_done(resume: str) -> Iterator[None]:
    """Keep the quiz's progress until what it protects is done: the block (the questions,
    then the result worked out, --save and --export written, the result shown) ends
    normally, and only then is the progress cleared. Ctrl-C, SIGTERM or SIGHUP anywhere
    in the block stops it with exit 130 and the progress kept (*resume* says how to go
    on); a stop while the questions are asked is the session's to report."""
    from careerfit.base.errors import Interrupted
    from careerfit.base.interrupts import how_stopped, signals_interrupt

    try:
        with signals_interrupt():
            yield
    except KeyboardInterrupt as stop:
        raise Interrupted(f"{how_stopped(stop)} before the result was written; your answers"
                          f" are kept in {progress_path()}. Continue with: {resume}") from None
    clear_progress()


class QuizLock:
    """One quiz at a time per state folder: the second is refused, naming the first.

    Two quizzes sharing a state folder would overwrite each other's progress, and the
    first to finish would delete the other's. The lock is an advisory ``flock`` on
    ``quiz.lock`` (released by the system however the process ends, kill -9 included);
    the file holds the holder's process id for the message. Taken on first need
    (:meth:`hold`), kept until :meth:`release`. Where flock does not exist (Windows)
    quizzes are not locked.
    """

    def __init__(self) -> None:
        self._fd: int | None = None

    def hold(self) -> None:
        if self._fd is not None:
            return
        try:
            import fcntl
        except ImportError:  # not POSIX: no lock
            return
        folder = state_dir()
        path = folder / LOCK_NAME
        fix = f"remove it (rm {path}): careerfit makes its lock file anew"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            # Never through a link; never waiting on a named pipe.
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK, 0o600)
        except OSError as exc:
            mode = existing_mode(path)
            if mode is not None:
                refuse_unless_file(path, mode, what="the lock file", fix=fix)
            raise InputError(f"{folder}: cannot use it as careerfit's state folder"
                             f" ({exc.strerror})",
                             hint="set CAREERFIT_STATE_DIR to a folder you can write to"
                             ) from None
        try:
            refuse_unless_file(path, os.fstat(fd).st_mode, what="the lock file", fix=fix)
        except InputError:
            os.close(fd)
            raise
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "unknown"
            os.close(fd)
            raise InputError(
                f"another careerfit quiz (process {holder}) is running with the state"
                f" folder {folder}",
                hint="finish or stop that quiz first; to take two at once, give one its own"
                     " folder: CAREERFIT_STATE_DIR=/some/folder careerfit quiz") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor releases the flock
            self._fd = None
