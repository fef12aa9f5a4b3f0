"""``careerfit quiz``: take the quiz, or score saved answers (flags parsed in cli.py).

The asking itself is the quiz session's (:mod:`careerfit.terminal.session`)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from careerfit.app.shared import load_checked_bank, note
from careerfit.bank import Bank
from careerfit.base.errors import InputError, some_ids
from careerfit.documents.answers import AnswerSet, dump_answers, read_answers
from careerfit.documents.files import check_writable, same_file, write_user_file
from careerfit.terminal import facts

if TYPE_CHECKING:
    from careerfit.terminal.session.progress import QuizLock


class QuizOptions(NamedTuple):
    answers: Path | None = None
    save: Path | None = None
    json_output: bool = False
    resume: bool = False
    edit: bool = False
    review: bool = True
    export: Path | None = None
    data: Path | None = None
    full: bool = False
    adaptive: bool = False
    plain: bool = False
    more: bool = False


def _check_flags(options: QuizOptions) -> None:
    if options.resume and options.answers:
        raise InputError("--resume and --answers can't be used together",
                         hint="--resume continues the unfinished quiz; --answers reads a file")
    if options.edit and not options.answers:
        raise InputError("--edit revises a saved answers file", hint="add --answers FILE")
    if options.full and options.adaptive:
        raise InputError("--full and --adaptive can't be used together",
                         hint="--full asks every question; --adaptive stops once the pick is sure")
    if options.more and (not options.answers or options.edit or options.full
                         or options.adaptive):
        raise InputError("--more goes on with a saved adaptive quiz, on its own",
                         hint="careerfit quiz --answers FILE --more --save FILE")
    if options.adaptive and (not options.answers or options.edit):
        raise InputError("--adaptive replays a complete answers file in the adaptive order",
                         hint="add --answers FILE (the quiz itself is adaptive unless --full)")
    if options.export is not None:
        from careerfit.terminal.export import SUFFIXES

        if options.export.suffix.lower() not in SUFFIXES:
            raise InputError(f"--export {options.export}: unknown format"
                             f" '{options.export.suffix or '(no suffix)'}'",
                             hint="end the file name in " + ", ".join(SUFFIXES[:-1])
                             + f" or {SUFFIXES[-1]}")
    if (options.save is not None and options.export is not None
            and same_file(options.save, options.export)):
        raise InputError(f"--save and --export both name {options.save}: the card would"
                         " overwrite the answers", hint="give them two different file names")
    for option, path in (("--save", options.save), ("--export", options.export)):
        if path is not None:
            check_writable(path, option=option)


def run_quiz(options: QuizOptions) -> None:
    from careerfit.terminal.session.progress import QuizLock

    lock = QuizLock()
    try:
        _run_quiz(options, lock)
    finally:
        lock.release()


def _run_quiz(options: QuizOptions, lock: QuizLock) -> None:
    """The quiz; *lock* is held from the first look at the state folder's progress."""
    _check_flags(options)
    if _unfinished_to_continue(options, lock):
        options = options._replace(resume=True, answers=None, edit=False)
    data_dir = options.data
    if options.resume:
        from careerfit.documents.answers import parse_answers
        from careerfit.terminal.session.progress import load_progress

        lock.hold()
        origin, progress_doc = load_progress()
        data_dir = data_dir or origin.data
        if options.save is None and origin.save is not None:  # saved where it began to be
            check_writable(origin.save, option="--save")
            options = options._replace(save=origin.save)
        bank = load_checked_bank(data_dir)
        answers = parse_answers(progress_doc, bank, in_file_order=True)
    else:
        bank = load_checked_bank(data_dir)
        if options.answers is not None:
            answers = read_answers(options.answers, bank, watch=options.save is not None,
                                   in_file_order=True)
        else:
            answers = AnswerSet({}, revision=bank.revision, adaptive=not options.full)
    if options.adaptive:
        answers = _replay(bank, answers, options.answers)
    if options.more and not answers.adaptive:
        raise InputError(f"{options.answers}: --more goes on with an adaptive quiz's answers,"
                         " and this file has every question's",
                         hint="--edit revises them; a full file has no more to ask")
    from careerfit.terminal.session.plans import choose_plan

    plan = choose_plan(bank, answers, edit=options.edit, from_file=options.answers is not None,
                       resume=options.resume, review=options.review, more=options.more)
    if plan is None:
        if answers.newer and options.answers is not None and not answers.adaptive:
            # (a bank editor's hint, without --data, opened the shipped bank)
            note(f"careerfit: {options.answers} was saved before {len(answers.newer)} newer"
                 " question(s) joined the bank; scored without them. To answer them:"
                 f" careerfit quiz --answers {options.answers}{_data_flag(options)} --edit")
        _result(bank, answers, options, asked=False)
        return
    if not facts.stdin_is_terminal():
        _refuse_without_terminal(options, list(answers.missing))
    if options.edit:
        answers = answers._replace(revision=bank.revision)
    lock.hold()
    from careerfit.terminal.session.progress import Origin, cleared_when_done
    from careerfit.terminal.session.run import ask_quiz

    # The progress is cleared only once the result is worked out, saved and shown: a
    # signal until then keeps every answer (issue 29).
    before = answers
    with cleared_when_done(_resume_command(options)):
        answers = ask_quiz(bank, answers, plan, plain=options.plain, review=options.review,
                           resume=options.resume, origin=Origin(data_dir, options.save),
                           resume_command=_resume_command(options),
                           answers_file=options.answers, edit=options.edit)
        _result(bank, answers, options, asked=True, before=before)


