"""Does what careerfit says agree with itself? Counts contradictions on simulated people.

    python bench/agreement.py [--people N] [--seed S] [--adaptive N] [--render-every K]

For N simulated people (default 3,000, every kind in turn; complete answer sets), and N
adaptive replays of other people if --adaptive is given, builds the report and the view
model and checks, with tests/agreement.py, that the headline, the summary, the
confidence line, ``outcome`` (and its chances), the recommendation and the first role of
the ranking agree; every K-th result (default 1: all) is also rendered in rich, plain
and Markdown and checked to show every section. Exits 1 if any result contradicts itself.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from rich.console import Console  # noqa: E402

from agreement import disagreements  # noqa: E402
from careerfit.bank import load_bank  # noqa: E402
from careerfit.documents.answers import AnswerSet  # noqa: E402
from careerfit.documents.report import build_report  # noqa: E402
from careerfit.engine.adaptive import Planner  # noqa: E402
from careerfit.engine.result import Evaluator  # noqa: E402
from careerfit.simulation.simulate import people  # noqa: E402
from careerfit.terminal.export import markdown_card  # noqa: E402
from careerfit.terminal.plain import plain_result  # noqa: E402
from careerfit.terminal.render import result_view  # noqa: E402
from careerfit.view.model import build_view  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--adaptive", type=int, default=0)
    parser.add_argument("--render-every", type=int, default=1)
    args = parser.parse_args()
    bank = load_bank()
    evaluator = Evaluator(bank)
    planner = Planner(bank, evaluator.model, evaluator.scorer)
    started = time.perf_counter()
    sets = [("complete", AnswerSet(p.picks)) for p in people(bank, args.people, args.seed)]
    sets += [("adaptive", AnswerSet(planner.replay(p.picks), adaptive=True))
             for p in people(bank, args.adaptive, args.seed + 1)]
    kinds: Counter[str] = Counter()
    wrong: Counter[str] = Counter()
    bad = Counter[str]()
    for n, (group, answers) in enumerate(sets):
        report = build_report(bank, evaluator(answers.picks), answers)
        view = build_view(report)
        shown = {}
        if n % args.render_every == 0:
            console = Console(width=1000, file=io.StringIO(), record=True, color_system=None)
            console.print(result_view(view, 1000))
            shown = {"rich": console.export_text(), "plain": plain_result(view),
                     "markdown": markdown_card(view)}
        found = disagreements(report, view, shown)
        kinds[f"{group} {report['outcome']['kind']}/{report['outcome']['confidence']}"] += 1
        bad[group] += bool(found)
        wrong.update(found)
    print(f"careerfit agreement: {args.people:,} complete answer sets and {args.adaptive:,}"
          f" adaptive replays, seed {args.seed}, {time.perf_counter() - started:.0f} s")
    for key, count in sorted(kinds.items()):
        print(f"  {key:<28} {count:>6,}")
    for group in ("complete", "adaptive"):
        print(f"results that contradict themselves, {group}: {bad[group]:,}")
    for what, count in wrong.most_common():
        print(f"  {count:>6,}  {what}")
    return 1 if sum(bad.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
