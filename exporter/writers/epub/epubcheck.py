"""EPUBCheck, through the `epubcheck` package (bundled jar, needs `java`).

Shared by `exporter check` and `exporter build --check`; reports plain counts and one
line per fatal error, error or warning.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ...errors import InputError, RenderError
from ...tools import EPUBCHECK_TIMEOUT, run_tool

REPORTED = ("FATAL", "ERROR", "WARNING")
JVM_FLAGS = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")


@dataclass(frozen=True)
class CheckReport:
    """EPUBCheck's verdict on one file."""

    path: Path
    version: str
    fatals: int
    errors: int
    warnings: int
    messages: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return self.fatals == self.errors == self.warnings == 0

    def summary(self) -> str:
        return (f"EPUBCheck {self.version}: {self.path.name}: {self.fatals} fatal, "
                f"{self.errors} errors, {self.warnings} warnings")


def check_epub(path: Path) -> CheckReport:
    """Run EPUBCheck on `path`; bad input (missing, not a zip) is an InputError."""
    if not path.is_file():
        raise InputError.single(path, "no such file")
    if not zipfile.is_zipfile(path):
        raise InputError.single(path, "not an EPUB (not a zip file)")
    from epubcheck import const
    from epubcheck.models import Checker, Message

    java = shutil.which(const.JAVA)
    if not java:
        raise RenderError("EPUBCheck needs Java: install a JRE, e.g. `apt-get install default-jre-headless`")
    # The package's EpubCheck class cannot pass JVM flags; C1-only compilation halves
    # the run time of this short-lived JVM.
    cmd = [java, *JVM_FLAGS, "-Duser.language=en", "-jar", const.EPUBCHECK, str(path), "-q", "--json", "-"]
    proc = run_tool(cmd, EPUBCHECK_TIMEOUT, text=False)
    try:
        data = json.loads(proc.stdout)
    except ValueError:
        detail = proc.stderr.decode(errors="replace").strip().splitlines()[-1:] or ["no output"]
        raise RenderError(f"EPUBCheck did not run: {detail[0]}") from None
    c = Checker.from_data(data)
    messages = [f"{m.level} {m.id} {m.location}: {m.message}" for m in Message.from_data(data) if m.level in REPORTED]
    return CheckReport(path, c.checkerVersion, c.nFatal, c.nError, c.nWarning, messages)
