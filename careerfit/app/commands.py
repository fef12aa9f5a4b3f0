"""What each command does, with the flags already parsed (the typer layer is cli.py)."""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, NamedTuple

from careerfit.bank import Bank, load_bank
from careerfit.base.errors import (
    CareerfitError,
    DataError,
    ExitCode,
    InputError,
    Interrupted,
    clean,
    some_ids,
)
from careerfit.documents.answers import AnswerSet, dump_answers, read_answers
from careerfit.documents.files import check_writable, same_file, write_user_file

if TYPE_CHECKING:
    from careerfit.terminal.session import Plan



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


def plain_wanted(flag: bool) -> bool:
    """--plain, or a terminal that says it can't do more (TERM=dumb)."""
    import os

    return flag or os.environ.get("TERM") == "dumb"


def stdin_is_terminal() -> bool:
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (ValueError, OSError):
        return False


def load_checked_bank(data: Path | None) -> Bank:
    """The default bank as shipped, or another one checked as strictly as 'validate' does."""
    bank = load_bank(data)
    if data is not None:
        from careerfit.engine.checks import check_bank

        problems = check_bank(bank)
        if problems:
            raise DataError(problems)
    return bank


def _check_flags(options: QuizOptions) -> None:
    if options.resume and options.answers:
        raise InputError("--resume and --answers can't be used together",
                         hint="--resume continues the unfinished quiz; --answers reads a file")
    if options.edit and not options.answers:
        raise InputError("--edit revises a saved answers file", hint="add --answers FILE")
    if options.full and options.adaptive:
        raise InputError("--full and --adaptive can't be used together",
                         hint="--full asks every question; --adaptive stops once the pick is sure")
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
    from careerfit.documents.progress import QuizLock

    lock = QuizLock()
    try:
        _run_quiz(options, lock)
    finally:
        lock.release()


def _run_quiz(options: QuizOptions, lock: Any) -> None:
    """The quiz; *lock* is held from the first look at the state folder's progress."""
    _check_flags(options)
    if _continue_unfinished(options, lock):
        options = options._replace(resume=True, answers=None, edit=False)
    data_dir = options.data
    if options.resume:
        from careerfit.documents.answers import parse_answers
        from careerfit.documents.progress import load_progress

        lock.hold()
        saved_data, progress_doc = load_progress()
        data_dir = data_dir or saved_data
        bank = load_checked_bank(data_dir)
        answers = parse_answers(progress_doc, bank)
    else:
        bank = load_checked_bank(data_dir)
        if options.answers is not None:
            answers = read_answers(options.answers, bank, watch=options.save is not None)
        else:
            answers = AnswerSet({}, revision=bank.revision, adaptive=not options.full)
    if options.adaptive:
        answers = _replay(bank, answers, options.answers)
    plan = _plan(bank, answers, options)
    if plan is None:
        if answers.newer and options.answers is not None and not answers.adaptive:
            _note(f"careerfit: {options.answers} was saved before {len(answers.newer)} newer"
                  " question(s) joined the bank; scored without them (answer them with"
                  f" careerfit quiz --answers {options.answers} --edit)")
        _result(bank, answers, options, asked=False)
        return
    if not stdin_is_terminal():
        _refuse_without_terminal(options, list(answers.missing))
    if options.edit:
        answers = answers._replace(revision=bank.revision)
    lock.hold()
    from careerfit.documents.progress import cleared_when_done

    with cleared_when_done(_resume_command(options, data_dir)):
        picks, skills = _ask(bank, answers, plan, options, data_dir)
        _result(bank, answers._replace(picks=picks, skills=skills, missing=()), options,
                asked=True)


