"""``careerfit calibrate``: fit the response model to labelled people, report on held-out ones."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from careerfit.bank import load_bank
from careerfit.base.errors import InputError


def run_calibrate(labelled: Path, *, data: Path | None, write: bool, json_output: bool,
                  with_prior: bool = False, with_items: bool = False) -> None:
    from careerfit.bank.calibration import FILE_NAME, HAND_SET
    from careerfit.documents.labelled import read_labelled
    from careerfit.engine.fit import fit
    from careerfit.simulation.external import judge_all, kind_totals, reliability

    bank = load_bank(data, compiled=False)
    people = read_labelled(labelled, bank)
    fitting = [p for p in people if p.split == "fit"]
    held_out = [p for p in people if p.split == "held-out"]
    if not fitting:
        raise InputError(f"{labelled}: no person has \"split\": \"fit\"",
                         hint="mark about half the people \"fit\" and the rest \"held-out\"")

    def progress(done: int, total: int) -> None:
        if sys.stderr.isatty():
            sys.stderr.write(f"\rfitting: {100 * done // total}%")
            sys.stderr.flush()

    report = fit(bank, fitting, source=f"careerfit calibrate {labelled.name}"
                 f" ({len(fitting)} fitting people)", with_prior=with_prior,
                 with_items=with_items, progress=progress)
    if sys.stderr.isatty():
        sys.stderr.write("\r" + " " * 20 + "\r")
    figures = {}
    for name, calibration in (("hand-set", HAND_SET), ("fitted", report.calibration)):
        judged = judge_all(bank.recalibrated(calibration), held_out)
        bins, brier = reliability(judged)
        figures[name] = {"totals": {k: dict(v) for k, v in kind_totals(judged).items()},
                         "brier": round(brier, 4),
                         "bins": [b._asdict() for b in bins]}
    target = bank.directory / FILE_NAME
    if write:
        from careerfit.documents.files import write_user_file

        write_user_file(target, _calibration_yaml(report.calibration), option="--write")
    if json_output:
        sys.stdout.write(json.dumps({
            "fitting_people": len(fitting), "held_out_people": len(held_out),
            "loss": {"hand-set": round(report.before, 4), "fitted": round(report.after, 4)},
            "moved": [{"value": n, "hand_set": round(a, 3), "fitted": round(b, 3)}
                      for n, a, b in report.moved],
            "held_out": figures, "written": str(target) if write else None}, indent=2) + "\n")
        return
    _print_report(report, figures, len(fitting), len(held_out), target if write else None)


def _calibration_yaml(calibration: Any) -> str:
    import yaml

    header = ("# The response model's fitted values, written by 'careerfit calibrate'.\n"
              "# The hand-set values stay in roles.yaml and questions.yaml; this file only\n"
              "# changes the probabilities and the outcome, never a role's fit. Delete it to\n"
              "# go back to the hand-set model. See docs/model.md, 'Calibration'.\n")
    return header + yaml.safe_dump(calibration.to_plain(), sort_keys=False)


def _rate(count: dict[str, int], key: str) -> str:
    people = count.get("people", 0)
    return f"{count.get(key, 0)}/{people}" if people else "-"


def _print_report(report: Any, figures: dict[str, Any], fitting: int, held_out: int,
                  written: Path | None) -> None:
    out = []
    out.append(f"Fitted on {fitting} people; reported on {held_out} held-out people.")
    out.append(f"Mean log loss of the fitting people's truth: {report.before:.3f} hand-set,"
               f" {report.after:.3f} fitted.")
    rows = [("one role", "top1", "right role first"),
            ("one role", "found", "outcome names their role"),
            ("one role", "high_wrong", "'high' for a wrong role"),
            ("one role", "flagged", "flagged as a tie, a blend or none"),
            ("between two", "found", "tie or blend of the right pair"),
            ("between two", "top2", "the pair ranked first and second"),
            ("between two", "high_wrong", "'high' for one parent")]
    out.append("")
    out.append(f"{'held-out people':<52}{'hand-set':>10}{'fitted':>10}")
    for kind, key, label in rows:
        before = _rate(figures["hand-set"]["totals"][kind], key)
        after = _rate(figures["fitted"]["totals"][kind], key)
        out.append(f"  {kind + ': ' + label:<50}{before:>10}{after:>10}")
    out.append(f"  {'Brier score of the outcome probability':<50}"
               f"{figures['hand-set']['brier']:>10.3f}{figures['fitted']['brier']:>10.3f}")
    out.append("")
    out.append("Reliability of the fitted outcome probability (held out):")
    for b in figures["fitted"]["bins"]:
        out.append(f"  {b['low']:.2f}-{b['high']:.2f}: {b['people']:>3} people, stated"
                   f" {b['stated']:.2f}, right {b['observed']:.2f}")
    if report.moved:
        out.append("")
        out.append("Largest moves from the hand-set values:")
        out.extend(f"  {name}: {a:g} -> {b:g}" for name, a, b in report.moved[:10])
    out.append("")
    out.append(f"Wrote {written}." if written else
               "Nothing written: run again with --write to save the fit.")
    sys.stdout.write("\n".join(out) + "\n")
