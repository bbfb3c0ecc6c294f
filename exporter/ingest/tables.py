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


def table(texts: list[str]) -> bool:
    """Rows of a table (see `furniture.table`), or of a two-column one: every line two short
    cells (`市民服务热线    12345`, `郑汉坤先生      200,000铢`, `Ward          Elected`)."""
    return furniture.table(texts) or paired(texts)


def paired(texts: list[str]) -> bool:
    """A two-column table: at least `TABLE_ROWS` lines, each two cells set apart by a run of
    spaces, the median cell no longer than a table's (a name and a number, a term and its
    value; two columns of running text side by side have long cells)."""
    rows = [furniture.cells(t) for t in texts]
    if len(rows) < furniture.TABLE_ROWS or any(len(r) != 2 for r in rows):
        return False
    sizes = sorted(len(c) for r in rows for c in r)
    return sizes[len(sizes) // 2] <= furniture.TABLE_CELL


def parts(texts: list[str]) -> list[tuple[int, str]] | None:
    """A block that is a table, as (line, kind) for each line: `head` for its title, `row`
    for its rows and a note under them; None when the block is not a table."""
    top = texts[0].strip() if texts else ""
    if len(texts) > furniture.TABLE_ROWS and table(texts[1:]) and len(top) <= TITLE_LINE \
            and not _CLOSED.search(top) and len(furniture.cells(top)) == 1 and not furniture.timed(top):
        return [(0, "head"), *((k, "row") for k in range(1, len(texts)))]
    if table(texts):
        return [(k, "row") for k in range(len(texts))]
    return None
