"""Helpers shared by subcommands: warnings and a console for status lines."""

from __future__ import annotations

import sys

from rich.console import Console

err_console = Console(stderr=True, highlight=False, soft_wrap=True)


def warn(lines: list[str], prefix: str = "warning") -> None:
    for line in lines:
        print(f"{prefix}: {line}", file=sys.stderr)
