"""safeyaml on its own: plain data with places, and one clear refusal for each hazard."""

from __future__ import annotations

from pathlib import Path

import pytest

from careerfit.bank.safeyaml import MAX_DEPTH, MAX_NODES, load, parse
from careerfit.base.errors import InputError

HERE = Path("f.yaml")


def refusal(text: str) -> str:
    with pytest.raises(InputError) as caught:
        parse(text, HERE)
    return str(caught.value)


def test_plain_data_and_the_place_of_every_key_and_item():
    doc = parse("a: 1\nb:\n  - x\n  - {c: true, d: null, e: 2.5}\n", HERE)
    assert doc.data == {"a": 1, "b": ["x", {"c": True, "d": None, "e": 2.5}]}
    assert doc.where("a") == "f.yaml:1:1"
    assert doc.where("b", 1) == "f.yaml:4:5"
    assert doc.where("b", 1, "e") == "f.yaml:4:24"
    assert doc.where("b", 1, "missing") == "f.yaml:4:5"  # the deepest place known
    assert doc.line("b", 0) == 3


def test_quoted_values_stay_text():
    assert parse("a: '1'\nb: \"yes\"\nc: yes\n", HERE).data == {"a": "1", "b": "yes",
                                                               "c": True}


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 40, 5000])
def test_too_deep_is_careerfits_own_message_whatever_the_parser(depth):
    message = refusal("a: " + "[" * depth + "]" * depth)
    assert f"nested deeper than {MAX_DEPTH} levels" in message
    assert "fix: careerfit files are a few levels deep" in message
    assert message.startswith("f.yaml:1:")


def test_as_deep_as_allowed_is_read():
    depth = MAX_DEPTH - 1  # the top-level mapping is one level
    value = parse("a: " + "[" * depth + "]" * depth, HERE).data["a"]
    for _ in range(depth - 1):
        assert len(value) == 1
        value = value[0]
    assert value == []


@pytest.mark.parametrize(("text", "expected"), [
    ("a: 1\na: 2\n", "f.yaml:2:1: repeats the key 'a'"),
    ("a: !!python/object/apply:os.system [ls]\n", "does not accept"),
    ("a: !!binary aGk=\n", "uses the YAML tag !!binary"),
    ("a: 2024-01-01\n", "holds the date '2024-01-01'"),
    ("base: &b {x: 1}\nc:\n  <<: *b\n", "merge key"),
    ("a: 1\n---\nb: 2\n", "more than one YAML document"),
    ("a: *nothing\n", "uses the alias *nothing before its anchor"),
    ("? [a, b]\n: 1\n", "uses a list or mapping as a key"),
    ("a: [unclosed\n", "f.yaml:2:1: not valid YAML"),
])
def test_each_hazard_is_one_clear_refusal(text, expected):
    assert expected in refusal(text)


def test_alias_expansion_is_capped():
    lines = [f"l0: &l0 [{', '.join(['x'] * 10)}]"]
    lines += [f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 10)}]" for n in range(1, 9)]
    assert f"expand to more than {MAX_NODES:,} values" in refusal("\n".join(lines))


def test_too_many_values_is_refused():
    assert "is too large" in refusal("[" + ", ".join(["1"] * (MAX_NODES + 1)) + "]")


@pytest.mark.parametrize(("content", "expected"), [
    (b"", "is empty"),
    (b"# only a comment\n", "is empty"),
    (b"a: 1\n\x00", ":2: holds binary data"),
    ("a: caf\u00e9\n".encode("latin-1"), ":1: is not UTF-8"),
    (b"a: 1\n" + b"#" * 300, "larger than the 0 KiB limit"),
])
def test_files_that_are_not_small_utf8_yaml_are_refused(tmp_path, content, expected):
    path = tmp_path / "f.yaml"
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        load(path, max_bytes=100)
    assert expected in str(caught.value) and str(path) in str(caught.value)


def test_a_byte_order_mark_is_ignored(tmp_path):
    path = tmp_path / "f.yaml"
    path.write_bytes("\ufeffa: 1\n".encode())
    assert load(path).data == {"a": 1}


def test_a_missing_file_and_a_folder_name_the_path(tmp_path):
    with pytest.raises(InputError, match="no such"):
        load(tmp_path / "nope.yaml")
    with pytest.raises(InputError, match="is a folder"):
        load(tmp_path)
