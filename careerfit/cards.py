"""``careerfit roles``: the role list, one role's card, or two side by side (terminal layer)."""

from __future__ import annotations

import json
import sys
from typing import Any

from careerfit.bank import Bank
from careerfit.roledata import role_card, salary_text

CARD_FIELDS = (
    ("summary", "Summary"),
    ("responsibilities", "Responsibilities"),
    ("skills", "Skills"),
    ("skill_priorities", "Skill priorities"),
    ("tools", "Tools"),
    ("outputs", "Outputs"),
    ("use_cases", "Typical projects"),
    ("salary", "Pay"),
    ("entry", "How people enter"),
    ("routes", "Transition routes"),
)


def _field_text(bank: Bank, card: dict[str, Any], key: str) -> str:
    value = card[key]
    if key == "salary":
        return salary_text(value) + (f"\n{value['note']}" if value["note"] else "")
    if key == "routes":
        background = bank.background
        label = {o.id: o.label for o in background.options} if background else {}
        return "\n".join(f"• From {label.get(k, k).lower()}: {v}" for k, v in value.items())
    if isinstance(value, list):
        return "\n".join(f"• {item}" for item in value)
    return str(value)


def show_roles(bank: Bank, wanted: list[str], json_output: bool) -> None:
    cards = [role_card(bank.role(r)) for r in wanted]
    if json_output:
        payload: Any
        if not wanted:
            payload = {"roles": [{"role": r.id, "name": r.name, "summary": r.summary}
                                 for r in bank.roles]}
        else:
            payload = cards[0] if len(cards) == 1 else {"compare": cards}
        sys.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
        return
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from careerfit.render import make_console

    console = make_console()
    if not wanted:
        table = Table("Role id", "Name", "Summary", box=box.SIMPLE_HEAD)
        for role in bank.roles:
            table.add_row(Text(role.id), Text(role.name), Text(role.summary))
        console.print(table)
        console.print(Text("Show a card: careerfit roles ROLE    Compare: careerfit roles"
                           " --compare A B"))
        return
    table = Table(box=box.ROUNDED, show_lines=True, title_justify="left")
    table.add_column("", style="bold", no_wrap=True)
    for card in cards:
        table.add_column(Text(card["name"]), ratio=1)
    for key, title in CARD_FIELDS:
        table.add_row(Text(title), *[Text(_field_text(bank, card, key)) for card in cards])
    console.print(table)
