"""Does "About N more answers would settle it" hold? Checked on people, not on the draws.

    python bench/settle.py [--people N] [--seed S] [--corpus FILE]

An adaptive quiz that ends unsettled says how many more answers would settle it: the
fewest after which half the model's posterior-predictive draws reach one verdict at
HIGH_PROBABILITY (careerfit.engine.curtail). For each person of the external corpus
(people the model did not make, validation/corpus.jsonl: all of them, as nothing here
is tuned) and N simulated people, this replays the adaptive quiz on their complete
answers; where it ends unsettled with a count, it goes on with the questions the quiz
would ask next, answered as the person answered them, for that many, and checks whether
the verdict is then settled. The result says "for about half of people who answer as
you did": each share is printed with its 95% (Wilson) interval, and the run exits 1
when the external corpus's interval leaves out one half (the simulated share is for
reference: those people share the model's assumptions); 2 when a corpus cannot be read
(a benchmark that cannot run never prints a number). Where the quiz gives no count, the
result says fewer than half of such people are settled by MOST_AHEAD more answers: those
people go on for MOST_AHEAD, and the run exits 1 when the corpus's interval lies wholly
above one half.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from careerfit.bank import load_bank  # noqa: E402
from careerfit.base.errors import CareerfitError  # noqa: E402
from careerfit.base.vocabulary import MaybeAnswer  # noqa: E402
from careerfit.documents.labelled import read_labelled  # noqa: E402
from careerfit.engine.adaptive import Planner  # noqa: E402
from careerfit.engine.ending import MOST_AHEAD, ending  # noqa: E402
from careerfit.engine.result import Evaluator  # noqa: E402
from careerfit.engine.verdict import HIGH_PROBABILITY  # noqa: E402
from careerfit.simulation.simulate import people  # noqa: E402

CORPUS = ROOT / "validation" / "corpus.jsonl"


def settled_after_count(evaluator: Evaluator, planner: Planner,
                        crowd: Iterable[Mapping[str, MaybeAnswer]]
                        ) -> tuple[tuple[int, int], tuple[int, int]]:
    """For the people whose adaptive quiz ended unsettled: (those given a count N, of them
    those settled after answering N more questions as they answered the whole bank), and
    (those given none, of them those settled by MOST_AHEAD more all the same)."""
    bank, model = evaluator.bank, evaluator.model
    counted = [0, 0]
    uncounted = [0, 0]
    for answers in crowd:
        asked = planner.replay(answers)
        end = ending(bank, asked, evaluator(asked, explain=False).verdict, adaptive=True,
                     planner=planner)
        if not end.unsettled:
            continue
        going_on = dict(asked)
        for _ in range(end.more or MOST_AHEAD):
            question_id = planner.next_question(going_on, going_on.keys(), among=answers.keys())
            if question_id is None:
                break
            going_on[question_id] = answers[question_id]
        tally = counted if end.more else uncounted
        tally[0] += 1
        tally[1] += max(model.verdict_chances(model.posterior(going_on))) >= HIGH_PROBABILITY
    return (counted[0], counted[1]), (uncounted[0], uncounted[1])


def wilson(successes: int, trials: int, z: float = 1.96) -> tuple[float, float]:
    """The 95% Wilson score interval of a share of *successes* in *trials*."""
    share = successes / trials
    centre = (share + z * z / (2 * trials)) / (1 + z * z / trials)
    half = (z / (1 + z * z / trials)) * math.sqrt(share * (1 - share) / trials
                                                  + z * z / (4 * trials * trials))
    return centre - half, centre + half


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=600, help="simulated people")
    parser.add_argument("--seed", type=int, default=99)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()
    bank = load_bank()
    try:
        corpus = [person.picks for person in read_labelled(args.corpus, bank)]
    except CareerfitError as error:
        print(f"settle: {error}", file=sys.stderr)
        return 2
    evaluator = Evaluator(bank)
    planner = Planner(bank, evaluator.model, evaluator.scorer)
    missed = False
    for judged, name, crowd in (
            (True, f"external corpus ({len(corpus)} people)", corpus),
            (False, f"simulated, for reference ({args.people} people, seed {args.seed})",
             [p.picks for p in people(bank, args.people, seed=args.seed)])):
        (counted, settled), (uncounted, anyway) = settled_after_count(evaluator, planner,
                                                                       crowd)
        if counted:
            low, high = wilson(settled, counted)
            missed |= judged and not low <= 0.5 <= high
            print(f"{name}: {counted} ended unsettled with a count; settled after that many"
                  f" more answers: {settled} ({settled / counted:.0%}, 95% interval"
                  f" {low:.0%}-{high:.0%}; said: about half)")
        else:
            print(f"{name}: no one ended unsettled with a count")
        if uncounted:
            low, high = wilson(anyway, uncounted)
            missed |= judged and low > 0.5
            print(f"  {uncounted} ended unsettled with no count; settled by {MOST_AHEAD} more"
                  f" all the same: {anyway} ({anyway / uncounted:.0%}, 95% interval"
                  f" {low:.0%}-{high:.0%}; said: fewer than half)")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