def _result(bank: Bank, answers: AnswerSet, options: QuizOptions, *, asked: bool) -> None:
    """Work out the result; write --save and --export; show it."""
    from careerfit.documents.report import build_report, to_json
    from careerfit.engine.result import evaluate

    result = evaluate(bank, answers.picks)
    report = build_report(bank, result, answers)
    if options.save is not None:
        write_user_file(options.save, dump_answers(bank, answers), option="--save")
        _note(f"Saved {len(answers.picks)} answers to {options.save}"
              f" (re-run with: careerfit quiz --answers {options.save})")
    if options.export is not None:
        from careerfit.terminal.export import export_card

        write_user_file(options.export, export_card(report, options.export.suffix.lower()),
                        option="--export")
        _note(f"Wrote the result card to {options.export}")
    with stdout_guard():
        if options.json_output:
            sys.stdout.write(to_json(report))
            sys.stdout.flush()
            return
        if plain_wanted(options.plain):
            from careerfit.terminal.plain import plain_result

            sys.stdout.write(plain_result(report))
        else:
            from careerfit.terminal.render import show_result

            show_result(report)
        sys.stdout.flush()
    if asked and options.save is None:
        _note("Tip: add --save FILE to keep these answers and re-run or revise them later.")


def _continue_unfinished(options: QuizOptions, lock: Any) -> bool:
    """A new quiz started in a terminal while another is half-way: offer to continue that
    one (Enter does), rather than replace its answers with the first new one."""
    if (options.resume or (options.answers is not None and not options.edit)
            or not stdin_is_terminal()):
        return False
    from careerfit.documents.progress import unfinished_answers

    lock.hold()  # a quiz still running elsewhere is refused, not offered as 'half-way'

    kept = unfinished_answers()
    if not kept:
        return False
    try:
        instead = f"edits {options.answers} instead" if options.edit else "starts a new one"
        return _prompter(options.plain).confirm(clean(
            f"You left a quiz half-way ({kept} answer{'s' if kept != 1 else ''} kept)."
            f" Continue it? (No {instead})"), default=True)
    except (KeyboardInterrupt, EOFError):
        raise Interrupted("stopped; the unfinished quiz is kept as it was"
                          " (continue it with: careerfit quiz --resume)") from None


def _plan(bank: Bank, answers: AnswerSet, options: QuizOptions) -> Plan | None:
    """How the quiz asks (a :mod:`~careerfit.terminal.session` plan), or None when nothing is
    to be asked."""
    if options.edit:
        to_ask = list(answers.picks) if answers.adaptive else [q.id for q in bank.questions]
    elif options.answers is not None:
        if not answers.missing:
            return None
        to_ask = list(answers.missing)
    elif answers.adaptive:
        from careerfit.terminal.session import AdaptivePlan

        return AdaptivePlan(bank)
    else:
        to_ask = [q.id for q in bank.questions if q.id not in answers.picks]
        if not to_ask and not (options.resume and options.review):
            return None
    from careerfit.terminal.session import FixedPlan

    return FixedPlan(bank, to_ask)


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


def _ask(bank: Bank, answers: AnswerSet, plan: Plan, options: QuizOptions,
         data_dir: Path | None) -> tuple[dict, tuple[str, ...]]:
    from careerfit.base.interrupts import how_stopped, signals_interrupt
    from careerfit.documents.progress import save_progress
    from careerfit.terminal.session import run_session

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
            prompter = _prompter(options.plain)
            skills = list(answers.skills)

            def ask_skills(current: dict) -> None:
                skills[:] = _ask_skills(bank, current, tuple(skills), prompter)

            finished = run_session(bank, picks, plan, prompter,
                                   review=options.review, on_change=keep,
                                   history=list(answers.picks) if options.resume else (),
                                   before_review=ask_skills)
    except (KeyboardInterrupt, EOFError) as stop:
        how = how_stopped(stop)
        kept = sum(1 for q in bank.questions if q.id in picks)
        if not given:  # nothing new to keep, and an earlier unfinished quiz stays as it was
            unchanged = f"; {options.answers} is unchanged" if options.answers else ""
            raise Interrupted(f"{how} before the first answer; nothing was kept{unchanged}"
                              ) from None
        path = save_progress(bank, answers._replace(picks=picks), data_dir)
        out_of = "" if answers.adaptive else f" of {len(bank.questions)}"
        noun = "answer" if kept == 1 and answers.adaptive else "answers"
        raise Interrupted(f"{how}: kept {kept}{out_of} {noun} in {path}."
                          f" Continue with: {_resume_command(options, data_dir)}") from None
    return finished, tuple(skills)


def _resume_command(options: QuizOptions, data_dir: Path | None) -> str:
    resume = "careerfit quiz --resume" + (f" --data {data_dir}" if options.data else "")
    return resume + (f" --save {options.save}" if options.save else "")


