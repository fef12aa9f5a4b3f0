"""``--export``: the result card as SVG (recorded from the rich view), Markdown, or HTML
(the Markdown card as a web page).

Every format lays out the one view model (careerfit.view.model) and shows every section.
The HTML page is the Markdown card's structure (headings, lists, a table), not a picture
of the screen: a screen reader user found the recorded page, boxes and bars in a <pre>,
the least usable output.
"""

from __future__ import annotations

import io
from datetime import date

from careerfit.view.model import (
    RANKING_TITLE,
    TASTERS_HEADING,
    WHAT_IF_HEADING,
    ResultView,
    Steps,
)

EXPORT_WIDTH = 100
# The formats --export writes, by the file's suffix. (rich is imported only to write one.)
SUFFIXES = (".svg", ".html", ".md")


def export_card(view: ResultView, suffix: str, taken: date | None = None) -> str:
    """The result card in the format of *suffix*, titled with the day it was made (*taken*,
    today by default: a card sent to a mentor said only "careerfit result")."""
    title = f"careerfit result, {_day(taken or date.today())}"
    if suffix == ".md":
        return markdown_card(view, title)
    if suffix == ".html":
        return html_card(view, title)
    from careerfit.terminal.render import make_console, result_view

    console = make_console(record=True, file=io.StringIO(), width=EXPORT_WIDTH,
                           force_terminal=True, color_system="truecolor")
    console.print(result_view(view, EXPORT_WIDTH))
    return console.export_svg(title=title)


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def html_card(view: ResultView, title: str = "careerfit result") -> str:
    """The Markdown card as a page (markdown-it-py, which rich already needs; raw HTML
    off, so that no text from a bank becomes markup)."""
    from html import escape

    from markdown_it import MarkdownIt

    body = MarkdownIt("commonmark", {"html": False}).enable("table").render(
        markdown_card(view, title))
    return HTML_PAGE.format(body=body, title=escape(title))


# With a title (a browser tab showed only the file name to a new user) and a language.
HTML_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 48rem; margin: 2rem auto;
        padding: 0 1rem; line-height: 1.5; }}
table {{ border-collapse: collapse; }}
th, td {{ padding: 0.2rem 0.8rem; border-bottom: 1px solid #ccc; }}
</style>
</head>
<body>
{body}</body>
</html>
"""


def _md(text: object) -> str:
    """Escape the characters Markdown would read as formatting."""
    out = str(text)
    for char in "\\`*_[]<>|#":
        out = out.replace(char, "\\" + char)
    return out


def markdown_card(view: ResultView, title: str = "careerfit result") -> str:
    """The result as Markdown: the same sections as the screen, the verdict first; the
    fits without bars (a screen reader user met a column of blocks with no heading)."""
    verdict = view.verdict
    lines = [f"# {_md(title)}", "",
             f"**{verdict.label}: {_md(verdict.headline)}** (confidence: {verdict.confidence},"
             f" {_md(verdict.confidence_note)})",
             "", _md(verdict.summary), "", _md(verdict.sureness)]
    if verdict.basis:
        lines += ["", _md(verdict.basis)]
    if verdict.blend:
        lines += ["", f"**Hybrid path: {_md(verdict.blend.name)}.** {_md(verdict.blend.text)}"]
    lines += ["", f"## {RANKING_TITLE}", "", "| # | Role | Fit |", "|---|---|---:|"]
    lines += [f"| {row.rank} | {_md(row.name)} | {row.fit:.1f} |" for row in view.ranking]
    if view.reasons:
        lines += ["", f"## {view.reasons.heading}", "", f"_{view.reasons.note}_"]
        for group in view.reasons.groups:
            lines += ["", f"**{_md(group.title)}**", ""]
            lines += [f"- {r.points:.1f} · {_md(r.question)}: {_md(r.answer)}"
                      for r in group.reasons]
    if view.reading:
        lines += ["", f"## {_md(view.reading.heading)}", "", f"_{_md(view.reading.note)}_", ""]
        lines += [f"- {r.points:.1f} times · {_md(r.question)}: {_md(r.answer)}"
                  for r in view.reading.lines]
    if view.what_if:
        lines += ["", f"## {WHAT_IF_HEADING}", "", _md(view.what_if)]
    if view.tasters:
        lines += ["", f"## {TASTERS_HEADING}", ""]
        lines += [f"- **{_md(t.name)}**: {_md(t.text)}" for t in view.tasters]
    for steps in view.steps:
        lines += ["", *_steps(steps)]
    return "\n".join(lines) + "\n"


def _steps(steps: Steps) -> list[str]:
    lines = [f"## {_md(steps.title)}", ""]
    if steps.route:
        lines += [f"**{_md(steps.route[0])}:** {_md(steps.route[1])}", ""]
    if steps.priorities:
        lines += ["**Skill priorities**", ""]
        lines += [f"{n}. {_md(s)}" for n, s in enumerate(steps.priorities, start=1)]
    else:
        lines.append(f"**Skill priorities:** {_md(steps.no_priorities)}")
    if steps.already_have:
        lines += ["", f"_{_md(steps.already_have)}_"]
    lines.append("")
    lines += [f"- **{title}:** {_md(items)}" for title, items in steps.lists]
    lines.append(f"- **Pay:** {_md(steps.pay)}")
    if steps.pay_note:  # (a line of its own: as a continuation it ran into the pay band)
        lines.append(f"  - {_md(steps.pay_note)}")
    return lines
