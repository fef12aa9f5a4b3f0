"""The ``careerfit`` command line: flags in, a call into the command's own module.
The entry point (:mod:`~careerfit.app.entry`) runs it and maps what ends it to an exit code.

Heavy modules (rich, questionary, the scoring core) are imported inside the
commands that use them, so ``--version``, ``--help`` and ``--json`` runs stay fast.
"""


import copy
import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from careerfit import __version__
from careerfit.base.errors import CareerfitError
from careerfit.documents.schema import NAMES as SCHEMAS

if TYPE_CHECKING:
    import click


def exit_codes(interrupted: str = "", *, ok: str = "result printed",
               bad: str = "bad usage or bad input (answers file, data files, flags)") -> str:
    """The exit codes, for a command's --help; *interrupted* says what a stop keeps, *ok*
    and *bad* what 0 and 2 mean for the command."""
    return (f"Exit codes: 0 {ok}; 2 {bad}; 130 interrupted"
            f"{f' ({interrupted})' if interrupted else ''}; 1 a bug in careerfit (please report"
            " it; 'careerfit --debug COMMAND ...' or CAREERFIT_DEBUG=1 shows the traceback).")


EXIT_CODES = exit_codes()

app = typer.Typer(
    name="careerfit",
    help="Which AI role fits you: Data Scientist, Machine Learning Engineer or AI Engineer?"
    " Take the quiz, read a ranked, explained recommendation, save and revise your answers."
    " For a screen reader or a log, add --plain to quiz or roles: linear text, questions"
    " answered by typing numbers; or set CAREERFIT_PLAIN=1 for it in every command.",
    epilog=EXIT_CODES,
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

_debug = {"on": False}

PlainOption = Annotated[bool, typer.Option(
    "--plain", help="Linear text for screen readers and logs: no boxes, bars or colour, and"
                    " questions answered by typing numbers. Chosen automatically when TERM=dumb"
                    " or CAREERFIT_PLAIN=1.",
)]
# careerfit roles asks nothing: its --plain says only what it does to the output.
RolesPlainOption = Annotated[bool, typer.Option(
    "--plain", help="Linear text for screen readers and logs: no boxes, tables or colour,"
                    " one item per line. Chosen automatically when TERM=dumb or"
                    " CAREERFIT_PLAIN=1.",
)]
ColorOption = Annotated[bool | None, typer.Option(
    "--color/--no-color", help="Force colour on or off (default: on in a terminal, off when"
                               " NO_COLOR is set; FORCE_COLOR forces it on).", show_default=False,
)]


def _apply_color(color: bool | None) -> None:
    """--color/--no-color as the NO_COLOR / FORCE_COLOR conventions rich and prompts follow."""
    if color is False:
        os.environ["NO_COLOR"] = "1"
        os.environ.pop("FORCE_COLOR", None)
    elif color is True:
        os.environ.pop("NO_COLOR", None)
        os.environ["FORCE_COLOR"] = "1"


DataOption = Annotated[
    Path | None,
    typer.Option("--data", metavar="DIR",
                 help="Use another question bank: a folder with questions.yaml and roles.yaml."),
]


def complete_role(incomplete: str) -> list[tuple[str, str]]:
    """Role ids of the default bank for shell completion (loaded only when completing)."""
    from careerfit.bank import load_bank

    try:
        roles = load_bank().roles
    except CareerfitError:
        return []
    return [(r.id, r.name) for r in roles if r.id.startswith(incomplete)]


def complete_role_or_blend(incomplete: str) -> list[tuple[str, str]]:
    """Role and blend ids of the default bank for shell completion."""
    from careerfit.bank import load_bank

    try:
        blends = load_bank().blends
    except CareerfitError:
        return []
    return complete_role(incomplete) + [(b.id, b.name) for b in blends
                                        if b.id.startswith(incomplete)]


def _version(value: bool) -> None:
    if value:
        print(f"careerfit {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks of unexpected errors.")
                     ] = False,
) -> None:
    """Which AI role fits you? Run 'careerfit quiz' to find out."""
    debug_wanted(debug)


@app.command(epilog=exit_codes("answers so far are kept, see --resume"),
             short_help="Take the quiz, or score saved answers.")
