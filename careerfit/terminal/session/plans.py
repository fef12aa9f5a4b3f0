"""Which question a quiz asks next: every question in the bank's order, a given list (the
missing answers, --edit), or the adaptive order and its stop; and which plan a quiz needs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from careerfit.bank import Bank
from careerfit.base.vocabulary import BLEND, EditablePicks
from careerfit.terminal.fold import Progress

MORE_PROMPT = "Answer a few more anyway?"
# ...offered where the quiz itself would have gone on (after the few more asked for).
MORE_WORTH_IT = "Answer a few more?"

if TYPE_CHECKING:
    from careerfit.documents.answers import AnswerSet
    from careerfit.engine.adaptive import Planner

# How many more questions each "Answer a few more?" adds, unless the model expects a
# number of answers to settle what it could not.
EXTRA_QUESTIONS = 3
# Past this many questions (the fewest an adaptive quiz asks before it may stop), the
# adaptive quiz's progress line says what it is deciding between.
SAY_WHY_AFTER = 6


class Plan(Protocol):
    def next(self, picks: EditablePicks) -> str | None:
        """The next question to ask, or None when this plan has nothing more."""

    def label(self, picks: EditablePicks, question_id: str) -> str:
        """The progress shown with a question, such as '(3/45)'."""

    def can_extend(self, picks: EditablePicks) -> bool:
        """Whether a few more questions could follow a stop."""

    def more_prompt(self, picks: EditablePicks) -> tuple[str, str]:
        """What a stop says (a line of its own, maybe empty), and its offer of a few more
        questions (a yes/no question: short, so that it fits on one line)."""

    def extend(self, picks: EditablePicks) -> None:
        """Allow a few more questions after a stop, past the answers in *picks*."""

    def put_back(self, question_id: str) -> None:
        """The person went back from *question_id* before answering it: ask it again later."""

    def reopened(self, picks: EditablePicks) -> bool:
        """Whether the quiz, stopped before, would now ask more (after changes on the
        review)."""


class FixedPlan:
    """Ask a given list of questions (the full quiz, missing answers, --edit), in bank
    order or, with *in_order*, as listed. Each is numbered by the order of the answers
    (:func:`~careerfit.terminal.session.loop.number_of`) out of *total* (the bank's
    questions unless given)."""

    def __init__(self, bank: Bank, to_ask: list[str], total: int | None = None,
                 in_order: bool = False) -> None:
        self.bank = bank
        wanted = set(to_ask)
        self.queue = list(to_ask) if in_order else [q.id for q in bank.questions
                                                    if q.id in wanted]
        self.total = total if total is not None else len(bank.questions)

    def next(self, picks: EditablePicks) -> str | None:
        return self.queue.pop(0) if self.queue else None

    def label(self, picks: EditablePicks, question_id: str) -> str:
        from careerfit.terminal.session.loop import number_of

        # ("(5 of 11)", as the adaptive quiz says "(5 of at most 21)": two new users
        # noticed "(5/11)" in --edit.)
        return f"({number_of(picks, question_id)} of {self.total})"

    def can_extend(self, picks: EditablePicks) -> bool:
        return False

    def more_prompt(self, picks: EditablePicks) -> tuple[str, str]:
        return "", MORE_PROMPT

    def extend(self, picks: EditablePicks) -> None:
        """A fixed list has nothing to add."""

    def put_back(self, question_id: str) -> None:
        self.queue.insert(0, question_id)

    def reopened(self, picks: EditablePicks) -> bool:
        """A fixed list stops when it is asked: changes never reopen it."""
        return False


class AdaptivePlan:
    """Ask what tells the most until the pick is sure (:mod:`~careerfit.engine.adaptive`),
    then offer more."""

    def __init__(self, bank: Bank, planner: Planner | None = None, *, more: bool = False
                 ) -> None:
        """*more*: a saved quiz goes on (--more): as many questions as would most likely
        settle it, or a few, even past its stop."""
        self.bank = bank
        self._planner = planner
        self._more = EXTRA_QUESTIONS
        # How many more the person asked for past the stop (0: none being asked now), and
        # how many answers there were when they asked: the extension's questions are the
        # answers past those, so going back and forth within it counts each one once.
        self._extension = 0
        self._answered_before = 0
        self._going_on = more
        # Whether the last stop left the verdict settled: a stop after more answers that
        # finds it unsettled says that those answers reopened it (a new user read
        # "would most likely not change the result", asked for 3 more, and was then told
        # "Not settled", with nothing to tie the two together).
        self._settled_before = False
        self._blends_named: set[str] = set()  # the blends the progress line has explained

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
        if self._going_on:  # --more: the first extension is asked for already
            self._going_on = False
            self.more_prompt(picks)
            self.extend(picks)
        if self._extension and len(picks) - self._answered_before >= self._extension:
            # The few more asked for are answered: stop, say where things stand and offer
            # again, even where the new answers reopened the verdict; never ask past what
            # the person agreed to.
            self._extension = 0
            return None
        return self.planner.next_to_ask(picks, even_if_sure=self._extension > 0)

    def label(self, picks: EditablePicks, question_id: str) -> str:
        from careerfit.terminal.session.loop import number_of

        number = number_of(picks, question_id)
        if self._extension and number > self._answered_before:
            # One of the few more asked for: past the stop, maybe past the cap. (Said in
            # words: a screen-reader user heard "8 semicolon 1 of 3 more".)
            return (f"({number}, the {_ordinal(number - self._answered_before)} of"
                    f" {self._extension} more)")
        most = self.bank.max_questions + (self.bank.background is not None)
        count = f"({number} of at most {most})"
        if number <= SAY_WHY_AFTER:
            return count
        return Progress(f"({number} of at most {most}; {self._deciding(picks)})", count)

    def _deciding(self, picks: EditablePicks) -> str:
        """What the next answers decide, in words: the two likeliest readings so far."""
        from careerfit.view.words import reading

        names = {r.id: r.name for r in self.bank.roles}
        said = []
        for outcome in self.planner.deciding(picks):
            words = reading(outcome._asdict(), names)
            if outcome.kind == BLEND and outcome.name and outcome.name not in self._blends_named:
                # Said once what a blend is (a new user met "the AI evaluation and decision
                # science blend" here with nothing to say what it was).
                self._blends_named.add(outcome.name)
                first, second = (names[r] for r in outcome.roles)
                words += f", where {first} and {second} meet"  # (no brackets in brackets)
            said.append(words)
        return f"deciding: {said[0]}, or {said[1]}"

    def can_extend(self, picks: EditablePicks) -> bool:
        return any(q.id not in picks for q in self.bank.scored)

    def more_prompt(self, picks: EditablePicks) -> tuple[str, str]:
        """How the stop left things (careerfit.engine.ending), and the offer: when the
        verdict is unsettled, as many more questions as would most likely settle it."""
        from careerfit.documents.report import coverage_part
        from careerfit.engine.ending import EARLY
        from careerfit.engine.result import Evaluator
        from careerfit.view.words import ending_sentence

        verdict = Evaluator(self.bank)(picks, explain=False).verdict
        coverage = coverage_part(self.bank, picks, verdict, adaptive=True,
                                 planner=self.planner)
        unsettled = coverage["unsettled"]
        likely = unsettled["more_answers"] if unsettled else None
        self._more = likely or EXTRA_QUESTIONS
        said = ending_sentence(coverage, {r.id: r.name for r in self.bank.roles},
                               offered=True) or ""
        added = len(picks) - self._answered_before
        if unsettled and self._settled_before and self._answered_before and added > 0:
            said = (f"Your {added} more answer{'s' if added != 1 else ''} reopened it."
                    f" {said}")
        self._settled_before = not unsettled
        if not unsettled:
            # (After the few more asked for, "the quiz would ask a few more before
            # stopping" then "Answer a few more anyway?" read as a contradiction.)
            return said, (MORE_WORTH_IT if coverage["stopped_by"] == EARLY else MORE_PROMPT)
        # (Where a few more would most likely not settle it, the offer says so too.)
        return said, f"Answer {self._more} more?" if likely else f"Answer {self._more} more anyway?"

    def extend(self, picks: EditablePicks) -> None:
        self._extension, self._answered_before = self._more, len(picks)

    def put_back(self, question_id: str) -> None:
        """Nothing to keep: the next question is chosen afresh from the answers."""

    def reopened(self, picks: EditablePicks) -> bool:
        """Whether the adaptive quiz would ask more of these answers (by the review, any
        few more asked for are answered, and next() asks as the quiz does)."""
        return self.planner.next_to_ask(picks) is not None


def choose_plan(bank: Bank, answers: AnswerSet, *, edit: bool, from_file: bool, resume: bool,
                review: bool, more: bool = False) -> Plan | None:
    """How a quiz asks, or None when nothing is to be asked: with *edit*, the questions
    the file lacks (none for an adaptive file), then the review list, where the person
    picks what to change (with no *review*, every answer again, in the file's order);
    for a file (*from_file*), its
    missing answers; a new or resumed adaptive quiz, the adaptive order; otherwise the
    questions not yet answered (a resumed quiz with them all still gets its *review*);
    with *more*, an adaptive file's quiz goes on where it stopped."""
    if more:
        return AdaptivePlan(bank, more=True)
    if edit:
        # An adaptive file holds what was asked; any other gets the questions it lacks.
        lacking = [] if answers.adaptive else [q.id for q in bank.questions
                                              if q.id not in answers.picks]
        total = len(answers.picks) + len(lacking)
        if review:
            return FixedPlan(bank, lacking, total=total)
        return FixedPlan(bank, [*answers.picks, *lacking], total=total, in_order=True)
    elif from_file:
        if not answers.missing:
            return None
        to_ask = list(answers.missing)
    elif answers.adaptive:
        return AdaptivePlan(bank)
    else:
        to_ask = [q.id for q in bank.questions if q.id not in answers.picks]
        if not to_ask and not (resume and review):
            return None
    return FixedPlan(bank, to_ask)


def _ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, ... 11th, 12th, 13th, 21st."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
