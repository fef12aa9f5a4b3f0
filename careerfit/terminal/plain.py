"""Plain mode (--plain, or TERM=dumb): linear text for screen readers and logs.

No box drawing, no bars, no colour and no cursor movement: results come one
fact per line, and questions as numbered lists answered by typing numbers.
Prompts go to stderr, so ``--json`` keeps stdout for the JSON alone. Ctrl-C
raises KeyboardInterrupt and Ctrl-D (end of input) EOFError, as in the arrow-key
prompts; the session decides what to keep.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TextIO

from careerfit.bank import BACK, Bank, Question
from careerfit.base import speed
from careerfit.base.errors import clean
from careerfit.base.vocabulary import MaybeAnswer
from careerfit.terminal.fold import PAIR_TITLES, Progress, fold, question_lines
from careerfit.view.model import (
    RANKING_TITLE,
    TASTERS_HEADING,
    WHAT_IF_HEADING,
    ResultView,
    Steps,
)
from careerfit.view.words import roles_footer

if TYPE_CHECKING:
    from careerfit.terminal.session.loop import ReviewRow

BACK_KEYS = ("b", "back")
SKIP_KEY = "0"
def plain_result(view: ResultView, width: int | None = None) -> str:
    """The result as plain lines: the verdict first (it is read from the top), then why.
    Every section of the view model is here; only the fit bars are left out (no bars in
    plain mode). With *width* (a terminal's), long lines wrap at word boundaries."""
    verdict = view.verdict
    lines = [f"{verdict.label}: {verdict.headline}",
             f"Confidence: {verdict.confidence} ({verdict.confidence_note})",
             verdict.summary, verdict.sureness]
    if verdict.basis:
        lines.append(verdict.basis)
    if verdict.blend:
        lines.append(f"Hybrid path: {verdict.blend.name}. {verdict.blend.text}")
    lines += ["", f"{RANKING_TITLE}:"]
    lines += [f"{row.rank}. {row.name}: {row.fit:.1f}" for row in view.ranking]
    if view.reasons:
        lines += ["", f"{view.reasons.heading} ({view.reasons.note}):"]
        for group in view.reasons.groups:
            lines.append(f"{group.title}:")
            lines += [f"  {r.points:.1f} {r.question}: {r.answer}" for r in group.reasons]
    if view.reading:
        lines += ["", f"{view.reading.heading} ({view.reading.note}):"]
        lines += [f"  {r.points:.1f} times: {r.question}: {r.answer}" for r in view.reading.lines]
    if view.what_if:
        lines += ["", f"{WHAT_IF_HEADING}: {view.what_if}"]
    if view.tasters:
        lines += ["", f"{TASTERS_HEADING}:"]
        lines += [f"{t.name}: {t.text}" for t in view.tasters]
    for steps in view.steps:
        lines += ["", *_steps(steps)]
    return fold("\n".join(clean(line) for line in lines), width) + "\n"


def _steps(steps: Steps) -> list[str]:
    lines = [f"{steps.title}:"]
    if steps.route:
        lines.append(f"{steps.route[0]}: {steps.route[1]}")
    lines += [f"Skill priority {n}: {s}" for n, s in enumerate(steps.priorities, 1)]
    if steps.no_priorities:
        lines.append(f"Skill priorities: {steps.no_priorities}")
    if steps.already_have:
        lines.append(steps.already_have)
    lines += [f"{title}: {items}" for title, items in steps.lists]
    lines.append(f"Pay: {steps.pay}")
    if steps.pay_note:
        lines.append(steps.pay_note)
    return lines


def plain_roles(bank: Bank, cards: list[dict[str, Any]], fields: list[tuple[str, str]],
                field_text: Any) -> str:
    """The role list, or each card's fields, one per line."""
    from careerfit.terminal import facts

    width = facts.columns(sys.stdout)
    if not cards:
        lines = [f"{r.name} ({r.id}): {r.summary}" for r in bank.roles]
        if bank.blends:
            names = {r.id: r.name for r in bank.roles}
            lines.append("Blends: where two roles meet:")
            lines += [f"  {b.name} ({b.id}): " + " + ".join(names[r] for r in sorted(
                b.roles, key=list(names).index)) for b in bank.blends]
        lines.append(roles_footer(bool(bank.blends)))
        return fold("\n".join(clean(line) for line in lines), width) + "\n"
    lines = [f"Comparing {' and '.join(card['name'] for card in cards)}:", ""
             ] if len(cards) > 1 else []
    for card in cards:
        lines.append(card["name"])
        for key, title in fields:
            lines.append(f"{title}:")
            lines += [f"  {part.lstrip('• ')}" for part in field_text(bank, card, key).split("\n")]
        lines.append("")
    return fold("\n".join(clean(line) for line in lines), width)


# Typed at the review to hear every answer again.
LIST_KEY = "l"


class PlainPrompter:
    """Asks bank questions as numbered lists; the person types numbers and Enter."""

    back_key = "Typing b"  # what goes back to the question before, in words

    def __init__(self, input: TextIO | None = None, output: TextIO | None = None,
                 width: int | None = None) -> None:
        from careerfit.terminal import facts

        self.input = input or sys.stdin
        self.output = output or sys.stderr
        # Lines wrap at word boundaries to the terminal's width (not on a pipe or a file).
        self.width = width if width is not None else facts.columns(self.output)
        self._said_progress = ""  # what the last progress label said past its count

    def _say(self, text: str) -> None:
        self.output.write(fold(clean(text), self.width) + "\n")
        self.output.flush()

    def say(self, text: str) -> None:
        """A line of its own between questions (such as 'Resumed with 5 answers.')."""
        self._say(text)

    def _read(self, prompt: str) -> str:
        folded = fold(prompt.rstrip(), self.width)
        self.output.write(folded + prompt[len(prompt.rstrip()):])  # the space before input
        self.output.flush()
        speed.resume()  # careerfit now waits on the person: start-up is over
        try:
            line = self.input.readline()
        except KeyboardInterrupt:  # Ctrl-C: what follows starts on a line of its own
            self._end_line()
            raise
        if not line:  # Ctrl-D, or the end of input
            self._end_line()
            raise EOFError
        return line.strip().lower()

    def _end_line(self) -> None:
        self.output.write("\n")
        self.output.flush()

    def ask(self, question: Question, label: str, current: MaybeAnswer = None,
            answered: bool = False) -> tuple[str, ...] | str | None:
        """The chosen option ids, None for 'Not sure', or BACK."""
        if isinstance(label, Progress):
            # What the next answers decide is said when it changes, not before every
            # question (a screen-reader user heard three lines of it before each one).
            said = label[len(label.count):]
            label = label if said != self._said_progress else label.count
            self._said_progress = said
        for line in question_lines(label, question.text):
            self._say(line)
        if question.hint:
            self._say(f"  Hint: {question.hint}")
        titles = [option.label for option in question.options]
        if question.kind == "pair":
            for letter, side in zip("AB", question.sides, strict=True):
                self._say(f"  {letter}: {side.label}")
            titles = list(PAIR_TITLES)
        # An answer given before is marked where it is listed, not only in the prompt's
        # "Enter: keep 4" (a screen-reader user going back had to count).
        chosen = set(current or ()) if answered else set()
        mine = " (your answer)"
        for number, (option_id, title) in enumerate(zip(question.option_ids, titles,
                                                        strict=True), start=1):
            self._say(f"  {number}. {title}{mine if option_id in chosen else ''}")
        skipped = answered and current is None
        self._say(f"  {SKIP_KEY}. {question.skip_label}{mine if skipped else ''}")
        multi = question.kind == "multi"
        not_sure = "neither / not sure" if question.kind == "pair" else "not sure"
        keep = ""
        if answered:
            shown = ("0" if current is None else
                     " ".join(str(question.option_ids.index(o) + 1) for o in current) or "none")
            keep = f", Enter: keep {shown}"
        if multi:
            prompt = (f"Type the numbers of all that apply, separated by spaces ({SKIP_KEY}:"
                      f" {not_sure}, 'none': none of these, b: back{keep}): ")
        else:
            prompt = f"Type a number ({SKIP_KEY}: {not_sure}, b: back{keep}): "
        while True:
            typed = self._read(prompt)
            if typed in BACK_KEYS:
                return BACK
            picked = current if not typed and answered else self._parse(question, typed)
            if picked is not False:
                # Said back in the words listed (a screen-reader user heard only the
                # number typed, where the arrow-key quiz leaves the answer on screen).
                if picked is None:
                    said = question.skip_label
                elif not picked:
                    said = "None of these"
                else:
                    said = "; ".join(titles[question.option_ids.index(o)] for o in picked)
                if leaned := question.leaned_to(picked):
                    # ...with the activity leaned to (a screen-reader user had to recall
                    # what B was, the question read lines before).
                    said += f": {leaned[0].label}"
                self._say(f"  Your answer: {said}")
                return picked
            self._say("  Please type " + ("numbers from the list." if multi
                                          else "one number from the list."))

    def _parse(self, question: Question, typed: str) -> tuple[str, ...] | bool | None:
        """The answer *typed* means, or False when it means nothing."""
        if typed == SKIP_KEY:
            return None
        ids = question.option_ids
        if question.kind == "multi":
            if typed == "none":
                return ()
            parts = typed.replace(",", " ").split()
            if not parts or not all(p.isdigit() and 1 <= int(p) <= len(ids) for p in parts):
                return False
            chosen = {ids[int(p) - 1] for p in parts}
            return tuple(o for o in ids if o in chosen)
        if typed.isdigit() and 1 <= int(typed) <= len(ids):
            return (ids[int(typed) - 1],)
        return False

    def confirm(self, message: str, default: bool = False) -> bool:
        """A yes/no question; Enter alone gives *default*."""
        typed = self._read(f"{message} {'(Y/n)' if default else '(y/N)'}: ")
        if not typed:  # (Enter alone left a blank answer: the default is said)
            self._say("  Yes" if default else "  No")
        return typed in ("y", "yes") or (default and not typed)

    def review(self, rows: Sequence[ReviewRow], pointed: str | None = None) -> str | None:
        """List every answer by its number; return the key of the one to change, or None
        to see the result. After a change (*pointed*: the answer just changed) only that
        answer is said again, and 'l' lists them all (a screen-reader user heard the whole
        list, some thirty lines, after each change before the prompt came back)."""
        changed = next((row for row in rows if row.key == pointed), None)
        if changed is None:
            self._list(rows)
        else:
            self._say(f"Changed: {changed.mark}. {changed.short}: {changed.answer}")
        by_mark = {row.mark: row.key for row in rows}
        # (The skills row is marked by a letter: a new user was asked for "a number" only.)
        letters = [mark for mark in by_mark if not mark.isdigit()]
        which = f"a number{''.join(f' or {mark}' for mark in letters)}"
        while True:
            typed = self._read(f"Type {which} to change that answer, {LIST_KEY} to list them"
                               " all, or Enter to see your result: ")
            if not typed:
                return None
            if typed in by_mark:
                return by_mark[typed]
            if typed == LIST_KEY:
                self._list(rows)
                continue
            self._say(f"  Please type {which} from the list, {LIST_KEY}, or just Enter.")

    def _list(self, rows: Sequence[ReviewRow]) -> None:
        self._say("Review your answers:")
        for row in rows:
            self._say(f"  {row.mark}. {row.short}: {row.answer}")
