"""Rich output for people: lays out the view model (careerfit.view.model); decides nothing.

Every YAML-sourced string is cleaned of control characters (rich Text is never read as
markup). The SVG card is recorded from this view (terminal/export.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich import box
from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from careerfit.base.errors import clean
from careerfit.base.vocabulary import BLEND, MAIN, NONE
from careerfit.terminal.fold import fold
from careerfit.view.model import (
    RANKING_TITLE,
    TASTERS_HEADING,
    WHAT_IF_HEADING,
    ReasonLine,
    ResultView,
    Steps,
    headline,
)
from careerfit.view.numbers import apportion

BAR_WIDTH = 30
CONFIDENCE_STYLE = {"high": "bold green", "medium": "yellow", "low": "red", "none": "dim"}


def safe(text: object) -> str:
    """Text from a YAML file, ready for rich markup: control characters gone, brackets escaped."""
    return escape(clean(str(text)))


def bar(fit: float, width: int = BAR_WIDTH) -> str:
    filled = round(fit / 100 * width)
    return "█" * filled + "░" * (width - filled)


def result_view(view: ResultView, width: int = 80) -> Group:
    """The whole result screen for a terminal *width* columns wide.

    The details come first and the verdict (ranking, headline, how sure) last, so
    that it is what is on screen when the command ends, whatever the height.
    """
    parts: list[Any] = []
    if view.reasons:
        parts.append(_reasons(view))
    if view.reading:
        parts.append(_reading(view))
    if view.what_if:
        parts.append(Text.assemble((WHAT_IF_HEADING, "bold"), "\n",
                                   clean(view.what_if) + "\n"))
    if view.tasters:
        parts.append(_tasters(view))
    if view.steps:
        parts.append(_all_steps(view, width))
    if view.verdict.blend:
        parts.append(_blend(view, width))
    parts += [_ranking(view, width), _verdict(view, width)]
    return Group(*parts)


# What the '#' and 'Fit' columns and the table's padding take beside a role's name.
FIT_AND_RANK = 14


def _ranking(view: ResultView, width: int) -> Table:
    """Names and fits always whole; the bar shrinks with the width, then goes."""
    names = [clean(row.name) for row in view.ranking]
    # '#', name, 'Fit' columns and the table's padding take this much before any bar.
    fixed = 2 + max(len(n) for n in names) + 6 + 8
    bar_width = min(BAR_WIDTH, width - fixed - 2)
    table = Table(title=RANKING_TITLE, box=box.SIMPLE_HEAD, title_justify="left",
                  expand=False)
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
    for row, name in zip(view.ranking, names, strict=True):
        cells: list[Any] = [str(row.rank), Text(name, style="bold" if row.in_verdict else ""),
                            f"{row.fit:.1f}"]
        if bar_width >= 8:
            cells.append(Text(bar(row.fit, bar_width), style="cyan"))
        table.add_row(*cells)
    return table


def _verdict(view: ResultView, width: int) -> Group:
    """The verdict's lines. The summary and what the result rests on may name a command
    to copy (careerfit roles --compare A B, careerfit quiz --answers FILE --more): they
    are broken into lines here, keeping a command on one line where one can hold it, as
    rich would break it anywhere (a new user found one split in two)."""
    verdict = view.verdict
    text = Text()
    text.append(f"{verdict.label}: ", style="bold")
    text.append(clean(verdict.headline), style="bold magenta")
    # The confidence and what it is of each start a line of their own when the line
    # can't hold them whole (new users saw "confidence:" end one line and "low" start the
    # next; "(probability" end one and "0.991 that ...)" start the next).
    level = f"confidence: {verdict.confidence}"
    together = text.cell_len + 3 + len(level) <= width
    text.append("   confidence: " if together else "\nconfidence: ")
    text.append(verdict.confidence, style=CONFIDENCE_STYLE[verdict.confidence])
    line = text.cell_len if together else len(level)
    note = f"({clean(verdict.confidence_note)})"
    text.append(("\n" if line + 1 + len(note) > width else " ") + note)
    # The rest is folded here, and rich must not break it again (fold keeps a command to
    # copy whole, or continues it with ' \\').
    top, text = text, Text(no_wrap=True, overflow="ignore")
    text.append(fold(clean(verdict.summary), width, hang=0) + "\n")
    text.append(fold(clean(verdict.sureness), width, hang=0) + "\n", style="dim")
    if verdict.basis:
        text.append(fold(verdict.basis, width, hang=0) + "\n", style="dim")
    return Group(top, text)


def _blend(view: ResultView, width: int) -> Text:
    """The blend the verdict names: what it is, its job titles and skills. Shown above the
    ranking, not under the headline (at 80 x 24 a new user's headline had scrolled off
    above its six lines)."""
    blend = view.verdict.blend
    assert blend is not None
    # (Folded whole, its bold head included, as it ends in a command.)
    head = f"Hybrid path: {clean(blend.name)}."
    said = fold(f"{head} {clean(blend.text)}", width, hang=0)
    text = Text(no_wrap=True, overflow="ignore")
    text.append(said[:len(head)], style="bold")  # (fold turns spaces into breaks)
    text.append(said[len(head):] + "\n")
    return text


def _tasters(view: ResultView) -> Text:
    text = Text(TASTERS_HEADING + "\n", style="bold")
    for taster in view.tasters:
        text.append(f"{clean(taster.name)}: ", style="bold")
        text.append(clean(taster.text) + "\n")
    return text


def _reasons(view: ResultView) -> Group:
    """The answers that pulled toward the leader and toward the runner-up, under the role,
    each with its fit points; a long line wraps under its own text, not at column 0."""
    reasons = view.reasons
    assert reasons is not None
    parts: list[Any] = [_titled(reasons.heading, reasons.note)]
    for group in reasons.groups:
        parts.append(Text(clean(group.title), style="bold"))
        parts.append(_answer_grid(group.reasons))
    parts.append(Text(""))
    return Group(*parts)


def _reading(view: ResultView) -> Group:
    """The answers that read as the verdict's pair, each with how many times likelier it
    is from someone of that kind; laid out as the reasons are."""
    reading = view.reading
    assert reading is not None
    return Group(_titled(reading.heading, reading.note), _answer_grid(reading.lines, "×"),
                 Text(""))


def _titled(heading: str, note: str) -> Text:
    title = Text()
    title.append(clean(heading), style="bold")
    title.append(f" ({clean(note)})", style="dim")
    return title


def _answer_grid(lines: Sequence[ReasonLine], unit: str = "") -> Table:
    """Answers, each after its number (and *unit*), wrapping under their own text."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True, style="cyan")
    grid.add_column()
    for line in lines:
        text = Text(f"{clean(line.question)}: ")
        text.append(clean(line.answer), style="italic")
        grid.add_row(f"  {line.points:.1f}{unit}", text)
    return grid


