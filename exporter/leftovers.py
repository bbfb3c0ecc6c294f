"""What a killed build leaves behind, removed by the next one.

SIGKILL (or a power cut) gives a build no chance to clean up: its PDF stage folder and
downloads stay in $TMPDIR and a `.NAME.*.part` file or folder stays in the output folder.
Each of these names carries its owner's process id (`exporter-pdf-<pid>-…`,
`.<name>.<pid>.….part`); the next build removes those whose owner no longer runs, and
never touches one of a build that is still running.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import regex

_TEMP = regex.compile(r"^exporter-(?:pdf|remote)-(\d+)-")
_PART = regex.compile(r"^\..+\.(\d+)\.[^.]+\.part$")


def owner_prefix(kind: str) -> str:
    """The prefix of a temporary folder this process owns: `exporter-pdf-1234-`."""
    return f"exporter-{kind}-{os.getpid()}-"


def part_prefix(name: str) -> str:
    """The prefix of a partial output of this process: `.paper.pdf.1234.`."""
    return f".{name}.{os.getpid()}."


def running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def sweep(*folders: Path) -> list[Path]:
    """Remove the leftovers of dead builds from $TMPDIR and the given output folders."""
    removed = []
    places = [(Path(tempfile.gettempdir()), _TEMP)] + [(f, _PART) for f in folders]
    for folder, pattern in places:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            m = pattern.match(entry.name)
            if not m or running(int(m[1])) or entry.stat(follow_symlinks=False).st_uid != os.getuid():
                continue
            path = Path(entry.path)
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
            removed.append(path)
    return removed
