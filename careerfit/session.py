"""The interactive part of a quiz: which questions to ask, in what order, and review.

Knows nothing of questionary: it drives any object with the ``ask`` and
``review`` methods of :class:`careerfit.ask.Prompter`.
"""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Callable, Iterator
from typing import Protocol

from careerfit.bank import Bank, Question

Answer = tuple[str, ...] | None


class Asks(Protocol):
    def ask(self, question: Question, position: int, total: int,
            current: Answer = None, answered: bool = False) -> Answer: ...

    def review(self, bank: Bank, picks: dict[str, Answer]) -> str | None: ...


def run_session(bank: Bank, picks: dict[str, Answer], to_ask: list[str], prompter: Asks, *,
                review: bool, on_change: Callable[[dict[str, Answer]], None]
                ) -> dict[str, Answer]:
    """Ask *to_ask* in bank order, saving after every answer, then let the person review."""
    total = len(bank.questions)
    position = {q.id: n for n, q in enumerate(bank.questions, start=1)}

    def ask(question_id: str) -> None:
        question = bank.question(question_id)
        picks[question_id] = prompter.ask(question, position[question_id], total,
                                          current=picks.get(question_id),
                                          answered=question_id in picks)
        on_change(picks)

    for question_id in to_ask:
        ask(question_id)
    while review:
        chosen = prompter.review(bank, picks)
        if chosen is None:
            break
        ask(chosen)
    return {q.id: picks[q.id] for q in bank.questions if q.id in picks}


class Stopped(KeyboardInterrupt):
    """A terminating signal (SIGTERM, SIGHUP) arrived while the quiz was asking."""


@contextlib.contextmanager
def signals_interrupt() -> Iterator[None]:
    """Turn SIGTERM and SIGHUP into an interruption the quiz handles like Ctrl-C."""

    def stop(signum: int, frame: object) -> None:
        raise Stopped(signal.Signals(signum).name)

    wanted = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    previous = {sig: signal.signal(sig, stop) for sig in wanted}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
