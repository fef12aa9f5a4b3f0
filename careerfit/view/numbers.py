"""How careerfit rounds the numbers it states about a person, so that they add up.

Pure logic. Chances are shown as thousandths in the JSON (``outcome.chances``) and as
counts of 100 people in the sureness sentence; rounded one by one they can miss the
whole by a few (a new user added 97 and 2 and asked where the last person was).
"""

from __future__ import annotations

from collections.abc import Sequence


def apportion(chances: Sequence[float], whole: int) -> list[int]:
    """*chances* (adding up to 1) as whole shares of *whole* that add up to it exactly:
    each rounded down, and what is left over given to the largest remainders (the
    first of equal remainders first)."""
    scaled = [max(c, 0.0) * whole for c in chances]
    shares = [int(v) for v in scaled]
    left = whole - sum(shares)
    by_remainder = sorted(range(len(scaled)), key=lambda i: shares[i] - scaled[i])
    for i in by_remainder[:max(left, 0)]:
        shares[i] += 1
    return shares
