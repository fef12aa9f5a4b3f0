"""Text fitted to a terminal: each line broken at words, as a terminal would cut words at
its edge; a pipe or a log gets every line whole."""

from __future__ import annotations

import re
from typing import TextIO

from careerfit.terminal.facts import columns

# A line's hanging indent: under the text past a list marker ('  3. ', 'Pay: ' is not one).
MARKER = re.compile(r"^(\s*)(?:([0-9]+|[a-z])\. )?")
# A command to copy (careerfit and its arguments, up to a bracket, the end of its sentence
# or the line's end): kept on one line when one can hold it; one longer than a line
# starts a line of its own and breaks at its spaces, each line but its last ending in a
# shell's line continuation (' \\'), so that it runs whole when pasted, whichever of its
# lines are copied (at 60 columns a new user saw '--more' alone on a line and might
# leave it out; at 56, left whole, another saw the terminal cut '.ya' / 'ml' mid-word).
COMMAND = re.compile(r"careerfit(?: [^\s()]*[^\s().])+(?: [^\s()]*\.(?!\S))?")
GLUE = "\x00"  # stands for a space inside a command while a line is wrapped
# A pair question's answers, first to last, in both prompters: its two activities are
# shown once, as A and B (read in full for each answer, a screen reader user heard each
# activity twice per question).
PAIR_TITLES = ("Much rather A", "Slightly rather A", "Both about equally", "Slightly rather B",
               "Much rather B")
# A question's progress label up to this long ('(13 of at most 21)') runs into its text.
SHORT_LABEL = 24


def fold(text: str, width: int | None, *, hang: int | None = None) -> str:
    """Each line of *text* wrapped at word boundaries to *width* columns (None: left
    whole), its continuation lines hanging under its text: past a list marker such as
    '  3. ', else two columns in (or *hang* columns in, when given). A terminal would cut
    words at its edge."""
    if not width:
        return text
    import textwrap

    out = []
    for line in text.split("\n"):
        if len(line) < width:
            out.append(line)
            continue
        match = MARKER.match(line)
        indent = (hang if hang is not None else len(match.group(0)) if match.group(2)
                  else len(match.group(1)) + 2)
        room = max(20, width - 1)
        glued = COMMAND.sub(_glued, line)
        for part in textwrap.wrap(glued, room, subsequent_indent=" " * indent,
                                  break_long_words=False, break_on_hyphens=False) or [line]:
            out += _continued(part, room) if len(part) > room else [part.replace(GLUE, " ")]
    return "\n".join(out)


def _glued(command: re.Match[str]) -> str:
    """*command* as one word, which textwrap never breaks."""
    return command.group(0).replace(" ", GLUE)


def _continued(part: str, room: int) -> list[str]:
    """A line that holds a command too long for it (textwrap leaves a long word alone
    on a line): the command broken at its spaces, its lines but the last ending in ' \\',
    the rest of them two columns further in."""
    first, *words = part.strip().split(GLUE)
    start = part[:len(part) - len(part.lstrip())]
    lines: list[str] = []
    current = start + first
    for word in words:
        if len(current) + 1 + len(word) + 2 > room:  # (2: the ' \\' that ends the line)
            lines.append(current + " \\")
            current = f"{start}  {word}"
        else:
            current += " " + word
    return [*lines, current]


def say(stream: TextIO, text: str) -> None:
    """Write *text* and a newline to *stream*, folded to its width when it is a terminal
    (a note or an error message on stderr: one line each in a log)."""
    stream.write(fold(text, columns(stream)) + "\n")
    stream.flush()


class Progress(str):
    """A question's progress label as shown while it is asked, which may say what the
    next answers decide, and *count*: the count alone, for the line the answered question
    leaves on screen (a new user found 'deciding: ...' stale there)."""

    count: str

    def __new__(cls, shown: str, count: str) -> Progress:
        label = super().__new__(cls, shown)
        label.count = count
        return label


def answered_label(label: str) -> str:
    """What an answered question's line keeps of its progress *label*: the count."""
    return label.count if isinstance(label, Progress) else label


def question_lines(label: str, text: str) -> list[str]:
    """A question's progress *label* and *text*: one line while the label is a short
    count; a longer one (naming what the next answers decide) on a line of its own, as
    run into the question it took three lines at 50 columns."""
    return [f"{label} {text}"] if len(label) <= SHORT_LABEL else [label, text]
