"""For scripts and cohorts: the published schemas, careerfit score, the cohort summary."""

from __future__ import annotations

import contextlib
import functools
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careerfit.bank import load_bank
from careerfit.documents.answers import AnswerSet, read_answers, to_plain
from careerfit.documents.batch import Record, score
from careerfit.documents.report import (
    build_report,
    outcome_part,
    ranking_part,
    recommendation_part,
)
from careerfit.documents.schema import schema
from careerfit.engine.adaptive import Planner
from careerfit.engine.result import Evaluator, evaluate
from careerfit.simulation.simulate import people
from helpers import EXAMPLES, ROLE_IDS, answer_sets, run

BANK = load_bank()
STUDIO = Path(__file__).parent / "banks" / "studio"
RESULT = jsonschema.Draft202012Validator(schema("result"))
ANSWERS = jsonschema.Draft202012Validator(schema("answers"))


def valid(validator, document) -> None:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]
    assert not errors, errors[:5]


@pytest.mark.parametrize(("name", "version"), [("result", 1), ("answers", 2)])
def test_schema_command_prints_a_versioned_draft_2020_12_schema(name, version):
    result = run("schema", name)
    assert result.returncode == 0
    printed = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(printed)
    assert printed["$id"] == f"urn:careerfit:schema:{name}:{version}"
    assert printed["$schema"].endswith("/draft/2020-12/schema")
    assert run("schema", "nope").returncode == 2


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.glob("*.yaml")))
def test_every_example_result_and_file_matches_the_schemas(example):
    valid(ANSWERS, yaml.safe_load((EXAMPLES / example).read_text()))
    for extra in ((), ("--adaptive",)):
        report = json.loads(run("quiz", "--answers", str(EXAMPLES / example), "--json",
                                *extra).stdout)
        valid(RESULT, report)


def test_a_saved_answers_file_says_each_answer_in_words_and_reads_back_the_same(tmp_path):
    """(A lecturer editing with sed read the id 'months-before-users' as the answer it
    stands against.) Each answer's line ends with its words as a YAML comment, one line
    an answer however long; the file reads back to the same answers."""
    saved = tmp_path / "me.yaml"
    source = EXAMPLES / "torn-ds-mle.yaml"
    assert run("quiz", "--answers", str(source), "--save", str(saved)).returncode == 0
    text = saved.read_text()
    original = yaml.safe_load(source.read_text())["answers"]
    assert yaml.safe_load(text)["answers"] == original
    lines = {line.split(":", 1)[0].strip(): line for line in text.splitlines()
             if line.startswith("  ")}
    assert set(lines) == set(original)
    read = read_answers(source, BANK)
    for question_id in original:
        words = BANK.question(question_id).describe(read.picks[question_id])
        assert lines[question_id].endswith(f"  # {words}"), lines[question_id]
    pair = next(q for q in BANK.questions if q.kind == "pair" and q.id in original)
    assert "(over: " in lines[pair.id] or ": " in lines[pair.id].split("#", 1)[1]


def test_studio_bank_result_and_saved_answers_match_the_schemas(tmp_path):
    saved = tmp_path / "studio.yaml"
    result = run("quiz", "--data", str(STUDIO), "--answers",
                 str(STUDIO.parent / "studio-illustrator.yaml"), "--json", "--save", str(saved))
    valid(RESULT, json.loads(result.stdout))
    valid(ANSWERS, yaml.safe_load(saved.read_text()))
    # Its re-run line names the bank, as the answers are to that bank's questions.
    assert f"careerfit quiz --answers {saved} --data {STUDIO}\n" in saved.read_text()
    assert f"'careerfit questions --data {STUDIO}' lists them all" in saved.read_text()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answer_sets(BANK))
def test_any_answer_set_gives_a_document_that_matches_the_schema(picks):
    answers = AnswerSet(picks, revision=BANK.revision)
    report = build_report(BANK, evaluate(BANK, picks), answers)
    valid(RESULT, json.loads(json.dumps(report)))


DISTINCT = 200  # simulated people in a cohort; a longer one (for a stop) repeats them


