"""Shell completion: the protocol each shell's script speaks, and a real bash at the keyboard."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pexpect
import pytest

from helpers import ROLE_IDS, ROOT, run

CAREERFIT = shutil.which("careerfit")
pytestmark = pytest.mark.skipif(CAREERFIT is None, reason="the careerfit script is not installed")


def complete(shell: str, words: str) -> subprocess.CompletedProcess:
    """What careerfit answers when *shell*'s completion script asks about *words* (in-process;
    the real shells below run the installed script)."""
    env = {"_CAREERFIT_COMPLETE": f"complete_{shell}"}
    if shell == "bash":
        env |= {"COMP_WORDS": words, "COMP_CWORD": str(len(words.split(" ")) - 1)}
    else:
        env |= {"_TYPER_COMPLETE_ARGS": words, "_TYPER_COMPLETE_FISH_ACTION": "get-args"}
    result = run(env=env, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return result


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_role_ids_complete_for_roles_and_compare(shell):
    listed = complete(shell, "careerfit roles ").stdout
    assert all(role in listed for role in ROLE_IDS)
    narrowed = complete(shell, "careerfit roles --compare data-scientist ml").stdout
    assert "ml-engineer" in narrowed and "ai-engineer" not in narrowed


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_commands_and_flags_complete(shell):
    assert "quiz" in complete(shell, "careerfit q").stdout
    flags = complete(shell, "careerfit quiz --ans").stdout
    assert "--answers" in flags


def test_paths_fall_back_to_the_shells_file_completion():
    # bash: no words, so 'complete -o default' lists files; zsh: the _files helper.
    assert complete("bash", "careerfit quiz --answers ex").stdout.strip() == ""
    assert "_files" in complete("zsh", "careerfit quiz --answers ex").stdout


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_show_completion_prints_each_shells_script(shell):
    result = run("--show-completion", shell,
                 env={"_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"})
    assert result.returncode == 0 and "_CAREERFIT_COMPLETE" in result.stdout


def bash_session(home: Path) -> pexpect.spawn:
    env = {**os.environ, "HOME": str(home), "PS1": "$ ", "TERM": "dumb"}
    child = pexpect.spawn("bash", ["--norc", "--noprofile", "-i"], env=env, cwd=str(ROOT),
                          encoding="utf-8", timeout=30, dimensions=(40, 200))
    child.expect_exact("$ ")
    return child


@pytest.mark.slow
def test_tab_completes_in_a_real_bash(tmp_path):
    child = bash_session(tmp_path)
    child.sendline('eval "$(careerfit --show-completion)"')
    child.expect_exact("$ ")
    child.send("careerfit roles \t\t")
    child.expect("ml-engineer")
    # Ctrl-U clears the line: with Ctrl-C, the prompt the listing redraws matched as the
    # new one, and a first key typed while bash handled the signal was lost ('areerfit').
    child.sendcontrol("u")
    child.send("careerfit quiz --answers examples/ml-e\t")
    child.expect_exact("examples/ml-engineer.yaml")
    child.sendcontrol("u")
    child.sendline("exit")
    child.expect(pexpect.EOF)


@pytest.mark.slow
def test_install_completion_writes_the_bash_setup(tmp_path):
    child = bash_session(tmp_path)
    child.sendline("careerfit --install-completion")
    child.expect("completion installed")
    child.expect_exact("$ ")
    child.sendline("exit")
    child.expect(pexpect.EOF)
    assert "careerfit" in (tmp_path / ".bashrc").read_text()


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("zsh") is None, reason="zsh is not installed")
def test_tab_completes_in_a_real_zsh(tmp_path):
    env = {**os.environ, "HOME": str(tmp_path), "PS1": "$ ", "TERM": "xterm"}
    child = pexpect.spawn("zsh", ["-f", "-i"], env=env, cwd=str(ROOT), encoding="utf-8",
                          timeout=30, dimensions=(40, 200))
    child.sendline('autoload -Uz compinit && compinit -u && eval "$(careerfit --show-completion)"'
                   " && echo ready")
    child.expect_exact("ready")
    child.send("careerfit roles --compare data-scientist ml\t")
    child.expect_exact("ml-engineer")
    child.sendcontrol("u")  # (as in bash: a key typed during Ctrl-C's handling may be lost)
    child.sendline("exit")
    child.expect(pexpect.EOF)


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("fish") is None, reason="fish is not installed")
def test_fish_completes_role_ids(tmp_path):
    script = subprocess.run(
        [CAREERFIT, "--show-completion", "fish"], capture_output=True, text=True,
        env={**os.environ, "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}).stdout
    (tmp_path / "careerfit.fish").write_text(script)
    result = subprocess.run(
        ["fish", "--no-config", "-c",
         f"source {tmp_path / 'careerfit.fish'}; complete -C 'careerfit roles '"],
        capture_output=True, text=True, cwd=ROOT, timeout=30,
        env={**os.environ, "HOME": str(tmp_path)})
    assert all(role in result.stdout for role in ROLE_IDS), result.stderr
