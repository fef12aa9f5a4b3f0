"""Read YAML that a person wrote by hand, defensively.

PyYAML's loaders trust their input more than a CLI fed arbitrary files
should: the C composer crashes the interpreter on very deep nesting, aliases
can expand exponentially, duplicate keys silently keep the last value, and
the result forgets where each value stood. This module builds plain Python
data straight from the parser's events (iterative, so depth is only a
counter), refuses object-constructing tags, caps size, depth and alias
expansion, rejects duplicate keys, and records the line and column of every
key and item so later checks can point at the exact place.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from careerfit.base.errors import InputError

MAX_BYTES = 256 * 1024
MAX_DEPTH = 32
MAX_NODES = 50_000
TOO_DEEP = f"is nested deeper than {MAX_DEPTH} levels"
TOO_DEEP_HINT = "careerfit files are a few levels deep: check for unclosed '[' or '{'"

_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}
_STR = "tag:yaml.org,2002:str"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Path_ = tuple[Any, ...]
# The last step of the path under which a mapping's plain value (not a list or mapping)
# records where the value itself is written: its key's path records the key.
VALUE = object()


class Document(NamedTuple):
    """Plain data from one YAML file plus where each key or item was written."""

    path: Path | str  # a file, or a place in a stream such as '<stdin>:12'
    data: Any
    marks: dict[Path_, tuple[int, int]]
    json: bool = False  # a JSON Lines record, not a YAML file: hints are written in JSON

    def where(self, *keys: Any) -> str:
        """``file:line:col`` of the deepest recorded key along *keys* (or just the file)."""
        for end in range(len(keys), -1, -1):
            mark = self.marks.get(tuple(keys[:end]))
            if mark is not None:
                return f"{self.path}:{mark[0]}:{mark[1]}"
        return str(self.path)

    def value_where(self, *keys: Any) -> str:
        """``file:line:col`` of the value written under *keys*, where an editor should jump
        to mend it (its key's place for a list, a mapping or an empty value)."""
        return self.where(*keys, VALUE)

    def line(self, *keys: Any) -> int:
        """The line of the deepest recorded key along *keys*, 1 when unknown."""
        for end in range(len(keys), -1, -1):
            mark = self.marks.get(tuple(keys[:end]))
            if mark is not None:
                return mark[0]
        return 1


def _unreadable(path: Path, what: str, exc: OSError) -> InputError:
    return InputError(f"{path}: cannot read the {what}: {exc.strerror}",
                      hint="check its permissions, or copy it somewhere you can read it")


def read_text(path: Path, *, what: str, max_bytes: int = MAX_BYTES) -> str:
    """Read a small UTF-8 text file, refusing folders, binaries and oversized files."""
    try:
        exists, folder = path.exists(), path.is_dir()
    except OSError as exc:  # a name too long, a folder that can't be entered
        raise _unreadable(path, what, exc) from None
    if not exists:
        written = str(path)
        # (A user joined a command shown over two lines and kept its ' \\': the shell
        # passed the path with a space in front.)
        joined = (written != written.strip() and Path(written.strip()).is_file())
        shown = f"'{written}'" if joined else written
        raise InputError(f"{shown}: no such {what}",
                         hint=f"the name starts with a space: leave out the '\\' at the end"
                              f" of a line when you join a command shown over two; the file"
                              f" is {written.strip()}" if joined else
                              "check the path and spelling")
    if folder:
        article = "an" if what[:1] in "aeiou" else "a"
        raise InputError(f"{path}: is a folder, not {article} {what}", hint="name a .yaml file")
    try:
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)
    except OSError as exc:
        raise _unreadable(path, what, exc) from None
    if len(raw) > max_bytes:
        raise InputError(
            f"{path}: the {what} is larger than the {max_bytes // 1024} KiB limit",
            hint="an answers file is a few KiB; check that this is the right file",
        )
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise InputError(f"{path}:{line}: holds binary data (a NUL byte), not YAML text",
                         hint=f"check that this is the right file, and save it as plain"
                              f" text if it is the {what}")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(
            f"{path}:{line}: is not UTF-8 text (byte 0x{raw[exc.start]:02x})",
            hint="save the file as UTF-8",
        ) from None
    return text.removeprefix("\ufeff")


def load(path: Path, *, what: str = "YAML file", max_bytes: int = MAX_BYTES) -> Document:
    """Load one YAML document from *path* into plain data with positions."""
    text = read_text(path, what=what, max_bytes=max_bytes)
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        raise InputError(f"{path}: the {what} is empty",
                         hint=f"see the README for the {what} format")
    return parse(text, path)


