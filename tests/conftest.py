from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest


def _rewrite_only_our_asserts() -> None:
    """pytest rewrites the asserts of every module of every plugin's package, not only of
    the tests: hypothesis's 73 modules among them, in each xdist worker, and again on every
    run where bytecode is not written (PYTHONDONTWRITEBYTECODE, as on this machine and in
    CI): about 3 s of CPU a worker. Only the tests' asserts need it.
    (pytest's hook keeps the packages it will rewrite in a private set; if that changes,
    this does nothing and the suite is only slower.)"""
    for finder in sys.meta_path:
        plugin_packages = getattr(finder, "_must_rewrite", None)
        if type(finder).__name__ == "AssertionRewritingHook" and isinstance(
                plugin_packages, set):
            plugin_packages.clear()
            getattr(finder, "_marked_for_rewrite_cache", {}).clear()


_rewrite_only_our_asserts()  # before hypothesis is imported

from hypothesis import settings  # noqa: E402

from careerfit.bank import Bank, load_bank  # noqa: E402


@pytest.hookimpl(tryfirst=True)
def pytest_cmdline_main(config: pytest.Config) -> None:
    """Run on every core (-n auto) when pytest-xdist is there and nothing says otherwise:
    ``-n N`` sets the number, ``-p no:xdist`` runs in this process (here, not in addopts,
    which would make ``-p no:xdist`` an error)."""
    if (config.pluginmanager.hasplugin("xdist")
            and getattr(config.option, "numprocesses", 0) is None
            and "PYTEST_XDIST_WORKER" not in os.environ):
        config.option.numprocesses = "auto"


# A person's own preference for plain mode (careerfit.terminal.facts.PLAIN_VARIABLE) must
# not change what the tests see; the tests that want it set it.
os.environ.pop("CAREERFIT_PLAIN", None)

# CI runs the same generated examples every time, so a submission never fails by the
# luck of the draw; local runs keep exploring new ones (and remember any failure).
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


def pytest_configure(config: pytest.Config) -> None:
    """careerfit's bytecode, written once before the tests start (in the main process, not
    in each xdist worker). Where bytecode is not written (PYTHONDONTWRITEBYTECODE, as on
    this machine and in CI) a fresh clone has none, and each of the eighty-odd careerfit
    processes the tests start compiled every module it imported again: 0.1 s of CPU each."""
    if sys.dont_write_bytecode and not hasattr(config, "workerinput"):
        import compileall

        import careerfit

        compileall.compile_dir(Path(careerfit.__file__).parent, quiet=1)


@pytest.fixture(scope="session")
def bank() -> Bank:
    return load_bank()


# In memory where the system has it: a quiz saves its progress after every answer, with
# two fsyncs each, and on a disk those cost more than the rest of a quiz test.
MEMORY = Path("/dev/shm")


@pytest.fixture(autouse=True)
def state_dir(tmp_path_factory, monkeypatch):
    """Keep every test's quiz progress out of the real per-user state folder."""
    if MEMORY.is_dir() and os.access(MEMORY, os.W_OK):
        path = Path(tempfile.mkdtemp(prefix="careerfit-state-", dir=MEMORY))
    else:
        path = tmp_path_factory.mktemp("state")
    monkeypatch.setenv("CAREERFIT_STATE_DIR", str(path))
    yield path
    if path.parent == MEMORY:
        shutil.rmtree(path, ignore_errors=True)


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


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The slow tests (a wheel built, a real terminal driven) first: with -n the quick ones
    then even out the end, where a wheel build scheduled last left a core idle for 5 s."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)
