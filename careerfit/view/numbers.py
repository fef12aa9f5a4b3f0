"""How careerfit rounds the numbers it states about a person, so that they add up.

Pure logic. Chances are shown as thousandths in the JSON (``outcome.chances``) and as
counts of 100 people in the sureness sentence; rounded one by one they can miss the
whole by a few (a new user added 97 and 2 and asked where the last person was).
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import sub


def apportion(chances: Sequence[float], whole: int) -> list[int]:
    """*chances* (adding up to 1) as whole shares of *whole* that add up to it exactly:
    each rounded down, and what is left over given to the largest remainders (the
    first of equal remainders first)."""
    scaled = [c * whole if c > 0.0 else 0.0 for c in chances]
    shares = list(map(int, scaled))
    left = whole - sum(shares)
    if left > 0:  # (sorted as pairs, in C: careerfit score says this of every record)
        remainders = zip(map(sub, shares, scaled), range(len(shares)), strict=True)
        for _, i in sorted(remainders)[:left]:
            shares[i] += 1
    return shares
