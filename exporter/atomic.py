"""Outputs are written to a temporary file beside the target and renamed when complete,
so a failed or interrupted build never leaves a half-written file."""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import InputError
from .leftovers import part_prefix

# What the file system answers when the output place is unusable: the user's to fix (exit
# 2 naming the place), not an internal error. ENOSPC and friends can only come from writing.
_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS}
_REFUSED = _FULL | {errno.EACCES, errno.EPERM, errno.EEXIST, errno.ENOTDIR, errno.EISDIR, errno.ENOENT}


@contextmanager
def output_errors(target: Path, writing_only: bool = False) -> Iterator[None]:
    """Report an OSError about the output place as bad input naming `target`; with
    `writing_only`, only the errors that writing alone can cause (the block renders too)."""
    try:
        yield
    except OSError as exc:
        if exc.errno not in (_FULL if writing_only else _REFUSED):
            raise
        raise InputError.single(target, f"cannot write the output here: {exc.strerror or exc}") from None


def check_output_dir(outdir: Path) -> None:
    """Fail before any work when `-o` is a file or cannot be created or written."""
    if outdir.exists() and not outdir.is_dir():
        raise InputError.single(outdir, "the output folder is a file; choose another -o")
    with output_errors(outdir):
        outdir.mkdir(parents=True, exist_ok=True)
    if not os.access(outdir, os.W_OK | os.X_OK):
        raise InputError.single(outdir, "the output folder is not writable; choose another -o")


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path in the target's directory; rename it over the target on success."""
    if target.is_dir():
        raise InputError.single(target, "is a folder, where the output file should go; remove it or choose another -o")
    with output_errors(target):
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=part_prefix(target.name), suffix=".part", dir=target.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        with output_errors(target):
            yield tmp_path
            os.chmod(tmp_path, 0o644)
            os.replace(tmp_path, target)
    finally:
        tmp_path.unlink(missing_ok=True)


def write_bytes(target: Path, data: bytes) -> None:
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)


def write_text(target: Path, text: str) -> None:
    write_bytes(target, text.encode("utf-8"))


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextmanager
def atomic_dir(target: Path) -> Iterator[Path]:
    """Yield a fresh temporary directory beside `target`; swap it in on success.

    The swap is race-safe: builds of the same target at the same time each move the
    current folder aside under a name of their own (never a shared `.NAME.old`), and the
    last to finish wins. The folder gets the permissions of an ordinary mkdir (a web
    server can read it), not mkdtemp's 0700.
    """
    with output_errors(target):
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=part_prefix(target.name), suffix=".part", dir=target.parent))
    aside: list[Path] = []
    try:
        with output_errors(target, writing_only=True):
            yield tmp
        os.chmod(tmp, 0o777 & ~_umask())
        while True:
            try:
                os.replace(tmp, target)  # succeeds when target is absent (or an empty folder)
                break
            except OSError as exc:
                if exc.errno not in (errno.ENOTEMPTY, errno.EEXIST):
                    raise
            old = Path(tempfile.mkdtemp(prefix=part_prefix(target.name), suffix=".old", dir=target.parent))
            aside.append(old)
            try:
                os.replace(target, old)
            except FileNotFoundError:  # another build moved it first; try again
                pass
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        for old in aside:
            shutil.rmtree(old, ignore_errors=True)
