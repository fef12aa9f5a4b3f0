"""The blind questionnaire: render a bank for one person, and read their letters back.

A respondent in the external corpus sees only question text and option labels, in an
order shuffled for them (seeded from their id, so the same person always sees the same
sheet): never ids, traits, weights or other people. They reply one line per question,
``Q7: B`` (``Q12: A, D`` or ``Q12: none`` for a pick-all question). ``collect`` turns
those letters back into an answers file that ``careerfit quiz --answers`` reads.

It works on any bank revision: everything comes from the bank as loaded.

    python validation/questionnaire.py render PERSON_ID > sheet.txt
    python validation/questionnaire.py collect PERSON_ID reply.txt > answers.yaml
"""

from __future__ import annotations

import argparse
import random
import re
import string
import sys
from pathlib import Path
from typing import NamedTuple

from careerfit.bank import SKIP, Bank, Question, load_bank
from careerfit.bank.types import PAIR_POINTS, SCALE_POINTS

NOT_SURE = "Not sure"
LETTERS = string.ascii_uppercase
REPLY_LINE = re.compile(r"^\s*Q(\d+)\s*[:.)-]\s*(.*?)\s*$", re.IGNORECASE)


class Item(NamedTuple):
    """One question as a respondent sees it: its text and labelled choices, and the
    answer id behind each letter (SKIP for 'Not sure')."""

    question: Question
    text: str
    labels: tuple[str, ...]
    answer_ids: tuple[str, ...]
    pick_all: bool


def _rng(person_id: str) -> random.Random:
    return random.Random(f"careerfit-blind-sheet:{person_id}")


def sheet(bank: Bank, person_id: str) -> list[Item]:
    """The questions in a shuffled order, each with its options shuffled (a graded scale
    keeps its order; a pair's two sides are put either way round)."""
    rng = _rng(person_id)
    questions = [q for q in bank.questions if q.scored or q.context == "background"]
    rng.shuffle(questions)
    items = []
    for question in questions:
        text = question.text + (f" ({question.hint})" if question.hint else "")
        if question.kind == "scale":
            pairs = [(label, answer_id) for answer_id, label, _ in SCALE_POINTS]
        elif question.kind == "pair":
            first, second = question.sides
            if rng.random() < 0.5:
                first, second = second, first
            pairs = []
            for template_id, template_label, _ in PAIR_POINTS:
                answer_id = template_id.format(first=first.id, second=second.id)
                label = template_label.format(first_label=first.label, second_label=second.label)
                pairs.append((label, answer_id))
            # The bank's own answer ids are fixed whichever side is shown first.
            valid = set(question.option_ids)
            pairs = [(label, _pair_answer(answer_id, question, valid))
                     for label, answer_id in pairs]
        else:
            pairs = [(o.label, o.id) for o in question.options]
            rng.shuffle(pairs)
        if question.kind != "multi":
            pairs.append((NOT_SURE, SKIP))
        labels, ids = zip(*pairs, strict=True)
        items.append(Item(question, text, labels, ids, question.kind == "multi"))
    return items


def _pair_answer(answer_id: str, question: Question, valid: set[str]) -> str:
    if answer_id in valid:
        return answer_id
    raise ValueError(f"{question.id}: no answer id {answer_id!r}")


def render(items: list[Item]) -> str:
    lines = ["Answer every question as the person described would. Reply with one line per",
             "question and nothing else: 'Q1: B'. Where it says 'pick all that apply', give",
             "every letter that applies ('Q5: A, C') or 'Q5: none'.", ""]
    for number, item in enumerate(items, start=1):
        lines.append(f"Q{number}. {item.text}")
        lines.extend(f"   {LETTERS[i]}) {label}" for i, label in enumerate(item.labels))
        lines.append("")
    return "\n".join(lines)


def collect(items: list[Item], reply: str) -> dict[str, str | list[str]]:
    """Answer ids keyed by question id, from the reply's letters; unanswered questions are
    skipped. Raises ValueError on a letter that isn't on the sheet."""
    given: dict[int, str] = {}
    for line in reply.splitlines():
        match = REPLY_LINE.match(line.replace("*", ""))
        if match:
            given[int(match.group(1))] = match.group(2)
    answers: dict[str, str | list[str]] = {}
    for number, item in enumerate(items, start=1):
        raw = given.get(number, "").strip().upper()
        letters = [] if raw in ("", "NONE", "-") else re.findall(r"[A-Z]", raw.split("(")[0])
        for letter in letters:
            if LETTERS.index(letter) >= len(item.labels):
                raise ValueError(f"Q{number}: no option {letter}")
        picked = [item.answer_ids[LETTERS.index(letter)] for letter in letters]
        if item.pick_all:
            answers[item.question.id] = sorted(set(picked), key=item.question.option_ids.index)
        elif picked:
            answers[item.question.id] = picked[0]
        else:
            answers[item.question.id] = SKIP
    return answers


def answers_yaml(bank: Bank, answers: dict[str, str | list[str]]) -> str:
    lines = ["version: 2", f"revision: {bank.revision}", "answers:"]
    for question in bank.questions:
        if question.id not in answers:
            continue
        value = answers[question.id]
        shown = f"[{', '.join(value)}]" if isinstance(value, list) else value
        lines.append(f"  {question.id}: {shown}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None, help="bank folder (default: shipped)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("render").add_argument("person")
    collecting = sub.add_parser("collect")
    collecting.add_argument("person")
    collecting.add_argument("reply", type=Path)
    args = parser.parse_args(argv)
    bank = load_bank(args.data)
    items = sheet(bank, args.person)
    if args.command == "render":
        sys.stdout.write(render(items))
    else:
        reply = args.reply.read_text(encoding="utf-8")
        sys.stdout.write(answers_yaml(bank, collect(items, reply)))


if __name__ == "__main__":
    main()
