"""External validity: careerfit on people it did not make (validation/corpus.jsonl).

    python bench/external.py [--split held-out|fit|all] [--hand-set] [--no-adaptive]
                             [--corpus FILE] [--data DIR]

The corpus is real job postings and written personas, each answered blind by a
respondent who saw only the person's text and the questionnaire (validation/README.md).
Per kind of person it prints top-1 and top-2, the outcome kinds, the blend named,
'high' for a wrong role, people whose answers no kind explains well (misfit), the
Brier score and a reliability table of the outcome's stated probability; then the
adaptive quiz replayed on each complete answer set: questions asked and the same
verdict as the whole bank. The figures are reported on the held-out half unless
--split says otherwise; the model is never tuned on it. --hand-set ignores the bank's
calibration.yaml. It exits 1 when a target of the held-out half is missed (and 2 on a
bad corpus: a benchmark that cannot run never prints a number).
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from careerfit.bank import load_bank  # noqa: E402
from careerfit.bank.calibration import HAND_SET  # noqa: E402
from careerfit.base.errors import CareerfitError  # noqa: E402
from careerfit.documents.labelled import read_labelled  # noqa: E402
from careerfit.engine.adaptive import Planner  # noqa: E402
from careerfit.engine.ending import ending  # noqa: E402
from careerfit.engine.result import Evaluator  # noqa: E402
from careerfit.simulation.external import (  # noqa: E402
    JUDGED_BIN,
    judge_all,
    kind_totals,
    reliability,
    tally,
)

CORPUS = ROOT / "validation" / "corpus.jsonl"
FIELDS = ("people", "top1", "top2", "found", "high_wrong", "flagged", "misfit",
          "outcome:main", "outcome:tie", "outcome:blend", "outcome:none")


def _share(count: dict, key: str) -> float:
    return count.get(key, 0) / count["people"] if count.get("people") else 0.0


def targets(totals: dict) -> list[tuple[str, float, str, bool]]:
    one, two = totals["one role"], totals["between two"]
    rows = [
        ("between two: tie or blend, right blend named", _share(two, "found"), ">= 80%",
         _share(two, "found") >= 0.80),
        ("between two: 'high' for one parent", _share(two, "high_wrong"), "<= 10%",
         _share(two, "high_wrong") <= 0.10),
        ("one role: top-1", _share(one, "top1"), ">= 95%", _share(one, "top1") >= 0.95),
        ("one role: 'high' for a wrong role", _share(one, "high_wrong"), "= 0",
         one.get("high_wrong", 0) == 0),
        ("one role: flagged as a tie or a blend", _share(one, "flagged"), "<= 10%",
         _share(one, "flagged") <= 0.10),
    ]
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--split", choices=("held-out", "fit", "all"), default="held-out")
    parser.add_argument("--hand-set", action="store_true",
                        help="ignore calibration.yaml: the hand-set model")
    parser.add_argument("--no-adaptive", action="store_true")
    parser.add_argument("--data", type=Path, default=None)
    args = parser.parse_args()
    try:
        bank = load_bank(args.data)
        if args.hand_set:
            bank = bank.recalibrated(HAND_SET)
        people = read_labelled(args.corpus, bank)
    except CareerfitError as error:
        print(f"external: {error}", file=sys.stderr)
        return 2
    chosen = [p for p in people if args.split == "all" or p.split == args.split]
    if not chosen:
        print(f"external: no people in the {args.split} split", file=sys.stderr)
        return 2
    evaluator = Evaluator(bank)
    judged = judge_all(bank, chosen, evaluator)
    model = "hand-set model" if args.hand_set or bank.calibration == HAND_SET else (
        "calibrated model (calibration.yaml)")
    print(f"{len(chosen)} people ({args.split} split of {args.corpus.name}), {model},"
          f" bank revision {bank.revision}")
    print()
    header = f"{'kind':<20}" + "".join(f"{f.replace('outcome:', ''):>9}" for f in FIELDS)
    print(header)
    for group, count in sorted(tally(judged).items()):
        print(f"{group:<20}" + "".join(f"{count.get(f, 0):>9}" for f in FIELDS))
    totals = kind_totals(judged)
    for name, count in totals.items():
        print(f"{name:<20}" + "".join(f"{count.get(f, 0):>9}" for f in FIELDS))
    bins, brier = reliability(judged)
    print()
    print(f"Outcome probability: Brier score {brier:.3f}")
    for b in bins:
        print(f"  stated {b.low:.2f}-{b.high:.2f}: {b.people:>3} people, mean stated"
              f" {b.stated:.3f}, right {b.observed:.3f} (gap {abs(b.stated - b.observed):.3f})")
    merged, _ = reliability(judged, JUDGED_BIN)
    print(f"The same, bins of fewer than {JUDGED_BIN} people merged with their neighbour"
          " (what the target judges):")
    worst = 0.0
    for b in merged:
        gap = abs(b.stated - b.observed)
        worst = max(worst, gap)
        print(f"  stated {b.low:.2f}-{b.high:.2f}: {b.people:>3} people, mean stated"
              f" {b.stated:.3f}, right {b.observed:.3f} (gap {gap:.3f})")
    missed = 0
    if args.split == "held-out":
        print()
        print("Targets (held-out half):")
        for label, value, target, met in [*targets(totals),
                                          ("reliability: largest bin gap", worst, "<= 0.15",
                                           worst <= 0.15)]:
            missed += not met
            print(f"  {'ok  ' if met else 'MISS'} {label:<48} {value:>7.1%}  target {target}"
                  if "gap" not in label else
                  f"  {'ok  ' if met else 'MISS'} {label:<48} {value:>7.3f}  target {target}")
    if not args.no_adaptive:
        missed += _adaptive(bank, chosen, evaluator, args.split == "held-out")
    return 1 if missed else 0


def _adaptive(bank, chosen, evaluator, held_out: bool) -> int:
    """Replay each complete answer set in the adaptive order: questions asked, and whether
    the verdict is the whole bank's."""
    planner = Planner(bank, evaluator.model, evaluator.scorer)
    rows: dict[str, list[tuple[int, bool, bool]]] = {}
    for person in chosen:
        whole = evaluator(person.picks, explain=False).outcome
        asked = planner.replay(person.picks)
        short = evaluator(asked, explain=False)
        end = ending(bank, asked, short.verdict, adaptive=True, planner=planner)
        count = sum(1 for q in bank.scored if q.id in asked)
        named = {_finding(o) for o in end.between} if end.between else set()
        same = _finding(short.outcome) == _finding(whole) or _finding(whole) in named
        rows.setdefault(person.group, []).append((count, same, end.unsettled))
    print()
    print("Adaptive quiz, replayed on each complete answer set (same verdict: the whole")
    print("bank's, or an unsettled end naming it):")
    print(f"{'kind':<20}{'median':>8}{'p90':>6}{'max':>6}{'same verdict':>15}{'unsettled':>11}")
    everyone = []
    for group, values in sorted(rows.items()):
        everyone += values
        print(_adaptive_row(group, values))
    print(_adaptive_row("everyone", everyone))
    return 0


def _finding(outcome) -> tuple[str, frozenset[str]]:
    """What an outcome tells a person: one main role, a pair (torn or drawn to their blend:
    either names the blend), or nothing."""
    kind = "pair" if outcome.kind in ("tie", "blend") else outcome.kind
    return kind, frozenset(outcome.roles)


def _adaptive_row(group: str, values: list[tuple[int, bool, bool]]) -> str:
    counts = sorted(c for c, _, _ in values)
    p90 = counts[min(len(counts) - 1, int(0.9 * len(counts)))]
    same = sum(s for _, s, _ in values)
    unsettled = sum(u for _, _, u in values)
    return (f"{group:<20}{statistics.median(counts):>8g}{p90:>6}{counts[-1]:>6}"
            f"{f'{same}/{len(values)}':>15}{unsettled:>11}")


if __name__ == "__main__":
    sys.exit(main())
