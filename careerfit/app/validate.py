"""``careerfit validate``: check an edited question bank, every problem at once."""

from __future__ import annotations

import sys
from pathlib import Path

from careerfit.app.shared import note
from careerfit.bank import Bank, is_shipped, load_bank, validate_command
from careerfit.base.errors import DataError


def _note_new_questions_without_added(bank: Bank) -> None:
    """For a bank edited from careerfit's own (they share question ids): a question new to
    it that counts as an old revision makes every answers file saved before it lack an
    answer, and be refused (a bank editor left 'added:' out and found out only then)."""
    shipped = load_bank()
    known = {q.id for q in shipped.questions}
    if not known & {q.id for q in bank.questions}:
        return  # a bank of its own: nothing to compare with
    for question in bank.questions:
        if question.id not in known and question.added <= shipped.revision:
            note(f"note: {bank.questions_file}:{question.line}: '{question.id}' is not in"
                 f" careerfit's own bank but counts as revision {question.added}, so a"
                 f" complete answers file saved with that bank (revision {shipped.revision})"
                 f" will lack it and be refused; give it 'added: {shipped.revision + 1}'")


def run_validate(data: Path | None) -> None:
    from careerfit.engine.checks import check_bank

    bank = load_bank(data, compiled=False)
    problems = check_bank(bank)
    if problems:
        raise DataError(problems, validate_command(data))
    from careerfit.bank.compiled import FILE_NAME, load_compiled

    compiled = bank.directory / FILE_NAME
    if not is_shipped(data):
        if compiled.exists():  # (a bank editor asked whether a stale copy mattered)
            note(f"note: {compiled} is not read: only the shipped bank starts from one"
                 " (--data always reads the YAML)")
        _note_new_questions_without_added(bank)
    elif load_compiled(bank.directory) is None:
        note(f"note: {compiled} is out of date, so start-up reads the YAML; rebuild it"
             " with: python -m careerfit.engine.tables")
    # The revision: what a new question's 'added:' must exceed (a bank editor guessed it).
    sys.stdout.write(f"{bank.questions_file} and {bank.roles_file}: OK"
                     f" ({len(bank.questions)} questions, {len(bank.roles)} roles,"
                     f" {len(bank.traits)} traits; revision {bank.revision})\n")
