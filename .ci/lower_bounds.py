"""Print a pip constraints file that pins every dependency to its lowest allowed version.

CI installs the project with it (``pip install -c``) to prove that the lower
bounds in pyproject.toml are true, not just the versions pip picks today.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import tomllib

_LOWER = re.compile(r"^\s*([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?\s*(?:[^;]*?)>=\s*([0-9][^,;\s]*)")


def lower_bounds(pyproject: Path, extras: list[str]) -> list[str]:
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    requirements = list(project.get("dependencies", []))
    for extra in extras:
        requirements += project.get("optional-dependencies", {}).get(extra, [])
    pins = []
    for requirement in requirements:
        match = _LOWER.match(requirement)
        if match is None:
            sys.exit(f"lower_bounds: {requirement!r} has no '>=' lower bound to pin")
        pins.append(f"{match[1]}=={match[2]}")
    return pins


if __name__ == "__main__":
    root = Path(__file__).resolve().parent.parent
    print("\n".join(lower_bounds(root / "pyproject.toml", sys.argv[1:])))
