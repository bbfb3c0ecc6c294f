"""Limits that keep a PDF build from running for hours: WeasyPrint lays out a paragraph
in time that grows faster than its length (50,000 characters take seconds, a megabyte
would take the better part of an hour), so a longer text is refused up front."""

from __future__ import annotations

from ...errors import InputError, Problem
from ...readers import LoadedEdition

MAX_PRINT_TEXT = 50_000


def check_print_limits(loaded: LoadedEdition) -> None:
    """Raise InputError naming every article with a text too long to lay out in print."""
    problems = [
        Problem(str(loaded.source), f"articles[{i}]",
                f"a text of {n:,} characters is too long to lay out in print (at most {MAX_PRINT_TEXT:,} "
                "in one paragraph, headline or caption); split it into paragraphs")
        for i, article in enumerate(loaded.edition.articles)
        if (n := max((len(t) for t in article.texts), default=0)) > MAX_PRINT_TEXT
    ]
    if problems:
        raise InputError(problems)