def parse(text: str, path: Path) -> Document:
    """Build a :class:`Document` from YAML *text*; errors name *path*."""
    builder = _Builder(path)
    try:
        builder.build(yaml.parse(text, Loader=_LOADER))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        place = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        problem = exc.problem or exc.context or "invalid YAML"
        if "nesting depth" in problem:  # newer PyYAML refuses deep documents before we can
            raise InputError(f"{place}: {TOO_DEEP}", hint=TOO_DEEP_HINT) from None
        lines = text.splitlines()
        line = lines[mark.line] if mark and mark.line < len(lines) else ""
        raise InputError(f"{place}: not valid YAML: {problem}",
                         hint=_yaml_fix(problem, line)) from None
    except yaml.YAMLError as exc:
        raise InputError(f"{path}: not valid YAML: {exc}",
                         hint="check the indentation and the quoting near that place") from None
    return Document(path, builder.data, builder.marks)


# What to do about PyYAML's commonest complaints (a script author found no fix for an
# answer indented one space too far), by the words the complaint starts with.
YAML_FIXES = (
    ("mapping values are not allowed",
     "line this key up with the keys above it (the same number of spaces), and check that"
     " the line before ends its value; quote a value that holds ': '"),
    ("did not find expected key",
     "line this key up with the keys above it (the same number of spaces: the keys of one"
     " mapping, such as the answers under 'answers:', start at the same column)"),
    ("found character that cannot start any token",
     "YAML indents with spaces, not tabs: replace the tab (or quote a value that starts"
     " with @ or `)"),
    ("could not find expected ':'",
     "write each key as 'key: value' on a line of its own"),
    ("did not find expected ',' or ']'", "close the list with ']'"),
    ("did not find expected '-' indicator",
     "line this line up with the list items above it: each item starts with '- ' at the"
     " same column, and what belongs to an item is indented past its '- '"),
)


# The fix for a value that holds ': ', given first when the line holds two (a bank editor
# whose indentation was right read "line this key up" first).
QUOTE_FIX = "quote a value that holds ': ' (key: \"text: more text\")"


def _yaml_fix(problem: str, line: str = "") -> str:
    """The fix for a YAML syntax error PyYAML describes as *problem* on *line*."""
    if problem.startswith("mapping values are not allowed") and line.count(": ") > 1:
        return QUOTE_FIX
    return next((fix for start, fix in YAML_FIXES if problem.startswith(start)),
                "compare it with a file written by 'careerfit quiz --save FILE'")


