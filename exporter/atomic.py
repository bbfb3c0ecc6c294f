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


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path in the target's directory; rename it over the target on success."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
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
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent))
    aside: list[Path] = []
    try:
        yield tmp
        os.chmod(tmp, 0o777 & ~_umask())
        while True:
            try:
                os.replace(tmp, target)  # succeeds when target is absent (or an empty folder)
                break
            except OSError as exc:
                if exc.errno not in (errno.ENOTEMPTY, errno.EEXIST):
                    raise
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=target.parent))
            aside.append(old)
            try:
                os.replace(target, old)
            except FileNotFoundError:  # another build moved it first; try again
                pass
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        for old in aside:
            shutil.rmtree(old, ignore_errors=True)
