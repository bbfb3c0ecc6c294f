"""External programs (fontconfig, Java for EPUBCheck) run with a time limit: a hung tool
is a clear error naming it, not a build that never ends."""

from __future__ import annotations

import subprocess
from pathlib import Path

from .errors import RenderError

FONTCONFIG_TIMEOUT = 60  # s: fc-list on a cold font cache with a few thousand faces takes seconds
EPUBCHECK_TIMEOUT = 600  # s: EPUBCheck on a large book with many images takes about a minute


def run_tool(cmd: list[str], timeout: float, text: bool = True) -> subprocess.CompletedProcess:
    """Run `cmd` capturing its output; RenderError if it does not finish in `timeout` s."""
    try:
        return subprocess.run(cmd, capture_output=True, text=text, check=False, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise RenderError(f"{Path(cmd[0]).name} did not finish in {timeout:g} s ({' '.join(cmd[:3])} …)") from None