class _Builder:
    """Turns a stream of parser events into plain data, enforcing the limits."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.data: Any = None
        self.marks: dict[Path_, tuple[int, int]] = {}
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.nodes = 0
        self.documents = 0

    def fail(self, event: yaml.Event, message: str, hint: str | None = None) -> None:
        mark = event.start_mark
        raise InputError(f"{self.path}:{mark.line + 1}:{mark.column + 1}: {message}", hint=hint)

    def _too_large(self, event: yaml.Event) -> None:
        self.fail(event, f"is too large: more than {MAX_NODES:,} values (or aliases"
                  " that expand to that many)")

    def build(self, events: Iterator[yaml.Event]) -> None:
        stack: list[_Frame] = []
        for event in events:
            kind = type(event)
            if kind is yaml.ScalarEvent:  # the common case first: most events are scalars
                self.nodes += 1
                if self.nodes > MAX_NODES:
                    self._too_large(event)
                value = self._scalar(event)
                if event.anchor:
                    self.anchors[event.anchor] = (value, 1)
                self._attach(stack, value, event, weight=1)
                continue
            if kind is yaml.DocumentStartEvent:
                self.documents += 1
                if self.documents > 1:
                    self.fail(event, "holds more than one YAML document ('---')",
                              hint="keep a single document in the file")
                continue
            if kind in _IGNORED_EVENTS:
                continue
            if kind in _END_EVENTS:
                frame = stack.pop()
                if frame.anchor:
                    self.anchors[frame.anchor] = (frame.value, self.nodes - frame.nodes_at_start)
                self._attach(stack, frame.value, frame.start, weight=0)
                continue
            self.nodes += 1
            if self.nodes > MAX_NODES:
                self._too_large(event)
            if kind is yaml.AliasEvent:
                if event.anchor not in self.anchors:
                    self.fail(event, f"uses the alias *{event.anchor} before its anchor")
                value, weight = self.anchors[event.anchor]
                self.nodes += weight
                if self.nodes > MAX_NODES:
                    self.fail(event, f"aliases expand to more than {MAX_NODES:,} values",
                              hint="write the values out instead of nesting aliases")
                self._attach(stack, value, event, weight=weight)
            else:
                if len(stack) >= MAX_DEPTH:
                    self.fail(event, TOO_DEEP, hint=TOO_DEEP_HINT)
                is_map = isinstance(event, yaml.MappingStartEvent)
                expected = "tag:yaml.org,2002:map" if is_map else "tag:yaml.org,2002:seq"
                if event.tag not in (None, "!", expected):
                    self._refuse_tag(event)
                frame = _Frame({} if is_map else [], event, event.anchor, self.nodes)
                frame.parent_path = _child_path(stack)
                stack.append(frame)

    def _refuse_tag(self, event: yaml.Event, tag: str | None = None) -> None:
        shown = str(tag or event.tag).replace("tag:yaml.org,2002:", "!!")
        if shown == "!!merge":
            self.fail(event, "uses a YAML merge key ('<<'), which careerfit does not accept")
        if shown == "!!timestamp":
            self.fail(event, f"holds the date {event.value!r:.40}, where text or a number was"
                      " expected", hint="quote it if it is meant as text")
        self.fail(event, f"uses the YAML tag {shown:.60}, which careerfit does not accept",
                  hint="remove the tag: only plain strings, numbers, lists and mappings are read")

    def _scalar(self, event: yaml.ScalarEvent) -> Any:
        tag = event.tag
        if tag in (None, "!"):
            if not event.implicit[0]:
                return event.value  # quoted or block text: always a string
            tag = _resolve(event.value)
            if tag == _STR:
                return event.value
        if tag not in _SCALAR_TAGS:
            self._refuse_tag(event, tag)
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark)
        try:
            return _CONSTRUCTOR.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError):
            self.fail(event, f"cannot read {event.value!r:.40} as {tag.rsplit(':', 1)[-1]}")
            return None  # unreachable: fail raises

    def _attach(self, stack: list[_Frame], value: Any, event: yaml.Event, *, weight: int) -> None:
        mark = (event.start_mark.line + 1, event.start_mark.column + 1)
        if not stack:
            self.data = value
            self.marks[()] = mark
            return
        frame = stack[-1]
        if isinstance(frame.value, list):
            key_path = (*frame.path(), len(frame.value))
            frame.value.append(value)
            self.marks.setdefault(key_path, mark)
            return
        if frame.pending_key is _NO_KEY:
            if isinstance(value, (dict, list)):
                self.fail(event, "uses a list or mapping as a key", hint="keys must be plain text")
            if not isinstance(value, (str, int, float, bool)) and value is not None:
                self.fail(event, "uses an unsupported value as a key")
            if value in frame.value:
                self.fail(event, f"repeats the key {value!r:.60} (each key may appear once)",
                          hint="remove or rename one of the two")
            frame.pending_key = value
            frame.key_mark = mark
            return
        key = frame.pending_key
        frame.value[key] = value
        frame.pending_key = _NO_KEY
        path = (*frame.path(), key)
        self.marks[path] = frame.key_mark
        if value is not None and not isinstance(value, (dict, list)):
            self.marks[(*path, VALUE)] = mark


_NO_KEY = object()
_IGNORED_EVENTS = (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)
_END_EVENTS = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
_resolved: dict[str, str] = {}


def _resolve(plain: str) -> str:
    """The implicit tag of a plain scalar (memoised: keys like 'id' repeat a lot)."""
    tag = _resolved.get(plain)
    if tag is None:
        tag = _RESOLVER.resolve(yaml.ScalarNode, plain, (True, False))
        if len(_resolved) < 4096:
            _resolved[plain] = tag
    return tag


def _child_path(stack: list[_Frame]) -> Path_:
    """The path the next value attached to the innermost open container will have."""
    if not stack:
        return ()
    top = stack[-1]
    if isinstance(top.value, list):
        return (*top.path(), len(top.value))
    return (*top.path(), top.pending_key)
_RESOLVER = yaml.resolver.Resolver()
_CONSTRUCTOR = yaml.constructor.SafeConstructor()


class _Frame:
    """A mapping or sequence being filled, and where it sits in the document."""

    def __init__(self, value: dict | list, event: yaml.Event, anchor: str | None,
                 nodes_at_start: int) -> None:
        self.value = value
        self.start = event
        self.anchor = anchor
        self.nodes_at_start = nodes_at_start
        self.pending_key: Any = _NO_KEY
        self.key_mark = (0, 0)
        self.parent_path: Path_ = ()

    def path(self) -> Path_:
        return self.parent_path
