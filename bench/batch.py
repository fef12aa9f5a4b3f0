"""Batch scoring benchmark: answer sets per second on one core, and peak memory.

    python bench/batch.py [--people N] [--memory-lines M] [--seed S]

1. Generates N answer sets (default 100,000) with careerfit/simulate.py as JSON
   Lines, runs `careerfit score < FILE > /dev/null` on M lines (default
   1,000,000, the same N people repeated) and on a tenth of them, and reports
   each run's peak resident memory: equal peaks show that memory stays flat.
   Target: < 100 MB.
2. Scores the N answer sets in this process the way `careerfit score` does,
   timing each part: reading and checking a line, scoring it (fits and the
   response model's posterior), and writing its output line.
   Target: 20,000 answer sets per second.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from careerfit.answers import to_plain  # noqa: E402
from careerfit.bank import load_bank  # noqa: E402
from careerfit.batch import from_json_lines, score  # noqa: E402
from careerfit.result import Evaluator  # noqa: E402
from careerfit.simulate import people  # noqa: E402

TARGET_PER_SECOND = 20_000
TARGET_MEGABYTES = 100


def generate(path: Path, count: int, seed: int) -> None:
    bank = load_bank()
    with path.open("w", encoding="utf-8") as out:
        for index, person in enumerate(people(bank, count, seed)):
            out.write(json.dumps({"id": f"p{index}", "version": 2, "revision": bank.revision,
                                  "answers": to_plain(bank, person.picks)}) + "\n")


def throughput(path: Path) -> dict[str, float]:
    """Seconds spent in each part, and answer sets per second overall, streaming as the
    command does (holding every record at once would slow the garbage collector)."""
    bank = load_bank()
    evaluator = Evaluator(bank)
    clock = time.perf_counter
    spent = {"read": 0.0, "score": 0.0, "write": 0.0}
    count = 0
    with path.open(encoding="utf-8") as stream:
        records = from_json_lines(stream, bank)
        while True:
            started = clock()
            record = next(records, None)
            spent["read"] += clock() - started
            if record is None:
                break
            started = clock()
            ((output, _),) = score([record], bank, evaluator=evaluator)
            spent["score"] += clock() - started
            started = clock()
            json.dumps(output, ensure_ascii=False)
            spent["write"] += clock() - started
            count += 1
    return {**spent, "per_second": count / sum(spent.values()), "count": count}


def peak_memory(path: Path, repeat: int) -> float:
    """Peak resident megabytes of `careerfit score` reading *path* *repeat* times over."""
    script = (f"for i in $(seq {repeat}); do cat {path}; done |"
              f" {sys.executable} -m careerfit score > /dev/null")
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run(["sh", "-c", script], check=True, cwd=ROOT)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(peak, before) / 1024  # Linux reports kilobytes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--memory-lines", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "cohort.jsonl"
        started = time.perf_counter()
        generate(path, args.people, args.seed)
        print(f"generated {args.people:,} answer sets with careerfit/simulate.py"
              f" in {time.perf_counter() - started:.1f} s ({os.path.getsize(path) / 1e6:.0f} MB)")
        # Memory first, while this process is still small: a child's peak RSS counts the
        # parent's image it was forked from, before exec replaces it.
        repeat = max(1, args.memory_lines // args.people)
        small = peak_memory(path, max(1, repeat // 10))
        large = peak_memory(path, repeat)
        print(f"peak memory of careerfit score: {large:.0f} MB for"
              f" {repeat * args.people:,} lines, {small:.0f} MB for"
              f" {max(1, repeat // 10) * args.people:,} (target < {TARGET_MEGABYTES} MB)")
        parts = throughput(path)
        total = parts["read"] + parts["score"] + parts["write"]
        print(f"throughput on one core: {parts['per_second']:,.0f} answer sets per second"
              f" (target {TARGET_PER_SECOND:,}); where the time goes:")
        for part in ("read", "score", "write"):
            print(f"  {part:6} {parts[part]:7.1f} s  {parts[part] / total:5.1%}")
    met = parts["per_second"] >= TARGET_PER_SECOND and large < TARGET_MEGABYTES
    sys.exit(0 if met else 1)


if __name__ == "__main__":
    main()