def quiz(
    answers: Annotated[Path | None, typer.Option(
        "--answers", "-a", metavar="FILE",
        help="Score a saved answers file instead of asking. Questions missing from it are"
             " asked when a terminal is attached; without one the run stops and lists them.",
    )] = None,
    save: Annotated[Path | None, typer.Option(
        "--save", "-s", metavar="FILE",
        help="Write the answers to FILE (YAML, by question id) to re-run or revise later.",
    )] = None,
    json_output: Annotated[bool, typer.Option(
        "--json", help="Print one JSON document on stdout and nothing else.",
    )] = False,
    resume: Annotated[bool, typer.Option(
        "--resume", help="Continue the quiz you left unfinished, keeping earlier answers.",
    )] = False,
    edit: Annotated[bool, typer.Option(
        "--edit", help="With --answers: open the review list of the saved answers and change"
                       " the ones you pick (with --no-review: every question again, the saved"
                       " answer preselected).",
    )] = False,
    more: Annotated[bool, typer.Option(
        "--more", help="With --answers FILE from an adaptive quiz: ask more questions, the"
                       " most telling first, as the quiz would have gone on.",
    )] = False,
    review: Annotated[bool, typer.Option(
        "--review/--no-review", help="After the last question, list every answer to change any.",
    )] = True,
    export: Annotated[Path | None, typer.Option(
        "--export", metavar="FILE",
        help="Also write the result card to FILE: .svg, .html or .md (chosen by suffix).",
    )] = None,
    full: Annotated[bool, typer.Option(
        "--full", help="Ask every question in the bank's order instead of stopping once the"
                       " pick is sure.",
    )] = False,
    adaptive: Annotated[bool, typer.Option(
        "--adaptive", help="With --answers: replay a complete answers file in the adaptive"
                           " order and score only the questions the quiz would have asked.",
    )] = False,
    plain: PlainOption = False,
    color: ColorOption = None,
    data: DataOption = None,
) -> None:
    """Take the career-fit quiz (arrow keys) or score saved answers.

    The quiz is adaptive: it asks the question that tells the most next, and stops
    once what it will say is settled (one role, or between two), after at least 6
    scored answers and at most 20 (the bank's cap), usually after 6 to 10; the
    starting-point question comes on top, so the count shows "of at most 21". If it could not
    settle, it says between what, and how many more answers would settle it for about
    half of people who answer so; it then offers to ask a few more. --full asks every
    question.

    \b
    Examples:
      Adaptive, only what it needs:
        careerfit quiz
      Every question, answers kept:
        careerfit quiz --full --save me.yaml
      Saved answers, for a script:
        careerfit quiz --answers me.yaml --json
      Revise them:
        careerfit quiz --answers me.yaml --edit --save me.yaml
      Answer a few more:
        careerfit quiz --answers me.yaml --more --save me.yaml
      What the quiz would ask of a complete file:
        careerfit quiz --answers me.yaml --adaptive
      Continue after Ctrl-C:
        careerfit quiz --resume
    """
    from careerfit.app.quiz import QuizOptions, run_quiz

    _apply_color(color)
    run_quiz(QuizOptions(answers=answers, save=save, json_output=json_output, resume=resume,
                         edit=edit, review=review, export=export, data=data, full=full,
                         adaptive=adaptive, plain=plain, more=more))


@app.command(epilog=exit_codes(ok="the bank is valid (one line says OK)",
                              bad="problems found (each printed as file:line: message), or"
                                  " bad usage"),
             short_help="Check an edited question bank.")
def validate(data: DataOption = None) -> None:
    """Check questions.yaml and roles.yaml and report every problem as file:line: message."""
    from careerfit.app.validate import run_validate

    run_validate(data)


@app.command(epilog=EXIT_CODES, short_help="List the question and answer ids.")
def questions(
    json_output: Annotated[bool, typer.Option("--json", help="Print JSON instead.")] = False,
    data: DataOption = None,
) -> None:
    """List every question's id, type and short label, with its answer ids: what an
    answers file may say."""
    from careerfit.app.questions import run_questions

    run_questions(json_output, data)


@app.command(epilog=EXIT_CODES, short_help="Show the roles and their cards.")
def roles(
    role: Annotated[str | None, typer.Argument(
        metavar="[ROLE]", help="A role id: show its full card. A blend's id (from the"
                               " list) shows where its two roles meet. The start of an id"
                               " will do when it starts only one ('ai-eval').",
        autocompletion=complete_role_or_blend)] = None,
    compare: Annotated[tuple[str, str] | None, typer.Option(
        "--compare", metavar="A B", help="Show two roles side by side.",
        autocompletion=complete_role)] = None,
    routes: Annotated[bool, typer.Option(
        "--routes", help="With --compare: add the transition routes from every background.",
    )] = False,
    json_output: Annotated[bool, typer.Option("--json", help="Print JSON instead.")] = False,
    plain: RolesPlainOption = False,
    color: ColorOption = None,
    data: DataOption = None,
) -> None:
    """List the roles and their blends, or show a role's card: work, skills, tools, pay,
    ways in."""
    from careerfit.app.roles import run_roles

    _apply_color(color)
    run_roles(role, compare, json_output, data, routes, plain)


@app.command(epilog=exit_codes("the lines printed so far are whole; the message says how many"),
             short_help="Score many answer sets at once.")