@functools.cache  # simulating people takes a few ms each: once per worker
def jsonl(count: int, seed: int = 5) -> str:
    """*count* JSON lines with ids p0, p1, ...: simulated people, repeated past DISTINCT."""
    cohort = [to_plain(BANK, person.picks) for person in people(BANK, min(count, DISTINCT), seed)]
    return "".join(json.dumps({"id": f"p{i}", "version": 2, "revision": BANK.revision,
                               "answers": cohort[i % len(cohort)]}) + "\n"
                   for i in range(count))


def test_score_streams_json_lines_in_input_order():
    result = run("score", stdin=jsonl(30))
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["id"] for line in lines] == [f"p{i}" for i in range(30)]
    assert all(set(line) == {"id", "ranking", "recommendation", "outcome"} for line in lines)
    assert result.stderr == ""  # no progress bar when stderr is not a terminal


def test_a_line_tells_a_tie_from_a_blend_as_the_result_document_does():
    """A script author could not tell torn from drawn to a blend without --full: both
    lines read 'low' for the leader with a hybrid. Each line now has the verdict (the
    result document's outcome, less its chances)."""
    files = [str(EXAMPLES / f"{name}.yaml") for name in ("torn-ds-mle", "llm-platform")]
    lines = [json.loads(line) for line in run("score", *files).stdout.splitlines()]
    assert [line["outcome"]["kind"] for line in lines] == ["tie", "blend"]
    for path, line in zip(files, lines, strict=True):
        whole = json.loads(run("quiz", "--answers", path, "--json").stdout)["outcome"]
        assert line["outcome"] == {k: v for k, v in whole.items() if k != "chances"}


def test_score_files_by_path_and_the_full_document():
    files = [str(EXAMPLES / f"{role}.yaml") for role in ROLE_IDS]
    result = run("score", "--full", *files)
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["file"] for line in lines] == files
    assert [line["recommendation"]["role"] for line in lines] == list(ROLE_IDS)
    for line in lines:
        valid(RESULT, {k: v for k, v in line.items() if k != "file"})


def test_a_bad_record_gets_an_error_line_and_the_rest_are_scored():
    good = jsonl(3).splitlines()
    bad = json.dumps({"id": "typo", "version": 2, "answers": {"free-afternoon": "nap"}})
    result = run("score", stdin="\n".join([good[0], bad, "not json", *good[1:]]) + "\n")
    assert result.returncode == 2 and "2 of 5 record(s)" in result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line.get("id", line.get("line")) for line in lines] == ["p0", "typo", 3, "p1", "p2"]
    assert "'nap' is not an option" in lines[1]["error"]["message"]
    assert lines[1]["error"]["fix"].startswith("give one of:")
    # The place as precise as the message gives it (a script author saw the column in the
    # message and not in "where").
    assert lines[2]["error"]["where"] == "<stdin>:3:1"
    assert lines[2]["error"]["message"].startswith("<stdin>:3:1: not valid JSON")
    assert "ranking" in lines[3]


