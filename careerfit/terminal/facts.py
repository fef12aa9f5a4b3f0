"""What the terminal is: whether a person is at the keys, and whether it wants plain text.

Read at the moment of asking (tests replace :func:`stdin_is_terminal` here, once, for
every command and the quiz session)."""

from __future__ import annotations

import os
import sys


def stdin_is_terminal() -> bool:
    """Whether standard input is a terminal a person can answer at."""
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (ValueError, OSError):
        return False


# Set (to anything but 0) for plain mode in every command (a screen-reader user, run
# with --plain, was sent by the result to commands that printed bullets and boxes).
PLAIN_VARIABLE = "CAREERFIT_PLAIN"


def plain_wanted(flag: bool) -> bool:
    """--plain, CAREERFIT_PLAIN, or a terminal that says it can't do more (TERM=dumb)."""
    return (flag or os.environ.get(PLAIN_VARIABLE, "0") not in ("", "0")
            or os.environ.get("TERM") == "dumb")


def columns(stream: object) -> int | None:
    """How wide the terminal *stream* writes to is (COLUMNS overrides it), or None when it
    is not a terminal (a pipe or a file: lines are left whole)."""
    try:
        if stream is None or not stream.isatty():  # type: ignore[attr-defined]
            return None
    except (AttributeError, ValueError, OSError):
        return None
    given = os.environ.get("COLUMNS", "")
    if given.isdigit() and int(given) > 0:
        return int(given)
    try:  # this stream's own terminal: stdout may be a pipe while stderr is not
        return os.get_terminal_size(stream.fileno()).columns or 80  # type: ignore[attr-defined]
    except (AttributeError, ValueError, OSError):
        return 80