def score(
    files: Annotated[list[Path] | None, typer.Argument(
        metavar="[FILE ...|-]",
        help="YAML answers files; none, or '-', reads JSON Lines from standard input"
             " (one answers object per line, with an optional \"id\").")] = None,
    full: Annotated[bool, typer.Option(
        "--full", help="Print the whole result document on each line, not only ranking,"
                       " recommendation and outcome.")] = False,
    summary: Annotated[bool, typer.Option(
        "--summary", help="Print a summary of the whole input instead: how many got each"
                          " verdict, confidence levels, the traits that separate the cohort"
                          " most, which records could not be scored, and (up to 50"
                          " people) each person's verdict.")] = False,
    json_output: Annotated[bool, typer.Option(
        "--json", help="With --summary: one JSON document instead of a table (without it,"
        " every line is JSON already).")] = False,
    data: DataOption = None,
) -> None:
    """Score many answer sets in one process: one JSON line out per answer set in.

    \b
    Examples:
      One line per file:
        careerfit score a.yaml b.yaml
      JSON Lines in, JSON Lines out:
        careerfit score < cohort.jsonl > scored.jsonl
      A table for a folder of saved answers:
        careerfit score --summary answers/*.yaml
      The cohort's summary as one JSON document:
        careerfit score --summary --json < cohort.jsonl

    A bad record gets a line {"id": ..., "error": {"message": ..., "where": ..., "fix":
    ...}}; the rest are still scored, and the run exits 2 at the end if any record was
    bad.
    """
    from careerfit.app.score import run_score

    run_score(files or [], full=full, summary=summary, json_output=json_output, data=data)


@app.command(epilog=EXIT_CODES, short_help="Fit the model to labelled people.")
def calibrate(
    labelled: Annotated[Path, typer.Argument(
        metavar="LABELLED.jsonl",
        help="JSON Lines of labelled answer sets: each an answers object plus \"truth\""
             " and \"split\" (see docs/model.md, 'Calibration').")],
    write: Annotated[bool, typer.Option(
        "--write", help="Save the fit as calibration.yaml in the bank's folder.")] = False,
    fit_prior: Annotated[bool, typer.Option(
        "--fit-prior", help="Also learn how common each kind of person is. Only for a"
                            " representative sample, not a corpus built with so many of"
                            " each kind.")] = False,
    fit_items: Annotated[bool, typer.Option(
        "--fit-items", help="Also learn how strongly each question speaks: one value per"
                            " question, so only with many more people than questions.")] = False,
    json_output: Annotated[bool, typer.Option("--json", help="Print JSON instead.")] = False,
    data: DataOption = None,
) -> None:
    """Fit the response model to people whose truth is known, and report on held-out ones.

    The fit learns from the people marked "split": "fit" (the blends' profiles and the
    sensitivity; with --fit-prior also how common each kind of person is), pulled toward
    the hand-set values. It reports top-1, blends named, wrong 'high' picks and the Brier
    score on the people marked "held-out", before and after. Role profiles and option
    effects, and so every fit, stay as written.
    """
    from careerfit.app.calibrate import run_calibrate

    run_calibrate(labelled, data=data, write=write, json_output=json_output,
                  with_prior=fit_prior, with_items=fit_items)


@app.command("schema", epilog=EXIT_CODES, short_help="Print a document's JSON Schema.")
def schema_command(
    name: Annotated[str, typer.Argument(
        metavar="|".join(SCHEMAS), autocompletion=lambda incomplete: [
            n for n in SCHEMAS if n.startswith(incomplete)],
        help="'result' (what quiz --json prints), 'answers' (answers files), 'score' (each"
             " line careerfit score prints, --full and errors included) or 'summary' (score"
             " --summary --json).",
    )],
) -> None:
    """Print the JSON Schema (draft 2020-12) of a careerfit document, to validate against."""
    from careerfit.app.schema import run_schema

    run_schema(name)


def _app_for(args: list[str]) -> typer.Typer:
    """The app with only the command this run invokes, when the first argument names one.

    Typer rebuilds every command's parameters from its signature on each start (about
    3 ms for five commands); a run needs only its own. ``careerfit --help``, shell
    completion and anything else that is not a plain command name get the whole app. The
    app itself is left as it is: the run gets a shallow copy."""
    if not args or any(key.endswith("_COMPLETE") for key in os.environ):
        return app
    invoked = [info for info in app.registered_commands
               if (info.name or info.callback.__name__) == args[0]]
    if not invoked:
        return app
    only = copy.copy(app)
    only.registered_commands = invoked
    return only


def command_for(args: list[str]) -> "click.Command":
    """The click command that runs *args* (the entry point, app/entry.py, runs it)."""
    return typer.main.get_command(_app_for(args))


def usage_errors() -> tuple[type[Exception], type[Exception]]:
    """Click's usage error and its Ctrl-D 'abort', as this typer raises them (typer 0.28
    carries its own copy of click; earlier ones use click's)."""
    try:
        from typer._click.exceptions import ClickException
    except ImportError:
        from click.exceptions import ClickException
    return ClickException, typer.Abort


def debug_wanted(value: bool | None = None) -> bool:
    """Whether --debug was given (set by the root callback; reset by each run)."""
    if value is not None:
        _debug["on"] = value
    return _debug["on"]
