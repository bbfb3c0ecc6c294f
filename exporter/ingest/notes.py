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
    positions: dict[str, dict[int, str]] = field(default_factory=dict)  # file → line → PDF position
    evidence: dict[str, list[str]] = field(default_factory=dict)  # article id → where it starts, then why
    source: dict[str, dict[int, int]] = field(default_factory=dict)  # file → rebuilt line → line in the file

    def at(self, file: str, line: int) -> str:
        """Where a line is: `file:line`, or `file p1 (x, y)` for a line read from a PDF."""
        where = self.positions.get(file, {}).get(line)
        return f"{file} {where}" if where else f"{file}:{self.source.get(file, {}).get(line, line)}"

    def decide(self, file: str, line: int, message: str) -> None:
        self.decisions.append(f"{self.at(file, line)}: {echo(message, 4 * MAX_ECHO_CHARS)}")

    def warn(self, file: str, line: int, message: str) -> None:
        self.warnings.append(f"{self.at(file, line)}: {echo(message, 4 * MAX_ECHO_CHARS)}")
