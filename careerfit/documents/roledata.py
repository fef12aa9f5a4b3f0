"""A role's card as plain data: what ``roles --json``, next steps and every view read.

Pure logic: imports nothing from the terminal layer.
"""

from __future__ import annotations

from typing import Any

from careerfit.bank import Role


def role_card(role: Role) -> dict[str, Any]:
    """A role's card as plain data (the --json form)."""
    return {
        "role": role.id,
        "name": role.name,
        "summary": role.summary,
        "responsibilities": list(role.responsibilities),
        "skills": list(role.skills),
        "skill_priorities": list(role.skill_priorities),
        "tools": list(role.tools),
        "outputs": list(role.outputs),
        "use_cases": list(role.use_cases),
        "salary": role.salary._asdict(),
        "entry": role.entry,
        "routes": dict(role.routes),
        "taster": role.taster or None,
    }
