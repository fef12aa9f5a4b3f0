"""The screens people read: every width, the summary last, advice that knows the background."""

from __future__ import annotations

import io
import json

import pytest
import yaml
from rich.console import Console

from careerfit.bank import load_bank
from careerfit.documents.answers import read_answers
from careerfit.documents.report import build_report
from careerfit.documents.roledata import role_card
from careerfit.engine.result import evaluate
from careerfit.simulation.simulate import people
from careerfit.terminal.cards import roles_view
from helpers import EXAMPLES, ROLE_IDS, run

WIDTHS = (40, 60, 80, 120)
NAMES = ("Data Scientist", "Machine Learning Engineer", "AI Engineer")
BANK = load_bank()


def screen(renderable, width: int) -> list[str]:
    """The lines *renderable* takes on a screen *width* columns wide, printed as careerfit
    prints it (render.show)."""
    from careerfit.terminal.render import show

    console = Console(width=width, file=io.StringIO(), color_system=None)
    show(renderable, console)
    return console.file.getvalue().splitlines()


def report_for(name: str) -> dict:
    answers = read_answers(EXAMPLES / f"{name}.yaml", BANK)
    return build_report(BANK, evaluate(BANK, answers.picks), answers)


def view_for(name: str):
    from careerfit.view.model import build_view

    return build_view(report_for(name))


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("example", [*ROLE_IDS, "torn-ds-mle"])
def test_result_names_and_fits_are_whole_at_every_width(example, width):
    from careerfit.terminal.render import result_view

    report = report_for(example)
    lines = screen(result_view(view_for(example), width), width)
    assert all(len(line) <= width for line in lines)
    for row in report["ranking"]:
        assert any(row["name"] in line and f"{row['fit']:.1f}" in line for line in lines), (
            row, width)


@pytest.mark.parametrize("example", ["llm-platform", "torn-ds-mle"])
def test_the_headline_and_the_fits_end_an_80_by_24_screen(example):
    """(At 80 x 24 a new user drawn to a blend found his headline and his fits scrolled
    off above the blend's paragraph.) The blend is described above the ranking."""
    from careerfit.terminal.render import result_view

    view = view_for(example)
    last = screen(result_view(view, 80), 80)[-23:]  # (the 24th: the scroll hint)
    assert "Your fit with each role (out of 100)" in last
    assert any(line.startswith(f"{view.verdict.label}:") for line in last)


@pytest.mark.parametrize("example", [*ROLE_IDS, "torn-ds-mle"])
def test_the_summary_is_on_screen_when_the_command_ends(example):
    """In a 100x40 terminal the last 40 lines hold the ranking, the pick and how sure."""
    from careerfit.terminal.render import result_view

    view = view_for(example)
    last = "\n".join(screen(result_view(view, 100), 100)[-40:])
    assert "Your fit with each role (out of 100)" in last
    assert all(name in last for name in NAMES)
    assert view.verdict.sureness[:40] in last.replace("\n", " ")
    assert f"{view.verdict.label}:" in last


@pytest.mark.parametrize("width", WIDTHS)
def test_role_list_and_comparison_keep_names_whole(width):
    listing = screen(roles_view(BANK, [], False, width), width)
    assert all(any(name in line for line in listing) for name in NAMES)
    cards = [role_card(BANK.role(r)) for r in ("data-scientist", "ml-engineer")]
    compared = screen(roles_view(BANK, cards, False, width), width)
    assert all(len(line) <= width for line in compared)
    assert any("Machine Learning Engineer" in line for line in compared)
    assert not any("Transition routes" in line for line in compared)
    with_routes = screen(roles_view(BANK, cards, True, width), width)
    assert any("Transition routes" in line for line in with_routes)


