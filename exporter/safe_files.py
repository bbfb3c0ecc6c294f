"""The file-access gate: every file a build reads from an edition, a compilation or a
theme goes through here.

A file is read only when its real path (symbolic links resolved) lies inside the folder
the reader was allowed (the edition's, the compilation's, the theme's), when it is a
regular file (never a FIFO, device or socket, which would block or never end), and when
it is no larger than its limit in exporter/limits.py. The check and the read use one open
file descriptor, so a file swapped for a link between them is still refused.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

from .errors import InputError, Problem
from .limits import MAX_THEME_BYTES, MAX_THEME_FILE_BYTES


class GateError(InputError):
    """A file the gate refuses: outside its folder, not a regular file, or too large."""

    def __init__(self, path: Path, message: str, kind: str) -> None:
        super().__init__([Problem(str(path), "", message)])
        self.kind = kind  # "outside", "special", "size" or "unreadable"


def _size(n: int) -> str:
    for unit, factor in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if n >= factor:
            return f"{n / factor:.1f} {unit}"
    return f"{n} bytes"


def inside(path: Path, root: Path) -> Path | None:
    """The real path of `path` when it lies inside the real `root`, else None."""
    real = path.resolve()
    return real if real.is_relative_to(root.resolve()) else None


def _real(path: Path, root: Path, what: str) -> Path:
    real = inside(path, root)
    if real is None:
        raise GateError(path, f"{what} leads outside its folder {root} (symbolic link?); refused", "outside")
    return real


def checked(path: Path, root: Path, limit: int, what: str = "file") -> Path:
    """The real path of a regular file inside `root` of at most `limit` bytes, or GateError."""
    real = _real(path, root, what)
    try:
        st = real.stat()
    except OSError as exc:
        raise GateError(path, f"cannot read: {exc.strerror}", "unreadable") from None
    _check_stat(path, st, limit, what)
    return real


def _check_stat(path: Path, st: os.stat_result, limit: int, what: str) -> None:
    if not stat.S_ISREG(st.st_mode):
        kind = "a folder" if stat.S_ISDIR(st.st_mode) else "not a regular file (a FIFO, device or socket)"
        raise GateError(path, f"{what} is {kind}; refused", "special")
    if st.st_size > limit:
        raise GateError(path, f"{what} is {_size(st.st_size)}, more than the limit of {_size(limit)}", "size")


def read_bytes(path: Path, root: Path, limit: int, what: str = "file") -> bytes:
    """The bytes of a file the gate allows (see the module docstring)."""
    real = _real(path, root, what)
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; O_NOFOLLOW: the real path
        # has no link left in its last component unless it was swapped in since.
        fd = os.open(real, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise GateError(path, f"cannot read: {exc.strerror}", "unreadable") from None
    with os.fdopen(fd, "rb") as handle:
        _check_stat(path, os.fstat(fd), limit, what)
        data = handle.read(limit + 1)
    if len(data) > limit:  # grew since fstat
        raise GateError(path, f"{what} is more than the limit of {_size(limit)}", "size")
    return data


def glob(base: Path, pattern: str, root: Path) -> list[Path]:
    """`base.glob(pattern)` without matches whose real path leaves `root` (a pattern that
    walks through a symbolic link to another folder finds nothing there)."""
    return sorted(p for p in base.glob(pattern) if inside(p, root) is not None)


def theme_files(root: Path, skip: Callable[[str], bool], warn: Callable[[str], None]) -> Iterator[tuple[str, Path]]:
    """(relative name, real path) of every theme file to copy: regular files inside the
    theme folder, at most MAX_THEME_FILE_BYTES each. Links out and special files are
    skipped with a warning; a file over the limit is an error."""
    real_root = root.resolve()
    for folder, dirs, files in os.walk(real_root):
        here = Path(folder)
        dirs[:] = sorted(d for d in dirs if not skip(d) and _dir_inside(here / d, real_root, warn))
        for name in sorted(files):
            if skip(name):
                continue
            path = here / name
            real = inside(path, real_root)
            if real is None:
                warn(f"{path}: leads outside the theme folder; not copied")
                continue
            try:
                checked(real, real_root, MAX_THEME_FILE_BYTES, "theme file")
            except GateError as exc:
                if exc.kind == "size":
                    raise
                warn(f"{path}: not a regular file; not copied")
                continue
            yield str(path.relative_to(real_root)), real


def _dir_inside(path: Path, root: Path, warn: Callable[[str], None]) -> bool:
    if path.is_symlink() or inside(path, root) is None:
        warn(f"{path}: a linked folder; not copied")
        return False
    return True


def copy_theme(root: Path, dest: Path, skip: Callable[[str], bool], warn: Callable[[str], None],
               budget: list[int] | None = None) -> None:
    """Copy a theme folder's files through the gate; `budget` ([bytes left]) is shared by
    the themes of one chain so that together they stay under MAX_THEME_BYTES."""
    left = budget if budget is not None else [MAX_THEME_BYTES]
    for rel, real in theme_files(root, skip, warn):
        data = read_bytes(real, root, MAX_THEME_FILE_BYTES, "theme file")
        left[0] -= len(data)
        if left[0] < 0:
            raise GateError(root, f"the theme's files are more than the limit of {_size(MAX_THEME_BYTES)}", "size")
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
