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
    from careerfit.terminal.session.progress import QuizLock

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
             resume: bool, data_dir: Path | None, resume_command: str,
             answers_file: Path | None) -> AnswerSet:
    """*answers* completed by asking what *plan* asks, the progress kept after every answer
    (with *data_dir*, the bank it was taken with). A stop raises Interrupted, saying what
    was kept and how to go on (*resume_command*); before the first new answer, nothing is
    kept and an earlier unfinished quiz (and *answers_file*) stays as it was."""
    from careerfit.base.interrupts import how_stopped, signals_interrupt
    from careerfit.terminal.session.loop import run_session
    from careerfit.terminal.session.progress import save_progress

    picks = dict(answers.picks)
    given: list[str] = []  # answers given in this session: until one is, nothing is kept

    def keep(current: dict) -> None:
        given.append("")
        try:
            save_progress(bank, answers._replace(picks=current), data_dir)
        except OSError as exc:
            where = exc.filename or "the state folder"
            raise InputError(f"cannot save the quiz's progress in {where} ({exc.strerror});"
                             " the last answer was not kept",
                             hint="free some space, or set CAREERFIT_STATE_DIR to a folder"
                                  " you can write to") from None

    try:
        with signals_interrupt():
            prompter = prompter_for(plain)
            skills = list(answers.skills)

            def skills_question(current: dict) -> None:
                skills[:] = ask_skills(bank, current, tuple(skills), prompter)

            finished = run_session(bank, picks, plan, prompter, review=review, on_change=keep,
                                   history=list(answers.picks) if resume else (),
                                   before_review=skills_question)
    except (KeyboardInterrupt, EOFError) as stop:
        how = how_stopped(stop)
        if not given:  # nothing new to keep, and an earlier unfinished quiz stays as it was
            unchanged = f"; {answers_file} is unchanged" if answers_file else ""
            raise Interrupted(f"{how} before the first answer; nothing was kept{unchanged}"
                              ) from None
        kept = sum(1 for q in bank.questions if q.id in picks)
        path = save_progress(bank, answers._replace(picks=picks), data_dir)
        out_of = "" if answers.adaptive else f" of {len(bank.questions)}"
        noun = "answer" if kept == 1 and answers.adaptive else "answers"
        raise Interrupted(f"{how}: kept {kept}{out_of} {noun} in {path}."
                          f" Continue with: {resume_command}") from None
    return answers._replace(picks=finished, skills=tuple(skills), missing=())


def ask_skills(bank: Bank, picks: dict, have: tuple[str, ...], prompter: Any
               ) -> tuple[str, ...]:
    """One unscored pick-all question after the last scored one: which of the skill
    priorities of the two leading roles the person already has (their next steps then
    leave those out). Skipping it, or going back from it, keeps what was there."""
    from careerfit.engine.scoring import Scorer

    scorer = Scorer(bank)
    leading = [role for role, _ in scorer.ranking(scorer.score(picks, shares=False).fits)][:2]
    offered: dict[str, str] = {}
    for role_id in leading:
        offered.update(bank.role(role_id).priorities_by_id())
    if not offered:
        return have
    question = Question(
        id="skills", kind="multi", text=SKILLS_QUESTION, source="", scored=False,
        hint="Not scored: your next steps leave out what you pick. Skip it if unsure.",
        short="skills you already have",
        options=tuple(Option(i, t, {}) for i, t in offered.items()))
    current = tuple(i for i in offered if i in have)
    answer = prompter.ask(question, "(last, not scored)", current=current or None,
                          answered=bool(have))
    if answer == BACK or answer is None:
        return have
    kept_elsewhere = tuple(i for i in have if i not in offered)
    return tuple(i for i in bank.skills if i in answer or i in kept_elsewhere)
