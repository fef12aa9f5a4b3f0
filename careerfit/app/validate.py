"""``careerfit validate``: check an edited question bank, every problem at once."""

from __future__ import annotations

import sys
from pathlib import Path

from careerfit.app.shared import note
from careerfit.bank import load_bank
from careerfit.base.errors import DataError


def run_validate(data: Path | None) -> None:
    from careerfit.engine.checks import check_bank

    bank = load_bank(data, compiled=False)
    problems = check_bank(bank)
    if problems:
        raise DataError(problems)
    if data is None:
        from careerfit.bank.compiled import FILE_NAME, load_compiled

        if load_compiled(bank.directory) is None:
            note(f"note: {bank.directory / FILE_NAME} is out of date, so start-up reads the"
                 " YAML; rebuild it with: python -m careerfit.engine.tables")
    sys.stdout.write(f"{bank.questions_file} and {bank.roles_file}: OK"
                     f" ({len(bank.questions)} questions, {len(bank.roles)} roles,"
                     f" {len(bank.traits)} traits)\n")