def test_a_bad_files_error_line_says_where_in_the_file(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 2\nanswers:\n  on-call-ok: maybe\n")
    line = json.loads(run("score", str(bad)).stdout)
    assert line["file"] == str(bad)
    assert line["error"]["where"] == f"{bad}:3:15"
    assert line["error"]["message"].startswith(f"{bad}:3:15: 'maybe' is not an option")


def test_a_json_line_error_says_its_column_and_a_fix_in_json():
    """A script author read '<stdin>:3: not valid JSON: …: line 1 column 79 (char 78)' (two
    line numbers) and, for a line with no version, "add 'version: 2' as the first line"."""
    result = run("score", stdin='{"answers": {}}\n{"version": 2, "answers": {},}\n')
    first, second = (json.loads(line)["error"] for line in result.stdout.splitlines())
    assert first["fix"] == 'add "version": 2 to the object'
    assert second["message"].startswith("<stdin>:2:29: not valid JSON: trailing comma is not"
                                        " allowed\n")
    assert "line 1 column" not in second["message"]


@pytest.mark.parametrize("edit", ["renamed", "added"])
def test_a_complete_answer_set_with_an_unknown_question_id_is_refused(edit):
    """An answer for every question but under a misspelled id (as many answers as
    questions), or one answer too many: each names the unknown id."""
    record = json.loads(jsonl(1).splitlines()[0])
    answers = record["answers"]
    assert len(answers) == len(BANK.questions)
    answers["on-cal-ok"] = answers.pop("on-call-ok") if edit == "renamed" else "agree"
    result = run("score", stdin=json.dumps(record) + "\n")
    assert result.returncode == 2
    error = json.loads(result.stdout)["error"]["message"]
    assert "unknown question id 'on-cal-ok'" in error and "did you mean 'on-call-ok'" in error


@pytest.mark.parametrize(("stop", "blas_threads"), [
    (signal.SIGINT, None), (signal.SIGTERM, None), (signal.SIGTERM, "2")])
def test_a_stopped_score_leaves_whole_lines_and_says_how_many(stop, blas_threads):
    """Three blocks are scored and out while careerfit waits for more input; then it is
    stopped (Ctrl-C, or a kill): every line printed is whole, and the message counts them.
    With BLAS worker threads (a user's OPENBLAS_NUM_THREADS), a signal delivered to one
    of them let a block out uncounted: they now start with the signals blocked."""
    import os

    env = {**os.environ, **({"OPENBLAS_NUM_THREADS": blas_threads} if blas_threads else {})}
    process = subprocess.Popen([sys.executable, "-m", "careerfit", "score"],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, env=env)
    records = jsonl(3 * 512 + 100).encode()

    def feed() -> None:  # and leave stdin open: careerfit waits for the rest of block four
        process.stdin.write(records)
        process.stdin.flush()

    feeder = threading.Thread(target=feed, daemon=True)  # (pipes fill: read as it writes)
    feeder.start()
    lines = [process.stdout.readline() for _ in range(3 * 512)]
    feeder.join(timeout=30)  # careerfit has read it all, waiting for more
    process.send_signal(stop)
    rest, error = process.communicate(timeout=30)
    assert process.returncode == 130
    assert not rest  # nothing after the last whole block
    assert [json.loads(line)["id"] for line in lines] == [f"p{i}" for i in range(3 * 512)]
    how = "stopped" if stop == signal.SIGINT else "stopped by SIGTERM"
    assert error.decode().strip() == (f"careerfit: {how} after 1,536 record(s): the 1,536"
                                      " line(s) printed are whole, one per record in input order")


def test_score_takes_another_bank():
    answers = yaml.safe_load((STUDIO.parent / "studio-illustrator.yaml").read_text())
    result = run("score", "--data", str(STUDIO), stdin=json.dumps(answers) + "\n")
    assert json.loads(result.stdout)["recommendation"]["role"] == "illustrator"


def test_cohort_summary_counts_add_up():
    result = run("score", "--summary", "--json", stdin=jsonl(140, seed=9))
    summary = json.loads(result.stdout)
    assert summary["people"] == 140 and summary["errors"] == 0
    assert sum(summary["recommended"].values()) == 140
    assert sum(summary["confidence"].values()) == 140
    assert sum(summary["outcomes"].values()) == 140
    assert sum(summary["outcome_confidence"].values()) == 140
    scored = run("score", stdin=jsonl(140, seed=9)).stdout
    lines = [json.loads(line) for line in scored.splitlines()]
    assert summary["outcomes"] == {kind: sum(line["outcome"]["kind"] == kind for line in lines)
                                   for kind in ("main", "tie", "blend", "none")}
    assert summary["most_common_hybrid"]["name"] in {b.name for b in BANK.blends}
    assert len(summary["separating_traits"]) == 3
    # Every verdict given, once, counted as the lines give it (a pair once, its roles in
    # the bank's order: a coach's table had 'torn between A and B' and 'B and A').
    order = [r.id for r in BANK.roles]
    given = Counter((line["outcome"]["kind"],
                     tuple(sorted(line["outcome"]["roles"], key=order.index)),
                     line["outcome"]["name"]) for line in lines)
    assert {(v["kind"], tuple(v["roles"]), v["name"]): v["people"]
            for v in summary["verdicts"] if v["people"]} == given
    assert [v["roles"] for v in summary["verdicts"][:3]] == [[r.id] for r in BANK.roles]
    table = run("score", "--summary", stdin=jsonl(30)).stdout
    assert "Cohort of 30 people" in table and "Verdicts by kind: one main role" in table
    # A row for each verdict, roles by name, each with its count, for a person to read: a
    # tie's or a blend's people are not counted under its first role (a coach's report
    # said "Data Scientist" of a blend).
    counts = json.loads(run("score", "--summary", "--json", stdin=jsonl(30)).stdout)
    names = {r.id: r.name for r in BANK.roles}
    for verdict in counts["verdicts"]:
        label = (names[verdict["roles"][0]] if verdict["kind"] == "main" else
                 f"Drawn to: {verdict['name']}" if verdict["kind"] == "blend" else
                 "Torn between: {} and {}".format(*map(names.get, verdict["roles"]))
                 if verdict["kind"] == "tie" else "Nothing stands out")
        row = next(line for line in table.splitlines() if line.strip().startswith(label))
        assert row.split()[-2] == str(verdict["people"])


def test_a_small_cohort_summary_lists_each_person_and_a_large_one_does_not():
    """(Two coaches wrote a shell loop for 'one line per student'.) Up to 50 people, the
    summary lists each one's verdict in input order, as their own lines give it."""
    small = json.loads(run("score", "--summary", "--json", stdin=jsonl(30)).stdout)
    lines = [json.loads(line) for line in run("score", stdin=jsonl(30)).stdout.splitlines()]
    assert [(p["who"], p["kind"], p["roles"], p["confidence"]) for p in small["listed"]] == [
        (line["id"], line["outcome"]["kind"], line["outcome"]["roles"],
         line["outcome"]["confidence"]) for line in lines]
    table = run("score", "--summary", stdin=jsonl(30), env={**os.environ, "COLUMNS": "200"})
    first = small["listed"][0]
    names = {r.id: r.name for r in BANK.roles}
    assert "\n  p0: " in table.stdout and f"confidence {first['confidence']}" in table.stdout
    assert names[first["roles"][0]] in table.stdout.split("\n  p0: ")[1].splitlines()[0]
    large = json.loads(run("score", "--summary", "--json", stdin=jsonl(51)).stdout)
    assert large["people"] == 51 and large["listed"] is None
    assert "Each person" not in run("score", "--summary", stdin=jsonl(51)).stdout


def test_the_cohort_summary_names_the_records_it_could_not_score(tmp_path):
    # (A coach had to run again without --summary to find the one broken file.)
    broken = tmp_path / "eve.yaml"
    broken.write_text((EXAMPLES / "ai-engineer.yaml").read_text()
                      .replace("version: 2", "version: two"))
    files = [str(EXAMPLES / "ml-engineer.yaml"), str(broken)]
    summary = json.loads(run("score", "--summary", "--json", *files).stdout)
    assert summary["errors"] == 1 and summary["unscored"] == [f"{broken}:3:10"]
    table = run("score", "--summary", *files, env={**os.environ, "COLUMNS": "300"})
    assert table.returncode == 2
    # ...and the command that shows why, readably (a coach read the error through the
    # JSON line's escapes): it says the same as the line's message.
    why = f"careerfit quiz --answers {broken}"
    assert table.stdout.startswith(f"Not scored: 1 record(s): {broken}:3:10. To see why: {why}\n")
    assert table.stderr.endswith(f"could not be scored; to see why: {why}\n")
    shown = run(*why.split()[1:])
    assert shown.returncode == 2 and f"{broken}:3:10" in shown.stderr
    # A cohort's line of standard input has no such command: its line says why.
    piped = run("score", "--summary", stdin=jsonl(2) + "not json\n")
    assert "(run without --summary for each one's error)" in " ".join(piped.stdout.split())


def test_the_most_common_hybrid_does_not_hang_on_the_input_order():
    """Two hybrids, one person each: the same summary whichever file comes first (it was
    the first met), and '1 person', not '1 people'."""
    files = [str(EXAMPLES / f"{name}.yaml") for name in ("torn-ds-mle", "llm-platform")]
    ahead, behind = (json.loads(run("score", "--summary", "--json", *order).stdout)
                     for order in (files, files[::-1]))
    assert ahead["most_common_hybrid"] == behind["most_common_hybrid"]
    assert ahead["most_common_hybrid"]["people"] == 1
    assert "Cohort of 2 people" in run("score", "--summary", *files).stdout


@functools.cache
def _evaluator(bank) -> Evaluator:
    return Evaluator(bank)


def _one_at_a_time(bank, picks) -> dict:
    result = _evaluator(bank)(picks, explain=False)
    return {"ranking": ranking_part(bank, result),
            "recommendation": recommendation_part(bank, result, picks),
            "outcome": outcome_part(bank, result, chances=False)}


def _in_blocks(bank, picks_list, size=7) -> list[dict]:
    """careerfit score's default output for each answer set, scored in blocks of *size*."""
    records = [Record({}, f"<test>:{i}", AnswerSet(p)) for i, p in enumerate(picks_list)]
    return [output for output, _ in score(records, bank, block_size=size)]


def test_block_scoring_prints_what_scoring_one_at_a_time_prints():
    cohort = [p.picks for p in people(BANK, 150, seed=12)]
    # What an adaptive quiz asked: answer sets that leave questions out.
    planner = Planner(BANK)
    cohort += [planner.replay(picks) for picks in cohort[:20]]
    assert _in_blocks(BANK, cohort) == [_one_at_a_time(BANK, p) for p in cohort]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(answer_sets(BANK), min_size=1, max_size=5))
