from __future__ import annotations

import os

import pytest
from hypothesis import settings

from careerfit.bank import Bank, load_bank

# CI runs the same generated examples every time, so a submission never fails by the
# luck of the draw; local runs keep exploring new ones (and remember any failure).
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture(scope="session")
def bank() -> Bank:
    return load_bank()


@pytest.fixture(autouse=True)
def state_dir(tmp_path_factory, monkeypatch):
    """Keep every test's quiz progress out of the real per-user state folder."""
    path = tmp_path_factory.mktemp("state")
    monkeypatch.setenv("CAREERFIT_STATE_DIR", str(path))
    return path


@pytest.fixture(autouse=True)
def signal_handlers():
    """A command stopped in-process ignores further signals on its way out (exit 130):
    put the handlers back for the next test."""
    import signal

    names = [n for n in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, n)]
    saved = {n: signal.getsignal(getattr(signal, n)) for n in names}
    yield
    for name, handler in saved.items():
        signal.signal(getattr(signal, name), handler)