@pytest.mark.parametrize(("role", "background", "already_known"), [
    ("data-scientist", "analyst", "SQL"),
    ("ml-engineer", "software-engineer", "Testing"),
    ("ai-engineer", "full-stack", "Production Python"),
    # A statistics PhD found only the student's route ('Take statistics and SQL
    # seriously'): researchers have a starting point of their own.
    ("data-scientist", "researcher", "Statistics"),
])
def test_next_steps_leave_out_what_the_background_brings(tmp_path, role, background,
                                                         already_known):
    answers = yaml.safe_load((EXAMPLES / f"{role}.yaml").read_text())
    answers["answers"]["background"] = background
    path = tmp_path / "a.yaml"
    path.write_text(yaml.safe_dump(answers))
    steps = json.loads(run("quiz", "--answers", str(path), "--json").stdout)["next_steps"]
    assert len(steps["skill_priorities"]) == 3
    assert steps["route"] == BANK.role(role).routes[background]
    assert not any(already_known in p for p in steps["skill_priorities"])
    screen_text = run("quiz", "--answers", str(path)).stdout
    label = next(o.label for o in BANK.background.options if o.id == background)
    assert label.split()[0] in screen_text  # route labels keep their capitals


def test_unsure_results_show_both_roles_next_steps():
    report = report_for("torn-ds-mle")
    compared = report["next_steps_compared"]
    assert [s["role"] for s in compared] == ["ml-engineer", "data-scientist"]
    assert len(report["reasons"]["for"]) == len(report["reasons"]["against"])
    assert report_for("ml-engineer")["next_steps_compared"] is None


def test_flat_profile_says_what_was_observed():
    for person in people(BANK, 60, seed=2, personas=("equal",), skip_rate=0.0):
        result = evaluate(BANK, person.picks)
        if result.confidence == "none":
            from careerfit.documents.answers import AnswerSet

            summary = build_report(BANK, result, AnswerSet(person.picks))[
                "recommendation"]["summary"]
            assert "fit every role about equally" in summary
            assert "careerfit roles --compare" in summary
            assert "skipped" not in summary  # nothing was skipped, so no such advice
            return
    pytest.fail("no flat profile among 60 simulated all-alike people")


def test_save_and_export_say_what_they_wrote(tmp_path):
    saved, card = tmp_path / "me.yaml", tmp_path / "card.md"
    result = run("quiz", "--answers", str(EXAMPLES / "ai-engineer.yaml"), "--json",
                 "--save", str(saved), "--export", str(card))
    assert result.returncode == 0
    assert f"Saved {len(BANK.questions)} answers to {saved}" in result.stderr
    assert f"Wrote the result card to {card}" in result.stderr
    json.loads(result.stdout)  # stdout still carries only the JSON


def test_hints_show_under_their_question(monkeypatch):
    from careerfit.terminal import ask

    seen = {}

    def fake_select(message, **kwargs):
        seen["instruction"] = kwargs["instruction"]
        raise KeyboardInterrupt

    monkeypatch.setattr(ask.questionary, "select", fake_select)
    question = BANK.question("on-call-ok")
    with pytest.raises(KeyboardInterrupt):
        ask.Prompter(output=object()).ask(question, "(1/45)")
    shown = " ".join(seen["instruction"].split())  # wrapped to the terminal's width
    assert question.hint and question.hint in shown
    assert seen["instruction"].startswith("\n")  # on its own line, under the question


