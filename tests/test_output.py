"""Faults of the output, handled once at the entry point for every command: a full disk
(``> /dev/full``) and a closed stdout (``>&-``) are exit 2 with one message; a closed pipe
(``| true``, ``| head``) is a quiet exit 0.

Every command meets each fault in-process, through the entry point with its own streams;
a real process checks the wiring (the descriptors, Python's last flush at exit)."""

from __future__ import annotations

import errno
import io
import os
import subprocess
import sys

import pytest

from helpers import EXAMPLES, run

EXAMPLE = str(EXAMPLES / "ai-engineer.yaml")
FULL_DISK = ("careerfit: cannot write the result to standard output (No space left on device)\n"
             "  fix: check the disk or the file stdout is redirected to\n")
CLOSED = ("careerfit: standard output is closed, so the result could not be printed\n"
          "  fix: leave stdout open; to discard the output, redirect it: > /dev/null\n")

COMMANDS = [
    ("--help",), ("--version",), ("quiz", "--help"), ("score", "--help"),
    ("quiz", "--answers", EXAMPLE), ("quiz", "--answers", EXAMPLE, "--json"),
    ("quiz", "--answers", EXAMPLE, "--plain"), ("quiz", "--answers", EXAMPLE, "--adaptive"),
    ("roles",), ("roles", "--json"), ("roles", "--plain"), ("roles", "ml-engineer"),
    ("roles", "--compare", "data-scientist", "ai-engineer"),
    ("validate",), ("questions",), ("questions", "--json"), ("schema", "result"),
    ("score", EXAMPLE), ("score", "--full", EXAMPLE), ("score", "--summary", EXAMPLE),
    ("score", "--summary", "--json", EXAMPLE), ("--show-completion", "bash"),
]


class Failing(io.RawIOBase):
    """A descriptor whose writes fail as a full disk's or a closed pipe's do."""

    def __init__(self, error: OSError) -> None:
        self.error = error

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:
        raise self.error


def failing(error: OSError) -> io.TextIOWrapper:
    """A buffered text stdout over a failing descriptor, as Python builds sys.stdout."""
    return io.TextIOWrapper(io.BufferedWriter(Failing(error)), encoding="utf-8")


