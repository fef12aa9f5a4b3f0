"""The installed package: a wheel installed in a fresh virtual environment and run from a
folder with no checkout in sight, and an editable install that copies nothing.

Each environment borrows the test environment's dependencies (a .pth file naming its
site-packages, which adds the folder but runs none of its .pth files, so the checkout's
editable install stays out; --no-deps) and the wheel is built without isolation, by
calling pyproject.toml's build backend as pip would (PEP 517), without pip's second of
start-up: what is under test is careerfit's own files, and .ci/run installs the
dependencies from pyproject.toml in fresh environments anyway.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from helpers import EXAMPLES, ROOT

pytestmark = pytest.mark.slow


@pytest.fixture
def environment(tmp_path_factory) -> Path:
    """A fresh virtual environment (one a test) that sees the test environment's packages."""
    env_dir = tmp_path_factory.mktemp("venv")
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    borrowed = sysconfig.get_path("purelib")
    (site_packages(python) / "borrowed.pth").write_text(borrowed + "\n")
    return python


def pip(python: Path, *args: str) -> None:
    subprocess.run([str(python), "-m", "pip", *args, "-q"], check=True, timeout=300)


def site_packages(python: Path) -> Path:
    found = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path("
                            "'purelib'))"], capture_output=True, text=True, check=True)
    return Path(found.stdout.strip())


def test_editable_install_reads_the_checkout_and_copies_nothing(environment, tmp_path):
    pip(environment, "install", "--no-deps", "--no-build-isolation", "-e", str(ROOT))
    assert not (site_packages(environment) / "careerfit").exists()  # no stale copy of data/
    found = subprocess.run([str(environment), "-c", "from careerfit.bank import "
                            "default_data_dir; print(default_data_dir())"],
                           capture_output=True, text=True, cwd=tmp_path, check=True)
    assert Path(found.stdout.strip()) == ROOT / "data"


def build_wheel(folder: Path) -> Path:
    """The wheel pyproject.toml's build backend makes, run in the checkout as pip runs it."""
    backend = re.search(r'^build-backend = "(.+)"$', (ROOT / "pyproject.toml").read_text(),
                        re.MULTILINE).group(1)
    built = subprocess.run(
        [sys.executable, "-c", "import importlib, sys; print(importlib.import_module("
         "sys.argv[1]).build_wheel(sys.argv[2]))", backend, str(folder)],
        capture_output=True, text=True, cwd=ROOT, check=True, timeout=120)
    return folder / built.stdout.strip().splitlines()[-1]


def test_installed_wheel_runs_anywhere(environment, tmp_path):
    wheel = build_wheel(tmp_path / "dist")
    names = zipfile.ZipFile(wheel).namelist()
    assert "careerfit/data/questions.yaml" in names and "careerfit/data/roles.yaml" in names
    assert "careerfit/data/bank.compiled.json" in names
    assert "careerfit/documents/schemas/result.schema.json" in names
    pip(environment, "install", "--no-deps", str(wheel))
    installed = environment.parent / "careerfit"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["CAREERFIT_STATE_DIR"] = str(tmp_path / "state")
    answers = tmp_path / "mine.yaml"
    answers.write_text((EXAMPLES / "ai-engineer.yaml").read_text())

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(installed), *args], capture_output=True, text=True,
                              cwd=tmp_path, env=env, stdin=subprocess.DEVNULL, timeout=60)

    where = subprocess.run([str(environment), "-c", "import careerfit; print(careerfit.__file__)"],
                           capture_output=True, text=True, cwd=tmp_path, env=env, check=True)
    assert Path(where.stdout.strip()).is_relative_to(site_packages(environment))
    assert run("--version").returncode == 0
    assert run("validate").returncode == 0
    result = run("quiz", "--answers", "mine.yaml", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["recommendation"]["role"] == "ai-engineer"
    refused = run("quiz")
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    validation = run("validate")
    assert "out of date" not in validation.stderr  # the installed copy uses its compiled bank
    assert json.loads(run("schema", "result").stdout)["$id"].endswith(":result:1")
    scored = run("score", "mine.yaml")
    assert json.loads(scored.stdout)["recommendation"]["role"] == "ai-engineer"
