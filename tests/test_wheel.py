"""The installed package: build a wheel, install it in a fresh virtual environment, run it
from a folder with no checkout in sight."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from helpers import EXAMPLES, ROOT

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w",
                    str(work / "dist"), str(ROOT)], check=True, timeout=300)
    wheel = next((work / "dist").glob("careerfit-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "careerfit/data/questions.yaml" in names and "careerfit/data/roles.yaml" in names
    assert "careerfit/data/bank.compiled.json" in names
    assert "careerfit/documents/schemas/result.schema.json" in names
    env_dir = work / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", str(wheel)], check=True,
                   timeout=600)
    return env_dir / "bin" / "careerfit"


def test_installed_command_runs_anywhere(installed, tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["CAREERFIT_STATE_DIR"] = str(tmp_path / "state")
    answers = tmp_path / "mine.yaml"
    answers.write_text((EXAMPLES / "ai-engineer.yaml").read_text())

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(installed), *args], capture_output=True, text=True,
                              cwd=tmp_path, env=env, stdin=subprocess.DEVNULL, timeout=60)

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


def test_editable_install_reads_the_checkout_and_copies_nothing(tmp_path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True, system_site_packages=True).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", "-e", str(ROOT)],
                   check=True, timeout=300)
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path("
                           "'purelib'))"], capture_output=True, text=True, check=True)
    assert not (Path(site.stdout.strip()) / "careerfit").exists()  # no stale copy of data/
    found = subprocess.run([str(python), "-c", "from careerfit.bank import default_data_dir;"
                            " print(default_data_dir())"], capture_output=True, text=True,
                           cwd=tmp_path, check=True)
    assert Path(found.stdout.strip()) == ROOT / "data"
