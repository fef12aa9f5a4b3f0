"""``--export``: the result card as SVG, HTML (both recorded from the rich view) or Markdown."""

from __future__ import annotations

import io
from typing import Any

from careerfit.documents.report import (
    REASONS_NOTE,
    TASTERS_HEADING,
    coverage_sentence,
    headline,
    reason_groups,
)

EXPORT_WIDTH = 100
# The formats --export writes, by the file's suffix. (rich is imported only to write one.)
SUFFIXES = (".svg", ".html", ".md")


def export_card(report: dict[str, Any], suffix: str) -> str:
    if suffix == ".md":
        return markdown_card(report)
    from careerfit.terminal.render import make_console, result_view

    console = make_console(record=True, file=io.StringIO(), width=EXPORT_WIDTH,
                           force_terminal=True, color_system="truecolor")
    console.print(result_view(report, EXPORT_WIDTH))
    if suffix == ".svg":
        return console.export_svg(title="careerfit result")
    return console.export_html(inline_styles=True)


def _md(text: object) -> str:
    """Escape the characters Markdown would read as formatting."""
    out = str(text)
    for char in "\\`*_[]<>|#":
        out = out.replace(char, "\\" + char)
    return out


def markdown_card(report: dict[str, Any]) -> str:
    from careerfit.terminal.render import bar

    rec = report["recommendation"]
    lines = ["# careerfit result", ""]
    lead = headline(report)
    if lead:
        lines.append(f"**{lead[0]}: {_md(lead[1])}** (confidence: {rec['confidence']},"
                     f" probability {rec['probability']:.3f},"
                     f" ahead by {rec['margin']:.1f} fit points)")
    else:
        lines.append("**No confident pick** (confidence: none)")
    lines += ["", _md(rec["summary"]), "", _md(rec["sureness"])]
    basis = coverage_sentence(report)
    if basis:
        lines += ["", _md(basis)]
    lines += ["", "| # | Role | Fit | |", "|---|---|---:|---|"]
    for rank, row in enumerate(report["ranking"], start=1):
        lines.append(f"| {rank} | {_md(row['name'])} | {row['fit']:.1f} | `{bar(row['fit'])}` |")
    groups = reason_groups(report)
    if groups:
        lines += ["", "## Why", "", f"_{REASONS_NOTE}_"]
        for title, reasons in groups:
            lines += ["", f"**{_md(title)}**", ""]
            lines += [f"- {reason['points']:.1f} · {_md(reason['question_short'])}:"
                      f" {_md(reason['answer'])}" for reason in reasons]
    if report["what_if"]:
        lines += ["", "## What would change it", "", _md(report["what_if"]["sentence"])]
    if report["tasters"]:
        lines += ["", f"## {TASTERS_HEADING}", ""]
        lines += [f"- **{_md(t['name'])}**: {_md(t['taster'])}" for t in report["tasters"]]
    return "\n".join(lines) + "\n"
