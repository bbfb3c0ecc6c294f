"""Tables and listings printed as text: results, standings, stock and index tables, TV and
cinema schedules, timetables.

A table is content, not furniture: readers look things up in it, and the blind corpora
written independently of this code (blind3 to blind6) all keep it, one paragraph per row,
as an article of its own under its title or as paragraphs of the story it sits in. What
makes a block a table is structural (see `furniture.table`): most lines split into several
short cells by runs of spaces, or open with a clock time. The line over the rows that is
no row is the table's title; a line under them (a source, a note) is its last paragraph.
Lines are never rewritten: each row keeps its own spacing, so nothing moves.
"""

from __future__ import annotations

import regex

from . import furniture

TITLE_LINE = 40  # characters: a table's title over its rows is this short or shorter
_CLOSED = regex.compile(r"[。！？.!?]$")


def parts(texts: list[str]) -> list[tuple[int, str]] | None:
    """A block that is a table, as (line, kind) for each line: `head` for its title, `row`
    for its rows and a note under them; None when the block is not a table."""
    top = texts[0].strip() if texts else ""
    if len(texts) > furniture.TABLE_ROWS and furniture.table(texts[1:]) and len(top) <= TITLE_LINE \
            and not _CLOSED.search(top) and len(furniture.cells(top)) == 1 and not furniture.timed(top):
        return [(0, "head"), *((k, "row") for k in range(1, len(texts)))]
    if furniture.table(texts):
        return [(k, "row") for k in range(len(texts))]
    return None