def _all_steps(view: ResultView, width: int) -> Any:
    """One role's next steps; or, compared, both roles' side by side when there is room."""
    panels = [_steps(steps) for steps in view.steps]
    if view.side_by_side and len(panels) == 2 and width >= 100:
        grid = Table.grid(expand=True, padding=(0, 1))
        grid.add_column(ratio=1)
        grid.add_column(ratio=1)
        grid.add_row(*panels)
        return grid
    return Group(*panels)


def _steps(steps: Steps) -> Panel:
    """One role's next steps in a panel; a numbered skill priority that wraps hangs under
    its own text, past its number."""
    parts: list[Any] = []

    def markup(line: str) -> None:
        parts.append(Text.from_markup(line))

    if steps.route:
        markup(f"[bold]{safe(steps.route[0])}:[/] {safe(steps.route[1])}")
    if steps.priorities:
        markup("[bold]Skill priorities[/]")
        grid = Table.grid(padding=(0, 1))
        grid.add_column(justify="right", no_wrap=True)
        grid.add_column()
        for n, skill in enumerate(steps.priorities, start=1):
            grid.add_row(f"  {n}.", Text(clean(skill)))
        parts.append(grid)
    else:
        markup(f"[bold]Skill priorities:[/] {safe(steps.no_priorities)}")
    if steps.already_have:
        markup(f"[dim]{safe(steps.already_have)}[/]")
    for title, items in steps.lists:
        markup(f"[bold]{title}:[/] {safe(items)}")
    markup(f"[bold]Pay:[/] {safe(steps.pay)}")
    if steps.pay_note:  # a paragraph of its own: its wrapped lines start where it starts
        markup(f"[dim]{safe(steps.pay_note)}[/]")
    return Panel(Group(*parts), title=safe(steps.title), title_align="left",
                 box=box.ROUNDED)


def make_console(stderr: bool = False, **kwargs: Any) -> Console:
    return Console(stderr=stderr, highlight=False, **kwargs)


def show(renderable: Any, console: Console | None = None) -> int:
    """Print *renderable*; return how many lines it took. Into a file or a pipe, without
    the spaces rich pads a table's wrapped cells with to their column's width: unseen on
    a screen, but a new user piping the result found every such line ending in a run of
    spaces."""
    console = console or make_console()
    with console.capture() as captured:
        console.print(renderable, crop=False)
    text = captured.get()
    lines = text.splitlines()
    console.file.write(text if console.is_terminal
                       else "".join(line.rstrip() + "\n" for line in lines))
    return len(lines)


