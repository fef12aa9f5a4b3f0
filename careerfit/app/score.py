"""``careerfit score``: many answer sets in one process, one JSON line out per set in,
or a summary of the cohort."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import BinaryIO

from careerfit.app.shared import load_checked_bank
from careerfit.base.errors import CareerfitError, InputError, Interrupted
from careerfit.terminal import facts


def run_score(files: list[Path], *, full: bool, summary: bool, json_output: bool,
              data: Path | None) -> None:
    """careerfit score: stream records through the scorer, one JSON line each."""
    from careerfit.base.interrupts import how_stopped, signals_interrupt
    from careerfit.base.speed import rare_collection
    from careerfit.documents.batch import (
        Summary,
        from_files,
        from_json_lines,
        output_line,
        record_name,
        score,
        why_command,
    )
    from careerfit.terminal.progressbar import progress_bar

    bank = load_checked_bank(data)
    from_stdin = not files or files == [Path("-")]
    if from_stdin and sys.stdin is None:
        raise InputError("careerfit score reads JSON Lines from standard input, and it is"
                         " closed", hint="pipe a file in (careerfit score < answers.jsonl)"
                                         " or name YAML answers files")
    if from_stdin and facts.stdin_is_terminal():
        raise InputError("careerfit score reads JSON Lines from standard input, and it is a"
                         " terminal", hint="pipe a file in (careerfit score < answers.jsonl)"
                                          " or name YAML answers files")
    records = (from_json_lines(sys.stdin.buffer, bank) if from_stdin
               else from_files(files, bank))
    totals = Summary(bank)
    out = _WholeLines(sys.stdout.buffer)
    try:
        with (signals_interrupt(),
              progress_bar(len(files) if not from_stdin else None) as advance,
              rare_collection()):
            for output, result in score(records, bank, full=full and not summary,
                                        traits=summary):
                totals.add(result, "" if result else output["error"]["where"],
                           record_name(output))
                if not summary:
                    out.add(output_line(output))
                advance()
            out.flush()
    except KeyboardInterrupt as stop:
        if summary:  # nothing is printed per record: count what was scored
            scored = totals.people + totals.errors
            raise Interrupted(f"{how_stopped(stop)} after {scored:,} record(s): no summary"
                              " was printed") from None
        raise Interrupted(f"{how_stopped(stop)} after {out.written:,} record(s): the"
                          f" {out.written:,} line(s) printed are whole, one per record in"
                          " input order") from None
    if summary:
        _print_summary(totals.as_dict(), {r.id: r.name for r in bank.roles}, json_output)
    if not totals.people + totals.errors:  # (a script author's empty input said nothing)
        from careerfit.app.shared import note

        note("careerfit: no records were read: the input was empty")
    if totals.errors:
        command = why_command(totals.unscored[0]) if summary else None
        raise CareerfitError(f"{totals.errors} of {totals.errors + totals.people} record(s)"
                             " could not be scored; " + (
                                 "their lines say why" if not summary else
                                 f"to see why: {command}" if command else
                                 "run without --summary for each one's error"))


class _WholeLines:
    """Output lines written a block at a time, with the signals that stop a run held off
    while a block goes out: a run stopped part-way leaves whole lines, and knows how many."""

    BLOCK = 512

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.pending: list[bytes] = []
        self.written = 0

    def add(self, line: bytes) -> None:
        self.pending.append(line)
        if len(self.pending) >= self.BLOCK:
            self.flush()

    def flush(self) -> None:
        from careerfit.base.interrupts import held_signals

        with held_signals():
            self.stream.write(b"".join(self.pending))
            self.stream.flush()
            self.written += len(self.pending)
            self.pending = []


def _print_summary(summary: dict, role_names: dict[str, str], json_output: bool) -> None:
    import json

    if json_output:
        sys.stdout.write(json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
        return
    from careerfit.terminal.render import make_console, show, summary_view

    console = make_console()
    show(summary_view(summary, role_names, console.width), console)
