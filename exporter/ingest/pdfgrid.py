"""The rows of a table in a page PDF: which cells on one baseline make a row, and which
rows stack into one table.

A table's row is three or more cells on one baseline in one size. Most cells are short
and close together (`Weights.grid_cell`, `grid_gap`: prices, results); those rows stack by
place alone. A grid laid across a column or the page sets its columns far apart and may
hold longer cells (`湖滨社区卫生服务中心`, `Shanghai Composite`, `03 11 17 22 28 31 + 09`):
such a cell is a table's when the gap before or after it is wider than any gutter between
running text (`Weights.grid_slack`), and its row joins a table only where its cells line up with
the columns of the row above (left or right edges), as no lines of running text side by
side do with such gaps between them. Lines of running text set in columns side by side
with wide gutters (MuPDF's layouts leave three ems and more) line up too, but every cell is a
full line of a column: a table's row holds a short cell (a number, a date, a name) as well.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from .weights import active


class _Cell(Protocol):
    x0: float
    y0: float
    x1: float
    y1: float
    size: float


def _joins(b: _Cell, run: Sequence[_Cell], after: float | None, wide: bool) -> bool | None:
    """Whether `b` goes on with `run`: None if not, else whether as a loose cell (only
    when `wide`)."""
    before = b.x0 - run[-1].x1 if run else None
    if run and abs(b.size - run[-1].size) >= 0.5:
        return None
    width, em = b.x1 - b.x0, b.size
    if width <= active().grid_cell * em and (before is None or before <= active().grid_gap * em):
        return False
    gaps = [g for g in (before, after) if g is not None]
    if wide and width <= active().grid_wide * em and gaps and max(gaps) >= active().grid_slack * em and (before is None or before >= active().grid_slack * em):
        return True
    return None


def runs(row: Sequence[_Cell], wide: bool = False) -> list[tuple[list[_Cell], bool]]:
    """The runs of cells in one row (sorted left to right) that may be a table's row, each
    with whether it holds a wide cell or a wide gap (`loose`: it must line up to count).
    Without `wide`, only short cells close together. A run of wide cells only is lines of
    running text in columns side by side (`_prose`), no row."""
    out: list[tuple[list[_Cell], bool]] = []
    run: list[_Cell] = []
    loose = False
    for k, b in enumerate(row):
        after = row[k + 1].x0 - b.x1 if k + 1 < len(row) else None
        how = _joins(b, run, after, wide)
        if how is None:
            if len(run) >= active().grid_cells and not _prose(run):
                out.append((run, loose))
            run, loose = [], False
            how = _joins(b, run, after, wide)
            if how is None:
                continue
        run.append(b)
        loose = loose or how
    if len(run) >= active().grid_cells and not _prose(run):
        out.append((run, loose))
    return out


def _prose(run: Sequence[_Cell]) -> bool:
    """Every cell wider than a table's short cell (`Weights.grid_cell`): lines of running text
    in columns side by side (`年發行、面值一毫的錯體` | `米的錯位，同版僅發現四` | …), which a grid
    with wide gutters lines up like a table's columns. A table's row holds a short cell too."""
    return all(b.x1 - b.x0 > active().grid_cell * b.size for b in run)


def aligned(run: Sequence[_Cell], above: Sequence[_Cell]) -> bool:
    """`run` stands in the columns of `above`: `Weights.grid_cells` cells or more line up with cells
    there (left or right edges within `grid_align`), and every cell between them does (a line beside
    the grid may sit at either end of its row: `trimmed` drops it)."""
    def matches(b: _Cell) -> bool:
        reach = active().grid_align * b.size
        return any(abs(b.x0 - a.x0) <= reach or abs(b.x1 - a.x1) <= reach for a in above)
    hits = [k for k, b in enumerate(run) if matches(b)]
    return len(hits) >= active().grid_cells and hits[-1] - hits[0] + 1 == len(hits)


def follows(row: Sequence[_Cell], above: Sequence[_Cell]) -> bool:
    """`row` is the next row of the table whose row `above` is, though a cell of it is longer
    than a short cell and stands closer to the next than a wide grid's gap (`星空下的博物馆`,
    `歲次丁未（羊年）`): as many cells, in one size, each starting or ending where the cell
    over it does (within `Weights.grid_align`), none wider than `grid_wide`, and not all wide
    (`_prose`)."""
    return (len(row) == len(above) >= active().grid_cells and not _prose(row)
            and all(b.x1 - b.x0 <= active().grid_wide * b.size and abs(b.size - a.size) < 0.5
                    and (abs(b.x0 - a.x0) <= active().grid_align * b.size or abs(b.x1 - a.x1) <= active().grid_align * b.size)
                    for b, a in zip(row, above, strict=True)))


def trimmed(table: list[list[_Cell]], others: Sequence[_Cell]) -> list[list[_Cell]]:
    """A grid's rows without a cell at a row's left or right end whose column holds other
    lines between the grid's first and last rows (`others`: the page's lines in no row of
    it): a line of the text beside the grid that shares a row's baseline and lines up (a
    poem's lines right of a listings grid). A grid's own column holds only its cells."""
    top, bottom = table[0][0].y1, table[-1][0].y1
    between = [o for o in others if top < (o.y0 + o.y1) / 2 < bottom]

    def crowded(b: _Cell) -> bool:
        return any(o.x0 < b.x1 and b.x0 < o.x1 for o in between)
    out = []
    for run in table:
        cells = list(run)
        while len(cells) > active().grid_cells and crowded(cells[-1]):
            cells.pop()
        while len(cells) > active().grid_cells and crowded(cells[0]):
            cells.pop(0)
        out.append(cells)
    return out
