"""The entry point: run one command, and turn whatever ends it into an exit code and at
most one message on stderr. Faults of the output are handled here, once, for every
command (``--help`` and ``--version`` included), as httpie's ``core.main`` and click's
``BaseCommand.main`` do:

- a closed pipe downstream (``careerfit roles | true``, ``score | head -1``) ends the run
  quietly with exit 0, as for any Unix filter;
- a full disk (``> /dev/full``), or any other failure to write stdout, is exit 2 with one
  message;
- a closed stdout (``>&-``) is refused before the command runs (exit 2): its file
  descriptor is free, and the next file careerfit opened would take its place.

Every write to stdout goes through :class:`Guarded`, so a failure is known to be stdout's
(not a file's) wherever it happens: in a ``print``, rich, click's help, prompt_toolkit, or
the last flush. Tests call :func:`main` in-process with their own streams in ``sys``.
"""

from __future__ import annotations

import contextlib
import os
import sys
from typing import Any

from careerfit.base.errors import CareerfitError, DataError, ExitCode, InputError

CLOSED_STDOUT = InputError(
    "standard output is closed, so the result could not be printed",
    hint="leave stdout open; to discard the output, redirect it: > /dev/null")


class OutputFailed(Exception):
    """Writing to stdout failed; *error* is the system's reason. Not an OSError, so that no
    library on the way (rich, click, prompt_toolkit) takes it for its own."""

    def __init__(self, error: OSError) -> None:
        super().__init__(str(error))
        self.error = error


class Guarded:
    """A stream (stdout, or its binary buffer) whose write failures are :class:`OutputFailed`;
    anything else is the stream's own."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, data: Any) -> int:
        try:
            return self._stream.write(data)
        except OSError as error:
            raise OutputFailed(error) from None

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as error:
            raise OutputFailed(error) from None

    def __getattr__(self, name: str) -> Any:
        found = getattr(self._stream, name)
        return Guarded(found) if name == "buffer" else found


def main(argv: list[str] | None = None) -> int:
    """Run the command in *argv* (default: the process's arguments); return the exit code.

    Every failure maps to a documented code (:class:`~careerfit.base.errors.ExitCode`)."""
    stdout = sys.stdout
    if stdout is None or getattr(stdout, "closed", False):
        return _say(f"careerfit: {CLOSED_STDOUT}", CLOSED_STDOUT.exit_code)
    sys.stdout = Guarded(stdout)  # type: ignore[assignment]
    try:
        code = _run(argv)
        sys.stdout.flush()  # here, not at exit: a failure of the last flush is handled too
        return code
    except OutputFailed as failed:
        _discard(stdout)
        if isinstance(failed.error, BrokenPipeError):
            return ExitCode.OK
        error = InputError(f"cannot write the result to standard output"
                           f" ({failed.error.strerror})",
                           hint="check the disk or the file stdout is redirected to")
        return _say(f"careerfit: {error}", error.exit_code)
    finally:
        sys.stdout = stdout


def _run(argv: list[str] | None) -> int:
    """The command's exit code; OutputFailed passes through."""
    from careerfit.app import cli

    usage_error, abort = cli.usage_errors()

    cli.debug_wanted(False)
    args = sys.argv[1:] if argv is None else list(argv)
    # The program name is click's guess for a real run ('careerfit', 'python -m careerfit');
    # a run in-process is named as the console script.
    prog_name = None if argv is None else "careerfit"
    try:
        code = cli.command_for(args).main(args=args, prog_name=prog_name, standalone_mode=False)
    except OutputFailed:
        raise
    except DataError as error:
        return _say(str(error), error.exit_code)  # already one 'file:line: message' per line
    except CareerfitError as error:
        return _say(f"careerfit: {error}", error.exit_code)
    except usage_error as error:  # bad usage: click's own message, and a way out
        return _say(_usage_message(error, args), error.exit_code)
    except (KeyboardInterrupt, abort):
        return _say("careerfit: interrupted", ExitCode.INTERRUPTED)
    except SystemExit as stop:  # shell completion ends with sys.exit
        if isinstance(stop.code, str):
            return _say(stop.code, ExitCode.BUG)
        return stop.code or ExitCode.OK
    except Exception:
        if cli.debug_wanted() or os.environ.get("CAREERFIT_DEBUG") == "1":
            import traceback

            traceback.print_exc()
        return _say("careerfit: an unexpected error occurred; this is a bug in careerfit."
                    " Please report it with the output of the same command run with --debug.",
                    ExitCode.BUG)
    return code if isinstance(code, int) else ExitCode.OK


def _usage_message(error: Any, args: list[str]) -> str:
    """click's usage message, and for a file given to 'quiz' without --answers (the
    likeliest slip) the option it needs."""
    import io
    import re

    shown = io.StringIO()
    error.show(file=shown)
    message = shown.getvalue()
    extra = re.search(r"unexpected extra arguments?(?:\(s\))? \((.+)\)", message)
    if extra and args[:1] == ["quiz"]:
        message = (message.rstrip("\n") + "\n  fix: to score a saved answers file, name it"
                   f" with --answers: careerfit quiz --answers {extra.group(1)}")
    return message


def _say(message: str, code: int) -> int:
    """Say *message* on stderr (if it is open at all); return *code*."""
    from careerfit.terminal.fold import say

    with contextlib.suppress(OSError, ValueError, AttributeError):
        say(sys.stderr, message.rstrip("\n"))
    return code


def _discard(stdout: Any) -> None:
    """Point stdout's descriptor at /dev/null, so that Python's last flush at exit has
    nothing to complain about."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stdout.fileno())
        os.close(devnull)
