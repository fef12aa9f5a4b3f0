"""Rich output for people. Reads the report dict; every YAML-sourced string is escaped."""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from careerfit.base.errors import clean
from careerfit.documents.report import (
    REASONS_NOTE,
    STEP_LISTS,
    TASTERS_HEADING,
    already_have_sentence,
    coverage_sentence,
    headline,
    reason_groups,
    route_heading,
)
from careerfit.documents.roledata import salary_text

BAR_WIDTH = 30
CONFIDENCE_STYLE = {"high": "bold green", "medium": "yellow", "low": "red", "none": "dim"}


def safe(text: object) -> str:
    """Text from a YAML file, ready for rich markup: control characters gone, brackets escaped."""
    return escape(clean(str(text)))


def bar(fit: float, width: int = BAR_WIDTH) -> str:
    filled = round(fit / 100 * width)
    return "█" * filled + "░" * (width - filled)


def result_view(report: dict[str, Any], width: int = 80) -> Group:
    """The whole result screen for a terminal *width* columns wide.

    The details come first and the summary (ranking, pick, how sure) last, so
    that it is what is on screen when the command ends, whatever the height.
    """
    parts: list[Any] = []
    reasons = report["reasons"]
    if reasons["for"] or reasons["against"]:
        parts.append(_reasons(report))
    if report["what_if"]:
        parts.append(Text.from_markup(f"[bold]What would change it[/]\n"
                                      f"{safe(report['what_if']['sentence'])}\n"))
    if report["tasters"]:
        parts.append(_tasters(report["tasters"]))
    if report["next_steps_compared"]:
        parts.append(_compared_steps(report, width))
    elif report["next_steps"]:
        parts.append(_next_steps(report["next_steps"], report["recommendation"]["name"]))
    parts += [_ranking(report, width), _verdict(report)]
    return Group(*parts)


# What the '#' and 'Fit' columns and the table's padding take beside a role's name.
FIT_AND_RANK = 14


def _ranking(report: dict[str, Any], width: int) -> Table:
    """Names and fits always whole; the bar shrinks with the width, then goes."""
    names = [clean(row["name"]) for row in report["ranking"]]
    # '#', name, 'Fit' columns and the table's padding take this much before any bar.
    fixed = 2 + max(len(n) for n in names) + 6 + 8
    bar_width = min(BAR_WIDTH, width - fixed - 2)
    table = Table(title="Your fit with each role (out of 100)", box=box.SIMPLE_HEAD,
                  title_justify="left", expand=False)
    table.add_column("#", justify="right", no_wrap=True)
    # A name too long for the line (beside '#', 'Fit' and the padding) folds, so that the
    # fits always show.
    room = width - FIT_AND_RANK
    whole = max(len(n) for n in names) <= room
    table.add_column("Role", no_wrap=whole, overflow="fold",
                     max_width=None if whole else max(8, room))
    table.add_column("Fit", justify="right", no_wrap=True)
    if bar_width >= 8:
        table.add_column("", no_wrap=True)
    pick = report["recommendation"]["role"]
    for rank, (row, name) in enumerate(zip(report["ranking"], names, strict=True), start=1):
        style = "bold" if row["role"] == pick else ""
        cells: list[Any] = [str(rank), Text(name, style=style), f"{row['fit']:.1f}"]
        if bar_width >= 8:
            cells.append(Text(bar(row["fit"], bar_width), style="cyan"))
        table.add_row(*cells)
    return table


def _verdict(report: dict[str, Any]) -> Text:
    rec = report["recommendation"]
    level = rec["confidence"]
    text = Text()
    lead = headline(report)
    if lead:
        text.append(f"{lead[0]}: ", style="bold")
        text.append(clean(lead[1]), style="bold magenta")
        text.append("   confidence: ")
        text.append(level, style=CONFIDENCE_STYLE[level])
        text.append(f" (ahead by {rec['margin']:.1f} fit points)\n")
    else:
        text.append("No confident pick.\n", style="bold")
    text.append(clean(rec["summary"]) + "\n")
    text.append(clean(rec["sureness"]) + "\n", style="dim")
    basis = coverage_sentence(report)
    if basis:
        text.append(basis + "\n", style="dim")
    if rec["hybrid"]:
        text.append(f"Hybrid path: {clean(rec['hybrid']['name'])}. ", style="bold")
        text.append(clean(rec["hybrid"]["description"]) + "\n")
    return text


