"""Asking a plan's questions: the back key, "a few more?" after a stop, and the review.

Knows nothing of questionary: it drives any object with the ``ask``, ``confirm`` and
``review`` methods of :class:`careerfit.terminal.ask.Prompter` (:class:`Asks`), and any
:class:`~careerfit.terminal.session.plans.Plan`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol

from careerfit.bank import BACK, Bank, Question
from careerfit.base.vocabulary import EditablePicks, MaybeAnswer

if TYPE_CHECKING:
    from careerfit.terminal.session.plans import Plan

class Asks(Protocol):
    def ask(self, question: Question, label: str, current: MaybeAnswer = None,
            answered: bool = False) -> MaybeAnswer | str:
        """The answer, or BACK to return to the previous question."""

    def confirm(self, message: str, default: bool = False) -> bool: ...

    def review(self, bank: Bank, picks: EditablePicks, shown: list[str]) -> str | None: ...


def run_session(bank: Bank, picks: EditablePicks, plan: Plan, prompter: Asks, *, review: bool,
                on_change: Callable[[EditablePicks], None],
                history: Sequence[str] = (),
                before_review: Callable[[EditablePicks], None] | None = None
                ) -> EditablePicks:
    """Ask what *plan* asks, saving after every answer; offer more; then the review.

    Left arrow or Backspace (BACK) returns to the question answered before, its answer
    preselected, as far back as this session goes and then through *history* (the
    questions a resumed quiz had answered before it stopped, last one last).
    *before_review* runs once the last question is answered, before the review (the
    unscored question about skills the person already has).
    """
    answered_here: list[str] = list(history)

    def ask(question_id: str) -> bool:
        """Ask one question; False when the person went back instead of answering."""
        question = bank.question(question_id)
        answer = prompter.ask(question, plan.label(picks, question_id),
                              current=picks.get(question_id), answered=question_id in picks)
        if answer == BACK:
            return False
        picks[question_id] = answer
        on_change(picks)
        return True

    def ask_going_back(question_id: str) -> None:
        while not ask(question_id):
            if not answered_here:
                continue  # nothing before the first question: ask it again
            plan.put_back(question_id)
            question_id = answered_here.pop()
        answered_here.append(question_id)

    while True:
        question_id = plan.next(picks)
        if question_id is not None:
            ask_going_back(question_id)
            continue
        if not plan.can_extend(picks) or not prompter.confirm(plan.more_prompt(picks)):
            break
        plan.extend()
    if before_review is not None:
        before_review(picks)
    while review:
        shown = list(picks)  # in the order the questions were put (then any saved before)
        chosen = prompter.review(bank, picks, shown)
        if chosen is None:
            break
        ask(chosen)
    return {q.id: picks[q.id] for q in bank.questions if q.id in picks}
