"""The command as a user runs it: exit codes, stdout, stderr, JSON, saved files."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
import yaml

from careerfit import __version__
from careerfit.bank import load_bank
from helpers import EXAMPLES, ROLE_IDS, ROOT, run, run_process, unfolded


def test_version_and_help_list_every_command():
    assert run("--version").stdout.strip() == f"careerfit {__version__}"
    result = run("--help")
    assert result.returncode == 0
    for command in ("quiz", "validate", "roles", "score", "schema"):
        assert command in result.stdout
    assert "130" in result.stdout and "Exit codes" in result.stdout


def test_validate_help_says_what_its_exit_codes_mean():
    # (0 and 2 mean something of their own here: a bank editor read "0 result printed".)
    out = " ".join(run("validate", "--help").stdout.split())
    assert "0 the bank is valid" in out and "2 problems found" in out


def test_quiz_help_explains_the_flags():
    out = run("quiz", "--help").stdout
    for flag in ("--answers", "--save", "--json", "--resume", "--edit", "--export", "--data"):
        assert flag in out


@pytest.mark.parametrize("command", ["", "quiz", "score", "roles", "questions", "validate",
                                     "schema", "calibrate"])
def test_help_fits_an_80_column_terminal(command):
    """A new user at 80 columns saw two example lines of 'quiz --help' wrap mid-word."""
    result = run(*command.split(), "--help", env={**os.environ, "COLUMNS": "80"})
    assert result.returncode == 0
    assert [line for line in result.stdout.splitlines() if len(line) > 80] == []


def test_a_compared_lists_wrapped_lines_hang_under_their_text():
    """(A new user found '• Statistics and probability, from' over 'sampling to
    significance' hard to scan: every wrapped line began under the bullet.)"""
    wide = {**os.environ, "COLUMNS": "100"}
    lines = run("roles", "--compare", "data-scientist", "ai-engineer", env=wide).stdout.splitlines()
    cells = [line.split("│")[2] for line in lines if line.count("│") == 4]
    items = [cell for cell in cells if cell.startswith(" • ")]
    wrapped = [cell for cell in cells if cell.strip() and not cell.startswith(" • ")
               and cell.startswith("   ")]
    assert len(items) > 10 and len(wrapped) > 5
    responsibilities = next(i for i, line in enumerate(lines) if "Responsibilities" in line)
    assert all(cell.startswith((" • ", "   ")) for cell in
               (line.split("│")[2] for line in lines[responsibilities:responsibilities + 8])
               if cell.strip()), lines[responsibilities:responsibilities + 8]


def test_compared_cards_say_what_is_compared_when_too_narrow_for_a_table():
    """At 80 columns the two cards come one after the other: a new user lost track of what
    was compared, and the list's footer broke 'careerfit roles --compare A B' in two."""
    narrow = {**os.environ, "COLUMNS": "80"}
    shown = run("roles", "--compare", "data-scientist", "ml-engineer", env=narrow).stdout
    assert shown.startswith("Comparing Data Scientist and Machine Learning Engineer, one after"
                            " the other")
    listing = run("roles", env=narrow).stdout.splitlines()
    assert "Compare two: careerfit roles --compare A B" in listing
    plain = run("roles", "--compare", "data-scientist", "ml-engineer", "--plain").stdout
    assert plain.startswith("Comparing Data Scientist and Machine Learning Engineer:")


def test_roles_takes_the_start_of_an_id_when_it_starts_only_one():
    """A new user typed 'careerfit roles ai-evaluation' for the blend
    'ai-evaluation-and-decision-science' and was refused."""
    card = json.loads(run("roles", "ai-evaluation", "--json").stdout)
    assert card["blend"] == "ai-evaluation-and-decision-science"
    compared = json.loads(run("roles", "--compare", "data", "ml", "--json").stdout)
    assert [c["role"] for c in compared["compare"]] == ["data-scientist", "ml-engineer"]
    shared = run("roles", "ai")
    assert shared.returncode == 2 and shared.stdout == ""
    assert "'ai' could be any of: ai-engineer, ai-evaluation-and-decision-science" in (
        shared.stderr)
    # --compare sets roles side by side, so a start there is a role's: a new user's
    # '--compare ml ai' was refused, as 'ai' starts a blend's id too.
    compared = json.loads(run("roles", "--compare", "ml", "ai", "--json").stdout)
    assert [c["role"] for c in compared["compare"]] == ["ml-engineer", "ai-engineer"]
    # ...and one word of an id will do when it names one (a new user typed 'evaluation').
    assert json.loads(run("roles", "Data-Scientist", "--json").stdout)["role"] == (
        "data-scientist")  # (a new user typed the name's capitals)
    card = json.loads(run("roles", "evaluation", "--json").stdout)
    assert card["blend"] == "ai-evaluation-and-decision-science"
    shared = run("roles", "scientist")
    assert "'scientist' could be any of: data-scientist, applied-scientist" in shared.stderr


def test_a_roles_card_lists_each_route_under_its_starting_point(bank):
    """'• From Already working as a data scientist:' read oddly to a new user: each route
    is its starting point's label, then the route, and the pay notes read alike."""
    result = run("roles", "--compare", "data-scientist", "ai-engineer", "--routes", "--plain")
    assert result.returncode == 0
    said = result.stdout
    for role_id in ("data-scientist", "ai-engineer"):
        for option in bank.background.options:
            route = bank.role(role_id).routes[option.id]
            assert f"{option.label}: {route}" in said
    assert "From " not in said
    assert all(r.salary.note.startswith("A market benchmark, not an offer: ")
               for r in bank.roles)


@pytest.mark.parametrize("role", ROLE_IDS)
def test_json_is_one_document_with_the_contract_keys(role):
    result = run("quiz", "--answers", str(EXAMPLES / f"{role}.yaml"), "--json")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    report = json.loads(result.stdout)
    assert report["schema_version"] == 1
    assert next(row["role"] for row in report["ranking"]) == role
    assert {row["role"] for row in report["ranking"]} == set(ROLE_IDS)
    assert all(0 <= row["fit"] <= 100 and row["name"] for row in report["ranking"])
    fits = [row["fit"] for row in report["ranking"]]
    assert fits == sorted(fits, reverse=True)
    assert report["recommendation"]["role"] == role
    assert report["recommendation"]["confidence"] == "high"
    saved = yaml.safe_load((EXAMPLES / f"{role}.yaml").read_text())
    assert report["answers"] == saved


def test_same_answers_give_byte_identical_json():
    args = ("quiz", "--answers", str(EXAMPLES / "ml-engineer.yaml"), "--json")
    assert run(*args).stdout == run(*args).stdout


def test_human_result_names_the_pick_reasons_and_next_steps():
    result = run("quiz", "--answers", str(EXAMPLES / "ai-engineer.yaml"))
    assert result.returncode == 0
    out = result.stdout
    assert "Recommended: AI Engineer" in out and "confidence: high" in out
    report = json.loads(run("quiz", "--answers", str(EXAMPLES / "ai-engineer.yaml"),
                            "--json").stdout)
    # Reasons are grouped under the role they pulled toward, with unsigned points.
    toward_pick = out.index("Toward AI Engineer")
    runner = report["ranking"][1]["name"]
    toward_runner = out.index(f"Toward {runner}")
    assert toward_pick < toward_runner
    for reason in report["reasons"]["for"]:
        line = f"{reason['points']:.1f} {reason['question_short']}:"
        assert toward_pick < out.index(line) < toward_runner
    pull = report["reasons"]["against"][0]
    assert out.index(f"{pull['points']:.1f} {pull['question_short']}:") > toward_runner
    assert "−" not in out.split("Next steps")[0] and "+1" not in out
    assert "Next steps toward AI Engineer" in out and "150,000" in out
    assert "full-stack" in out.lower()


def test_save_then_rerun_gives_the_identical_result(tmp_path):
    saved = tmp_path / "again.yaml"
    first = run("quiz", "--answers", str(EXAMPLES / "data-scientist.yaml"), "--json",
                "--save", str(saved))
    assert first.returncode == 0
    data = yaml.safe_load(saved.read_text())
    assert data["version"] == 2 and data["revision"] == load_bank().revision
    assert data["answers"]["tasks-you-enjoy"] == [
        "explore-messy-data", "write-experiment-readout"]
    assert run("quiz", "--answers", str(saved), "--json").stdout == first.stdout


def test_skipped_answers_are_kept_as_skip(tmp_path):
    answers = yaml.safe_load((EXAMPLES / "ml-engineer.yaml").read_text())
    answers["answers"]["on-call-ok"] = "skip"
    path = tmp_path / "a.yaml"
    path.write_text(yaml.safe_dump(answers))
    report = json.loads(run("quiz", "--answers", str(path), "--json").stdout)
    assert report["answers"]["answers"]["on-call-ok"] == "skip"
    assert report["coverage"]["skipped"] == 1


@pytest.mark.parametrize("stdin", [None, "\n", "1\n2\n"])
def test_quiz_without_a_terminal_refuses_at_once(stdin):
    result = run("quiz", stdin=stdin)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "--answers" in result.stderr and "Traceback" not in result.stderr


def test_missing_answers_without_a_terminal_are_listed(tmp_path):
    answers = yaml.safe_load((EXAMPLES / "ml-engineer.yaml").read_text())
    del answers["answers"]["on-call-ok"], answers["answers"]["meeting-part"]
    path = tmp_path / "partial.yaml"
    path.write_text(yaml.safe_dump(answers))
    result = run("quiz", "--answers", str(path), "--json")
    assert result.returncode == 2 and result.stdout == ""
    assert "meeting-part" in result.stderr and "on-call-ok" in result.stderr
    assert "2 question(s)" in result.stderr


def test_python_dash_m_works_from_another_folder(tmp_path):
    result = run_process("quiz", "--answers", str(EXAMPLES / "ml-engineer.yaml"), "--json",
                         cwd=tmp_path)
    assert result.returncode == 0 and result.stderr == ""
    assert json.loads(result.stdout)["recommendation"]["role"] == "ml-engineer"


def test_unknown_flag_is_a_usage_error():
    result = run("quiz", "--bogus")
    assert result.returncode == 2 and "No such option" in result.stderr


def test_a_bug_prints_a_short_report_message_and_exits_1(monkeypatch):
    from careerfit.app import cli, quiz

    def broken(options):
        raise RuntimeError("boom")

    monkeypatch.setattr(quiz, "run_quiz", broken)
    monkeypatch.delenv("CAREERFIT_DEBUG", raising=False)
    result = run("quiz")
    assert result.returncode == 1 and result.stdout == ""
    assert "bug in careerfit" in result.stderr and "Traceback" not in result.stderr
    assert "Traceback" in run("quiz", env={"CAREERFIT_DEBUG": "1"}).stderr
    assert "Traceback" in run("--debug", "quiz").stderr
    assert "Traceback" not in run("quiz").stderr, "--debug is for its own run only"
    # A run builds only its own command; the app keeps every command for the next caller.
    assert {c.callback.__name__ for c in cli.app.registered_commands} == {
        "quiz", "validate", "questions", "roles", "score", "calibrate", "schema_command"}


def test_adaptive_replay_counts_only_what_it_would_ask():
    full = json.loads(run("quiz", "--answers", str(EXAMPLES / "ml-engineer.yaml"),
                          "--json").stdout)
    replay = run("quiz", "--answers", str(EXAMPLES / "ml-engineer.yaml"), "--adaptive", "--json")
    assert replay.returncode == 0, replay.stderr
    report = json.loads(replay.stdout)
    assert report["coverage"]["stopped_early"] is True
    assert 7 <= report["coverage"]["asked"] < full["coverage"]["asked"]
    assert report["recommendation"]["role"] == full["recommendation"]["role"]
    assert report["recommendation"]["probability"] >= 0.95
    assert report["answers"]["adaptive"] is True
    coverage = report["coverage"]
    assert len(report["answers"]["answers"]) == coverage["asked"] + coverage["asked_unscored"]
    assert coverage["asked"] == coverage["answered"] + coverage["skipped"]


@pytest.mark.parametrize(("args", "words"), [
    (("--full", "--adaptive", "--answers", "x.yaml"), "can't be used together"),
    (("--adaptive",), "add --answers FILE"),
])
def test_adaptive_flag_misuse_is_refused(args, words):
    result = run("quiz", *args)
    assert result.returncode == 2 and words in result.stderr and result.stdout == ""


def test_adaptive_replay_needs_a_complete_file(tmp_path):
    answers = yaml.safe_load((EXAMPLES / "ml-engineer.yaml").read_text())
    del answers["answers"]["on-call-ok"]
    path = tmp_path / "partial.yaml"
    path.write_text(yaml.safe_dump(answers))
    result = run("quiz", "--answers", str(path), "--adaptive", "--json")
    assert result.returncode == 2 and "on-call-ok" in result.stderr and result.stdout == ""


@pytest.mark.parametrize("script", sorted(p.name for p in (ROOT / "bench").glob("*.py")))
def test_each_benchmark_script_starts(script):
    """The benchmarks import careerfit's internals: a move that breaks one fails here."""

    result = subprocess.run([sys.executable, str(ROOT / "bench" / script), "--help"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "usage:" in result.stdout


@pytest.mark.parametrize(("setup", "args", "message"), [
    ("read-only", ("--save", "F"), "--save F: the file is read-only"),
    ("symlink", ("--save", "F"), "--save F: is a symbolic link"),
    ("symlink", ("--export", "F"), "--export F: is a symbolic link"),
    ("none", ("--save", "F", "--export", "F"), "--save and --export both name F"),
])
def test_saving_refuses_what_it_must_not_replace(tmp_path, setup, args, message):
    target = tmp_path / "card.md"
    if setup == "read-only":
        target.write_text("keep me\n")
        target.chmod(0o444)
    elif setup == "symlink":
        (tmp_path / "elsewhere.md").write_text("keep me\n")
        target.symlink_to(tmp_path / "elsewhere.md")
    args = tuple(str(target) if a == "F" else a for a in args)
    result = run("quiz", "--answers", str(EXAMPLES / "ai-engineer.yaml"), *args)
    assert result.returncode == 2
    assert message.replace("F", str(target)) in result.stderr
    assert "Traceback" not in result.stderr
    if setup != "none":
        assert target.read_text() == "keep me\n" and target.is_symlink() == (setup == "symlink")


def test_saved_files_follow_the_umask_and_keep_a_replaced_files_mode(tmp_path):
    import stat

    saved, card, kept = tmp_path / "me.yaml", tmp_path / "card.html", tmp_path / "old.yaml"
    kept.write_text("version: 2\n")
    kept.chmod(0o604)
    answers = str(EXAMPLES / "ai-engineer.yaml")
    umask = os.umask(0o027)
    try:
        for args in (("--save", str(saved), "--export", str(card)), ("--save", str(kept))):
            assert run("quiz", "--answers", answers, *args).returncode == 0
    finally:
        os.umask(umask)
    assert stat.S_IMODE(saved.stat().st_mode) == 0o640  # 0666 less the umask 027
    assert stat.S_IMODE(card.stat().st_mode) == 0o640
    assert stat.S_IMODE(kept.stat().st_mode) == 0o604  # a replaced file keeps its own


def test_questions_lists_every_id_an_answers_file_may_use():
    from careerfit.bank import load_bank

    bank = load_bank()
    listing = json.loads(run("questions", "--json").stdout)["questions"]
    assert [q["id"] for q in listing] == [q.id for q in bank.questions]
    pair = next(q for q in listing if q["type"] == "pair")
    assert "both" in [a["id"] for a in pair["answers"]]
    assert all(q["answers"][-1]["id"] == "skip" for q in listing)
    text = run("questions").stdout
    assert "on-call-ok (scale): being on call" in text and "    strongly-agree:" in text
    help_text = run("--help").stdout
    assert "questions  List the question and answer ids." in help_text
    assert "..." not in help_text.split("Commands:")[1].split("Exit codes")[0]


def test_a_misspelled_id_points_to_the_list_of_ids(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text("version: 2\nanswers:\n  on-cal-ok: agree\n")
    result = run("quiz", "--answers", str(path))
    assert result.returncode == 2
    assert "did you mean 'on-call-ok'? ('careerfit questions' lists every id)" in result.stderr


def test_roles_lists_the_blends_and_shows_one():
    listing = run("roles", env={"COLUMNS": "100"}).stdout
    assert "Blends: where two roles meet" in listing
    assert "LLM platform engineering (llm-platform-engineering)" in listing
    plain = run("roles", "--plain").stdout
    assert "  Applied Scientist (applied-scientist): Data Scientist + Machine Learning" \
           " Engineer" in plain
    blend = run("roles", "llm-platform-engineering", "--plain")
    assert blend.returncode == 0, blend.stderr
    assert blend.stdout.startswith("LLM platform engineering\nWhere Machine Learning Engineer"
                                   " and AI Engineer meet")
    # Its two roles' pay, routes and work, side by side, in one command that works (a PhD
    # drawn to a blend found none of them on its card).
    command = "careerfit roles --compare ml-engineer ai-engineer --routes"
    assert f"the two roles: {command}\n" in blend.stdout  # (a pipe gets lines whole)
    narrow = run("roles", "llm-platform", env={"COLUMNS": "50"}).stdout
    assert all(len(line) <= 50 for line in narrow.splitlines())
    # At 50 columns on lines of its own, each but the last ending in a line continuation.
    assert command in unfolded(narrow).splitlines() and " \\\n" in narrow
    compared = run(*command.split()[1:])
    assert compared.returncode == 0 and "Pay" in compared.stdout
    data = json.loads(run("roles", "applied-scientist", "--json").stdout)
    assert data["roles"] == ["data-scientist", "ml-engineer"]
    assert [b["blend"] for b in json.loads(run("roles", "--json").stdout)["blends"]] == [
        "applied-scientist", "ai-evaluation-and-decision-science", "llm-platform-engineering"]
    unknown = run("roles", "nope")
    assert "blends: applied-scientist" in unknown.stderr


def test_roles_help_says_what_plain_does_to_a_listing():
    text = " ".join(run("roles", "--help", env={"COLUMNS": "200"}).stdout.split())
    assert "typing numbers" not in text
    assert "no boxes, tables or colour" in text


def test_a_file_given_to_quiz_without_answers_is_told_the_option():
    """'careerfit quiz answers.yaml' said only 'Got unexpected extra argument'."""
    result = run("quiz", "answers.yaml")
    assert result.returncode == 2 and result.stdout == ""
    assert "unexpected extra argument" in result.stderr
    assert "careerfit quiz --answers answers.yaml" in result.stderr
    other = run("roles", "data-scientist", "extra")
    assert other.returncode == 2 and "--answers" not in other.stderr


@pytest.mark.parametrize("command", ["quiz", "score", "roles", "validate"])
def test_help_fits_a_60_column_terminal(command):
    # (At 60 columns the quiz's examples, laid out as a table, broke mid-word: "every qu /
    # estion", "saved an / swers".)
    shown = run(command, "--help", env={**os.environ, "COLUMNS": "60"}).stdout
    assert "Usage:" in shown
    assert [line for line in shown.splitlines() if len(line) > 60] == []


def test_a_cards_routes_follow_the_starting_point_questions_order(bank):
    # (A data engineer scanned for their own line: the card listed it after the analyst's
    # and before the software engineer's, the question the other way round.)
    shown = run("roles", "ml-engineer", "--plain").stdout
    labels = [o.label for o in bank.background.options]
    places = [shown.index(f"{label}: ") for label in labels]
    assert places == sorted(places)


def test_a_role_card_shows_its_weekend_project(bank):
    # (A bank editor who reworded one found it nowhere but in a result between two roles.)
    role = bank.role("ml-engineer")
    card = json.loads(run("roles", "ml-engineer", "--json").stdout)
    assert card["taster"] == role.taster
    shown = run("roles", "ml-engineer", "--plain").stdout
    assert f"Weekend project:\n  {role.taster}" in shown


def test_careerfit_plain_makes_every_command_plain_and_plain_mode_says_so():
    """(A screen-reader user run with --plain was sent by the result to commands that
    printed bullets and boxes.)"""
    example = str(EXAMPLES / "ml-engineer.yaml")
    flagged = run("quiz", "--answers", example, "--plain")
    assert flagged.stdout.startswith("Recommended: Machine Learning Engineer\n")
    assert "Tip: set CAREERFIT_PLAIN=1" in flagged.stderr
    env = {**os.environ, "CAREERFIT_PLAIN": "1", "COLUMNS": "100"}
    quiz = run("quiz", "--answers", example, env=env)
    assert quiz.stdout.startswith("Recommended: Machine Learning Engineer\n")
    assert "CAREERFIT_PLAIN" not in quiz.stderr
    compared = run("roles", "--compare", "data-scientist", "ml-engineer", env=env).stdout
    assert "•" not in compared and "─" not in compared and "Data Scientist" in compared
    assert "─" in run("roles", "--compare", "data-scientist", "ml-engineer",
                      env={**env, "CAREERFIT_PLAIN": "0"}).stdout


def test_roles_takes_an_id_copied_with_the_full_stop_of_its_sentence():
    # (A torn user copied 'careerfit roles --compare ai-engineer data-scientist.' whole.)
    copied = run("roles", "--compare", "ai-engineer", "data-scientist.")
    assert copied.returncode == 0 and "Data Scientist" in copied.stdout
    assert run("roles", "applied-scientist.").returncode == 0
