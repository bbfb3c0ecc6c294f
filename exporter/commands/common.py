"""Helpers shared by subcommands: warnings and a console for status lines."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console

err_console = Console(stderr=True, highlight=False, soft_wrap=True)


def warn(lines: list[str], prefix: str = "warning") -> None:
    for line in lines:
        print(f"{prefix}: {line}", file=sys.stderr)


class WarningLines(logging.Handler):
    """Warnings the renderers log (refused URLs, downscaled images) as `warning:` lines on
    whatever stderr is at the time."""

    def emit(self, record: logging.LogRecord) -> None:
        print(f"warning: {record.getMessage()}", file=sys.stderr)


def show_warnings() -> None:
    logger = logging.getLogger("exporter")
    if not any(isinstance(h, WarningLines) for h in logger.handlers):
        logger.addHandler(WarningLines(logging.WARNING))


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


@contextmanager
def captured_warnings() -> Iterator[list[str]]:
    """Collect what the renderers log as warnings (refused URLs, downscaled images) instead
    of printing it at once, so a build in a worker process hands them back with its result
    and they print in order, not through the progress bar."""
    logger = logging.getLogger("exporter")
    collector = _Collect()
    others = [h for h in logger.handlers if isinstance(h, WarningLines)]
    for handler in others:
        logger.removeHandler(handler)
    logger.addHandler(collector)
    try:
        yield collector.lines
    finally:
        logger.removeHandler(collector)
        for handler in others:
            logger.addHandler(handler)
