"""Exit codes and the errors a user can cause.

Every error a user can fix is a :class:`CareerfitError`; the CLI prints its
message on stderr (never through rich markup) and exits with its code.
Anything else that escapes is a bug (exit 1).
"""

from __future__ import annotations

import enum
import re


class ExitCode(enum.IntEnum):
    """Documented exit statuses of the ``careerfit`` command."""

    OK = 0
    BUG = 1
    BAD_INPUT = 2
    INTERRUPTED = 130


class CareerfitError(Exception):
    """A mistake the user can fix; ``str(err)`` is the whole message."""

    exit_code: ExitCode = ExitCode.BAD_INPUT

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        whole = self.message if not self.hint else f"{self.message}\n  fix: {self.hint}"
        return clean(whole)  # names and values from files and the command line in it


class InputError(CareerfitError):
    """A file the user gave (answers, data) cannot be used."""


class DataError(CareerfitError):
    """A question bank that fails validation: every problem at once."""

    def __init__(self, problems: list[str], again: str = "careerfit validate") -> None:
        """*again*: the command that checks the same folder (a bank editor ran the one the
        message gave, without its --data, and checked the shipped bank instead)."""
        self.problems = problems
        count = len(problems)
        many = count != 1
        super().__init__(
            "\n".join(problems)
            + f"\n{count} problem{'s' if many else ''} in the bank's data files; fix"
            f" {'them' if many else 'it'} and run '{again}' again."
        )


class Interrupted(CareerfitError):
    """The quiz was stopped (Ctrl-C, Ctrl-D, SIGTERM, SIGHUP)."""

    exit_code = ExitCode.INTERRUPTED


# What must never reach a terminal raw: C0 and C1 controls (ESC starts CSI and OSC
# sequences, BEL ends OSC), DEL, the line and paragraph separators and the bidi
# embeddings, overrides and isolates. Newlines and tabs are text.
_CONTROL = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def clean(text: str) -> str:
    """Text safe for a terminal: every character that could act on it (see _CONTROL)
    shown as a visible escape, such as \\x1b or \\u202e. The one cleaning careerfit does:
    every message, note and view runs the text of files and command lines through it."""
    return _CONTROL.sub(_escape, text)


def literal(text: object, limit: int = 80) -> str:
    """A value from a user's file, quoted for a message: cleaned, cut at *limit*."""
    shown = clean(str(text))
    if len(shown) > limit:
        shown = shown[: limit - 1] + "…"
    return f"'{shown}'"


def some_ids(ids: list[str] | tuple[str, ...], limit: int = 12) -> str:
    """Ids for a message: the first *limit*, then how many more (a script author met an
    ellipsis and could not tell how many were left out)."""
    more = len(ids) - limit
    return ", ".join(ids[:limit]) + (f" and {more} more ('careerfit questions' lists every"
                                     " id)" if more > 0 else "")
