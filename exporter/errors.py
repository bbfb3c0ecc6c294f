"""Errors the user can act on: each names a file, a place in it, and what is wrong."""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .limits import MAX_ECHO_CHARS


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, located as precisely as the format allows."""

    file: str
    where: str  # "line:col" or a field path such as "articles[2].headline"; may be ""
    message: str
    option: bool = False  # `file` names a build option (the CLI shows its flag), not a file

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

    @classmethod
    def option(cls, name: str, message: str) -> InputError:
        """A bad build option, named as the API spells it (`page_size`)."""
        return cls([Problem(name, "", message, option=True)])


class RenderError(Exception):
    """A build that cannot be completed for a reason the user can fix (fonts, tools)."""


def echo(text: str, limit: int = MAX_ECHO_CHARS) -> str:
    """The user's text quoted back in a message, cut to `limit` characters so that a
    5-million-character line never floods the terminal or a log."""
    return text if len(text) <= limit else f"{text[: limit - 1]}… ({len(text):,} characters)"


def user_error_lines(exc: BaseException, name_option: Callable[[str], str] = str) -> list[str] | None:
    """The one place that decides what the user can fix (exit 2) and what is internal
    (exit 1): the lines to print for a user error, None for an internal one. A theme's
    Jinja template that fails (syntax, undefined names, the sandbox refusing it) is the
    user's: themes are user input. `name_option` spells an option's name (the CLI gives
    its flag)."""
    if isinstance(exc, InputError):
        return [str(dataclasses.replace(p, file=name_option(p.file)) if p.option else p) for p in exc.problems]
    if isinstance(exc, RenderError):
        return [str(exc)]
    jinja2 = sys.modules.get("jinja2")  # not loaded: not a template error (and no import)
    if jinja2 is None:
        return None
    if isinstance(exc, jinja2.TemplateSyntaxError):  # str() adds "\n  line N": keep one line
        where = f"{exc.filename or exc.name or ''}:{exc.lineno}".lstrip(":")
        return [f"theme template: {type(exc).__name__}: {where}: {exc.message}"]
    if isinstance(exc, jinja2.TemplateError):
        return [f"theme template: {type(exc).__name__}: {' '.join(str(exc).split())}"]
    return None