def test_block_scoring_agrees_on_any_answer_sets(cohort):
    """Skips, empty pick-all answers and nothing answered at all included."""
    assert _in_blocks(BANK, cohort, size=2) == [_one_at_a_time(BANK, p) for p in cohort]


def test_block_scoring_agrees_on_another_bank():
    studio = load_bank(STUDIO)
    cohort = [p.picks for p in people(studio, 60, seed=3)]
    assert _in_blocks(studio, cohort) == [_one_at_a_time(studio, p) for p in cohort]


def test_block_scoring_agrees_on_a_pick_all_question_at_the_option_cap(tmp_path):
    """Eight options, the most a pick-all question may have: 256 answers, all scored alike."""
    folder = tmp_path / "wide"
    shutil.copytree(STUDIO, folder)
    questions = yaml.safe_load((folder / "questions.yaml").read_text())
    likes = next(q for q in questions["questions"] if q["id"] == "likes")
    likes["options"] += [{"id": f"extra-{i}", "label": f"Extra {i}",
                          "effects": {("drawing", "outdoors", "order")[i % 3]: 0.5}}
                         for i in range(5)]
    (folder / "questions.yaml").write_text(yaml.safe_dump(questions, sort_keys=False))
    wide = load_bank(folder)
    assert len(next(q for q in wide.questions if q.id == "likes").possible_answers()) == 256
    cohort = [p.picks for p in people(wide, 60, seed=5)]
    assert len({p["likes"] for p in cohort}) > 20
    assert _in_blocks(wide, cohort) == [_one_at_a_time(wide, p) for p in cohort]


