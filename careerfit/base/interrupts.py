"""Stopping a command part-way: Ctrl-C, and the signals that mean the same.

A closed terminal (SIGHUP) or a ``kill``/``timeout`` (SIGTERM) would otherwise end
the process on the spot, losing what the command was keeping (a quiz's answers,
the output lines still in the buffer). :func:`signals_interrupt` turns them into a
:class:`Stopped` interruption, which the command handles as it handles Ctrl-C.
"""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Iterator


class Stopped(KeyboardInterrupt):
    """A terminating signal (SIGTERM, SIGHUP) arrived; its name is the message."""


@contextlib.contextmanager
def signals_interrupt() -> Iterator[None]:
    """Turn SIGTERM and SIGHUP into a :class:`Stopped` raised where the command is.

    Once the command is stopped (by one of them or Ctrl-C) it is on its way out with exit
    130 and a message: a second signal meanwhile is ignored, rather than killing the
    process by signal half-way through the message."""

    def stop(signum: int, frame: object) -> None:
        raise Stopped(signal.Signals(signum).name)

    previous = {sig: signal.signal(sig, stop) for sig in _present("SIGTERM", "SIGHUP")}
    stopped = False
    try:
        yield
    except KeyboardInterrupt:
        stopped = True
        for sig in _present("SIGINT", "SIGTERM", "SIGHUP"):
            signal.signal(sig, signal.SIG_IGN)
        raise
    finally:
        if not stopped:  # the handlers as they were
            for sig, handler in previous.items():
                signal.signal(sig, handler)


def how_stopped(stop: BaseException) -> str:
    """What stopped the command, for its message: 'stopped' (Ctrl-C, Ctrl-D), 'the
    terminal closed' or 'stopped by SIGTERM'."""
    if isinstance(stop, Stopped):
        return "the terminal closed" if str(stop) == "SIGHUP" else f"stopped by {stop}"
    return "stopped"


@contextlib.contextmanager
def held_signals() -> Iterator[None]:
    """Hold off Ctrl-C, SIGTERM and SIGHUP for the moment of the block (one write): one
    that arrives meanwhile takes effect as the block ends. Threads started inside the
    block (numpy's BLAS workers) keep the signals blocked for good, so that a signal is
    only ever handled by the main thread, between two blocks of output. Where the
    platform can't hold signals (Windows), the block runs as it is."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, _present("SIGINT", "SIGTERM", "SIGHUP"))
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def _present(*names: str) -> list[signal.Signals]:
    """The signals of *names* this platform has (Windows has no SIGHUP)."""
    return [getattr(signal, name) for name in names if hasattr(signal, name)]
