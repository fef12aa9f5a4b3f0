"""Start-up benchmark: careerfit's latency as ratios to bare imports measured in the same run.

    python bench/startup.py [--runs N] [--instructions]

1. ``careerfit quiz --answers examples/ml-engineer.yaml --json`` against
   ``python -c "import typer, yaml, json"``            (target: ratio <= 1.15)
2. time until the first question is on screen (real pseudo-terminal) against
   ``python -c "import typer, questionary"``             (target: ratio <= 1.15)

Each measure is N pairs (default 21), command then baseline back to back; its ratio is
the median of the pairs' ratios, so that the machine's drift within a run cancels.
Quote the median of three runs: machine noise still moves a single run by +-0.05.
--instructions counts instead, with valgrind, the instructions careerfit runs until its
first prompt is drawn against those of the first-prompt baseline: a steadier figure.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_RATIO = 1.15


def careerfit_command() -> list[str]:
    script = Path(sys.executable).with_name("careerfit")
    found = script if script.exists() else shutil.which("careerfit")
    return [str(found)] if found else [sys.executable, "-m", "careerfit"]


def wall(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   stdin=subprocess.DEVNULL, check=True, cwd=ROOT)
    return time.perf_counter() - started


# The least any questionary program pays to show a question: import, build one select
# prompt (on stderr, as careerfit does) and draw it. The import-only baseline pays none
# of the building and drawing, so this is the floor of the first-prompt ratio.
BARE_PROMPT = """
import sys
import typer, questionary
from prompt_toolkit.output import create_output
questionary.select("(1 of at most 45) Where do you stand today?",
                   choices=["Student", "Analyst", "Software engineer", "Other"],
                   output=create_output(stdout=sys.stderr)).unsafe_ask()
"""


def state_folder(state: str) -> dict[str, str]:
    """Environment that keeps the quiz's state in *state* the way a user's runs find theirs
    (platformdirs reads XDG_STATE_HOME), not through careerfit's own override."""
    environment = {k: v for k, v in os.environ.items() if k != "CAREERFIT_STATE_DIR"}
    return {**environment, "XDG_STATE_HOME": state} if state else environment


def first_prompt(command: list[str], state: str) -> float:
    """Seconds until *command* shows '(1 of at most' in a pseudo-terminal."""
    import pexpect

    env = {**state_folder(state), "PROMPT_TOOLKIT_NO_CPR": "1", "TERM": "xterm"}
    started = time.perf_counter()
    child = pexpect.spawn(command[0], command[1:], env=env, timeout=30)
    child.expect_exact(b"(1 of at most")
    elapsed = time.perf_counter() - started
    child.terminate(force=True)
    return elapsed


def baseline_in_pty(code: str) -> float:
    import pexpect

    started = time.perf_counter()
    child = pexpect.spawn(sys.executable, ["-c", code + "; print('ready')"], timeout=30)
    child.expect_exact(b"ready")
    elapsed = time.perf_counter() - started
    child.close()
    return elapsed


# Runs careerfit's entry point and ends the process once the first prompt is drawn.
UNTIL_FIRST_PROMPT = """
import os, sys
from prompt_toolkit.application import Application
built = Application.__init__
def build(self, *args, **kwargs):
    built(self, *args, **kwargs)
    self.after_render += lambda app: os._exit(0)
Application.__init__ = build
sys.argv = ["careerfit", "quiz"]
from careerfit.__main__ import main
main()
"""


def instructions(code: str, state: str) -> int:
    """Instructions (valgrind's callgrind) that `python -c CODE` runs, in a pseudo-terminal."""
    import re

    import pexpect

    env = {**state_folder(state), "PROMPT_TOOLKIT_NO_CPR": "1", "TERM": "xterm"}
    with tempfile.TemporaryDirectory() as out:
        child = pexpect.spawn("valgrind", ["--tool=callgrind", f"--callgrind-out-file={out}/cg",
                                           sys.executable, "-c", code], env=env, timeout=600)
        child.expect(pexpect.EOF)
        child.close()
    if child.exitstatus != 0:  # a failed run is no measure of anything
        raise SystemExit(f"the measured run failed (exit {child.exitstatus}, signal"
                         f" {child.signalstatus}):\n{child.before.decode()[-1500:]}")
    found = re.search(rb"Collected : (\d+)", child.before)
    if found is None:
        raise SystemExit(f"valgrind did not report a count:\n{child.before.decode()[-500:]}")
    return int(found.group(1))


def paired(runs: int, measure, baseline) -> tuple[float, float, float]:
    """Medians of *measure* and *baseline*, and the median of their ratio pair by pair.

    The machine's speed drifts within a run; each pair is measured back to back, so
    the median ratio of pairs follows the drift where a ratio of medians would not."""
    ours, base = [], []
    measure(), baseline()  # warm the file cache
    for _ in range(runs):
        ours.append(measure())
        base.append(baseline())
    return (statistics.median(ours), statistics.median(base),
            statistics.median(o / b for o, b in zip(ours, base, strict=True)))


def compile_like_an_install() -> None:
    """pip byte-compiles a package when it installs it; an editable checkout (or one run
    with PYTHONDONTWRITEBYTECODE=1) would otherwise pay for compiling every module on
    every start, which no installed copy does."""
    import careerfit

    subprocess.run([sys.executable, "-m", "compileall", "-q",
                    str(Path(careerfit.__file__).parent)], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--instructions", action="store_true",
                        help="count instructions to the first prompt with valgrind instead:"
                             " steadier than seconds on a noisy machine")
    arguments = parser.parse_args()
    runs = arguments.runs
    compile_like_an_install()
    if arguments.instructions:
        with tempfile.TemporaryDirectory() as state:
            ours = instructions(UNTIL_FIRST_PROMPT, state)
            base = instructions("import typer, questionary", state)
        print(f"instructions to the first prompt: {ours / 1e6:.0f} million, against"
              f" {base / 1e6:.0f} million for 'import typer, questionary': {ours / base:.3f}")
        return
    command = careerfit_command()
    answers = str(ROOT / "examples" / "ml-engineer.yaml")
    json_run = [*command, "quiz", "--answers", answers, "--json"]
    measures = {"quiz --answers F --json": paired(
        runs, lambda: wall(json_run),
        lambda: wall([sys.executable, "-c", "import typer, yaml, json"]))}
    with tempfile.TemporaryDirectory() as state:
        measures["time to first prompt (pty)"] = paired(
            runs, lambda: first_prompt([*command, "quiz"], state),
            lambda: baseline_in_pty("import typer, questionary"))
        measures["  floor: a bare questionary prompt (pty)"] = paired(
            runs, lambda: first_prompt([sys.executable, "-c", BARE_PROMPT], ""),
            lambda: baseline_in_pty("import typer, questionary"))
    print(f"{'measure':44} {'median ms':>10} {'baseline ms':>12} {'ratio':>6}")
    for name, (ours, base, ratio) in measures.items():
        target = "" if name.startswith(" ") else f"  (target <= {TARGET_RATIO})"
        print(f"{name:44} {ours * 1e3:10.1f} {base * 1e3:12.1f} {ratio:6.2f}{target}")
    print("ratio: the median of the pairs' ratios, each pair run back to back")
    print("baselines: python -c 'import typer, yaml, json' and 'import typer, questionary'")
    sys.exit(0 if all(ratio <= TARGET_RATIO for name, (_, _, ratio) in measures.items()
                      if not name.startswith(" ")) else 1)


if __name__ == "__main__":
    main()
