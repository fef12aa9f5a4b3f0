from __future__ import annotations

import pytest

from careerfit.bank import Bank, load_bank


@pytest.fixture(scope="session")
def bank() -> Bank:
    return load_bank()


@pytest.fixture(autouse=True)
def state_dir(tmp_path_factory, monkeypatch):
    """Keep every test's quiz progress out of the real per-user state folder."""
    path = tmp_path_factory.mktemp("state")
    monkeypatch.setenv("CAREERFIT_STATE_DIR", str(path))
    return path