SKILLS_QUESTION = "Which of these do you already do with confidence?"


def _ask_skills(bank: Bank, picks: dict, have: tuple[str, ...], prompter: Any
                ) -> tuple[str, ...]:
    """One unscored pick-all question after the last scored one: which of the skill
    priorities of the two leading roles the person already has (their next steps then
    leave those out). Skipping it, or going back from it, keeps what was there."""
    from careerfit.bank import BACK, Option, Question
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


def _prompter(plain: bool) -> Any:
    """Typed-number prompts in plain mode, arrow-key prompts otherwise."""
    if plain_wanted(plain):
        from careerfit.terminal.plain import PlainPrompter

        return PlainPrompter()
    from careerfit.terminal.ask import Prompter

    return Prompter()


def _note(message: str) -> None:
    with contextlib.suppress(OSError):
        sys.stderr.write(clean(message) + "\n")


def run_validate(data: Path | None) -> None:
    from careerfit.engine.checks import check_bank

    bank = load_bank(data, compiled=False)
    problems = check_bank(bank)
    if problems:
        raise DataError(problems)
    if data is None:
        from careerfit.bank.compiled import FILE_NAME, load_compiled

        if load_compiled(bank.directory) is None:
            _note(f"note: {bank.directory / FILE_NAME} is out of date, so start-up reads the"
                  " YAML; rebuild it with: python -m careerfit.engine.tables")
    sys.stdout.write(f"{bank.questions_file} and {bank.roles_file}: OK"
                     f" ({len(bank.questions)} questions, {len(bank.roles)} roles,"
                     f" {len(bank.traits)} traits)\n")


def run_questions(json_output: bool, data: Path | None) -> None:
    """careerfit questions: the ids an answers file uses, as text or JSON."""
    from careerfit.documents.answers import question_listing

    bank = load_checked_bank(data)
    listing = question_listing(bank)
    skills = [{"id": i, "text": t} for i, t in bank.skills.items()]
    with stdout_guard():
        if json_output:
            import json

            sys.stdout.write(json.dumps({"questions": listing, "skills": skills}, indent=2,
                                        ensure_ascii=False) + "\n")
            return
        lines = []
        for entry in listing:
            scored = "" if entry["scored"] else ", not scored"
            lines.append(f"{entry['id']} ({entry['type']}{scored}): {entry['short']}")
            lines += [f"    {o['id']}: {o['label']}" for o in entry["answers"]]
        lines.append("skills (a list in an answers file: what you already do with confidence,"
                     " left out of your next steps; not scored):")
        lines += [f"    {s['id']}: {s['text']}" for s in skills]
        sys.stdout.write("\n".join(lines) + "\n")


def run_roles(role_id: str | None, compare: tuple[str, str] | None, json_output: bool,
              data: Path | None, routes: bool = False, plain: bool = False) -> None:
    from careerfit.terminal.cards import show_roles

    bank = load_checked_bank(data)
    wanted = list(compare) if compare else [role_id] if role_id else []
    for wanted_id in wanted:
        if bank.role(wanted_id) is None:
            raise InputError(f"unknown role '{wanted_id}'",
                             hint="known roles: " + ", ".join(r.id for r in bank.roles))
    if role_id and compare:
        raise CareerfitError("give a ROLE or --compare A B, not both")
    show_roles(bank, wanted, json_output, routes=routes or bool(role_id),
               plain=plain_wanted(plain))