def test_score_reports_a_line_that_is_not_utf8_and_goes_on():
    result = run("score", stdin=b"\xff\xfe not text\n" + jsonl(2).encode())
    assert result.returncode == 2
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert "not valid JSON" in lines[0]["error"]["message"]
    assert [line.get("id") for line in lines[1:]] == ["p0", "p1"]


def waiting_for_input(pid: int, quiet: float = 0.3, timeout: float = 60.0) -> None:
    """Return once process *pid* has slept (waiting to read) for *quiet* seconds on end:
    not a speed check, just the moment it has done all it can with its input so far."""
    import time

    stat = Path(f"/proc/{pid}/stat")
    if not stat.exists():  # no /proc: give it time instead
        time.sleep(3)
        return
    asleep_since, deadline = None, time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = stat.read_text().rpartition(")")[2].split()[0]
        now = time.monotonic()
        if state != "S":
            asleep_since = None
        elif asleep_since is None:
            asleep_since = now
        elif now - asleep_since >= quiet:
            return
        time.sleep(0.02)
    raise AssertionError(f"process {pid} never waited for input")


def test_a_stopped_summary_counts_what_it_scored():
    """--summary prints nothing per record; a stop says how many records were scored."""
    process = subprocess.Popen([sys.executable, "-m", "careerfit", "score", "--summary"],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    process.stdin.write(jsonl(3 * 512 + 100).encode())
    process.stdin.flush()  # and leave stdin open: it waits for the rest of block four
    waiting_for_input(process.pid)  # the three whole blocks are scored by then
    process.send_signal(signal.SIGTERM)
    _, error = process.communicate(timeout=30)
    assert process.returncode == 130
    assert error.decode().strip() == ("careerfit: stopped by SIGTERM after 1,536 record(s):"
                                      " no summary was printed")


def test_a_reader_that_goes_away_ends_the_run_quietly():
    """careerfit score | head -1: exit 0 and nothing on stderr, like any Unix filter."""
    process = subprocess.Popen([sys.executable, "-m", "careerfit", "score"],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    records = jsonl(3 * 512 + 100).encode()  # output blocks of 512 lines: more than a pipe holds

    def feed() -> None:  # in a thread: careerfit's output pipe fills while it reads
        with contextlib.suppress(BrokenPipeError):
            process.stdin.write(records)
            process.stdin.close()

    threading.Thread(target=feed, daemon=True).start()
    first = process.stdout.readline()
    process.stdout.close()
    error = process.stderr.read()
    assert json.loads(first)["id"] == "p0"
    assert process.wait(timeout=60) == 0 and error == b""


@pytest.mark.parametrize(("line", "message"), [
    ('{"version":2,"revision":3,"answers":{"on-call-ok":"agree","on-call-ok":"disagree"}}',
     "repeats the key 'on-call-ok'"),
    ('{"version" : 2, "answers" : {"on-call-ok" : "agree", "on-call-ok" : "disagree"}}',
     "repeats the key 'on-call-ok'"),
    ('{"id": "a\\":b", "version":2,"answers":{"on-call-ok":"agree","on-call-ok":"agree"}}',
     "repeats the key 'on-call-ok'"),
    ('{"version":2,"revision":7,"answers":{}}', "'revision' is 7, but this question bank"),
    ('{"version":2,"revision":100000000000000000000000,"answers":{}}',
     "'revision' must be a whole number"),
    ('{"version":2,"revision":3,"adaptive":true,"answers":{}}',
     "an adaptive answers file with no answers"),
    ('{"version":2,"answers":{"x":"' + "y" * 70_000 + '"}}', "the line is longer than 64 KiB"),
])
def test_what_a_hostile_line_gets_is_its_own_error_and_the_rest_still_scores(line, message):
    good = jsonl(1).strip()
    result = run("score", stdin=f"{line}\n{good}\n")
    first, second = (json.loads(row) for row in result.stdout.splitlines())
    assert result.returncode == 2
    assert message in first["error"]["message"]
    assert second["ranking"] and second["id"] == "p0"


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux's /proc")
def test_blas_worker_threads_never_take_a_stop_signal():
    """Read each thread's blocked-signal mask after careerfit score has loaded numpy."""
    import os

    code = """
import os, signal
from careerfit.bank import load_bank
from careerfit.documents.batch import score
list(score(iter(()), load_bank()))  # loads numpy the way careerfit score does
main = os.getpid()
for task in os.listdir("/proc/self/task"):
    if int(task) != main:
        fields = dict(line.split(":\\t", 1) for line in
                      open(f"/proc/self/task/{task}/status").read().splitlines() if ":\\t" in line)
        blocked = int(fields["SigBlk"], 16)
        print(task, all(blocked >> (s - 1) & 1 for s in
                        (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)))
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env={**os.environ, "OPENBLAS_NUM_THREADS": "2"}, timeout=60)
    assert result.returncode == 0, result.stderr
    threads = result.stdout.split("\n")
    assert all(line.endswith("True") for line in threads if line), result.stdout


def test_the_summary_table_says_what_was_not_scored_first_and_shares_add_up():
    """(A script author read "Cohort of 2 people" of 4 lines, the 2 not scored said only
    below the table, and shares of 33%, 33% and 33%.)"""
    import re

    lines = [*jsonl(3, seed=11).splitlines(), "not json"]
    shown = run("score", "--summary", stdin="\n".join(lines) + "\n",
                env={**os.environ, "COLUMNS": "100"})
    assert shown.returncode == 2
    out = shown.stdout.splitlines()
    assert out[0].startswith("Not scored: 1 record(s)") and out[1] == "Cohort of 3 people"
    table = [int(share) for share in re.findall(r"(\d+)%$", "\n".join(out[2:10]), re.M)]
    assert sum(table) == 100, out
    verdicts = next(line for line in out if line.startswith("Verdicts by kind: "))
    assert sum(map(int, re.findall(r"(\d+)%", verdicts))) == 100


def test_a_json_lines_file_named_on_the_command_line_says_to_pipe_it_in(tmp_path):
    team = tmp_path / "team.jsonl"
    team.write_text(jsonl(2))
    line = json.loads(run("score", str(team)).stdout)
    assert line["error"]["fix"] == f"careerfit score < {team}"


def test_a_long_list_of_missing_answers_says_how_many_more():
    # (A script author met "…" after 12 ids and could not tell how many were left out.)
    record = json.dumps({"version": 2, "adaptive": False,
                         "answers": {"on-call-ok": "agree"}})
    message = json.loads(run("score", stdin=record + "\n").stdout)["error"]["message"]
    missing = int(message.split(": ", 1)[1].split()[0])
    assert missing > 12
    assert f"and {missing - 12} more ('careerfit questions' lists every id)" in message


def test_every_kind_of_score_line_matches_the_score_schema(tmp_path):
    """(A script author found no schema for the default lines: 'schema result' wants a
    schema_version they don't have.) careerfit schema score covers default, --full and
    error lines, and tells them apart (oneOf)."""
    printed = run("schema", "score")
    assert printed.returncode == 0
    lines_schema = jsonschema.Draft202012Validator(json.loads(printed.stdout))
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 2\nanswers:\n  on-call-ok: maybe\n")
    records = jsonl(4) + "not json\n"
    default = run("score", stdin=records).stdout.splitlines()
    full = run("score", "--full", stdin=records).stdout.splitlines()
    files = run("score", str(bad), str(EXAMPLES / "ai-engineer.yaml")).stdout.splitlines()
    lines = [json.loads(line) for line in default + full + files]
    assert {"error" in line for line in lines} == {True, False}
    for line in lines:
        valid(lines_schema, line)
    # A default line is not a whole result, nor the other way round.
    assert not lines_schema.is_valid({**json.loads(default[0]), "tasters": None})
    assert not lines_schema.is_valid({key: value for key, value in json.loads(full[0]).items()
                                      if key != "outcome"})


def test_the_summary_document_matches_its_schema_and_says_its_version():
    # (A script author found no version or schema for the summary.)
    printed = json.loads(run("schema", "summary").stdout)
    summary = json.loads(run("score", "--summary", "--json",
                             stdin=jsonl(6) + "not json\n").stdout)
    assert summary["schema_version"] == 1 and summary["errors"] == 1
    valid(jsonschema.Draft202012Validator(printed), summary)
    assert not jsonschema.Draft202012Validator(printed).is_valid({**summary, "people": -1})


def test_an_empty_input_says_so_and_exits_0():
    # (A script author's 'careerfit score < /dev/null' printed nothing at all.)
    result = run("score", stdin="")
    assert result.returncode == 0 and result.stdout == ""
    assert "no records were read: the input was empty" in result.stderr
