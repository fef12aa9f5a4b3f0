"""careerfit's speed tricks, each measured (bench/), all in one place.

**The garbage collector during start-up.** Starting careerfit (typer; for a quiz,
questionary and prompt_toolkit too) makes tens of thousands of objects that live as
long as the process. The collector, run after every 700 new objects, walks them again
and again and frees almost nothing: a few milliseconds before the first question shows.
So the console entry point pauses it (:func:`pause`), and the first moment careerfit
waits on a person (the first prompt drawn, the first line read) or starts a batch calls
:func:`resume`: that freezes what start-up made, so that later collections never walk
it again, and turns the collector back on. A run that never waits
(``quiz --answers F --json``) is over before any garbage would matter.

**No collections at exit** (:func:`skip_exit_collections`): Python's last collections
walk every object the run made (about 10 ms after a ``--json`` run, more than the
scoring itself) and find nothing that needs them.

**A batch collects rarely** (:func:`rare_collection`): about a tenth faster.

**One BLAS thread for block scoring** (:func:`one_blas_thread`): a block's matrices
are small, so extra BLAS threads only spin on the other cores (about twice the CPU for
a tenth less time), and a sharded run (xargs -P) already keeps every core busy.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

_state = {"paused": False}
_BLAS_THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def pause() -> None:
    """Pause the collector, unless someone else already turned it off."""
    if gc.isenabled():
        gc.disable()
        _state["paused"] = True


def resume() -> None:
    """Freeze what start-up made and collect again (only if :func:`pause` paused it)."""
    if _state["paused"]:
        _state["paused"] = False
        gc.freeze()
        gc.enable()


def skip_exit_collections() -> None:
    """The process is about to end: leave every object out of the last collections.

    careerfit closes its own files, and the standard streams are flushed regardless."""
    gc.freeze()


@contextmanager
def rare_collection() -> Iterator[None]:
    """Run a batch with the collector out of the way.

    Records hold no reference cycles, so reference counting frees them; what the
    collector keeps finding is the long-lived bank and tables, and the block of
    records in flight. Freeze the first, and collect the youngest generation less
    often; both are put back afterwards."""
    resume()
    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(max(threshold[0], 50_000), *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


def one_blas_thread() -> None:
    """Ask numpy's BLAS for one thread, before numpy loads it; a value the user set wins."""
    for variable in _BLAS_THREADS:
        os.environ.setdefault(variable, "1")


def numpy() -> Any:
    """numpy, loaded (on first use) with one BLAS thread: careerfit's matrices are small,
    and more threads only spin; on a busy 2-core machine they tripled an adaptive step."""
    one_blas_thread()
    import numpy

    return numpy
