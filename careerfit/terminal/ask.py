"""The only module that imports questionary: asks questions, shows progress.

Prompts are drawn on stderr (or whatever output is passed in), never stdout,
so ``careerfit quiz --json`` keeps stdout for the JSON alone. Ctrl-C raises
KeyboardInterrupt and Ctrl-D raises EOFError; the caller decides what to keep.
Left arrow or Backspace answers :data:`careerfit.bank.BACK`: "take me to the
previous question".
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import questionary
from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
from prompt_toolkit.output import create_output
from questionary import Choice, Separator

from careerfit.bank import BACK, SKIP, Question
from careerfit.base import speed
from careerfit.base.errors import clean
from careerfit.base.vocabulary import MaybeAnswer
from careerfit.terminal.fold import PAIR_TITLES, answered_label, question_lines

if TYPE_CHECKING:
    from careerfit.terminal.session.loop import ReviewRow

CONFIRM = "\x00confirm"
# First line of a pick-one question not answered yet, so that a stray Enter records
# nothing (a 5-point question's first answer is its most extreme; a choice question's is
# as real an answer: a new user found the two kinds behaving differently).
UNPICKED = "\x00unpicked"
PICK_PROMPT = "(move to an answer with the arrow keys)"
# ...and what it says once Enter was pressed on it, so that the Enter is not lost in silence.
PICK_PROMPT_AGAIN = "(nothing recorded: pick an answer with the arrow keys, then Enter)"
REVIEW_TITLE = "Review your answers: pick one to change, or confirm"
STYLE = questionary.Style([("qmark", "fg:ansicyan bold"), ("question", "bold"),
                           ("pointer", "fg:ansicyan bold"), ("highlighted", "fg:ansicyan bold"),
                           ("instruction", "fg:ansibrightblack")])


def starts_unpicked(question: Question) -> bool:
    """Whether the question, not answered yet, opens on the 'move to an answer' line (every
    pick-one question; a pick-all question's Enter takes what is ticked)."""
    return question.kind != "multi"


def _extra_keys(*, back: bool) -> KeyBindings:
    """Ctrl-D ends the quiz; with *back* (questions only), Left and Backspace go back. A
    yes/no or the review gets no back keys: there Backspace edits what was typed, and a
    BACK result read as 'yes' once started more questions (a new user in tmux)."""
    bindings = KeyBindings()

    @bindings.add("c-d", eager=True)
    def _(event: Any) -> None:
        event.app.exit(exception=EOFError(), style="class:aborting")

    if back:
        @bindings.add("left", eager=True)
        @bindings.add("backspace", eager=True)
        def _(event: Any) -> None:
            event.app.exit(result=BACK)

    return bindings


def _share_default_key_bindings() -> None:
    """Build prompt_toolkit's default key bindings once per process, and without vi mode.

    A questionary select makes three prompt_toolkit Applications (two inside the
    PromptSessions it builds for their layout), and every Application loads the whole
    emacs, vi and basic key maps afresh: over 1,800 handlers each time, about 20 ms
    before each question shows on this machine.
    The maps are a stateless registry (a handler finds its app when its key is pressed),
    so one copy serves every prompt. The vi maps, nearly two thirds of the handlers,
    are left out: they act only in vi editing mode, which careerfit's prompts never
    turn on (questionary's select, checkbox and confirm run in emacs mode)."""
    from prompt_toolkit.application import application

    if getattr(application.load_key_bindings, "shared_by_careerfit", False):
        return
    built = _default_key_bindings_without_vi()

    def shared() -> Any:
        return built

    shared.shared_by_careerfit = True  # type: ignore[attr-defined]
    application.load_key_bindings = shared


def _default_key_bindings_without_vi() -> Any:
    """prompt_toolkit's ``load_key_bindings()`` (3.0) less its vi-mode maps."""
    from prompt_toolkit.filters import buffer_has_focus
    from prompt_toolkit.key_binding import ConditionalKeyBindings
    from prompt_toolkit.key_binding.bindings.basic import load_basic_bindings
    from prompt_toolkit.key_binding.bindings.cpr import load_cpr_bindings
    from prompt_toolkit.key_binding.bindings.emacs import (
        load_emacs_bindings,
        load_emacs_search_bindings,
        load_emacs_shift_selection_bindings,
    )
    from prompt_toolkit.key_binding.bindings.mouse import load_mouse_bindings

    editing = merge_key_bindings([load_basic_bindings(), load_emacs_bindings(),
                                  load_emacs_search_bindings(),
                                  load_emacs_shift_selection_bindings()])
    return merge_key_bindings([ConditionalKeyBindings(editing, buffer_has_focus),
                               load_mouse_bindings(), load_cpr_bindings()])


def _drawn(app: Any) -> None:
    """Once a question is on screen, careerfit waits on the person: start-up is over.
    (Runs after every render; only the first does anything.)"""
    speed.resume()


class Prompter:
    """Asks bank questions with questionary; *input*/*output* are for tests."""

    back_key = "Left arrow"  # what goes back to the question before, in words

    def __init__(self, input: Any = None, output: Any = None) -> None:
        self.input = input
        self.output = output if output is not None else create_output(stdout=sys.stderr)
        self._shown: list[int] = []  # lines left by each answered question, last one last
        _share_default_key_bindings()

    def _columns(self) -> int:
        try:
            return int(self.output.get_size().columns)
        except Exception:  # any output without a size (a test double): assume 80 columns
            return 80

    def _answered(self, question: Question, label: str, answer: MaybeAnswer) -> MaybeAnswer:
        """Leave one line for the question as answered, wrapped at word boundaries (the
        prompt itself is erased when done: going back, or a stray Enter on the 'move to
        an answer' line, leaves no ghost of it)."""
        line = f"? {answered_label(label)} {clean(question.short or question.text)}: " \
               f"{clean(question.describe(answer))}"
        text = _wrap(line, self._columns() - 1, indent="    ")
        self.output.write(text + "\n")
        self.output.flush()
        self._shown.append(text.count("\n") + 1)
        return answer

    def _went_back(self) -> str:
        """Going back: the question before is asked again, so its answered line goes."""
        if self._shown:
            self.output.cursor_up(self._shown.pop())
            self.output.erase_down()
            self.output.flush()
        return BACK

    def _instruction(self, text: str) -> str:
        return "\n  " + _wrap(text, self._columns() - 3, indent="  ")

    def _option_title(self, label: str, indent: int) -> str:
        """An answer's label wrapped to the terminal, continuation lines hanging under
        the text (questionary would cut a long one at the edge: 'Software engineer
        (backend, platform, infrastru')."""
        return _wrap(clean(label), self._columns() - indent - 1, indent=" " * indent)

    def _run(self, prompt: questionary.Question, *, back: bool = False) -> Any:
        app = prompt.application
        app.key_bindings = merge_key_bindings([app.key_bindings, _extra_keys(back=back)])
        app.erase_when_done = True  # each answer leaves its own one line: _answered
        app.after_render += _drawn
        return prompt.unsafe_ask()

    def ask(self, question: Question, label: str,
            current: MaybeAnswer = None, answered: bool = False
            ) -> tuple[str, ...] | str | None:
        """Ask one question; return the chosen option ids, None for 'Not sure', or BACK.

        *label* is the progress shown before the question, such as '(3/45)'.
        """
        # Wrapped here at word boundaries: a terminal would cut long lines anywhere.
        message = "\n  ".join(_wrap(line, self._columns() - 3, indent="  ")
                              for line in question_lines(label, clean(question.text)))
        hint = "\n  " + _wrap(clean(question.hint), self._columns() - 3, indent="  ") \
            if question.hint else ""
        common = {"qmark": "?", "style": STYLE, "input": self.input, "output": self.output}
        if question.kind == "multi":
            chosen = set(current or ())
            choices: list[Any] = [Choice(self._option_title(o.label, CHECKBOX_INDENT),
                                         value=o.id, checked=o.id in chosen)
                                  for o in question.options]
            choices += [Separator(), Choice(question.skip_label, value=SKIP,
                                            checked=answered and current is None)]
            # A stray Enter with nothing ticked is asked about once (a new user's recorded
            # "None of these" unseen; two more on the skills question), unless none of
            # these is the answer being kept.
            guard = not (answered and current == ())
            picked = self._run(questionary.checkbox(
                message, choices=choices, validate=_EmptyOnce() if guard else _one_way_to_skip,
                instruction=self._instruction("(space to pick, enter when done, left arrow:"
                                              " back)") + hint,
                **common), back=True)
            if picked == BACK:
                return self._went_back()
            answer = None if SKIP in picked else tuple(
                o for o in question.option_ids if o in picked)
            return self._answered(question, label, answer)
        if question.kind == "pair":
            # The two activities are shown once, wrapped, above short answers.
            for letter, side in zip("AB", question.sides, strict=True):
                message += "\n  " + _wrap(f"{letter}: {clean(side.label)}",
                                          self._columns() - 3, indent="     ")
            titles = PAIR_TITLES
        else:
            titles = tuple(self._option_title(o.label, SELECT_INDENT) for o in question.options)
        choices = [Choice(title, value=o.id)
                   for title, o in zip(titles, question.options, strict=True)]
        choices += [Separator(), Choice(question.skip_label, value=SKIP)]
        default = (current[0] if current else SKIP) if answered else None
        if default is None and starts_unpicked(question):
            choices.insert(0, Choice(self._option_title(PICK_PROMPT, SELECT_INDENT),
                                     value=UNPICKED))
        while True:
            picked = self._run(questionary.select(
                message, choices=choices, default=default,
                instruction=self._instruction("(arrow keys, enter to choose, left arrow:"
                                              " back)") + hint,
                **common), back=True)
            if picked != UNPICKED:
                break
            choices[0] = Choice(self._option_title(PICK_PROMPT_AGAIN, SELECT_INDENT),
                                value=UNPICKED)
        if picked == BACK:
            return self._went_back()
        return self._answered(question, label, None if picked == SKIP else (picked,))

    def confirm(self, message: str, default: bool = False) -> bool:
        """A yes/no question; Enter alone gives *default*. y or n waits for Enter too:
        questionary's default took the key alone, and the Enter a person types after it
        landed on the next question (an empty pick-all answer recorded unseen). The
        prompt says so: a new user typed y, saw 'Yes', and waited for something to happen."""
        keys = "(Y/n)" if default else "(y/N)"
        instruction = f"{keys}, then Enter "
        said = self._yes_or_no(message, default, instruction)
        # The answer stays on screen, as each question's does (a new user found no record
        # of having declined more questions).
        self._line_between(f"? {clean(message)} {'Yes' if said else 'No'}")
        return said

    def _yes_or_no(self, message: str, default: bool, instruction: str) -> bool:
        # Wrapped at words, as every question is; the keys go on a line of their own when
        # the last line can't hold them (a new user saw "...? (Y/n), the" / "n Enter").
        width = self._columns() - 1
        text = _wrap(clean(message), width - 2, indent="  ")
        if len(text.rsplit("\n", 1)[-1]) + 3 + len(instruction) > width:
            text += "\n "
        return bool(self._run(questionary.confirm(
            text, default=default, qmark="?", style=STYLE, auto_enter=False,
            instruction=instruction, input=self.input, output=self.output)))

    def say(self, text: str) -> None:
        """A line of its own between questions, wrapped (it stays in the transcript)."""
        self._line_between(clean(text))

    def _line_between(self, text: str) -> None:
        """*text*, wrapped, after the last answered question: going back erases it with
        that question's line, so neither is left on screen twice."""
        wrapped = _wrap(text, self._columns() - 1, indent="  ")
        self.output.write(wrapped + "\n")
        if self._shown:
            self._shown[-1] += wrapped.count("\n") + 1
        self.output.flush()

    def review(self, rows: Sequence[ReviewRow], pointed: str | None = None) -> str | None:
        """Show the answers (*rows*, each by its number), pointing at the row keyed
        *pointed* if any; return the key of the one picked to change, or None to confirm.

        Each row wraps under its own text, past its number. The list scrolls within the
        screen, never past it: what scrolls off the top of a terminal can't be erased,
        and the review is erased when done (the result follows it). The window keeps the
        whole of the row pointed at in view, its last line too."""
        choices: list[Any] = [Choice("These are right: show my result", value=CONFIRM),
                              Separator()]
        marks = max((len(row.mark) for row in rows), default=1)
        hang = SELECT_INDENT + marks + 2  # the pointer, the number and '. '
        tallest = 1
        for row in rows:
            line = f"{row.mark:>{marks}}. {clean(row.short)}: {clean(row.answer)}"
            # the list's scroll bar takes the last column
            title = _wrap(line, self._columns() - SELECT_INDENT - 2, indent=" " * hang,
                          first=SELECT_INDENT)
            tallest = max(tallest, title.count("\n") + 1)
            choices.append(Choice(title, value=row.key))
        title = _wrap(REVIEW_TITLE, self._columns() - 3, indent="  ")
        # (Reopened on the answer just changed, the way back to the confirm line is said:
        # a new user pressed Up 12 times.)
        instruction = self._instruction("(arrow keys, enter; Home: back to 'These are right')"
                                        if pointed else "(arrow keys, enter)")
        prompt = questionary.select(
            title, choices=choices, qmark="?", style=STYLE, input=self.input,
            output=self.output, instruction=instruction,
            default=pointed if any(row.key == pointed for row in rows) else None)
        above = title.count("\n") + instruction.count("\n") + 1
        _fit_list_to_screen(prompt.application, self._rows() - above, tallest)
        picked = self._run(prompt)
        return None if picked == CONFIRM else picked

    def _rows(self) -> int:
        try:
            return int(self.output.get_size().rows)
        except Exception:  # any output without a size (a test double): assume 24 rows
            return 24


# Rows the review keeps free besides its title: a margin for a line the terminal wraps,
# so that the list never pushes the screen into the scrollback.
REVIEW_SPARE_ROWS = 2


def _fit_list_to_screen(app: Any, rows: int, tallest: int) -> None:
    """Keep a select's list of choices within the *rows* rows left below its title,
    scrolling inside them, and the whole of the pointed choice in view (the cursor is on
    its first line; *tallest* is the most lines a choice takes). Home and End point at
    the first and the last choice."""
    from prompt_toolkit.layout import ScrollbarMargin, ScrollOffsets, Window
    from prompt_toolkit.layout.dimension import Dimension
    from questionary.prompts.common import InquirerControl

    for window in app.layout.find_all_windows():
        if isinstance(window, Window) and isinstance(window.content, InquirerControl):
            window.height = Dimension(max=max(3, rows - REVIEW_SPARE_ROWS))
            window.scroll_offsets = ScrollOffsets(top=0, bottom=tallest - 1)
            window.right_margins = [ScrollbarMargin(display_arrows=False)]
            app.key_bindings = merge_key_bindings([app.key_bindings,
                                                   _ends_of_list(window.content)])


def _ends_of_list(control: Any) -> KeyBindings:
    bindings = KeyBindings()
    choosable = [i for i, c in enumerate(control.choices) if not isinstance(c, Separator)]

    @bindings.add("home", eager=True)
    def _(event: Any) -> None:
        control.pointed_at = choosable[0]

    @bindings.add("end", eager=True)
    def _(event: Any) -> None:
        control.pointed_at = choosable[-1]

    return bindings


def _one_way_to_skip(picked: list[str]) -> bool | str:
    if SKIP in picked and len(picked) > 1:
        return "'Not sure' can't be combined with other picks"
    return True


# Said at the first Enter with nothing ticked, on the one line prompt_toolkit's
# validation toolbar gives it, which never wraps: short enough for 40 columns (at 60 a
# new user saw "...or Space to" and no more).
NOTHING_TICKED = "Nothing ticked: Enter again to confirm"


class _EmptyOnce:
    """A pick-all question's check: one way to skip, and nothing ticked only at the
    second Enter."""

    def __init__(self) -> None:
        self.warned = False

    def __call__(self, picked: list[str]) -> bool | str:
        if picked or self.warned:
            return _one_way_to_skip(picked)
        self.warned = True
        return NOTHING_TICKED


# Columns before an answer's text: questionary's pointer (select), and its box (checkbox).
SELECT_INDENT = 3
CHECKBOX_INDENT = 5


def _wrap(line: str, width: int, indent: str, first: int = 0) -> str:
    """*line* wrapped at word boundaries, continuation lines indented by *indent*; its
    first line starts *first* columns in (its continuation lines at the left edge, where
    the indent counts from)."""
    import textwrap

    lines = textwrap.wrap(line, max(20, width), subsequent_indent=indent,
                          break_long_words=False, break_on_hyphens=False)
    if first and len(lines) > 1:  # the continuation lines may use the first's columns
        rest = textwrap.wrap(" ".join(lines[1:]).strip(), max(20, width + first) - len(indent),
                             break_long_words=False, break_on_hyphens=False)
        lines = lines[:1] + [indent + part for part in rest]
    return "\n".join(lines)
