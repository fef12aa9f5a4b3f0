"""Build ``data/bank.compiled.json``: the bank pre-parsed, with the model's likelihood tables.

The file's format (and reading it back) lives in :mod:`careerfit.bank.compiled`; building
it needs the response model too, so it lives here, above both.
Run ``python -m careerfit.engine.tables`` after editing the shipped bank or the model.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from careerfit.bank import Bank, default_data_dir, load_bank
from careerfit.bank.compiled import FILE_NAME, FORMAT, bank_to_plain, checksum, dumps, pack
from careerfit.engine.model import Model, model_signature


def build(bank: Bank) -> dict[str, Any]:
    """The compiled form of *bank* (read from YAML), tables included."""
    model = Model(bank)
    tables = {q.id: {o: [pack(rows[0]), pack(rows[1])]
                     for o, rows in model.tables_for(q).items()}
              for q in bank.scored}
    return {"format": FORMAT, "checksum": checksum(bank.directory),
            "model": model_signature(), "bank": bank_to_plain(bank), "tables": tables}


def main(argv: list[str] | None = None) -> None:
    """Rebuild bank.compiled.json from the YAML next to it: the shipped bank's, or with
    --data DIR another's (a bank editor's --data and --help were ignored, and the shipped
    file rewritten)."""
    import argparse

    from careerfit.base.errors import CareerfitError

    parser = argparse.ArgumentParser(
        prog="python -m careerfit.engine.tables",
        description="Rebuild bank.compiled.json (the bank pre-parsed, for a fast start-up)"
                    " from questions.yaml and roles.yaml. Run it after editing them; check"
                    " them first with: careerfit validate.")
    parser.add_argument("--data", type=Path, metavar="DIR",
                        help="the folder of the bank to rebuild (default: the shipped one)")
    args = parser.parse_args(argv)
    directory = args.data or default_data_dir()
    try:
        bank = load_bank(directory, compiled=False)
    except CareerfitError as error:
        raise SystemExit(f"careerfit: {error}") from None
    target = directory / FILE_NAME
    target.write_text(dumps(build(bank)), encoding="utf-8")
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