FAULTS = {
    "full disk": (lambda: failing(OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))), 2,
                  FULL_DISK),
    "closed pipe": (lambda: failing(BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE))),
                    0, ""),
    "closed stdout": (lambda: None, 2, CLOSED),
}
# --show-completion SHELL names its shell, rather than asking the process tree.
ENV = {"_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}


@pytest.mark.parametrize("fault", FAULTS)
@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_every_command_meets_a_fault_of_its_output_with_the_documented_exit(args, fault):
    stdout, code, message = FAULTS[fault]
    assert run(*args, env=ENV).returncode == 0  # the command itself works, and prints
    result = run(*args, env=ENV, stdout=stdout())
    assert (result.returncode, result.stderr) == (code, message)


@pytest.mark.parametrize("fault", FAULTS)
def test_score_from_standard_input_meets_a_fault_of_its_output(fault):
    lines = "".join(f'{{"id": "p{i}", "version": 2, "answers": {{}}}}\n' for i in range(600))
    stdout, code, message = FAULTS[fault]
    result = run("score", stdin=lines, stdout=stdout())
    assert (result.returncode, result.stderr) == (code, message)


def _real(args: tuple[str, ...], fault: str) -> subprocess.CompletedProcess:
    """careerfit in a process of its own, its stdout given the real *fault*."""
    command = [sys.executable, "-m", "careerfit", *args]
    if fault == "closed stdout":
        return subprocess.run(command, stderr=subprocess.PIPE, text=True, timeout=60,
                              stdin=subprocess.DEVNULL, preexec_fn=lambda: os.close(1))
    if fault == "full disk":
        with open("/dev/full", "w") as full:
            return subprocess.run(command, stdout=full, stderr=subprocess.PIPE, text=True,
                                  stdin=subprocess.DEVNULL, timeout=60)
    read, write = os.pipe()
    os.close(read)  # the reader is gone before the first write: EPIPE
    try:
        return subprocess.run(command, stdout=write, stderr=subprocess.PIPE, text=True,
                              stdin=subprocess.DEVNULL, timeout=60)
    finally:
        os.close(write)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize(("args", "fault"), [
    *((("roles",), fault) for fault in FAULTS), (("score", EXAMPLE), "full disk")])
def test_the_wiring_in_a_real_process(args, fault):
    """rich's own broken-pipe exit (1) and Python's last flush at exit (120) never show."""
    _, code, message = FAULTS[fault]
    result = _real(args, fault)
    assert (result.returncode, result.stderr) == (code, message)


@pytest.mark.parametrize("fault", FAULTS)
def test_the_quiz_in_a_terminal_meets_a_fault_of_its_output(bank, monkeypatch, fault):
    """The asked quiz (prompts on stderr, the result on stdout): a closed stdout is refused
    before the first question; a full disk or a closed pipe meets the result."""
    from careerfit.terminal import facts
    from careerfit.terminal.session import run as session
    from helpers import ScriptedPrompter, pure_person

    stand_in = ScriptedPrompter(pure_person(bank, "ml-engineer"))
    monkeypatch.setattr(facts, "stdin_is_terminal", lambda: True)
    monkeypatch.setattr(session, "prompter_for", lambda plain: stand_in)
    stdout, code, message = FAULTS[fault]
    result = run("quiz", "--full", stdout=stdout())
    assert (result.returncode, result.stderr) == (code, message)
    assert len(stand_in.asked) == (0 if fault == "closed stdout" else len(bank.questions))


class Terminal(io.TextIOWrapper):
    """stderr as a terminal would be: isatty, and written text kept."""

    def __init__(self) -> None:
        super().__init__(io.BytesIO(), encoding="utf-8", newline="")

    def isatty(self) -> bool:
        return True

    def text(self) -> str:
        self.flush()
        return self.buffer.getvalue().decode("utf-8")


@pytest.mark.parametrize("args", [
    ("quiz", "--answers", EXAMPLE, "--json", "--save", "{folder}/a-rather-long-name.yaml"),
    ("quiz", "--answers", "{folder}/no such answers file with a long name.yaml"),
])
def test_notes_and_errors_on_a_terminal_break_at_words_not_in_them(args, tmp_path,
                                                                   monkeypatch):
    """A 50-column terminal cut 'Saved ... (re-run with: ...)' in the middle of words; the
    notes and messages on stderr now fold at spaces when stderr is a terminal, and stay
    one line each in a pipe or a log."""
    from careerfit.app.entry import main
    from helpers import Captured, streams, unfolded

    monkeypatch.setenv("COLUMNS", "50")
    argv = [a.format(folder=tmp_path) for a in args]
    err = Terminal()
    with streams(Captured(b""), Captured(), err):
        main(argv)
    shown = err.text()
    assert shown.strip()
    assert all(len(line) <= 50 or " " not in line.strip() for line in shown.splitlines())
    piped = run(*argv[:-1], argv[-1].replace(".yaml", "-2.yaml")) if "--save" in argv \
        else run(*argv)
    words = " ".join(piped.stderr.replace("-2.yaml", ".yaml").split())
    assert " ".join(unfolded(shown).split()) == words  # the same words, other breaks
    assert len(shown.splitlines()) > len(piped.stderr.splitlines())


def test_a_command_in_a_message_stays_on_one_line_or_continues():
    """A command to copy is not split over two lines when a line of its own can hold it;
    one too long for any line breaks at its spaces, each line but its last ending in a
    shell's line continuation, so that it runs whole when pasted (a new user left out
    '--more', alone on the next line; another saw a terminal cut '.ya' / 'ml')."""
    from careerfit.terminal.fold import fold

    note = "Saved 63 answers to a.yaml (re-run with: careerfit quiz --answers a.yaml)"
    lines = fold(note, 50).splitlines()
    assert lines == ["Saved 63 answers to a.yaml (re-run with:",
                     "  careerfit quiz --answers a.yaml)"]
    long = "Continue with: careerfit quiz --answers /a/very/long/folder/name/answers.yaml --more"
    folded = fold(long, 56).splitlines()
    assert folded == ["Continue with:",
                      "  careerfit quiz --answers \\",
                      "    /a/very/long/folder/name/answers.yaml --more"]
