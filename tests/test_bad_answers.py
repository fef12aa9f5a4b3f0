"""Hand-edited answers files: every mistake is one clear message, exit 2, nothing on stdout."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from careerfit.bank import load_bank
from careerfit.bank.safeyaml import parse
from careerfit.base.errors import InputError
from careerfit.documents.answers import parse_answers
from helpers import EXAMPLES, run

GOOD = (EXAMPLES / "ml-engineer.yaml").read_text()
BOMB = "\n".join(
    [f"l0: &l0 [{', '.join(['x'] * 10)}]"]
    + [f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 10)}]" for n in range(1, 9)]
)

CASES = {
    "empty": (b"", "is empty"),
    "only-comments": (b"# nothing here\n", "is empty"),
    "not-yaml": (b"just some words\n", "not text"),
    "syntax-error": (b"version: 1\nanswers: [unclosed\n", ":3:1: not valid YAML"),
    "top-level-list": (b"- a\n- b\n", "not a list"),
    "no-version": (b"answers: {}\n", "no 'version'"),
    "newer-version": (b"version: 7\nanswers: {}\n", "written by a newer careerfit"),
    "text-version": (b"version: one\nanswers: {}\n", "whole number"),
    "unknown-top-key": (b"version: 1\nanswers: {}\nextra: 3\n", ":3:1: unknown top-level key"),
    "unknown-question": (b"version: 1\nanswers:\n  on-cal-ok: agree\n",
                         "did you mean 'on-call-ok'"),
    # (The place is the value's, where an editor should jump to mend it.)
    "unknown-option": (b"version: 1\nanswers:\n  on-call-ok: maybe\n",
                       ":3:15: 'maybe' is not an option of 'on-call-ok'\n  fix: give one of:"
                       " strongly-disagree, disagree, neutral, agree, strongly-agree, skip"),
    "list-for-single": (b"version: 1\nanswers:\n  on-call-ok: [agree]\n",
                        "takes one answer, not a list"),
    "duplicate-key": (b"version: 1\nanswers:\n  on-call-ok: agree\n  on-call-ok: neutral\n",
                      ":4:3: repeats the key 'on-call-ok'"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary data"),
    "latin-1": ("version: 1\nanswers:\n  background: caf\u00e9\n".encode("latin-1"),
                ":3: is not UTF-8"),
    "oversized": (b"version: 1\n" + b"# padding\n" * 8000, "larger than the 64 KiB limit"),
    # careerfit's own cap, just past it, and a depth the YAML parser itself may refuse first
    # (PyYAML 6.0.4 does): either way the user reads careerfit's message and its fix.
    "nested-past-the-cap": (b"version: 1\nanswers: " + b"[" * 40 + b"]" * 40,
                            "nested deeper than 32 levels"),
    "nested-very-deep": (b"version: 1\nanswers: " + b"[" * 5000 + b"]" * 5000,
                         "nested deeper than 32 levels"),
    "alias-bomb": (BOMB.encode(), "aliases expand"),
    "python-tag": (b"version: 1\nanswers: !!python/object/apply:os.system ['touch PWNED']\n",
                   "does not accept"),
    "python-name-tag": (b"version: !!python/name:os.system 1\n", "does not accept"),
    "multi-document": (b"version: 1\n---\nversion: 1\n", "more than one YAML document"),
    "null-answer": (b"version: 1\nanswers:\n  on-call-ok:\n", ":3:3: 'on-call-ok' has no answer"),
    "yes-for-agree": (b"version: 1\nanswers:\n  on-call-ok: yes\n",
                      ":3:15: true (YAML reads yes, no, on and off as true or false) is not"
                      " an option"),
    "indented-too-far": (b"version: 1\nanswers:\n  on-call-ok: agree\n   work-rhythm: x\n",
                         ":4:15: not valid YAML: mapping values are not allowed in this"
                         " context\n  fix: line this key up with the keys above it"),
    "answers-a-list": (b"version: 1\nanswers: [a, b]\n", "'answers' must be a mapping"),
    # (A bank editor whose indentation was right read "line this key up" first.)
    "value-holds-colon": (b"version: 1\nanswers:\n  on-call-ok: agree: maybe\n",
                          "fix: quote a value that holds ': ' (key: \"text: more text\")"),
    "newer-revision": (b"version: 2\nrevision: 9\nanswers: {}\n",
                       "name that bank's folder with --data DIR"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_answers_file_is_one_clear_error(tmp_path, name):
    content, expected = CASES[name]
    path = tmp_path / f"{name}.yaml"
    path.write_bytes(content)
    result = run("quiz", "--answers", str(path), "--json")
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert str(path) in result.stderr
    assert expected in result.stderr
    assert not (tmp_path / "PWNED").exists() and not Path("PWNED").exists()


def test_every_mistake_in_an_answers_file_is_named_at_once(tmp_path):
    """(A coach fixing a student's file found three wrong ids, one run at a time.) Each
    mistake with its place and its fix, in the file's order; a script's error keeps the
    first place and its fix."""
    path = tmp_path / "three.yaml"
    path.write_text("version: 1\nanswers:\n  work-rhythm: weeks-on-one-questoin\n"
                    "  nope: agree\n  on-call-ok: agre\n")
    result = run("quiz", "--answers", str(path))
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0] == (f"careerfit: {path}:3:16: 'weeks-on-one-questoin' is not an option"
                        " of 'work-rhythm'")
    assert "(did you mean 'weeks-on-one-question'?)" in lines[1]
    assert lines[2] == f"{path}:4:3: unknown question id 'nope'"
    assert lines[4] == f"{path}:5:15: 'agre' is not an option of 'on-call-ok'"
    assert "(did you mean 'agree'?)" in lines[5]
    assert lines[6] == f"3 mistakes in the answers of {path}: fix them and run again."
    scored = json.loads(run("score", str(path)).stdout)["error"]
    assert scored["where"] == f"{path}:3:16" and "weeks-on-one-question" in scored["fix"]
    assert scored["message"] == result.stderr.removeprefix("careerfit: ").rstrip("\n")


def test_a_path_joined_with_its_line_continuation_says_so(tmp_path):
    """(A user joined 'careerfit quiz --answers \\' and the path on the next line into
    one line, kept the backslash, and was told to check the spelling of a right path.)"""
    saved = tmp_path / "me.yaml"
    saved.write_text((EXAMPLES / "ml-engineer.yaml").read_text())
    result = run("quiz", "--answers", f" {saved}")
    assert result.returncode == 2
    assert result.stderr.startswith(f"careerfit: ' {saved}': no such answers file\n")
    assert "leave out the '\\' at the end of a line" in result.stderr
    assert f"the file is {saved}" in result.stderr


def test_missing_path_and_folder(tmp_path):
    missing = run("quiz", "--answers", str(tmp_path / "nope.yaml"))
    assert missing.returncode == 2 and "no such answers file" in missing.stderr
    folder = run("quiz", "--answers", str(tmp_path))
    assert folder.returncode == 2 and "is a folder, not an answers file" in folder.stderr


@pytest.mark.parametrize("evil", ["[bold red]x[/]", "[/]", "\x1b[31mred\x1b]0;title\x07",
                                  "a\rb\x08c"])
def test_text_from_the_file_is_shown_literally(tmp_path, evil):
    path = tmp_path / "evil.yaml"
    path.write_text(yaml.safe_dump({"version": 1, "answers": {"on-call-ok": evil}}))
    result = run("quiz", "--answers", str(path))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "\r" not in result.stderr and "\x08" not in result.stderr
    if "[" in evil and "\x1b" not in evil:
        assert evil in result.stderr


def test_unknown_question_id_with_markup_is_literal(tmp_path):
    path = tmp_path / "evil.yaml"
    path.write_text("version: 1\nanswers:\n  '[bold]x[/]': agree\n")
    result = run("quiz", "--answers", str(path))
    assert "'[bold]x[/]'" in result.stderr and result.returncode == 2


BANK = load_bank()
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                    st.text(max_size=20), st.sampled_from(["skip", "agree", "version"]))
documents = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=4)),
    max_leaves=20)
answer_maps = st.fixed_dictionaries(
    {"version": st.sampled_from([1, 1, 1, 2, 0, "1"])},
    optional={"answers": st.dictionaries(
        st.sampled_from([q.id for q in BANK.questions] + ["nope"]),
        st.one_of(scalars, st.lists(st.sampled_from(
            [o for q in BANK.questions for o in q.option_ids][:30]), max_size=3)),
        max_size=8)})


@settings(max_examples=200, deadline=None)
@given(st.one_of(documents, answer_maps))
def test_any_yaml_document_scores_or_raises_the_documented_error(data):
    text = yaml.safe_dump(data)
    try:
        doc = parse(text, Path("gen.yaml"))
        parse_answers(doc, BANK)
    except InputError as error:
        assert str(error).startswith("gen.yaml")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_text_parses_or_raises_the_documented_error(text):
    try:
        parse_answers(parse(text, Path("gen.yaml")), BANK)
    except InputError as error:
        assert "gen.yaml" in str(error)


def test_skills_in_an_answers_file_must_be_known_ids(tmp_path):
    path = tmp_path / "a.yaml"
    text = (EXAMPLES / "ml-engineer.yaml").read_text()
    path.write_text(text + "skills: [kubernetis]\n")
    result = run("quiz", "--answers", str(path))
    assert result.returncode == 2
    assert "unknown skill id 'kubernetis'" in result.stderr
    assert "did you mean 'kubernetes'" in result.stderr
    path.write_text(text + "skills: [kubernetes]\n")
    report = json.loads(run("quiz", "--answers", str(path), "--json").stdout)
    assert "Containers and orchestration with Kubernetes" in report["next_steps"]["already_have"]
    assert report["answers"]["skills"] == ["kubernetes"]


def test_a_route_that_asks_for_skills_the_person_has_says_that_part_is_behind_them(tmp_path):
    """Three new users were told 'Take statistics and SQL seriously' / 'Get fluent in
    Python' just after they ticked those skills: the route now says they have them."""
    path = tmp_path / "a.yaml"
    text = (EXAMPLES / "data-scientist.yaml").read_text()
    student = text.replace("background: analyst", "background: student")
    path.write_text(student + "skills: [sql, statistics, kubernetes]\n")
    result = run("quiz", "--answers", str(path), "--plain")
    said = " ".join(result.stdout.split())
    assert result.returncode == 0
    assert ("Take statistics and SQL seriously" in said and "Part of this is already behind"
            " you: Statistics and probability; SQL (you said you do them with confidence)."
            in said)
    report = json.loads(run("quiz", "--answers", str(path), "--json").stdout)
    assert report["next_steps"]["route_already_have"] == ["Statistics and probability", "SQL"]
    path.write_text(student + "skills: [kubernetes]\n")  # none the route names
    report = json.loads(run("quiz", "--answers", str(path), "--json").stdout)
    assert report["next_steps"]["route_already_have"] == []
    assert "behind you" not in run("quiz", "--answers", str(path), "--plain").stdout


def test_tools_to_learn_leave_out_what_a_skill_or_the_background_brings(tmp_path):
    """New users were told to learn 'structured evaluation tooling' after ticking
    evaluation harnesses, and Tableau as analysts: roles.yaml says which skills and
    backgrounds bring a tool."""
    path = tmp_path / "a.yaml"
    text = (EXAMPLES / "data-scientist.yaml").read_text()
    assert "background: analyst" in text
    path.write_text(text)
    tools = json.loads(run("quiz", "--answers", str(path), "--json").stdout
                       )["next_steps"]["tools"]
    assert "Tableau or a similar BI tool" not in tools and "SQL" not in tools
    assert "Jupyter notebooks" in tools
    path.write_text(text.replace("background: analyst", "background: student"))
    tools = json.loads(run("quiz", "--answers", str(path), "--json").stdout
                       )["next_steps"]["tools"]
    assert "Tableau or a similar BI tool" in tools and "SQL" in tools
    ai = (EXAMPLES / "ai-engineer.yaml").read_text()
    for skills, shown in (("", True), ("skills: [evaluation-harnesses]\n", False)):
        path.write_text(ai + skills)
        tools = json.loads(run("quiz", "--answers", str(path), "--json").stdout
                           )["next_steps"]["tools"]
        assert ("structured evaluation tooling" in tools) == shown


def test_every_mistake_careerfit_reports_names_its_fix():
    """Every InputError raised carries a hint (printed as 'fix: ...'): a script author met
    'holds binary data' with no fix, where the README promises one. Read from the source,
    as many of these can only be met with a broken disk or a hostile file."""
    import ast

    from helpers import ROOT

    missing = []
    for path in (ROOT / "careerfit").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "InputError"
                    and not any(keyword.arg == "hint" for keyword in node.keywords)):
                missing.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not missing, missing
