"""A progress bar on stderr for a long run (careerfit score), only when stderr is a terminal."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager


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

    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from careerfit.terminal.render import make_console

    # Redrawn from here, not by rich's refresh thread: with no other thread about, a
    # signal held off while output goes out (careerfit score's blocks) reaches this
    # thread only after.
    with Progress(TextColumn("{task.description}"), BarColumn(),
                  TextColumn(f"{{task.completed:,.0f}} {what}"), TimeElapsedColumn(),
                  transient=True, auto_refresh=False,
                  console=make_console(stderr=True)) as bar:
        task = bar.add_task("scoring", total=total)
        count, drawn = 0, time.monotonic()

        def advance() -> None:
            nonlocal count, drawn
            count += 1
            if time.monotonic() - drawn >= 0.1:
                bar.update(task, completed=count, refresh=True)
                drawn = time.monotonic()

        yield advance
