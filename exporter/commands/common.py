"""Helpers shared by subcommands: warnings, and consoles that print user text literally."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text


def plain_console(stderr: bool = False) -> Console:
    """A rich console that never reads markup or emoji codes in what it prints: file names
    and user text such as `bad.json:date:` come out as written. Style with Text objects."""
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=True, markup=False, emoji=False)


@cache
def err_console() -> Console:
    """The console for status lines on stderr (made on first use: rich loads in ~0.1 s)."""
    return plain_console(stderr=True)


def status(label: str, style: str, text: object) -> Text:
    """`label text` with only the label styled, e.g. status("wrote", "green", path)."""
    from rich.text import Text

    return Text.assemble((label, style), f" {text}")


def as_flag(option: str) -> str:
    """The command-line flag of a build option: page_size -> --page-size."""
    return "--" + option.replace("_", "-")


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
