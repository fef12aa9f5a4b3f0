"""careerfit validate and --data: every bank problem at once, as file:line: message."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from helpers import ROOT, run

STUDIO = Path(__file__).parent / "banks" / "studio"


def test_shipped_bank_is_clean():
    result = run("validate")
    assert result.returncode == 0, result.stderr
    assert "OK" in result.stdout


def test_second_bank_with_other_roles_takes_the_quiz():
    result = run("quiz", "--data", str(STUDIO), "--answers",
                 str(STUDIO.parent / "studio-illustrator.yaml"), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["ranking"][0]["role"] == "illustrator"
    assert {row["role"] for row in report["ranking"]} == {"illustrator", "surveyor", "archivist"}
    assert report["recommendation"]["role"] == "illustrator"


def broken_bank(tmp_path: Path, edit) -> Path:
    folder = tmp_path / "bank"
    shutil.copytree(STUDIO, folder)
    questions = yaml.safe_load((folder / "questions.yaml").read_text())
    roles = yaml.safe_load((folder / "roles.yaml").read_text())
    edit(questions, roles)
    (folder / "questions.yaml").write_text(yaml.safe_dump(questions, sort_keys=False))
    (folder / "roles.yaml").write_text(yaml.safe_dump(roles, sort_keys=False))
    return folder


def _dup_question(q, r):
    q["questions"][1]["id"] = "saturday"


def _unknown_trait(q, r):
    q["questions"][0]["options"][0]["effects"] = {"juggling": 1}


def _no_effect(q, r):
    q["questions"][0]["options"][1]["effects"] = {}


def _no_source(q, r):
    del q["questions"][2]["source"]


def _unreachable(q, r):
    # A scaled copy of the archivist's profile: it can tie, never lead.
    r["roles"][1]["profile"] = {"order": 1.5, "outdoors": -0.5}


def _alike(q, r):
    q["questions"].append({"id": "same", "source": "x", "text": "Same?", "short": "same",
                           "options": [
        {"id": "a", "label": "A", "effects": {"drawing": 1, "outdoors": 1, "order": 1}},
        {"id": "b", "label": "B", "effects": {"drawing": 1, "outdoors": 1, "order": 1}}]})
    for role in r["roles"]:
        role["profile"] = {**role["profile"]}


def _schema(q, r):
    q["questions"][0]["type"] = "essay"
    r["roles"][0]["salary"] = "lots"


def _dup_role(q, r):
    r["roles"][2]["id"] = "illustrator"


def _pair_of_three(q, r):
    q["questions"].append({"id": "three", "type": "pair", "source": "x", "text": "Rather?",
                           "short": "three", "options": q["questions"][0]["options"]})


def _pair_named_both(q, r):
    q["questions"].append({"id": "both-named", "type": "pair", "source": "x", "text": "Rather?",
                           "short": "both",
                           "options": [{"id": "both", "label": "B", "effects": {"drawing": 1}},
                                       {"id": "hike", "label": "H", "effects": {"outdoors": 1}}]})


def _pair_ids_collide(q, r):
    q["questions"].append({"id": "collide", "type": "pair", "source": "x", "text": "Rather?",
                           "short": "collide",
                           "options": [{"id": "draw", "label": "D", "effects": {"drawing": 1}},
                                       {"id": "lean-draw", "label": "L",
                                        "effects": {"outdoors": 1}}]})


def _bad_added(q, r):
    q["questions"][0]["added"] = 0


def _no_short(q, r):
    del q["questions"][1]["short"]


def _long_short(q, r):
    q["questions"][1]["short"] = "x" * 40


def _blend(profile):
    def edit(q, r):
        blend = {"roles": ["illustrator", "surveyor"], "name": "Field sketching",
                 "description": "Drawing outdoors.", "source": "x"}
        if profile is not None:
            blend["profile"] = profile
        r["blends"] = [blend]
    return edit


def _route_skills(skills):
    def edit(q, r):
        r["roles"][0]["routes"] = {"other": {"text": "Draw every day.", "skills": skills}}
    return edit


def _tool(tool):
    def edit(q, r):
        r["roles"][0]["tools"] = [tool]
    return edit


def _blend_skills(q, r):
    r["blends"] = [{"roles": ["illustrator", "surveyor"], "name": "Field sketching",
                    "description": "Drawing outdoors.", "source": "x",
                    "profile": {"drawing": 1, "outdoors": 1},
                    "skills": ["sketch-daily", "sketch-dayly"]}]


PROBLEMS = {
    "blend naming an unknown skill": (_blend_skills, "roles.yaml",
                                      "a blend names the unknown skill id 'sketch-dayly'"),
    "route naming an unknown skill": (_route_skills(["sketch-daily", "sketch-dayly"]),
                                      "roles.yaml",
                                      "a route names the unknown skill id 'sketch-dayly'"),
    "route skills not a list": (_route_skills("sketch-daily"), "roles.yaml",
                                "a route's 'skills' is a list of skill ids"),
    "tool naming an unknown skill": (_tool({"text": "Pencils", "skills": ["sketch-dayly"]}),
                                     "roles.yaml",
                                     "a tool names the unknown skill id 'sketch-dayly'"),
    "tool known_by not a list": (_tool({"text": "Pencils", "known_by": "student"}),
                                 "roles.yaml", "'known_by' is a list of background ids"),
    "blend without a profile": (_blend(None), "roles.yaml", "profile must be a mapping"),
    "blend profile with an unknown trait": (_blend({"drawing": 1, "juggling": 1}), "roles.yaml",
                                            "unknown trait 'juggling'"),
    "blend profile all zero": (_blend({"drawing": 0}), "roles.yaml",
                               "profile must give a non-zero weight"),
    "duplicate question id": (_dup_question, "questions.yaml",
                              "duplicate question id 'saturday' (first at line "),
    "unknown trait": (_unknown_trait, "questions.yaml", "unknown trait 'juggling'"),
    "option with no effect": (_no_effect, "questions.yaml", "option 'hike' has no effect"),
    "question without source": (_no_source, "questions.yaml", "'labels' has no 'source'"),
    "unreachable role": (_unreachable, "roles.yaml", "role 'surveyor' is unreachable"),
    "schema": (_schema, "questions.yaml", "type must be one of"),
    "duplicate role": (_dup_role, "roles.yaml", "duplicate role id 'illustrator' (first at line "),
    "pair of three": (_pair_of_three, "questions.yaml", "compares exactly two options"),
    "pair option named both": (_pair_named_both, "questions.yaml", "'both' is reserved"),
    "pair answer ids collide": (_pair_ids_collide, "questions.yaml",
                                "the pair's answer ids collide ('lean-draw' twice)"),
    "added below 1": (_bad_added, "questions.yaml", "'added' must be a whole number"),
    "question without a short label": (_no_short, "questions.yaml", "missing 'short'"),
    # (A bank editor was not told how long hers was.)
    "short label too long": (_long_short, "questions.yaml",
                             "so a reason fits on one line (this one has 40)"),
}


@pytest.mark.parametrize("name", sorted(PROBLEMS))
def test_validate_reports_the_problem_with_file_and_line(tmp_path, name):
    edit, file_name, message = PROBLEMS[name]
    folder = broken_bank(tmp_path, edit)
    result = run("validate", "--data", str(folder))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if message in line]
    assert lines, result.stderr
    assert lines[0].startswith(f"{folder / file_name}:")
    assert lines[0].split(":")[1].isdigit()
    quiz = run("quiz", "--data", str(folder), "--answers", "x.yaml")
    assert quiz.returncode == 2 and message in quiz.stderr


def test_question_moving_every_role_alike_is_reported(tmp_path):
    folder = broken_bank(tmp_path, _alike)
    # The 'same' question's options are identical, so every role moves alike.
    result = run("validate", "--data", str(folder))
    assert result.returncode == 2
    assert "question 'same' moves every role alike" in result.stderr


def test_every_problem_is_reported_at_once(tmp_path):
    def several(q, r):
        _dup_question(q, r)
        _unknown_trait(q, r)
        _no_source(q, r)

    result = run("validate", "--data", str(broken_bank(tmp_path, several)))
    assert result.returncode == 2
    assert "duplicate question id" in result.stderr and "unknown trait" in result.stderr
    assert "has no 'source'" in result.stderr
    assert "problems in the bank's data files" in result.stderr


def test_missing_data_folder_and_broken_yaml(tmp_path):
    assert run("validate", "--data", str(tmp_path / "nope")).returncode == 2
    folder = tmp_path / "b"
    shutil.copytree(STUDIO, folder)
    (folder / "roles.yaml").write_text("version: 1\nroles: [\n")
    result = run("validate", "--data", str(folder))
    assert result.returncode == 2 and f"{folder / 'roles.yaml'}:3:1" in result.stderr


def test_shipped_questions_each_name_their_source_and_hide_role_names():
    bank = yaml.safe_load((ROOT / "data" / "questions.yaml").read_text())
    names = ("data scien", "machine learning engineer", "ml engineer", "ai engineer")
    for question in bank["questions"]:
        assert question["source"]
        if question.get("scored", True):
            words = [question["text"]] + [o["label"] for o in question.get("options", [])]
            assert not any(n in w.lower() for w in words for n in names), question["id"]


def test_a_blend_with_a_profile_is_a_persona_the_quiz_can_find(tmp_path):
    folder = broken_bank(tmp_path, _blend({"drawing": 2, "outdoors": 2, "order": -1}))
    assert run("validate", "--data", str(folder)).returncode == 0
    from careerfit.bank import load_bank
    from careerfit.engine.model import Model

    bank = load_bank(folder)
    assert bank.blends[0].profile == {"drawing": 2, "outdoors": 2, "order": -1}
    assert Model(bank).blend_keys == [frozenset({"illustrator", "surveyor"})]


def test_validate_asks_skills_for_short_names(tmp_path):
    """The skills question offers skills by name: a priority's 'label', or its text when
    it is as short. A long one, or a long label, is reported."""
    def edit(q, r):
        r["roles"][0]["skill_priorities"][0] = (
            "Sketch every single day, from life, for at least an hour or two")
        r["roles"][1]["skill_priorities"][0] = {"text": "Trigonometry", "label": "x" * 41}
        r["roles"][2]["skill_priorities"][0] = {
            "text": "Catalogue every item so that anyone can find it again", "label": "Cataloguing"}

    result = run("validate", "--data", str(broken_bank(tmp_path, edit)))
    assert result.returncode != 0
    problems = [line for line in result.stderr.splitlines() if "skill's name" in line]
    assert len(problems) == 2, result.stderr
    assert "give it a short 'label'" in problems[0] and "shorten its 'label'" in problems[1]


def test_a_problem_names_the_command_that_checks_the_same_folder(tmp_path):
    """A bank editor ran the 'careerfit validate' a message gave, without its --data, and
    checked the shipped bank; nor did anything give the revision a new question's
    'added:' must exceed, or say whether the folder's compiled copy mattered."""
    import subprocess
    import sys

    from careerfit.bank import default_data_dir, load_bank

    folder = tmp_path / "mine"
    shutil.copytree(default_data_dir(), folder)
    ok = run("validate", "--data", str(folder))
    assert ok.returncode == 0 and f"revision {load_bank().revision})" in ok.stdout
    assert "bank.compiled.json is not read" in ok.stderr
    roles = folder / "roles.yaml"
    roles.write_text(roles.read_text().replace("      reliability: 3", "      reliability: 7", 1))
    bad = run("validate", "--data", str(folder))
    assert bad.returncode == 2
    assert bad.stderr.strip().endswith(
        f"1 problem in the bank's data files; fix it and run 'careerfit validate --data"
        f" {folder}' again.")
    built = subprocess.run([sys.executable, "-m", "careerfit.engine.tables", "--help"],
                           capture_output=True, text=True)
    assert built.returncode == 0 and "--data DIR" in built.stdout


