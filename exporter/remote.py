"""`--allow-remote` downloads: bounded in bytes and in wall-clock time, kept in one private
folder per process that is removed when the process ends (or, after SIGKILL, by the next
build: exporter/leftovers.py).

A socket timeout bounds each read, not the download: a server that sends one byte every
half second never trips it. So the body is read in pieces against a deadline per image
(each read may block only until the deadline), and every image of an edition shares a
second, longer deadline.
"""

from __future__ import annotations

import atexit
import http.client
import shutil
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from urllib.error import URLError
from urllib.parse import urlsplit

import regex

from .leftovers import owner_prefix
from .limits import Limits

_UNSAFE_NAME = regex.compile(r"[^A-Za-z0-9._-]+")
_folder: Path | None = None


def deadline_for_edition() -> float:
    """The monotonic time by which every download of one edition must have ended."""
    return time.monotonic() + Limits.current().remote_build_seconds


def download(url: str, edition_deadline: float) -> tuple[str | None, Path | None]:
    """Fetch an http(s) image into this process's download folder: (None, path), or
    (why not, None)."""
    limits = Limits.current()
    start = time.monotonic()
    end = min(start + limits.remote_seconds, edition_deadline)
    if end <= start:
        return f"could not download '{url}': the edition's downloads took longer than " \
               f"{limits.remote_build_seconds:g} s", None
    data = bytearray()
    try:
        with urllib.request.urlopen(url, timeout=end - start) as response:  # noqa: S310 - scheme checked
            sock = getattr(getattr(response.fp, "raw", None), "_sock", None)
            while True:
                if (left := end - time.monotonic()) <= 0:
                    raise TimeoutError
                if sock is not None:
                    sock.settimeout(left)
                if not (piece := response.read1(65536)):
                    break
                data += piece
                if len(data) > limits.remote_bytes:
                    return f"'{url}' is larger than {limits.remote_bytes / 2**20:g} MB", None
    except TimeoutError:
        return f"could not download '{url}' within {end - start:.0f} s", None
    except (URLError, OSError, ValueError, http.client.HTTPException) as exc:
        return f"could not download '{url}' ({exc})", None
    name = _UNSAFE_NAME.sub("-", PurePosixPath(urlsplit(url).path).name).strip("-.") or "remote"
    path = Path(tempfile.mkdtemp(dir=_downloads())) / name
    path.write_bytes(data)
    return None, path


@contextmanager
def downloads_removed() -> Iterator[None]:
    """Remove this process's downloads when the block ends (a build of one source: its
    images are copied into the outputs by then). Worker processes end without running
    atexit, so every build is wrapped in this."""
    global _folder
    try:
        yield
    finally:
        if _folder is not None:
            shutil.rmtree(_folder, ignore_errors=True)
            _folder = None


def _downloads() -> Path:
    """This process's download folder, removed at the end of the build (or of the process)."""
    global _folder
    if _folder is None or not _folder.is_dir():
        _folder = Path(tempfile.mkdtemp(prefix=owner_prefix("remote")))
        atexit.register(shutil.rmtree, _folder, True)
    return _folder