def _result(bank: Bank, answers: AnswerSet, options: QuizOptions, *, asked: bool,
            before: AnswerSet | None = None) -> None:
    """Work out the result; write --save and --export; show it (*before*: the answers the
    quiz started from, to say what the questions asked changed)."""
    from careerfit.documents.report import build_report, to_json
    from careerfit.engine.result import evaluate
    from careerfit.view.model import build_view

    changed = before is None or (answers.picks, answers.skills) != (before.picks,
                                                                    before.skills)
    result = evaluate(bank, answers.picks)
    report = build_report(bank, result, answers)
    data = _data_flag(options)
    kept = None
    if asked and options.save is None:  # answers just given are never lost
        from careerfit.terminal.session.progress import keep_last_answers

        kept = keep_last_answers(bank, answers)
    # The file that holds these answers, for the commands the result suggests: answers
    # given on top of a file (--edit, --more, or questions it lacked) are kept only by
    # --save, as the file read still holds those before them (a new user's --more result
    # named the file that lacked the more); --adaptive replays a complete file, which
    # --more can't go on with.
    stale = asked and options.answers is not None
    shown_file = (options.save or (None if stale or options.adaptive else options.answers)
                  or kept)
    # A command that asks more saves them to the file it names, unless that is the copy
    # in the state folder, which keeps every quiz's answers anyway.
    view = build_view(report, str(shown_file) if shown_file else None,
                      save=shown_file is not None and shown_file != kept, data=data)
    # Files are written before the result shows (a failure stops the run first); what
    # was written is said after it, where the eye lands when the command ends (a new
    # user's "Wrote the result card" scrolled away above a long result).
    written = []
    if options.save is not None:
        write_user_file(options.save, dump_answers(bank, answers, data=data,
                                                   path=str(options.save)), option="--save")
        # (A new user who wanted to send the result to a mentor found --export only in
        # --help, after the quiz.)
        written.append(f"Saved {len(answers.picks)} answers to {options.save}. To re-run"
                       " them, or add --export result.html for a card to share: careerfit"
                       f" quiz --answers {options.save}{data}")
    if options.export is not None:
        from careerfit.terminal.export import export_card

        write_user_file(options.export, export_card(view, options.export.suffix.lower()),
                        option="--export")
        written.append(f"Wrote the result card to {options.export}")
    if (options.edit or options.more) and before is not None and changed:
        written.insert(0, _what_changed(bank, before, answers, report, more=options.more))
    if options.json_output:
        sys.stdout.write(to_json(report))
        for said in written:
            note(said)
        return
    if facts.plain_wanted(options.plain):
        from careerfit.terminal.plain import plain_result

        sys.stdout.write(plain_result(view, facts.columns(sys.stdout)))
        if not facts.plain_wanted(False):  # --plain alone: the commands above are not
            written.append(f"Tip: set {facts.PLAIN_VARIABLE}=1 in your shell's settings for"
                           " plain mode in every careerfit command, those above included.")
    else:
        from careerfit.terminal.render import show_result

        show_result(view)
    sys.stdout.flush()  # the result is out before the notes on stderr
    for said in written:
        note(said)
    # (Each note ends with its command, so that it can be copied whole: a new user copied
    # a closing bracket with one.)
    edited = (stale and options.answers is not None and kept is not None
              and options.answers.resolve() != kept.resolve())
    if edited and not changed:  # (a new user who changed nothing was told the file held
        # "your answers from before these edits")
        note(f"You changed no answer: {options.answers} holds these answers as they are.")
    elif edited:  # the file read still holds the answers from before these
        what, again = (("these edits", "editing") if options.edit else
                       ("the answers you just gave", "answering"))
        note(f"{options.answers} still holds your answers from before {what}; they are"
             f" kept in {kept} until your next quiz. To save them to {options.answers}"
             f" without {again} again: careerfit quiz --answers {kept}{data} --save"
             f" {options.answers}")
    elif asked and kept is not None:
        note(f"Your answers are kept in {kept} until your next quiz; --save FILE keeps them"
             f" where you choose. To re-run or revise them: careerfit quiz --answers"
             f" {kept}{data} --edit")
    elif asked and options.save is None and options.edit:
        note(f"Tip: these edits are not saved. To keep them: careerfit quiz --answers"
             f" {options.answers}{data} --edit --save {options.answers}")
    elif asked and options.save is None:
        note("Tip: add --save FILE to keep these answers and re-run or revise them later.")


