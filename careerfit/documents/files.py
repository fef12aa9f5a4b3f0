"""Writing files so that a crash or kill -9 never leaves a half-written one."""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from careerfit.base.errors import InputError

_KINDS = ((stat.S_ISLNK, "a symbolic link"), (stat.S_ISDIR, "a folder"),
          (stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a device"),
          (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket"))


def not_a_file(mode: int) -> str | None:
    """What a file of *mode* (from lstat or fstat) is when it is not a regular file, in
    words ('a symbolic link', 'a named pipe', ...); None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return next((kind for test, kind in _KINDS if test(mode)), "not a regular file")


def refuse_unless_file(path: Path, mode: int, *, what: str, fix: str) -> None:
    """An InputError naming *path* when *mode* is not a regular file's: careerfit writes
    only regular files, never through a link or into a pipe, device or socket."""
    kind = not_a_file(mode)
    if kind is not None:
        raise InputError(f"{what} {path}: is {kind}, which careerfit does not write to",
                         hint=fix)


def existing_mode(path: Path) -> int | None:
    """*path*'s lstat mode (the link itself, never what it points to); None if absent."""
    try:
        return os.lstat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return None


def same_file(first: Path, second: Path) -> bool:
    """Whether two paths name one file, through any symbolic link to it or its folders."""
    with contextlib.suppress(OSError):
        if os.path.samefile(first, second):
            return True
    return os.path.realpath(first) == os.path.realpath(second)


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
        found = existing_mode(path)  # rename replaces a link itself; refuse it all the same
        if found is not None:
            refuse_unless_file(path, found, what="cannot replace",
                               fix="remove it, or choose another name")
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
    mode = existing_mode(path)
    if mode is not None:
        refuse_unless_file(path, mode, what=option,
                           fix=f"give {option} the name of a regular file, or a new name")
    if mode is not None and not mode & 0o222:
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


# Files read that careerfit may write back (--answers F --edit --save F), as they were
# when read: by real path, (inode, size, modification time).
_read_as: dict[str, tuple[int, int, int] | None] = {}


def _stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_ino, found.st_size, found.st_mtime_ns


def watch(path: Path) -> None:
    """Remember *path* as it is now, just before it is read: :func:`write_user_file` then
    refuses to replace it if it changes meanwhile (someone else's edit is never lost)."""
    _read_as[os.path.realpath(path)] = _stamp(path)


def write_user_file(path: Path, text: str, *, option: str) -> None:
    """Atomic write that turns OS failures into a clear user-facing error. A new file
    gets the permissions the user's umask gives; a replaced one keeps its own. A watched
    file that changed on disk since it was read is refused, not overwritten."""
    check_writable(path, option=option)  # again: the file may have changed meanwhile
    real = os.path.realpath(path)
    if real in _read_as and _stamp(path) != _read_as[real]:
        raise InputError(f"{option} {path}: the file changed on disk since careerfit read it;"
                         " it is left as it is, so that change is not lost",
                         hint="look at the change, then save these answers under another name"
                              " (careerfit quiz --resume --save OTHER.yaml continues a quiz)")
    try:
        atomic_write(path, text, mode=_mode_for(path))
    except OSError as exc:
        raise InputError(f"{option} {path}: cannot write the file ({exc.strerror})",
                         hint="check that its folder exists and that you can write there,"
                              " or give another path") from None
    if real in _read_as:
        _read_as[real] = _stamp(path)


def _mode_for(path: Path) -> int:
    """The permissions of the file being replaced, or what the umask gives a new file."""
    import stat

    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
