"""Writing files so that a crash or kill -9 never leaves a half-written one."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from careerfit.base.errors import InputError


def atomic_write(path: Path, text: str) -> None:
    """Write *text* to *path* via a temporary file, fsync and rename.

    A reader (or a kill -9) sees either the previous file whole or the new one whole.
    """
    import tempfile

    directory = path.parent if str(path.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
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
    """Refuse early (before any question) a path that could not be written later."""
    directory = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise InputError(f"{option} {path}: is a folder", hint=f"give {option} a file name")
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
    """Atomic write that turns OS failures into a clear user-facing error."""
    try:
        atomic_write(path, text)
    except OSError as exc:
        raise InputError(f"{option} {path}: cannot write the file ({exc.strerror})") from None