def _what_changed(bank: Bank, before: AnswerSet, after: AnswerSet, report: dict,
                  *, more: bool) -> str:
    """What --edit's changes or --more's answers did: which answers, the verdict and the
    fits before and now (a new user who changed one answer had to remember the old
    result to see what it did; another saw the verdict change over two --more runs with
    no word of it; a third, after two edits toward one role, looked for its fit)."""
    from careerfit.documents.report import outcome_part, ranking_part
    from careerfit.engine.result import evaluate
    from careerfit.view.model import headline

    names = {r.id: r.name for r in bank.roles}
    if more:
        added = sum(1 for key in after.picks if key not in before.picks)
        lead = f"Your {added} more answer{'s' if added != 1 else ''}:"
    else:
        changed = [q.short or q.id for q in bank.questions
                   if q.id in after.picks and after.picks[q.id] != before.picks.get(q.id)]
        if after.skills != before.skills:
            changed.append("skills you already have")
        named = [f"'{c}'" for c in changed[:3]] + (
            [f"{len(changed) - 3} more"] if len(changed) > 3 else [])
        shown = named[0] if len(named) == 1 else f"{', '.join(named[:-1])} and {named[-1]}"
        lead = f"Your edits changed {shown}."
    answered = report["coverage"]["answered"]

    def said(verdict: dict) -> str:
        label, value = headline(verdict, names, answered)
        return f"{label}: {value}"

    def sure(verdict: dict) -> str:
        return f"confidence {verdict['confidence']} ({verdict['probability']:.3f})"

    old_result = evaluate(bank, before.picks)
    old, now = outcome_part(bank, old_result, chances=False), report["outcome"]
    was_fit = {row["role"]: row["fit"] for row in ranking_part(bank, old_result)}
    fits = ", ".join(f"{row['name']} {row['fit']:.1f} ({was_fit[row['role']]:.1f})"
                     for row in report["ranking"])
    if (old["kind"], set(old["roles"])) != (now["kind"], set(now["roles"])):
        verdict = f"Before: {said(old)}, {sure(old)}. Now: {said(now)}, {sure(now)}."
    else:  # (the same pair the other way round read as a new verdict to a screen-reader
        # user: it is the same one)
        verdict = (f"The verdict is the same, {said(now)}: " + (
            f"{sure(now)}, as before." if sure(old) == sure(now) else
            f"{sure(old)} before, {sure(now)} now."))
    return f"{lead} {verdict} Fits now (before): {fits}."


def _unfinished_to_continue(options: QuizOptions, lock: QuizLock) -> bool:
    """A new quiz in a terminal while another is half-way: whether to continue that one."""
    if (options.resume or (options.answers is not None and not options.edit)
            or not facts.stdin_is_terminal()):
        return False
    from careerfit.terminal.session.run import continue_unfinished

    return continue_unfinished(lock, options.plain,
                               instead=f"edits {options.answers} instead" if options.edit
                               else "starts a new one")


def _resume_command(options: QuizOptions) -> str:
    """The command that continues this quiz after a stop, with its --data, --save and
    --plain (a bank editor in plain mode was sent back to the arrow keys)."""
    return ("careerfit quiz --resume" + _data_flag(options)
            + (f" --save {options.save}" if options.save else "")
            + (" --plain" if options.plain else ""))


def _data_flag(options: QuizOptions) -> str:
    """' --data DIR' for the commands a note suggests, when the quiz was given one."""
    return f" --data {options.data}" if options.data else ""


def _replay(bank: Bank, answers: AnswerSet, path: Path | None) -> AnswerSet:
    """Keep only the answers the adaptive quiz would have asked for (--adaptive)."""
    from careerfit.engine.adaptive import Planner

    if answers.missing:
        raise InputError(
            f"{path}: --adaptive replays a complete answers file, and {len(answers.missing)}"
            f" question(s) have no answer: {some_ids(answers.missing)}",
            hint="answer them first (careerfit quiz --answers FILE --save FILE), or use 'skip'")
    return answers._replace(picks=Planner(bank).replay(answers.picks), adaptive=True)


def _refuse_without_terminal(options: QuizOptions, missing: list[str]) -> None:
    if options.more:  # (it once said "0 question(s) have no answer")
        raise InputError(
            "--more asks more questions in a terminal, and standard input is not one",
            hint=f"run careerfit quiz --answers {options.answers} --more in a terminal")
    if options.answers is not None and not options.edit:
        raise InputError(
            f"{options.answers}: {len(missing)} question(s) have no answer:"
            f" {some_ids(missing)}",
            hint="answer them in a terminal (careerfit quiz --answers FILE --save FILE),"
                 " or add them to the file (use 'skip' to leave one out)",
        )
    raise InputError(
        "the quiz needs a terminal to ask its questions, and standard input is not one",
        hint="run it in a terminal, or score saved answers: careerfit quiz --answers FILE",
    )
