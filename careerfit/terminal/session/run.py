"""A quiz session from start to stop: the offer to continue an unfinished quiz, the
questions asked with the progress kept after every answer, the unscored skills question,
and what a stop (Ctrl-C, Ctrl-D, SIGTERM, SIGHUP) keeps and says."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from careerfit.bank import BACK, Bank, Option, Question
from careerfit.base.errors import InputError, Interrupted, clean
from careerfit.terminal import facts

if TYPE_CHECKING:
    from careerfit.documents.answers import AnswerSet
    from careerfit.terminal.session.plans import Plan
    from careerfit.terminal.session.progress import Origin, QuizLock

SKILLS_QUESTION = "Which of these do you already do with confidence?"


def prompter_for(plain: bool) -> Any:
    """Typed-number prompts in plain mode, arrow-key prompts otherwise."""
    if facts.plain_wanted(plain):
        from careerfit.terminal.plain import PlainPrompter

        return PlainPrompter()
    from careerfit.terminal.ask import Prompter

    return Prompter()


def continue_unfinished(lock: QuizLock, plain: bool, instead: str = "starts a new one"
                        ) -> bool:
    """A new quiz started in a terminal while another is half-way: whether to continue
    that one (Enter does) rather than replace its answers with the first new one. The
    *lock* is taken first: a quiz still running elsewhere is refused, not offered."""
    from careerfit.terminal.session.progress import unfinished_answers

    lock.hold()
    kept = unfinished_answers()
    if not kept:
        return False
    try:
        return prompter_for(plain).confirm(clean(
            f"You left a quiz half-way ({kept} answer{'s' if kept != 1 else ''} kept)."
            f" Continue it? (No {instead})"), default=True)
    except (KeyboardInterrupt, EOFError):
        raise Interrupted("stopped; the unfinished quiz is kept as it was"
                          " (continue it with: careerfit quiz --resume)") from None


def ask_quiz(bank: Bank, answers: AnswerSet, plan: Plan, *, plain: bool, review: bool,
             resume: bool, origin: Origin, resume_command: str,
             answers_file: Path | None, edit: bool = False) -> AnswerSet:
    """*answers* completed by asking what *plan* asks, the progress kept after every answer
    (with its *origin*: the bank it was taken with, the file it saves to). A stop raises
    Interrupted, saying what was kept and how to go on (*resume_command*); before the
    first new answer, nothing new is kept: an earlier unfinished quiz (and *answers_file*)
    stays as it was, and a resumed one keeps the answers it had. With *edit*, the skills
    question is on the review list rather than asked before it."""
    from careerfit.base.interrupts import how_stopped, signals_interrupt
    from careerfit.terminal.session.loop import run_session
    from careerfit.terminal.session.progress import save_progress

    picks = dict(answers.picks)
    given: list[str] = []  # answers given in this session: until one is, nothing is kept

    def keep(current: dict) -> None:
        given.append("")
        try:
            save_progress(bank, answers._replace(picks=current), origin)
        except OSError as exc:
            where = exc.filename or "the state folder"
            raise InputError(f"cannot save the quiz's progress in {where} ({exc.strerror});"
                             " the last answer was not kept",
                             hint="free some space, or set CAREERFIT_STATE_DIR to a folder"
                                  " you can write to") from None

    try:
        with signals_interrupt():
            prompter = prompter_for(plain)
            if resume and picks:
                # (A new user saw only the last kept answer above the next question.)
                prompter.say(f"Resumed with {len(picks)} answer"
                             f"{'s' if len(picks) != 1 else ''}: {prompter.back_key} goes"
                             " back through them, and the review at the end lists them all.")
            skills = SkillsQuestion(bank, answers.skills, prompter)
            finished = run_session(bank, picks, plan, prompter, review=review, on_change=keep,
                                   history=list(answers.picks) if resume else (),
                                   last=skills, ask_last=not edit)
    except (KeyboardInterrupt, EOFError) as stop:
        how = how_stopped(stop)
        if not given and resume and answers.picks:  # the resumed quiz's file is untouched
            from careerfit.terminal.session.progress import progress_path

            count = len(answers.picks)
            raise Interrupted(f"{how} before a new answer; the {count} earlier answer"
                              f"{'s are' if count != 1 else ' is'} still kept in"
                              f" {progress_path()}. Continue with: {resume_command}") from None
        if not given:  # nothing new to keep, and an earlier unfinished quiz stays as it was
            unchanged = f"; {answers_file} is unchanged" if answers_file else ""
            raise Interrupted(f"{how} before the first answer; nothing was kept{unchanged}"
                              ) from None
        kept = sum(1 for q in bank.questions if q.id in picks)
        path = save_progress(bank, answers._replace(picks=picks), origin)
        out_of = "" if answers.adaptive else f" of {len(bank.questions)}"
        noun = "answer" if kept == 1 and answers.adaptive else "answers"
        raise Interrupted(f"{how}: kept {kept}{out_of} {noun} in {path}."
                          f" Continue with: {resume_command}") from None
    return answers._replace(picks=finished, skills=skills.have, missing=())


class SkillsQuestion:
    """One unscored pick-all question after the last scored one: which skills (by their
    short names) of the two roles the result names (whose next steps it shows) the
    person already has, with any ticked before (a new user's --more run had dropped one
    from view while keeping it); their next steps then leave those out, and the tools
    those skills name.
    Skipping it, or going back from it, keeps what was there. On the review list it
    comes last."""

    SHORT = "skills you already have"

    def __init__(self, bank: Bank, have: tuple[str, ...], prompter: Any) -> None:
        self.bank, self.have, self.prompter = bank, tuple(have), prompter

    def _offered(self, picks: dict) -> dict[str, str]:
        from careerfit.engine.result import Evaluator

        # The two roles whose next steps the result shows: the leader and the one it is
        # compared with, a tie's or a blend's other role when the verdict names a pair (a
        # user drawn to the Data Scientist and AI Engineer blend was offered the ML
        # engineer's skills, second by fit, and none of the AI engineer's).
        result = Evaluator(self.bank)(picks, explain=False)
        offered: dict[str, str] = {}
        for role_id in (result.leader, result.runner_up):
            offered.update(self.bank.role(role_id).labels_by_id())
        names = self.bank.skill_labels
        return {**offered, **{i: names[i] for i in self.have if i not in offered}}

    def ask(self, picks: dict) -> None:
        offered = self._offered(picks)
        if not offered:
            return
        have = self.have
        question = Question(
            id="skills", kind="multi", text=SKILLS_QUESTION, source="", scored=False,
            hint="Not scored: your next steps leave out what you pick. Skip it if unsure.",
            short=self.SHORT, options=tuple(Option(i, t, {}) for i, t in offered.items()))
        current = tuple(i for i in offered if i in have)
        answer = self.prompter.ask(question, "(last, not scored)", current=current or None,
                                   answered=bool(have))
        if answer == BACK or answer is None:
            return
        self.have = tuple(i for i in self.bank.skills if i in answer)

    def row(self) -> tuple[str, str] | None:
        if not self.bank.skills:
            return None
        names = self.bank.skill_labels
        return (f"{self.SHORT} (not scored)",
                "; ".join(names[i] for i in self.have) if self.have else "None picked")
