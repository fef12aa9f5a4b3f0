"""Writing files so that a crash or kill -9 never leaves a half-written one."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from careerfit.base.errors import InputError


def atomic_write(path: Path, text: str, *, mode: int | None = None) -> None:
    """Write *text* to *path* via a temporary file, fsync and rename.

    A reader (or a kill -9) sees either the previous file whole or the new one whole.
    The file gets *mode*, or stays private to the user (0600) when None.
    """
    import tempfile

    directory = path.parent if str(path.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        if mode is not None:
            os.fchmod(handle, mode)
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    with contextlib.suppress(OSError):
        folder = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)


def check_writable(path: Path, *, option: str) -> None:
    """Refuse early (before any question) a path that could not be written later, or
    that should not be: a symbolic link (it would be replaced by a file) or a read-only
    file (someone protected it)."""
    try:
        _check_writable(path, option)
    except OSError as exc:  # a name too long, a folder that can't be entered, ...
        raise InputError(f"{option} {path}: cannot write there ({exc.strerror})",
                         hint="choose another name or folder") from None


def _check_writable(path: Path, option: str) -> None:
    directory = path.parent if str(path.parent) else Path(".")
    if path.is_symlink():
        raise InputError(f"{option} {path}: is a symbolic link, which careerfit does not"
                         " replace", hint="name the file it points to, or another file")
    if path.is_dir():
        raise InputError(f"{option} {path}: is a folder", hint=f"give {option} a file name")
    if path.exists() and not path.stat().st_mode & 0o222:
        raise InputError(f"{option} {path}: the file is read-only",
                         hint="make it writable first (chmod u+w), or choose another name")
    if not directory.is_dir():
        raise InputError(
            f"{option} {path}: the folder {directory} does not exist",
            hint=f"create it first (mkdir -p {directory}) or choose another path",
        )
    import tempfile

    try:
        handle, probe = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".probe", dir=directory)
    except OSError as exc:
        raise InputError(
            f"{option} {path}: cannot write in {directory} ({exc.strerror})",
            hint="choose a folder you can write to",
        ) from None
    os.close(handle)
    os.unlink(probe)


def write_user_file(path: Path, text: str, *, option: str) -> None:
    """Atomic write that turns OS failures into a clear user-facing error. A new file
    gets the permissions the user's umask gives; a replaced one keeps its own."""
    check_writable(path, option=option)  # again: the file may have changed meanwhile
    try:
        atomic_write(path, text, mode=_mode_for(path))
    except OSError as exc:
        raise InputError(f"{option} {path}: cannot write the file ({exc.strerror})") from None


def _mode_for(path: Path) -> int:
    """The permissions of the file being replaced, or what the umask gives a new file."""
    import stat

    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