def run_score(files: list[Path], *, full: bool, summary: bool, json_output: bool,
              data: Path | None) -> None:
    """careerfit score: stream records through the scorer, one JSON line each."""
    from careerfit.base.interrupts import how_stopped, signals_interrupt
    from careerfit.base.speed import rare_collection
    from careerfit.documents.batch import (
        Summary,
        from_files,
        from_json_lines,
        output_line,
        score,
    )

    bank = load_checked_bank(data)
    from_stdin = not files or files == [Path("-")]
    if from_stdin and sys.stdin is None:
        raise InputError("careerfit score reads JSON Lines from standard input, and it is"
                         " closed", hint="pipe a file in (careerfit score < answers.jsonl)"
                                         " or name YAML answers files")
    if from_stdin and stdin_is_terminal():
        raise InputError("careerfit score reads JSON Lines from standard input, and it is a"
                         " terminal", hint="pipe a file in (careerfit score < answers.jsonl)"
                                          " or name YAML answers files")
    records = (from_json_lines(sys.stdin.buffer, bank) if from_stdin
               else from_files(files, bank))
    totals = Summary(bank)
    out = _WholeLines(sys.stdout.buffer)
    try:
        with (stdout_guard(), signals_interrupt(),
              _progress(len(files) if not from_stdin else None) as advance,
              rare_collection()):
            for output, result in score(records, bank, full=full and not summary,
                                        traits=summary):
                totals.add(result)
                if not summary:
                    out.add(output_line(output))
                advance()
            out.flush()
    except KeyboardInterrupt as stop:
        if summary:  # nothing is printed per record: count what was scored
            scored = totals.people + totals.errors
            raise Interrupted(f"{how_stopped(stop)} after {scored:,} record(s): no summary"
                              " was printed") from None
        raise Interrupted(f"{how_stopped(stop)} after {out.written:,} record(s): the"
                          f" {out.written:,} line(s) printed are whole, one per record in"
                          " input order") from None
    if summary:
        with stdout_guard():
            _print_summary(totals.as_dict(), {r.id: r.name for r in bank.roles}, json_output)
            sys.stdout.flush()
    if totals.errors:
        raise CareerfitError(f"{totals.errors} of {totals.errors + totals.people} record(s)"
                             " could not be scored; their lines say why")


@contextlib.contextmanager
def stdout_guard() -> Any:
    """Output to stdout whose reader may go away or whose disk may be full.

    A closed pipe downstream (``careerfit score | head -1``) ends the run quietly with
    exit 0, as for any Unix filter; any other failure to write (a full disk) is a
    clear error with exit 2, not a bug report. Either way stdout is pointed at
    /dev/null, so that Python's last flush at exit has nothing to complain about."""
    try:
        yield
    except BrokenPipeError:
        _discard_stdout()
        sys.exit(ExitCode.OK)
    except OSError as exc:
        if exc.filename is not None:
            raise  # a file, not stdout: the caller's own message
        _discard_stdout()
        raise InputError(f"cannot write the result to standard output ({exc.strerror})",
                         hint="check the disk or the file stdout is redirected to") from None


def _discard_stdout() -> None:
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


class _WholeLines:
    """Output lines written a block at a time, with the signals that stop a run held off
    while a block goes out: a run stopped part-way leaves whole lines, and knows how many."""

    BLOCK = 512

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.pending: list[bytes] = []
        self.written = 0

    def add(self, line: bytes) -> None:
        self.pending.append(line)
        if len(self.pending) >= self.BLOCK:
            self.flush()

    def flush(self) -> None:
        from careerfit.base.interrupts import held_signals

        with held_signals():
            self.stream.write(b"".join(self.pending))
            self.stream.flush()
            self.written += len(self.pending)
            self.pending = []


@contextlib.contextmanager
def _progress(total: int | None) -> Any:
    """A progress bar on stderr for long inputs, only when stderr is a terminal."""
    try:
        interactive = sys.stderr.isatty()
    except (ValueError, OSError):
        interactive = False
    if not interactive:
        yield lambda: None
        return
    import time

    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    # Redrawn from here, not by rich's refresh thread: with no other thread about, a
    # signal held off while output goes out (_WholeLines) reaches this thread only after.
    with Progress(TextColumn("{task.description}"), BarColumn(),
                  TextColumn("{task.completed:,.0f} records"), TimeElapsedColumn(),
                  transient=True, auto_refresh=False, console=_stderr_console()) as bar:
        task = bar.add_task("scoring", total=total)
        count, drawn = 0, time.monotonic()

        def advance() -> None:
            nonlocal count, drawn
            count += 1
            if time.monotonic() - drawn >= 0.1:
                bar.update(task, completed=count, refresh=True)
                drawn = time.monotonic()

        yield advance


def _stderr_console() -> Any:
    from careerfit.terminal.render import make_console

    return make_console(stderr=True)


def _print_summary(summary: dict, role_names: dict[str, str], json_output: bool) -> None:
    import json

    if json_output:
        sys.stdout.write(json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
        return
    from careerfit.terminal.render import make_console, summary_view

    make_console().print(summary_view(summary, role_names))
