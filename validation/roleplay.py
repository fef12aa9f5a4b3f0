"""Blind role-play of the corpus, and the labelled file it becomes.

    python validation/roleplay.py prepare OUT_DIR     # one sheet per person still unanswered
    python validation/roleplay.py collect OUT_DIR     # replies -> validation/answers/ID.yaml
    python validation/roleplay.py corpus              # -> validation/corpus.jsonl

``prepare`` writes ``OUT_DIR/ID.txt`` for every person in ``validation/people/`` who has
no answers file yet: the person's text and the blind questionnaire
(:mod:`questionnaire`), nothing else. A respondent (a language model role-playing the
person) reads only that file and writes its reply to ``OUT_DIR/ID.reply.txt``.
``collect`` turns each reply into ``validation/answers/ID.yaml``. ``corpus`` joins the
people's truth, their split (``validation/split.yaml``, fixed once) and their answers
into the JSON Lines file ``careerfit calibrate`` and ``bench/external.py`` read.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import yaml

from careerfit.bank import load_bank

sys.path.insert(0, str(Path(__file__).resolve().parent))
import questionnaire  # a sibling script, not a package

HERE = Path(__file__).resolve().parent
PEOPLE = HERE / "people"
ANSWERS = HERE / "answers"
SPLIT = HERE / "split.yaml"
CORPUS = HERE / "corpus.jsonl"

# Each kind of person: the truth careerfit should find.
KINDS: dict[str, dict[str, object]] = {
    "data-scientist": {"kind": "main", "roles": ["data-scientist"]},
    "ml-engineer": {"kind": "main", "roles": ["ml-engineer"]},
    "ai-engineer": {"kind": "main", "roles": ["ai-engineer"]},
    "applied-scientist": {"kind": "blend", "roles": ["data-scientist", "ml-engineer"]},
    "ai-evaluation": {"kind": "blend", "roles": ["data-scientist", "ai-engineer"]},
    "llm-platform": {"kind": "blend", "roles": ["ml-engineer", "ai-engineer"]},
}

BRIEF = """\
You are taking part in a study. Below is a description of one person, written in the
second person ("You work as ..."). Become that person: answer every question of the
questionnaire as they would, from what they do, enjoy and avoid. Where the description
says nothing on a question, answer as such a person most plausibly would; use "Not sure"
only where they really could not choose. Do not read any other file or look anything up.

Write your reply to the file named at the end, containing only the answer lines.

=== The person ===
{text}

=== The questionnaire ===
{sheet}

=== Where to write ===
Write only the answer lines (Q1: ... to Q{count}: ...) to: {reply}
"""


def people() -> list[dict]:
    found = []
    for path in sorted(PEOPLE.glob("*/*.yaml")):
        person = yaml.safe_load(path.read_text(encoding="utf-8"))
        if person.get("kind") not in KINDS:
            raise SystemExit(f"{path}: kind must be one of {', '.join(KINDS)}")
        found.append(person)
    return found


def prepare(out: Path) -> None:
    bank = load_bank(None)
    out.mkdir(parents=True, exist_ok=True)
    for person in people():
        if (ANSWERS / f"{person['id']}.yaml").exists():
            continue
        items = questionnaire.sheet(bank, person["id"])
        reply = out / f"{person['id']}.reply.txt"
        (out / f"{person['id']}.txt").write_text(BRIEF.format(
            text=person["text"].strip(), sheet=questionnaire.render(items),
            count=len(items), reply=reply), encoding="utf-8")
        print(person["id"])


def collect(out: Path) -> None:
    bank = load_bank(None)
    ANSWERS.mkdir(exist_ok=True)
    for person in people():
        reply = out / f"{person['id']}.reply.txt"
        target = ANSWERS / f"{person['id']}.yaml"
        if target.exists() or not reply.exists():
            continue
        items = questionnaire.sheet(bank, person["id"])
        answers = questionnaire.collect(items, reply.read_text(encoding="utf-8"))
        skipped = sum(1 for v in answers.values() if v == "skip")
        target.write_text(questionnaire.answers_yaml(bank, answers), encoding="utf-8")
        print(f"{person['id']}: {len(answers)} answers, {skipped} not sure")


def _split_key(person: dict) -> str:
    """People are split by posting: the same posting is never on both sides."""
    return person["source"].get("url") or f"persona:{person['id']}"


def split(found: list[dict]) -> dict[str, str]:
    """The split, fixed once in split.yaml: per kind, half the postings (by a hash of
    the posting's address) fit the model, the other half are held out. People added
    later are given a side the same way, and no one already placed ever moves."""
    placed: dict[str, str] = {}
    if SPLIT.exists():
        placed = yaml.safe_load(SPLIT.read_text(encoding="utf-8"))["split"] or {}
    new = [p for p in found if p["id"] not in placed]
    for kind in KINDS:
        ranked = sorted((p for p in new if p["kind"] == kind),
                        key=lambda p: hashlib.sha256(_split_key(p).encode()).hexdigest())
        already = [placed[p["id"]] for p in found if p["kind"] == kind and p["id"] in placed]
        for person in ranked:
            fit_count = already.count("fit")
            side = "fit" if fit_count <= len(already) - fit_count else "held-out"
            placed[person["id"]] = side
            already.append(side)
    if new:
        SPLIT.write_text(
            "# The corpus split, fixed once by validation/roleplay.py: 'fit' people may tune\n"
            "# the model (careerfit calibrate); 'held-out' people are only ever reported on.\n"
            + yaml.safe_dump({"split": dict(sorted(placed.items()))}, sort_keys=False),
            encoding="utf-8")
    return placed


def corpus() -> None:
    found = people()
    sides = split(found)
    rows = []
    for person in found:
        path = ANSWERS / f"{person['id']}.yaml"
        if not path.exists():
            continue
        answers = yaml.safe_load(path.read_text(encoding="utf-8"))
        rows.append({"id": person["id"], "group": person["kind"],
                     "truth": KINDS[person["kind"]], "split": sides[person["id"]],
                     "source": person["source"].get("url") or "persona",
                     "version": answers["version"], "revision": answers["revision"],
                     "answers": answers["answers"]})
    CORPUS.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    print(f"wrote {CORPUS}: {len(rows)} people")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("prepare").add_argument("out", type=Path)
    sub.add_parser("collect").add_argument("out", type=Path)
    sub.add_parser("corpus")
    args = parser.parse_args(argv)
    if args.command == "prepare":
        prepare(args.out)
    elif args.command == "collect":
        collect(args.out)
    else:
        corpus()


if __name__ == "__main__":
    main()
