"""The interactive part of a quiz: which question comes next, the stop, and the review.

Knows nothing of questionary: it drives any object with the ``ask``, ``confirm``
and ``review`` methods of :class:`careerfit.terminal.ask.Prompter`, and any :class:`Plan`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol

from careerfit.bank import BACK, Bank, Question
from careerfit.base.vocabulary import EditablePicks, MaybeAnswer

if TYPE_CHECKING:
    from careerfit.engine.adaptive import Planner

# How many more questions each "Answer a few more?" adds.
EXTRA_QUESTIONS = 3
# Past this many questions (where someone with a clear preference has usually stopped:
# docs/model.md), the adaptive quiz's progress line says what it is still deciding.
SAY_WHY_AFTER = 10
MORE_PROMPT = "You can stop here. Answer a few more to be surer?"


class Asks(Protocol):
    def ask(self, question: Question, label: str, current: MaybeAnswer = None,
            answered: bool = False) -> MaybeAnswer | str:
        """The answer, or BACK to return to the previous question."""

    def confirm(self, message: str, default: bool = False) -> bool: ...

    def review(self, bank: Bank, picks: EditablePicks, shown: list[str]) -> str | None: ...


class Plan(Protocol):
    def next(self, picks: EditablePicks) -> str | None:
        """The next question to ask, or None when this plan has nothing more."""

    def label(self, picks: EditablePicks, question_id: str) -> str:
        """The progress shown with a question, such as '(3/45)'."""

    def can_extend(self, picks: EditablePicks) -> bool:
        """Whether a few more questions could follow a stop."""

    def extend(self) -> None:
        """Allow a few more questions after a stop."""

    def put_back(self, question_id: str) -> None:
        """The person went back from *question_id* before answering it: ask it again later."""


class FixedPlan:
    """Ask a given list of questions in bank order (the full quiz, missing answers, --edit)."""

    def __init__(self, bank: Bank, to_ask: list[str]) -> None:
        self.bank = bank
        wanted = set(to_ask)
        self.queue = [q.id for q in bank.questions if q.id in wanted]
        self.position = {q.id: n for n, q in enumerate(bank.questions, start=1)}

    def next(self, picks: EditablePicks) -> str | None:
        return self.queue.pop(0) if self.queue else None

    def label(self, picks: EditablePicks, question_id: str) -> str:
        return f"({self.position[question_id]}/{len(self.bank.questions)})"

    def can_extend(self, picks: EditablePicks) -> bool:
        return False

    def extend(self) -> None:
        """A fixed list has nothing to add."""

    def put_back(self, question_id: str) -> None:
        self.queue.insert(0, question_id)


class AdaptivePlan:
    """Ask what tells the most until the pick is sure (:mod:`~careerfit.engine.adaptive`),
    then offer more."""

    def __init__(self, bank: Bank, planner: Planner | None = None) -> None:
        self.bank = bank
        self._planner = planner
        self.extra = 0

    @property
    def planner(self) -> Planner:
        """Built on first use, so the first question (the background) shows sooner."""
        if self._planner is None:
            from careerfit.engine.adaptive import Planner

            self._planner = Planner(self.bank)
        return self._planner

    def next(self, picks: EditablePicks) -> str | None:
        background = self.bank.background_to_ask(picks)  # without building the planner
        if background is not None:
            return background
        question_id = self.planner.next_to_ask(picks, even_if_sure=self.extra > 0)
        if question_id is not None and self.extra > 0:
            self.extra -= 1
        return question_id

    def label(self, picks: EditablePicks, question_id: str) -> str:
        asked = list(picks)
        number = asked.index(question_id) + 1 if question_id in picks else len(asked) + 1
        why = ""
        if number > SAY_WHY_AFTER and self.extra == 0:
            why = f" · {self._deciding(picks)}"
        return f"({number} of at most {len(self.bank.questions)}{why})"

    def _deciding(self, picks: EditablePicks) -> str:
        """What the next answers decide, in words: between two roles, or whether one is
        a clear fit."""
        from careerfit.engine.adaptive import FLAGGED

        first, second = self.planner.status(picks).deciding
        names = {r.id: r.name for r in self.bank.roles}
        if FLAGGED not in (first, second):
            return f"telling {names[first]} from {names[second]}"
        role = second if first == FLAGGED else first
        return f"deciding whether {names[role]} is a clear fit"

    def can_extend(self, picks: EditablePicks) -> bool:
        return any(q.id not in picks for q in self.bank.scored)

    def extend(self) -> None:
        self.extra = EXTRA_QUESTIONS

    def put_back(self, question_id: str) -> None:
        """Nothing to keep: the next question is chosen afresh from the answers."""


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
        if not plan.can_extend(picks) or not prompter.confirm(MORE_PROMPT):
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
