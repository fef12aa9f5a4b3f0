"""What several commands share: the checked question bank, and notes on stderr."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

from careerfit.bank import Bank, load_bank, validate_command
from careerfit.base.errors import DataError, clean


def load_checked_bank(data: Path | None) -> Bank:
    """The default bank as shipped, or another one checked as strictly as 'validate' does."""
    bank = load_bank(data)
    if data is not None:
        from careerfit.engine.checks import check_bank

        problems = check_bank(bank)
        if problems:
            raise DataError(problems, validate_command(data))
    return bank


def note(message: str) -> None:
    """A line for the person on stderr (what was saved, a tip); stdout keeps the result."""
    from careerfit.terminal.fold import say

    with contextlib.suppress(OSError):
        say(sys.stderr, clean(message))
