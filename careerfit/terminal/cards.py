"""``careerfit roles``: the role list, one role's card, or two side by side (terminal layer)."""

from __future__ import annotations

import json
import sys
from typing import Any

from careerfit.bank import Bank, Blend
from careerfit.documents.roledata import role_card
from careerfit.view.words import blend_text, roles_footer, salary_text

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
    # (A bank editor who reworded one found no way to see it but a result between two
    # roles.)
    ("taster", "Weekend project"),
)


def _field_text(bank: Bank, card: dict[str, Any], key: str) -> str:
    value = card[key]
    if value is None:  # (a bank may leave a role's weekend project out)
        return "none given"
    if key == "salary":
        return salary_text(value) + (f"\n{value['note']}" if value["note"] else "")
    if key == "routes":
        # In the starting-point question's order (a new user scanned for their own line).
        options = bank.background.options if bank.background else ()
        label = {o.id: o.label for o in options}
        rank = {o.id: place for place, o in enumerate(options)}
        routes = sorted(value.items(), key=lambda item: rank.get(item[0], len(rank)))
        return "\n".join(f"• {label.get(k, k)}: {v}" for k, v in routes)
    if isinstance(value, list):
        return "\n".join(f"• {item}" for item in value)
    return str(value)


def show_roles(bank: Bank, wanted: list[str], json_output: bool, routes: bool = True,
               plain: bool = False) -> None:
    cards = [role_card(bank.role(r)) for r in wanted]
    if json_output:
        payload: Any
        if not wanted:
            payload = {"roles": [{"role": r.id, "name": r.name, "summary": r.summary}
                                 for r in bank.roles],
                       "blends": [blend_data(bank, b) for b in bank.blends]}
        else:
            payload = cards[0] if len(cards) == 1 else {"compare": cards}
        sys.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
        return
    if plain:
        from careerfit.terminal.plain import plain_roles

        fields = [(key, title) for key, title in CARD_FIELDS if key != "routes" or routes]
        sys.stdout.write(plain_roles(bank, cards, fields, _field_text))
        return
    from careerfit.terminal.render import make_console, show

    console = make_console()
    show(roles_view(bank, cards, routes, console.width), console)


BLENDS_HEADING = "Blends: where two roles meet"


def blend_data(bank: Bank, blend: Blend) -> dict[str, Any]:
    roles = sorted(blend.roles, key=lambda r: [x.id for x in bank.roles].index(r))
    return {"blend": blend.id, "name": blend.name, "roles": roles,
            "role_names": [bank.role(r).name for r in roles],
            "description": blend.description, "titles": list(blend.titles),
            "taster": blend.taster or None,
            "skills": [bank.skill_labels[skill] for skill in blend.skills]}


def blend_lines(bank: Bank, blend: Blend) -> tuple[str, str, str]:
    """(title, where it sits, description) of a blend, for every view; the description
    ends with its job titles and weekend project when the bank gives them."""
    data = blend_data(bank, blend)
    first, second = data["role_names"]
    taster = f" A weekend project: {blend.taster}" if blend.taster else ""
    # (A PhD drawn to a blend found no pay, duties or route from where she stands on its
    # card: the guide gives them per role, so the card sends to its two roles together.)
    return (blend.name, f"Where {first} and {second} meet. Pay, routes in and the daily"
                        " work are given for each of the two roles: careerfit roles"
                        f" --compare {data['roles'][0]} {data['roles'][1]} --routes",
            blend_text(blend.description, blend.titles, data["skills"]) + taster)


def show_blend(bank: Bank, blend: Blend, json_output: bool, plain: bool = False) -> None:
    """careerfit roles BLEND: what the blend is and the two roles it joins."""
    if json_output:
        sys.stdout.write(json.dumps(blend_data(bank, blend), indent=2, ensure_ascii=False)
                         + "\n")
        return
    title, where, description = blend_lines(bank, blend)
    if plain:
        from careerfit.base.errors import clean
        from careerfit.terminal import facts
        from careerfit.terminal.fold import fold

        text = "\n".join(clean(line) for line in (title, where, description))
        sys.stdout.write(fold(text, facts.columns(sys.stdout)) + "\n")
        return
    from rich.console import Group
    from rich.text import Text

    from careerfit.terminal.fold import fold
    from careerfit.terminal.render import make_console, show

    console = make_console()

    def folded(text: str, style: str = "") -> Text:
        # (Folded, not wrapped by rich, which broke the command to copy.)
        return Text(fold(text, console.width, hang=0), style=style, no_wrap=True,
                    overflow="ignore")

    show(Group(Text(title, style="bold magenta"), folded(where, "dim"), folded(description)),
         console)


# Below these widths tables would squeeze names into broken lines: stack instead.
LIST_TABLE_WIDTH = 70
COMPARE_TABLE_WIDTH = 90
NARROW_COMPARE = ("Comparing {names}, one after the other: a terminal of {width} columns or"
                  " more shows them side by side.\n")


def roles_view(bank: Bank, cards: list[dict[str, Any]], routes: bool, width: int) -> Any:
    """The role list (no *cards*), one card, or cards side by side, for *width* columns."""
    from rich import box
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    if not cards:
        footer = Text(roles_footer(bool(bank.blends)))
        blends: list[Any] = []
        if bank.blends:
            blends.append(Text(BLENDS_HEADING, style="bold"))
            for blend in bank.blends:
                first, second = blend_data(bank, blend)["role_names"]
                blends.append(Text.assemble((blend.name, "bold"),
                                            f" ({blend.id})\n{first} + {second}\n"))
        if width < LIST_TABLE_WIDTH:
            lines = [Text.assemble((role.name, "bold"), f" ({role.id})\n{role.summary}\n")
                     for role in bank.roles]
            return Group(*lines, *blends, footer)
        table = Table("Role id", "Name", "Summary", box=box.SIMPLE_HEAD)
        table.columns[0].no_wrap = table.columns[1].no_wrap = True
        for role in bank.roles:
            table.add_row(Text(role.id), Text(role.name), Text(role.summary))
        return Group(table, *blends, footer)
    fields = [(key, title) for key, title in CARD_FIELDS if key != "routes" or routes]
    if len(cards) == 1 or width < COMPARE_TABLE_WIDTH:
        parts: list[Any] = []
        if len(cards) > 1:  # (a new user at 80 columns lost track of what was compared)
            parts.append(Text(NARROW_COMPARE.format(
                names=" and ".join(card["name"] for card in cards), width=COMPARE_TABLE_WIDTH),
                style="dim"))
        for card in cards:
            parts.append(Text(card["name"], style="bold magenta"))
            for key, title in fields:
                parts += [Text(title, style="bold"), _cell(_field_text(bank, card, key)),
                          Text("")]
        return Group(*parts)
    table = Table(box=box.ROUNDED, show_lines=True, title_justify="left")
    table.add_column("", style="bold", no_wrap=True)
    for card in cards:
        table.add_column(Text(card["name"]), ratio=1)
    for key, title in fields:
        table.add_row(Text(title), *[_cell(_field_text(bank, card, key)) for card in cards])
    return table


def _cell(text: str) -> Any:
    """A field's text; a list as bullets whose wrapped lines hang under their own text,
    not under the bullet (a new user found the items of a compared list run together)."""
    from rich.table import Table
    from rich.text import Text

    lines = text.split("\n")
    if not all(line.startswith("• ") for line in lines):
        return Text(text)
    bullets = Table.grid(padding=(0, 1, 0, 0))
    bullets.add_column(no_wrap=True)
    bullets.add_column()
    for line in lines:
        bullets.add_row("•", Text(line[2:]))
    return bullets