def test_a_bank_editors_slips_say_what_to_do(tmp_path):
    """A line indented out of its list read 'did not find expected '-' indicator' with no
    fix; a blend naming an unknown role did not say which, nor the known ones."""
    from careerfit.bank import default_data_dir

    folder = tmp_path / "mine"
    shutil.copytree(default_data_dir(), folder)
    questions = folder / "questions.yaml"
    questions.write_text(questions.read_text().replace(
        "  - id: free-afternoon\n", "  - id: free-afternoon\n   oops: 1\n", 1))
    slipped = run("validate", "--data", str(folder))
    assert slipped.returncode == 2
    assert "not valid YAML: did not find expected '-' indicator: line this line up" in (
        slipped.stderr)
    shutil.copy(default_data_dir() / "questions.yaml", questions)
    roles = folder / "roles.yaml"
    roles.write_text(roles.read_text().replace("  - roles: [data-scientist, ml-engineer]",
                                               "  - roles: [data-scientist, ml-enginer]", 1))
    unknown = run("validate", "--data", str(folder))
    assert unknown.returncode == 2
    assert ("a blend names exactly two different known roles; unknown: ml-enginer (known:"
            " ai-engineer, data-scientist, ml-engineer)") in unknown.stderr


def test_a_question_new_to_careerfits_bank_is_told_its_added_revision(tmp_path):
    """(A bank editor left 'added:' out of a new question: validate said OK, and every
    complete answers file saved before was then refused for lacking it.)"""
    from careerfit.bank import default_data_dir, load_bank

    revision = load_bank().revision
    folder = tmp_path / "mine"
    shutil.copytree(default_data_dir(), folder)
    questions = folder / "questions.yaml"
    shipped = questions.read_text()
    mentoring = ('  - id: enjoy-mentoring\n    short: "mentoring"\n    type: choice\n'
                 '    source: "How to Choose the Right Role"\n'
                 '    text: "A new colleague joins your team. What would you most enjoy?"\n'
                 '    options:\n      - id: teach-the-numbers\n'
                 '        label: "Teaching how the numbers are worked out"\n'
                 '        effects: {storytelling: 1}\n      - id: pair-on-code\n'
                 '        label: "Pairing with them on production code"\n'
                 '        effects: {engineering: 1}\n')
    questions.write_text(shipped.replace("  - id: free-afternoon\n",
                                         mentoring + "  - id: free-afternoon\n", 1))
    told = run("validate", "--data", str(folder))
    assert told.returncode == 0 and "OK" in told.stdout
    assert ("'enjoy-mentoring' is not in careerfit's own bank but counts as revision 1"
            in told.stderr and f"give it 'added: {revision + 1}'" in told.stderr)
    questions.write_text(shipped.replace(
        "  - id: free-afternoon\n",
        mentoring.replace("    type: choice\n", f"    type: choice\n    added: {revision + 1}\n")
        + "  - id: free-afternoon\n", 1))
    assert "enjoy-mentoring" not in run("validate", "--data", str(folder)).stderr
    assert "not in careerfit's own bank" not in run("validate", "--data", str(STUDIO)).stderr
