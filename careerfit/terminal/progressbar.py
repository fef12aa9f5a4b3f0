"""A progress bar on stderr for a long run (careerfit score), only when stderr is a terminal."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any


@contextmanager
def progress_bar(total: int | None, what: str = "records") -> Iterator[Callable[[], None]]:
    """A function to call once per item done; it draws a bar (items done, time taken) on
    stderr when stderr is a terminal, and does nothing otherwise. The bar goes when done."""
    try:
        interactive = sys.stderr.isatty()
    except (ValueError, OSError, AttributeError):
        interactive = False
    if not interactive:
        yield lambda: None
        return
    import time

    # Drawn only once the run has taken SHOW_AFTER seconds: a short run ends before it
    # would show (a script author's three records left "scoring ━━━ 0 records" on screen,
    # its output run into it, where stdout went through a pipe to the same terminal).
    # Redrawn from here, not by rich's refresh thread: with no other thread about, a
    # signal held off while output goes out (careerfit score's blocks) reaches this
    # thread only after.
    started = time.monotonic()
    count, drawn = 0, started
    bar: Any = None  # rich's Progress, once drawn

    def advance() -> None:
        nonlocal count, drawn, bar
        count += 1
        now = time.monotonic()
        if now - drawn < 0.1 or now - started < SHOW_AFTER:
            return
        if bar is None:
            bar = _start(total, what)
        bar.update(bar.task_ids[0], completed=count, refresh=True)
        drawn = now

    try:
        yield advance
    finally:
        if bar is not None:
            bar.stop()


SHOW_AFTER = 0.3  # seconds


def _start(total: int | None, what: str) -> Any:
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from careerfit.terminal.render import make_console

    bar = Progress(TextColumn("{task.description}"), BarColumn(),
                   TextColumn(f"{{task.completed:,.0f}} {what}"), TimeElapsedColumn(),
                   transient=True, auto_refresh=False, console=make_console(stderr=True))
    bar.add_task("scoring", total=total)
    bar.start()
    return bar