def _tasters(tasters: list[dict[str, str]]) -> Text:
    text = Text(TASTERS_HEADING + "\n", style="bold")
    for taster in tasters:
        text.append(f"{clean(taster['name'])}: ", style="bold")
        text.append(clean(taster["taster"]) + "\n")
    return text


def _reasons(report: dict[str, Any]) -> Group:
    """The answers that pulled toward each of the first two roles, under the role, each
    with its fit points; a long line wraps under its own text, not at column 0."""
    rec = report["recommendation"]
    heading = "Why" if rec["role"] else "What leaned which way"
    title = Text()
    title.append(heading, style="bold")
    title.append(f" ({REASONS_NOTE})", style="dim")
    parts: list[Any] = [title]
    for group, reasons in reason_groups(report):
        parts.append(Text(clean(group), style="bold"))
        grid = Table.grid(padding=(0, 1))
        grid.add_column(justify="right", no_wrap=True, style="cyan")
        grid.add_column()
        for reason in reasons:
            line = Text(f"{clean(reason['question_short'])}: ")
            line.append(clean(reason["answer"]), style="italic")
            grid.add_row(f"  {reason['points']:.1f}", line)
        parts.append(grid)
    parts.append(Text(""))
    return Group(*parts)


def _compared_steps(report: dict[str, Any], width: int) -> Any:
    """Unsure between two roles: both roles' next steps (and the blend), side by side."""
    names = {row["role"]: row["name"] for row in report["ranking"]}
    panels = [_next_steps(steps, names[steps["role"]])
              for steps in report["next_steps_compared"]]
    if width >= 100:
        grid = Table.grid(expand=True, padding=(0, 1))
        grid.add_column(ratio=1)
        grid.add_column(ratio=1)
        grid.add_row(*panels)
        return grid
    return Group(*panels)


def _next_steps(steps: dict[str, Any], name: str) -> Panel:
    lines = []
    if steps["route"]:
        lines.append(f"[bold]{safe(route_heading(steps))}:[/] {safe(steps['route'])}")
    if steps["skill_priorities"]:
        lines.append("[bold]Skill priorities[/]")
        lines += [f"  {n}. {safe(s)}" for n, s in enumerate(steps["skill_priorities"], start=1)]
    else:
        lines.append("[bold]Skill priorities:[/] your background already covers the core ones;"
                     " the route above says where to go deeper.")
    have = already_have_sentence(steps)
    if have:
        lines.append(f"[dim]{safe(have)}[/]")
    lines += [f"[bold]{title}:[/] {safe(', '.join(steps[key]))}" for key, title in STEP_LISTS]
    salary = steps["salary"]
    lines.append(f"[bold]Pay:[/] {safe(salary_text(salary))}")
    if salary["note"]:
        lines.append(f"  {safe(salary['note'])}")
    return Panel("\n".join(lines), title=f"Next steps toward {safe(name)}", title_align="left",
                 box=box.ROUNDED)


def make_console(stderr: bool = False, **kwargs: Any) -> Console:
    return Console(stderr=stderr, highlight=False, **kwargs)


def show_result(report: dict[str, Any], console: Console | None = None) -> None:
    console = console or make_console()
    console.print(result_view(report, console.width))


def summary_view(summary: dict[str, Any], role_names: dict[str, str]) -> Group:
    """careerfit score --summary for people (roles by name; the JSON keeps their ids)."""
    people = summary["people"] or 1
    table = Table(title=f"Cohort of {summary['people']:,} people"
                        + (f" ({summary['errors']:,} records could not be scored)"
                           if summary["errors"] else ""),
                  box=box.SIMPLE_HEAD, title_justify="left")
    table.add_column("Recommended", no_wrap=True)
    table.add_column("People", justify="right")
    table.add_column("Share", justify="right")
    for role, count in summary["recommended"].items():
        label = "no confident pick" if role == "none" else role_names.get(role, role)
        table.add_row(Text(clean(label)), f"{count:,}", f"{count / people:.0%}")
    levels = ", ".join(f"{level} {count / people:.0%}"
                       for level, count in summary["confidence"].items())
    lines = [f"Confidence: {levels}"]
    hybrid = summary["most_common_hybrid"]
    lines.append(f"Most common hybrid: {hybrid['name']} ({hybrid['people']:,} people)"
                 if hybrid else "Most common hybrid: none")
    traits = ", ".join(f"{t['name']} (spread {t['spread']:.2f})"
                       for t in summary["separating_traits"])
    lines.append(f"Traits that separate this cohort most: {traits or 'none'}")
    return Group(table, Text(clean("\n".join(lines))))
