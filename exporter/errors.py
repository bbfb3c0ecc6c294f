"""Errors the user can act on: each names a file, a place in it, and what is wrong."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .limits import MAX_ECHO_CHARS


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, located as precisely as the format allows."""

    file: str
    where: str  # "line:col" or a field path such as "articles[2].headline"; may be ""
    message: str

    def __str__(self) -> str:
        place = f"{self.file}:{echo(self.where)}" if self.where else self.file
        return f"{place}: {echo(self.message, 4 * MAX_ECHO_CHARS)}"


class InputError(Exception):
    """Bad input from the user: reported as one line per problem, exit status 2."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems

    @classmethod
    def single(cls, file: str | Path, message: str, where: str = "") -> InputError:
        return cls([Problem(str(file), where, message)])


class RenderError(Exception):
    """A build that cannot be completed for a reason the user can fix (fonts, tools)."""


def echo(text: str, limit: int = MAX_ECHO_CHARS) -> str:
    """The user's text quoted back in a message, cut to `limit` characters so that a
    5-million-character line never floods the terminal or a log."""
    return text if len(text) <= limit else f"{text[: limit - 1]}… ({len(text):,} characters)"
