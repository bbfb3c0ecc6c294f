"""Decisions and warnings collected while ingesting, each tied to a file and line."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import echo
from ..limits import MAX_ECHO_CHARS


@dataclass
class Notes:
    """What the ingest decided (shown with -v) and what a person should check."""

    decisions: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def decide(self, file: str, line: int, message: str) -> None:
        self.decisions.append(f"{file}:{line}: {echo(message, 4 * MAX_ECHO_CHARS)}")

    def warn(self, file: str, line: int, message: str) -> None:
        self.warnings.append(f"{file}:{line}: {echo(message, 4 * MAX_ECHO_CHARS)}")
