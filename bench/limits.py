"""Bank limits benchmark: the largest bank careerfit reads, timed and weighed.

    python bench/limits.py [--keep DIR]

Builds the largest legal bank (every limit of careerfit/bank/types.py at its maximum:
roles, blends, traits, questions, and options per question; the questions cycle through
pick-all, pick-one, pair and scale) and measures, each in its own process:

1. ``careerfit validate --data DIR`` passes (the bank is legal);
2. ``careerfit quiz --data DIR --answers FILE --json``: wall time (target < 1 s);
3. one adaptive step: the planner's choice of the next question half-way through the
   bank, the stop check included (target < 1 s; the slowest of three points);
4. ``careerfit score --data DIR`` over 20,000 lines: peak memory (target < 100 MB).

Each measured run must succeed: a failed run stops the benchmark with its error and exit
status 1, and prints no number for it. The exit status is 1 as well when a target is missed.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from careerfit.bank.types import (  # noqa: E402
    MAX_BLENDS,
    MAX_OPTIONS,
    MAX_QUESTIONS,
    MAX_ROLES,
    MAX_TRAITS,
)

TARGET_SECONDS = 1.0
TARGET_MEGABYTES = 100
KINDS = ("multi", "choice", "pair", "scale")


def build_largest_bank(folder: Path, seed: int = 1) -> Path:
    """Write the largest legal bank into *folder* (created) and return it."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    traits = [{"id": f"t{i}", "name": f"Trait {i}", "description": "x"}
              for i in range(MAX_TRAITS)]

    def profile(count: int) -> dict[str, int]:
        return {f"t{i}": rng.choice((-3, -2, -1, 1, 2, 3))
                for i in rng.sample(range(MAX_TRAITS), count)}

    card = {"summary": "x", "responsibilities": ["x"], "skills": ["x"],
            "skill_priorities": ["x"], "tools": ["x"], "outputs": ["x"], "use_cases": ["x"],
            "entry": "x", "salary": {"low": 1, "high": 2}}
    roles = [{"id": f"r{i}", "name": f"Role {i}", "profile": profile(8), **card}
             for i in range(MAX_ROLES)]
    pairs = [(a, b) for a in range(MAX_ROLES) for b in range(a + 1, MAX_ROLES)]
    blends = [{"roles": [f"r{a}", f"r{b}"], "name": f"Blend {a}-{b}", "description": "x",
               "profile": profile(6), "source": "x"}
              for a, b in rng.sample(pairs, MAX_BLENDS)]
    (folder / "roles.yaml").write_text(json.dumps(
        {"version": 1, "traits": traits, "roles": roles, "blends": blends}))

    def options(count: int) -> list[dict]:
        return [{"id": f"o{k}", "label": f"Option {k}", "effects": profile(2)}
                for k in range(count)]

    questions = []
    for i in range(MAX_QUESTIONS):
        kind = KINDS[i % len(KINDS)]
        question = {"id": f"q{i}", "short": f"q{i}", "type": kind, "source": "x",
                    "text": f"Question {i}?"}
        if kind == "scale":
            question["effects"] = profile(2)
        else:
            question["options"] = options(MAX_OPTIONS.get(kind, 2))
        questions.append(question)
    (folder / "questions.yaml").write_text(json.dumps({"version": 1, "questions": questions}))
    return folder


def some_answers(bank_folder: Path, seed: int) -> dict:
    """A complete answers document for the bank, answered at random."""
    from careerfit.bank import load_bank

    rng = random.Random(seed)
    bank = load_bank(bank_folder)
    answers: dict = {}
    for question in bank.questions:
        ids = list(question.option_ids)
        if question.kind == "multi":
            answers[question.id] = [o for o in ids if rng.random() < 0.4]
        else:
            answers[question.id] = rng.choice(ids)
    return {"version": 2, "answers": answers}


def careerfit(*args: str, stdin: bytes | None = None) -> tuple[float, float]:
    """Run ``careerfit ARGS``; its wall seconds and peak resident megabytes. A failed run
    ends the benchmark with the command's own error."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "careerfit", *args], input=stdin,
                          capture_output=True, cwd=ROOT)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"careerfit {' '.join(args[:2])} failed (exit {done.returncode}):\n"
                         + done.stderr.decode(errors="replace")[-2000:])
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(peak, before) / 1024


ADAPTIVE_STEP = """
import sys, time, json
from pathlib import Path
from careerfit.bank import load_bank
from careerfit.engine.adaptive import Planner
bank = load_bank(Path(sys.argv[1]))
answers = json.loads(Path(sys.argv[2]).read_text())["answers"]
picks = {q.id: bank.answer_lookup[q.id][answers[q.id]] for q in bank.questions}
planner = Planner(bank)
slowest = 0.0
for asked in (6, len(bank.questions) // 2, len(bank.questions) - 2):
    so_far = dict(list(picks.items())[:asked])
    started = time.perf_counter()
    planner.next_to_ask(so_far)
    slowest = max(slowest, time.perf_counter() - started)
print(slowest)
"""


def adaptive_step(bank_folder: Path, answers: Path) -> float:
    done = subprocess.run([sys.executable, "-c", ADAPTIVE_STEP, str(bank_folder), str(answers)],
                          capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        raise SystemExit(f"the adaptive step failed (exit {done.returncode}):\n"
                         + done.stderr[-2000:])
    return float(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="build the bank in DIR and keep it")
    parser.add_argument("--lines", type=int, default=20_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = build_largest_bank(args.keep or Path(scratch) / "bank")
        print(f"largest legal bank: {MAX_ROLES} roles, {MAX_BLENDS} blends, {MAX_TRAITS}"
              f" traits, {MAX_QUESTIONS} questions (options: {MAX_OPTIONS}) in {folder}")
        careerfit("validate", "--data", str(folder))
        answers_path = Path(scratch) / "answers.json"
        answers_path.write_text(json.dumps(some_answers(folder, 1)))
        quiz, _ = careerfit("quiz", "--data", str(folder), "--answers", str(answers_path),
                            "--json")
        print(f"quiz --answers --json: {quiz:.2f} s (target < {TARGET_SECONDS:.0f} s)")
        step = adaptive_step(folder, answers_path)
        print(f"slowest adaptive step: {step:.2f} s (target < {TARGET_SECONDS:.0f} s)")
        lines = b"".join(json.dumps(some_answers(folder, seed)).encode() + b"\n"
                         for seed in range(200)) * (args.lines // 200)
        elapsed, peak = careerfit("score", "--data", str(folder), stdin=lines)
        print(f"score, {args.lines:,} lines: {peak:.0f} MB peak, {elapsed:.1f} s"
              f" (target < {TARGET_MEGABYTES} MB)")
    met = quiz < TARGET_SECONDS and step < TARGET_SECONDS and peak < TARGET_MEGABYTES
    sys.exit(0 if met else 1)


if __name__ == "__main__":
    main()
