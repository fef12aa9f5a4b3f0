"""Asking a plan's questions: the back key, "a few more?" after a stop, and the review.

Knows nothing of questionary: it drives any object with the ``ask``, ``confirm`` and
``review`` methods of :class:`careerfit.terminal.ask.Prompter` (:class:`Asks`), and any
:class:`~careerfit.terminal.session.plans.Plan`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NamedTuple, Protocol

from careerfit.bank import BACK, Bank, Question
from careerfit.base.vocabulary import EditablePicks, MaybeAnswer

if TYPE_CHECKING:
    from careerfit.terminal.session.plans import Plan

# The review's mark for the unscored question asked last (numbers are the questions').
LAST_MARK = "s"


# Said when going back changed which question comes next (the adaptive quiz asks what
# tells it most, given every answer so far).
NEXT_CHANGED = "With your changed answer, a different question is more useful next."
# Offered when changes on the review leave the result unsettled.
REVIEW_REOPENED = ("Your changes leave the result unsettled: answer a few more questions"
                   " before you see it?")


class ReviewRow(NamedTuple):
    """One answer on the review list: *key* is what picking it returns, *mark* its
    number (the question's number in the quiz) or LAST_MARK, *short* the question."""

    key: str
    mark: str
    short: str
    answer: str


class Asks(Protocol):
    back_key: str  # what goes back to the question before, in words ('Left arrow')

    def ask(self, question: Question, label: str, current: MaybeAnswer = None,
            answered: bool = False) -> MaybeAnswer | str:
        """The answer, or BACK to return to the previous question."""

    def confirm(self, message: str, default: bool = False) -> bool: ...

    def review(self, rows: Sequence[ReviewRow], pointed: str | None = None) -> str | None:
        """The key of the row picked to change, or None: 'these are right'. The list opens
        on the row keyed *pointed* (the one just changed), else on 'these are right'."""

    def say(self, text: str) -> None:
        """A line of its own between questions (such as 'Resumed with 5 answers')."""


class Last(Protocol):
    """An unscored question asked after the last scored one (the skills question)."""

    def ask(self, picks: EditablePicks) -> None: ...

    def row(self) -> tuple[str, str] | None:
        """(short, answer) for the review, or None when it has nothing to ask."""


def number_of(picks: EditablePicks, question_id: str) -> int:
    """A question's number, the same in the quiz, its review and --edit: the place of its
    answer in the order asked (a question not answered yet comes next)."""
    return list(picks).index(question_id) + 1 if question_id in picks else len(picks) + 1


def review_rows(bank: Bank, picks: EditablePicks, last: Last | None) -> list[ReviewRow]:
    """The review list: every answer by its number, then the unscored last question."""
    rows = []
    for number, question_id in enumerate(picks, start=1):
        question = bank.question(question_id)
        rows.append(ReviewRow(question_id, str(number), question.short or question.text,
                              question.describe(picks[question_id])))
    extra = last.row() if last is not None else None
    if extra is not None:
        rows.append(ReviewRow(LAST_MARK, LAST_MARK, *extra))
    return rows


def run_session(bank: Bank, picks: EditablePicks, plan: Plan, prompter: Asks, *, review: bool,
                on_change: Callable[[EditablePicks], None],
                history: Sequence[str] = (),
                last: Last | None = None, ask_last: bool = True
                ) -> EditablePicks:
    """Ask what *plan* asks, saving after every answer; offer more; then the review.

    Left arrow or Backspace (BACK) returns to the question answered before, its answer
    preselected, as far back as this session goes and then through *history* (the
    questions a resumed quiz had answered before it stopped, last one last); going
    forward again asks each answered question stepped back over, in turn, so that none
    drops out of view. *last* (the unscored question about skills the person already
    has) is asked once the last question is answered, before the review, unless not
    *ask_last* (--edit: it is on the review list, like every answer). The picks come
    back in the order asked.
    """
    answered_here: list[str] = list(history)
    ahead: list[str] = []  # answered questions stepped back over, the nearest last
    left: str | None = None  # the unanswered question last stepped back from

    def ask(question_id: str, label: str | None = None) -> bool:
        """Ask one question; False when the person went back instead of answering."""
        question = bank.question(question_id)
        answer = prompter.ask(question, label or plan.label(picks, question_id),
                              current=picks.get(question_id), answered=question_id in picks)
        if answer == BACK:
            return False
        picks[question_id] = answer
        on_change(picks)
        return True

    def ask_going_back(question_id: str) -> None:
        nonlocal left
        while not ask(question_id):
            if not answered_here:
                continue  # nothing before the first question: ask it again
            if question_id in picks:
                ahead.append(question_id)
            else:
                plan.put_back(question_id)
                left = question_id
            question_id = answered_here.pop()
        answered_here.append(question_id)

    def ask_until_stopped() -> None:
        """Ask what the plan asks, going back on request; at each stop, offer more."""
        nonlocal left
        while True:
            if ahead:
                question_id = ahead.pop()
            else:
                question_id = plan.next(picks)
                # (A screen-reader user went back, changed an answer, then met another
                # question than before and wondered whether they had misheard.)
                if left is not None and question_id not in (None, left):
                    prompter.say(NEXT_CHANGED)
                left = None
            if question_id is not None:
                ask_going_back(question_id)
                continue
            if not plan.can_extend(picks):
                return
            said, offer = plan.more_prompt(picks)
            if said:
                prompter.say(said)
            if not prompter.confirm(offer):
                return
            plan.extend(picks)

    ask_until_stopped()
    if last is not None and ask_last:
        last.ask(picks)
    chosen = None
    changed = False
    while review:
        # (After a change the list opens where it was: a new user pressed Down 11 times
        # from the top to reach the next answer to change.)
        chosen = prompter.review(review_rows(bank, picks, last), chosen)
        if chosen is None:
            # (A new user told "more answers would most likely not change the result"
            # changed two answers here and then read "Not settled": the quiz says so
            # before the result and offers to go on; no, the default as at every offer
            # of more, shows the result.)
            if not (changed and plan.reopened(picks)) or not prompter.confirm(REVIEW_REOPENED):
                break
            changed = False
            ask_until_stopped()
            continue
        before = picks.get(chosen)
        if chosen == LAST_MARK and last is not None:
            last.ask(picks)
        else:  # (a new user read "(2 of at most 21)" here as being back in the quiz)
            ask(chosen, f"(changing answer {number_of(picks, chosen)})")
            changed = changed or picks.get(chosen) != before
    return dict(picks)
