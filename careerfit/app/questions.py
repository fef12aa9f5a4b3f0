"""``careerfit questions``: the question and answer ids an answers file may use."""

from __future__ import annotations

import sys
from pathlib import Path

from careerfit.app.shared import load_checked_bank


def run_questions(json_output: bool, data: Path | None) -> None:
    """Every question's id, type and short label with its answer ids, as text or JSON."""
    from careerfit.documents.answers import question_listing

    bank = load_checked_bank(data)
    listing = question_listing(bank)
    skills = [{"id": i, "text": t} for i, t in bank.skills.items()]
    if json_output:
        import json

        sys.stdout.write(json.dumps({"questions": listing, "skills": skills}, indent=2,
                                    ensure_ascii=False) + "\n")
        return
    lines = []
    for entry in listing:
        scored = "" if entry["scored"] else ", not scored"
        lines.append(f"{entry['id']} ({entry['type']}{scored}): {entry['short']}")
        lines += [f"    {o['id']}: {o['label']}" for o in entry["answers"]]
    lines.append("skills (a list in an answers file: what you already do with confidence,"
                 " left out of your next steps; not scored):")
    lines += [f"    {s['id']}: {s['text']}" for s in skills]
    sys.stdout.write("\n".join(lines) + "\n")