# Said under a result taller than the screen: it ends with the verdict, and two new users
# at 80 x 24 did not know the reasons and next steps had scrolled off above it.
SCROLL_HINT = "Scroll up for the reasons, what would change it and your next steps."


def show_result(view: ResultView, console: Console | None = None) -> None:
    console = console or make_console()
    lines = show(result_view(view, console.width), console)
    if console.is_terminal and lines > console.height:
        console.print(SCROLL_HINT, style="dim")


def summary_view(summary: dict[str, Any], role_names: dict[str, str], width: int = 80
                 ) -> Group:
    """careerfit score --summary for people (roles by name; the JSON keeps their ids): a
    row for each verdict given, so that a tie's and a blend's people are not counted
    under their first role (a coach's report said "Data Scientist" of a blend)."""
    table = Table(title=f"Cohort of {_people(summary['people'])}", box=box.SIMPLE_HEAD,
                  title_justify="left")
    table.add_column("Verdict")
    table.add_column("People", justify="right")
    table.add_column("Share", justify="right")
    verdicts = summary["verdicts"]
    for verdict, share in zip(verdicts, _percents(v["people"] for v in verdicts), strict=True):
        table.add_row(Text(clean(_verdict_row(verdict, role_names))),
                      f"{verdict['people']:,}", share)
    above = []
    if summary["errors"]:  # (in the title it wrapped the title to the table's width; below
        # the table a script author read "Cohort of 2 people" of 4 lines and missed it)
        from careerfit.documents.batch import why_command

        places = summary["unscored"]
        named = ", ".join(places[:3]) + (f" and {summary['errors'] - 3:,} more"
                                         if summary["errors"] > 3 else "")
        command = why_command(places[0]) if places else None
        how = (f". To see why: {command}" if command and summary["errors"] == 1 else
               f". To see why, one at a time: {command}" if command else
               " (run without --summary for each one's error)")
        # (Folded, not wrapped by rich, which would break the command.)
        above.append(Text(fold(clean(f"Not scored: {summary['errors']:,} record(s):"
                                     f" {named}{how}"), width, hang=0),
                          no_wrap=True, overflow="ignore"))
    lines = []
    for title, counts, names in (
            ("Verdicts by kind", summary["outcomes"], VERDICT_KINDS),
            ("Confidence in the verdict", summary["outcome_confidence"], {})):
        said = ", ".join(f"{names.get(key, key)} {share}" for key, share in
                         zip(counts, _percents(counts.values()), strict=True))
        lines.append(f"{title}: {said}")
    # (A coach asked what the spread was measured in.)
    traits = ", ".join(f"{t['name']} ({t['spread']:.2f})" for t in summary["separating_traits"])
    lines.append("Traits that separate this cohort most (the spread of their scores, which"
                 f" run from -1 to 1): {traits or 'none'}")
    if summary.get("listed"):  # (two coaches wrote a shell loop for a line a student)
        lines.append("Each person:")
        for person in summary["listed"]:
            label, value = headline(person, role_names, answered=1)
            lines.append(f"  {person['who']}: {label}: {value}, confidence"
                         f" {person['confidence']} ({person['probability']:.3f})")
    return Group(*above, table, Text(fold(clean("\n".join(lines)), width), no_wrap=True,
                                     overflow="ignore"))


def _verdict_row(verdict: dict[str, Any], names: dict[str, str]) -> str:
    """A verdict of the cohort summary in a few words, by the result's headline."""
    label, value = headline(verdict, names, answered=1)
    if verdict["kind"] == MAIN:
        return value
    if verdict["kind"] == NONE:
        return label
    if verdict["kind"] == BLEND and verdict["name"]:
        # (A blend's name alone: its two roles made a row wider than 80 columns.)
        return f"{label}: {verdict['name']}"
    return f"{label}: {value}"


def _percents(counts: Any) -> list[str]:
    """Counts as whole percentages that add up to 100 (33%, 33%, 33% did not)."""
    counts = list(counts)
    total = sum(counts)
    if not total:
        return ["0%" for _ in counts]
    return [f"{share}%" for share in apportion([count / total for count in counts], 100)]


# The verdict kinds as the cohort summary names them (careerfit.base.vocabulary.KINDS).
VERDICT_KINDS = {"main": "one main role", "tie": "torn between two roles",
                 "blend": "drawn to a blend", "none": "nothing stands out"}


def _people(count: int) -> str:
    return f"{count:,} {'person' if count == 1 else 'people'}"