def test_color_flags_follow_the_conventions():
    example = str(EXAMPLES / "ai-engineer.yaml")
    colour = run("quiz", "--answers", example, "--color").stdout
    assert "\x1b[" in colour  # forced on even into a pipe
    assert "\x1b[" not in run("quiz", "--answers", example, "--no-color",
                              env={"FORCE_COLOR": "1"}).stdout
    no_color = run("quiz", "--answers", example, env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert "\x1b[3" not in no_color.stdout.replace("\x1b[3m", "")  # styles stay, colours go


def test_plain_output_is_one_fact_per_line():
    out = run("quiz", "--answers", str(EXAMPLES / "torn-ds-mle.yaml"), "--plain").stdout
    assert not any(mark in out for mark in ("╭", "│", "█", "\x1b["))
    assert out.splitlines()[0] == "Torn between: Machine Learning Engineer and Data Scientist"
    assert "Hybrid path: Applied Scientist." in out
    assert "Next steps toward Data Scientist:" in out  # both roles' steps when unsure
    dumb = run("roles", "--compare", "data-scientist", "ai-engineer", env={"TERM": "dumb"})
    assert "Skill priorities:" in dumb.stdout and "╭" not in dumb.stdout


def test_the_shared_key_bindings_are_upstreams_less_vi_mode():
    """careerfit rebuilds prompt_toolkit's default key bindings without the vi maps
    (terminal/ask.py). If an upstream release adds, drops or changes a default binding
    outside vi mode, this fails: update _default_key_bindings_without_vi and the pinned
    prompt_toolkit range in pyproject.toml together."""
    from collections import Counter

    from prompt_toolkit.key_binding.bindings.vi import load_vi_bindings, load_vi_search_bindings
    from prompt_toolkit.key_binding.defaults import load_key_bindings

    from careerfit.terminal.ask import _default_key_bindings_without_vi

    def handlers(bindings) -> Counter:
        return Counter((b.handler.__module__, b.handler.__qualname__,
                        tuple(str(k) for k in b.keys)) for b in bindings.bindings)

    upstream = handlers(load_key_bindings())
    vi_mode = handlers(load_vi_bindings()) + handlers(load_vi_search_bindings())
    ours = handlers(_default_key_bindings_without_vi())
    assert ours == upstream - vi_mode
    assert ours.total() > 200  # the emacs, basic, mouse and cursor-position maps are there


@pytest.mark.parametrize("example", ["torn-ds-mle", "llm-platform"])
def test_tasters_show_in_every_view_when_the_verdict_is_between_two_roles(tmp_path, example):
    """Torn or drawn to a blend: a weekend project for each of the first two roles, on
    the screen, in plain mode and in the exported card; a clear pick shows none. None
    for the role the person already works in (two new users already in the role were
    told to try it out for a weekend)."""
    from careerfit.view.model import OWN_ROLE_TASTER, TASTERS_HEADING

    answers = str(EXAMPLES / f"{example}.yaml")
    report = json.loads(run("quiz", "--answers", answers, "--json").stdout)
    tasters = report["tasters"]
    started = report["answers"]["answers"]["background"]
    assert [t["role"] for t in tasters] == [r["role"] for r in report["ranking"][:2]
                                            if r["role"] != started]
    assert (started == "data-scientist") == (example == "torn-ds-mle")
    card = tmp_path / "card.md"
    views = {"screen": run("quiz", "--answers", answers, env={"COLUMNS": "200"}).stdout,
             "plain": run("quiz", "--answers", answers, "--plain").stdout}
    run("quiz", "--answers", answers, "--export", str(card))
    views["export"] = card.read_text()
    for name, text in views.items():
        flat = " ".join(text.split())
        assert TASTERS_HEADING in flat, name
        for taster in tasters:
            assert " ".join(taster["taster"].split()) in flat, name
        # ...and the role left out says why (a data scientist looked for its project).
        own = f"Data Scientist: {OWN_ROLE_TASTER}" if name != "export" else OWN_ROLE_TASTER
        assert (own in flat) == (example == "torn-ds-mle"), name
    clear = run("quiz", "--answers", str(EXAMPLES / "data-scientist.yaml"), "--plain").stdout
    assert TASTERS_HEADING not in clear


@pytest.mark.parametrize(("example", "lead"), [
    ("torn-ds-mle", "Torn between: Machine Learning Engineer and Data Scientist"),
    ("llm-platform", "Drawn to: LLM platform engineering (where Machine Learning Engineer"
                     " and AI Engineer meet)"),
    ("data-scientist", "Recommended: Data Scientist")])
def test_every_view_leads_with_the_verdict(tmp_path, example, lead):
    """A result between two roles leads with that, not with 'Recommended: X' beside
    'fewer than 1 in 100 have X as their clear main fit'."""
    answers = str(EXAMPLES / f"{example}.yaml")
    card = tmp_path / "card.md"
    run("quiz", "--answers", answers, "--export", str(card))
    views = {"screen": run("quiz", "--answers", answers, env={"COLUMNS": "200"}).stdout,
             "plain": run("quiz", "--answers", answers, "--plain").stdout,
             "export": card.read_text().replace("**", "")}
    for name, text in views.items():
        assert lead in " ".join(text.split()), name
        if not lead.startswith("Recommended"):
            assert "Recommended:" not in text, name
    # Every column of the Markdown card's table has a heading; no bars to read out.
    assert "| # | Role | Fit |\n" in views["export"] and "█" not in views["export"]


@pytest.mark.parametrize("width", [40, 50, 60, 100])
def test_long_answers_wrap_with_a_hanging_indent_at_any_width(monkeypatch, width):
    """Answer lines are wrapped by careerfit at word boundaries, never cut at the edge."""
    from careerfit.terminal import ask

    seen = {}

    def fake(kind):
        def prompt(message, choices, **kwargs):
            seen[kind] = [c.title for c in choices if hasattr(c, "title")]
            raise KeyboardInterrupt
        return prompt

    monkeypatch.setattr(ask.questionary, "select", fake("select"))
    monkeypatch.setattr(ask.questionary, "checkbox", fake("checkbox"))

    class Narrow:
        def get_size(self):
            return type("Size", (), {"columns": width})()

    prompter = ask.Prompter(output=Narrow())
    for question in (BANK.background, BANK.question("tasks-you-enjoy")):
        with pytest.raises(KeyboardInterrupt):
            prompter.ask(question, "(1/57)")
    for kind, indent in (("select", ask.SELECT_INDENT), ("checkbox", ask.CHECKBOX_INDENT)):
        for title in seen[kind]:
            lines = title.split("\n")
            assert all(len(line) + indent <= width for line in lines), (kind, title)
            assert all(line.startswith(" " * indent) for line in lines[1:]), (kind, title)
    joined = [" ".join(t.split()) for t in seen["select"]]
    assert "Software engineer (backend, platform, infrastructure, SRE)" in joined


@pytest.mark.parametrize("width", [40, 50, 60, 100])
def test_wrapped_reasons_hang_under_their_text(width):
    from careerfit.terminal.render import result_view

    lines = screen(result_view(view_for("ai-engineer"), width), width)
    start = next(i for i, line in enumerate(lines) if line.startswith("Toward "))
    for line in lines[start + 1:]:
        if not line.strip() or line.startswith("Toward "):
            break
        assert line.startswith("  "), line  # a points column, or text hanging under it


@pytest.mark.parametrize("width", range(40, 101, 4))
def test_a_command_in_the_verdict_stays_on_one_line_where_one_holds_it(width):
    """Rich broke "careerfit quiz / --answers FILE --more" over two lines: a new user could
    not select it whole. It now moves to a line of its own, and one longer than a line
    continues on the next with a shell's line continuation; the words are all there."""
    from careerfit.terminal.render import result_view
    from helpers import unfolded

    view = view_for("torn-ds-mle")
    command = "careerfit quiz --answers ~/careerfit/answers-2026.yaml --more"
    basis = f"Based on 9 questions (8 scored). To answer more anyway: {command}"
    summary = ("Compare them side by side with: careerfit roles --compare data-scientist"
               " ai-engineer. Answering the 2 question(s) you skipped could separate them.")
    view = view._replace(verdict=view.verdict._replace(basis=basis, summary=summary))
    lines = screen(result_view(view, width), width)
    assert all(len(line) <= width for line in lines)
    for whole in (command, "careerfit roles --compare data-scientist ai-engineer."):
        assert any(whole in line for line in unfolded("\n".join(lines)).splitlines()), width
        if len(whole) < width - 1:
            assert any(whole in line for line in lines), width
    said = " ".join(unfolded("\n".join(lines)).split())
    assert basis in said and summary in said


def test_the_html_card_shows_a_banks_markup_as_text():
    """The HTML card is rendered from Markdown with raw HTML off: a bank whose names hold
    markup cannot put it into the page."""
    from careerfit.terminal.export import html_card

    view = view_for("torn-ds-mle")
    view = view._replace(verdict=view.verdict._replace(
        headline="<script>alert(1)</script> and <b>bold</b>", summary="*not* [a](b) `code`"))
    page = html_card(view)
    assert "<script>" not in page and "<b>" not in page and "<a " not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "*not* [a](b) `code`" in page


def test_a_named_blend_says_how_to_see_its_card_in_every_view(tmp_path):
    """A new user drawn to a blend had to list every role and blend to find its id; and
    the Markdown pay note ran into the pay band."""
    from careerfit.terminal.render import result_view

    report = report_for("llm-platform")
    blend = report["recommendation"]["hybrid"]
    assert blend["id"] == "llm-platform-engineering"
    command = f"careerfit roles {blend['id']}"
    answers = str(EXAMPLES / "llm-platform.yaml")
    card = tmp_path / "card.md"
    run("quiz", "--answers", answers, "--export", str(card))
    for width in WIDTHS:
        lines = screen(result_view(view_for("llm-platform"), width), width)
        assert any(command in line for line in lines) or len(command) > width - 1, width
    assert command in run("quiz", "--answers", answers, "--plain").stdout
    markdown = card.read_text()
    assert command in markdown
    assert "\n  - A market benchmark, not an offer:" in markdown
    assert run("roles", blend["id"]).returncode == 0


def test_a_skill_the_route_says_is_behind_you_is_not_listed_again(tmp_path):
    """A new user read 'Part of this is already behind you: ...; Experiment design' and,
    a line below, 'Left out, as you already do them: SQL; Experiment design'."""
    answers = yaml.safe_load((EXAMPLES / "data-scientist.yaml").read_text())
    answers["answers"]["background"] = "analyst"
    answers["skills"] = ["sql", "experiment-design", "python-for-analysis"]
    path = tmp_path / "a.yaml"
    path.write_text(yaml.safe_dump(answers))
    shown = run("quiz", "--answers", str(path), "--plain").stdout
    behind = next(line for line in shown.splitlines() if "already behind you" in line)
    assert "Experiment design" in behind and "Python and pandas" in behind
    assert "Also left out, as you already do them: SQL\n" in shown
    assert shown.count("Experiment design") == 1


@pytest.mark.parametrize("example", ["llm-platform", "torn-ds-mle"])
def test_the_confidence_and_what_it_is_of_each_stay_whole_on_one_line(example):
    """(New users saw "confidence:" end one line and "low" begin the next, and
    "(probability" end one and "0.999 that you are drawn to the blend)" begin the next.)"""
    from careerfit.terminal.render import result_view

    verdict = view_for(example).verdict
    level, note = f"confidence: {verdict.confidence}", f"({verdict.confidence_note})"
    for width in range(60, 200, 7):
        lines = screen(result_view(view_for(example), width), width)
        assert any(level in line for line in lines), (width, level)
        assert any(note in line for line in lines), (width, note)


def test_what_was_written_is_said_after_the_result(tmp_path):
    """(A new user's "Wrote the result card to oskar.md" scrolled away above a long result.)"""
    import subprocess
    import sys

    card, saved = tmp_path / "card.md", tmp_path / "me.yaml"
    both = subprocess.run(
        [sys.executable, "-m", "careerfit", "quiz", "--answers",
         str(EXAMPLES / "llm-platform.yaml"), "--export", str(card), "--save", str(saved),
         "--plain"], capture_output=False, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True, timeout=60).stdout
    result = both.index("Drawn to: LLM platform engineering")
    assert result < both.index("Saved ") < both.index(f"Wrote the result card to {card}")
    assert card.exists() and saved.exists()
