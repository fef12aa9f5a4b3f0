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

Times are CPU seconds (user and system) of the run, steadier than wall time on a shared
machine; the machine's load still moves them by a quarter.

Each measured run must succeed: a failed run stops the benchmark with its error and exit
status 1, and prints no number for it. The exit status is 1 as well when a target is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
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


ANSWERS = """
import json, random, sys
from pathlib import Path
from careerfit.bank import load_bank
bank = load_bank(Path(sys.argv[1]))
def answers(seed):
    rng = random.Random(seed)
    given = {}
    for question in bank.questions:
        ids = list(question.option_ids)
        given[question.id] = ([o for o in ids if rng.random() < 0.4]
                              if question.kind == "multi" else rng.choice(ids))
    return {"version": 2, "answers": given}
Path(sys.argv[2]).write_text(json.dumps(answers(1)))
with open(sys.argv[3], "w") as out:
    for line in range(int(sys.argv[4])):
        out.write(json.dumps(answers(line % 200)) + "\\n")
"""


def make_answers(bank_folder: Path, one: Path, many: Path, lines: int) -> None:
    """Random complete answer sets for the bank: one in *one*, *lines* in *many* (200
    different ones, repeated), written by a child so that this process stays small (a
    child's peak memory counts the image it was forked from)."""
    subprocess.run([sys.executable, "-c", ANSWERS, str(bank_folder), str(one), str(many),
                    str(lines)], check=True, cwd=ROOT)


def careerfit(*args: str, stdin: bytes = b"") -> tuple[float, float]:
    """Run ``careerfit ARGS``; its CPU seconds (user and system: steadier than wall time
    on a shared machine) and its own peak resident megabytes (from wait4, not the
    children's maximum, which would count every earlier run). A failed run ends the
    benchmark with the command's own error."""
    with tempfile.TemporaryFile() as given, tempfile.TemporaryFile() as errors:
        given.write(stdin)
        given.seek(0)
        child = subprocess.Popen([sys.executable, "-m", "careerfit", *args], stdin=given,
                                 stdout=subprocess.DEVNULL, stderr=errors, cwd=ROOT)
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            errors.seek(0)
            raise SystemExit(f"careerfit {' '.join(args[:2])} failed (exit {child.returncode}):"
                             "\n" + errors.read().decode(errors="replace")[-2000:])
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024  # Linux: kilobytes


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
    started = time.process_time()
    planner.next_to_ask(so_far)
    slowest = max(slowest, time.process_time() - started)
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
        one, many = Path(scratch) / "answers.json", Path(scratch) / "many.jsonl"
        make_answers(folder, one, many, args.lines)
        _, peak = careerfit("score", "--data", str(folder), stdin=many.read_bytes())
        print(f"score, {args.lines:,} lines: {peak:.0f} MB peak"
              f" (target < {TARGET_MEGABYTES} MB)")
        quiz, _ = careerfit("quiz", "--data", str(folder), "--answers", str(one), "--json")
        print(f"quiz --answers --json: {quiz:.2f} s of CPU (target < {TARGET_SECONDS:.0f} s)")
        step = adaptive_step(folder, one)
        print(f"slowest adaptive step: {step:.2f} s of CPU (target < {TARGET_SECONDS:.0f} s)")
    met = quiz < TARGET_SECONDS and step < TARGET_SECONDS and peak < TARGET_MEGABYTES
    sys.exit(0 if met else 1)


if __name__ == "__main__":
    main()
