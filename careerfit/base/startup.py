"""Start-up with the cyclic garbage collector paused, until the person can act.

Starting careerfit (typer; for a quiz, questionary and prompt_toolkit too) makes tens
of thousands of objects that live as long as the process. The collector, run after
every 700 new objects, walks them again and again and frees almost nothing: a few
milliseconds before the first question shows. So the console entry point pauses it
(:func:`pause`), and the first moment careerfit waits on a person (the first prompt
drawn, the first line read) or starts a batch calls :func:`resume`: that freezes what
start-up made, so that later collections never walk it again, and turns the
collector back on. A run that never waits (``quiz --answers F --json``) is over
before any garbage would matter.
"""

from __future__ import annotations

import gc

_state = {"paused": False}


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
