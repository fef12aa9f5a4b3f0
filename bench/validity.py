"""Validity benchmark: is the stated probability calibrated, and do verdicts fit the truth?

    python bench/validity.py [--people N] [--seed S] [--data DIR] [--no-adaptive]

Simulates N people (default 10,000) through the bank with careerfit/simulation/simulate.py,
scores each as `careerfit quiz --answers` would, and prints one table:
calibration per stated-probability bin with the expected calibration error
(ECE), the verdicts per persona (kind of person), the issue's targets, and two
robustness checks the scorer's model does not assume (people between its personas,
and 50/50 people who break forced-choice ties toward one side). Then the
adaptive quiz: each person's complete answers are replayed in the adaptive
order (as `careerfit quiz --answers F --adaptive` does) to count the questions
it asks and compare its verdict with the whole bank's.
Simulation measures robustness to noise, not validity against real people.
It exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from careerfit.bank import load_bank  # noqa: E402
from careerfit.engine.adaptive import STOP_PROBABILITY  # noqa: E402
from careerfit.engine.result import Evaluator  # noqa: E402
from careerfit.simulation.simulate import PERSONAS, off_model_profiles, people  # noqa: E402
from careerfit.simulation.validity import (  # noqa: E402
    AdaptiveValidity,
    Validity,
    measure,
    measure_adaptive,
)

CLEAR = ("pure", "70/30")
NO_PICK = ("equal", "random")
LEAN = 0.2


def targets(validity: Validity) -> list[tuple[str, float, str, bool]]:
    """(measure, value, target, met) for every target of the validity issue."""
    share = validity.share
    rows = [
        ("expected calibration error of probability", validity.ece, "<= 0.05",
         validity.ece <= 0.05),
        ("pure and 70/30: high and the right role", share(CLEAR, "high_right"), ">= 90%",
         share(CLEAR, "high_right") >= 0.90),
        ("pure: flagged as a tie or a blend", share(["pure"], "hybrid"), "<= 5%",
         share(["pure"], "hybrid") <= 0.05),
        ("50/50: hybrid or low/none", share(["50/50"], "flagged"), ">= 85%",
         share(["50/50"], "flagged") >= 0.85),
        ("50/50: high", share(["50/50"], "high"), "<= 5%", share(["50/50"], "high") <= 0.05),
        ("all-equal and random: none or low", share(NO_PICK, "low_none"), ">= 85%",
         share(NO_PICK, "low_none") >= 0.85),
        ("blend: flagged with the right blend named", share(["blend"], "right_blend"),
         ">= 85%", share(["blend"], "right_blend") >= 0.85),
        ("blend: high for a single parent role", share(["blend"], "high"), "<= 10%",
         share(["blend"], "high") <= 0.10),
    ]
    return rows


def adaptive_targets(adaptive: AdaptiveValidity) -> list[tuple[str, float, str, bool]]:
    """(measure, value, target, met) for every target of the adaptive-quiz issue."""
    median = adaptive.quantile(CLEAR, 0.5)
    everyone = [p for p in PERSONAS if p in adaptive.personas]
    flagged, flagged_full = (adaptive.share(["50/50"], "flagged"),
                             adaptive.share(["50/50"], "flagged_full"))
    all_median = max(adaptive.quantile([p], 0.5) for p in everyone)
    all_p90 = max(adaptive.quantile([p], 0.9) for p in everyone)
    longest = max(adaptive.quantile([p], 1.0) for p in everyone)
    worst_same = min(everyone, key=lambda p: adaptive.share([p], "same_verdict"))
    same = adaptive.share([worst_same], "same_verdict")
    random_flag = adaptive.share(["random"], "low_none")
    return [
        ("pure and 70/30: median scored questions asked", median, "<= 10", median <= 10),
        ("every kind: median scored questions (the longest)", all_median, "<= 10",
         all_median <= 10),
        ("every kind: 90th percentile (the longest)", all_p90, "<= 16", all_p90 <= 16),
        ("anyone: most scored questions asked", longest, "<= 20", longest <= 20),
        (f"same verdict as the whole bank (lowest: {worst_same})", same, ">= 95%",
         same >= 0.95),
        ("50/50 flagged, adaptive (whole bank: "
         f"{flagged_full:.1%})", flagged, "within 2", flagged >= flagged_full - 0.02),
        ("random clickers ending none or low, adaptive", random_flag, ">= 85%",
         random_flag >= 0.85),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--no-adaptive", action="store_true",
                        help="skip the adaptive replay (the slow part)")
    args = parser.parse_args()
    bank = load_bank(args.data)
    evaluator = Evaluator(bank)
    started = time.perf_counter()
    validity = measure(bank, people(bank, args.people, args.seed), evaluator)
    off_model = measure(bank, people(bank, max(args.people // 4, 100), args.seed + 1,
                                     pool=off_model_profiles(bank)), evaluator)
    leaning = measure(bank, people(bank, max(args.people // 4, 100), args.seed + 2,
                                   personas=("50/50",), lean=LEAN), evaluator)
    adaptive = (None if args.no_adaptive
                else measure_adaptive(bank, people(bank, args.people, args.seed), evaluator))
    elapsed = time.perf_counter() - started

    print(f"careerfit validity: {args.people:,} simulated people, seed {args.seed},"
          f" {len(bank.scored)} scored questions")
    print()
    print("Calibration (people with a truth; right = the leader is their one main role)")
    print(f"  {'stated probability':20} {'people':>7} {'stated':>7} {'observed':>9}")
    for b in validity.bins:
        if b.people:
            print(f"  {b.low:.1f}-{b.high:.1f}{'':13} {b.people:7,} {b.stated:7.3f}"
                  f" {b.observed:9.3f}")
    print(f"  expected calibration error (ECE): {validity.ece:.3f}")
    print()
    print("Verdicts per persona (kind of person)")
    print(f"  {'persona':14} {'people':>7} {'high':>6} {'right':>6} {'high+right':>11}"
          f" {'hybrid':>7} {'low/none':>9} {'own blend':>10}")
    for tally, title in _kind_rows(validity, off_model, leaning):
        n = tally["people"]
        print(f"  {title:14} {n:7,} {tally['high'] / n:6.1%} {tally['right'] / n:6.1%}"
              f" {tally['high_right'] / n:11.1%} {tally['hybrid'] / n:7.1%}"
              f" {tally['low_none'] / n:9.1%} {tally['right_blend'] / n:10.1%}")
    rows = targets(validity)
    if adaptive is not None:
        print()
        print("Adaptive quiz (the same people replayed; scored questions asked; same verdict:")
        print("the whole bank's, or an unsettled end naming it)")
        print(f"  {'persona':14} {'median':>7} {'p90':>5} {'max':>4} {'stopped early':>14}"
              f" {'same leader':>12} {'same verdict':>13} {'unsettled':>10} {'same blend':>11}"
              f" {'flagged':>8} {'whole bank':>11}")
        for persona in PERSONAS:
            tally = adaptive.personas.get(persona)
            if not tally:
                continue
            n = tally["people"]
            print(f"  {persona:14} {adaptive.quantile([persona], 0.5):7.0f}"
                  f" {adaptive.quantile([persona], 0.9):5.0f}"
                  f" {adaptive.quantile([persona], 1.0):4.0f} {tally['stopped'] / n:14.1%}"
                  f" {tally['same_leader'] / n:12.1%} {tally['same_verdict'] / n:13.1%}"
                  f" {tally['unsettled'] / n:10.1%}"
                  f" {_share_of(tally['same_named'], tally['both_flagged']):>11}"
                  f" {tally['flagged'] / n:8.1%}"
                  f" {tally['flagged_full'] / n:11.1%}")
        stopped = sum(t["stopped"] for t in adaptive.personas.values())
        same = sum(t["same_when_stopped"] for t in adaptive.personas.values())
        print(f"  of those stopped early, same leader as the whole bank:"
              f" {same / stopped if stopped else 0:.1%} ({stopped:,} people)")
        print(f"  people whom even the whole bank leaves with no verdict at {STOP_PROBABILITY}:"
              f" {adaptive.share(list(adaptive.personas), 'never_sure'):.1%}"
              " (they are asked every question unless their answers cross it by chance)")
        rows += adaptive_targets(adaptive)
    print()
    print("Targets")
    missed = 0
    for name, value, target, met in rows:
        shown = (f"{value:.3f}" if "error" in name else f"{value:.0f}" if "questions" in name
                 or "percentile" in name else f"{value:.1%}")
        print(f"  {name:44} {shown:>7}  target {target:8}  {'met' if met else 'MISSED'}")
        missed += not met
    print()
    print(f"({elapsed:.1f} s; robustness rows: people between the model's personas, and 50/50"
          f" people leaning {LEAN} toward one side on pick-one questions)")
    sys.exit(1 if missed else 0)


def _share_of(part: int, whole: int) -> str:
    return f"{part / whole:.1%}" if whole else "–"


def _kind_rows(validity: Validity, off_model: Validity, leaning: Validity):
    for persona in PERSONAS:
        if persona in validity.personas:
            yield validity.personas[persona], persona
    for persona, tally in off_model.personas.items():
        yield tally, f"{persona} (off)"
    for persona, tally in leaning.personas.items():
        yield tally, f"{persona} leaning"


if __name__ == "__main__":
    main()
