"""Split text whose columns stand side by side (`pdftotext -layout`) into columns read one
after the other, before the layout reader sees it.

Such text prints two or more articles, or two columns of one, on the same lines. The
gutter between them shows as whitespace that runs down many consecutive lines at the
same display column (a CJK glyph is two cells wide). A stretch of lines is split at a
gutter when:

- at least `MIN_LINES` of its lines have text on both sides of it, the right side
  starting exactly at the gutter's edge (an indent stays inside the column);
- no line's text crosses it (a headline across both columns ends the stretch, as does a
  row break of two blank lines);
- both sides read as columns of text, not as a table's cells: `MIN_WIDTH` cells wide,
  and the left side of most lines one run of text (a table row has several cells).

The left column is printed first, then the right one after a blank line (a column break
that the layout reader joins when the sentence goes on); each side is split again, so
three or more columns come out in order. `source` maps each rebuilt line back to its
line in the file, so warnings still point at the input.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass, field

MIN_LINES = 3  # lines with text on both sides of a gutter
MIN_WIDTH = 12  # cells: the narrowest median width of a column's lines
ONE_RUN = 0.8  # share of a left column's lines that must be one run of text (not a table's cells)
GAP = 2  # spaces: a narrower run is a word space
DEPTH = 6  # columns within columns: at most this many splits deep


@dataclass
class Columns:
    """A page rebuilt with its columns one after the other."""

    text: str
    source: dict[int, int] = field(default_factory=dict)  # rebuilt line → line in the file


def _width(c: str) -> int:
    return 2 if unicodedata.east_asian_width(c) in "WF" else 1


def _cells(line: str) -> list[int]:
    """The display column at which each character of a line starts."""
    out, at = [], 0
    for c in line:
        out.append(at)
        at += _width(c)
    return out


def _segments(line: str, cols: list[int]) -> list[tuple[int, int]]:
    """Runs of text set apart by at least GAP spaces, as (first cell, cell after the last)."""
    out: list[tuple[int, int]] = []
    i, n = 0, len(line)
    while i < n:
        if line[i] == " ":
            i += 1
            continue
        j = i
        while j < n and not (line[j] == " " and line[j:j + GAP] == " " * GAP):
            j += 1
        end = j
        while end > i and line[end - 1] == " ":
            end -= 1
        out.append((cols[i], cols[end - 1] + _width(line[end - 1])))
        i = j
    return out


def split_columns(text: str) -> Columns | None:
    """The page with side-by-side columns read one after another, or None when it has none."""
    lines = text.split("\n")
    numbered = list(enumerate(lines, start=1))
    out = _split(numbered, 0)
    if [no for no, _ in out] == [no for no, _ in numbered]:
        return None
    result = Columns("\n".join(t for _, t in out))
    result.source = {k: no for k, (no, _) in enumerate(out, start=1) if no}
    return result


def _split(lines: list[tuple[int, str]], depth: int) -> list[tuple[int, str]]:
    """Lines (file line number, text) with every stretch set in columns split in order."""
    if depth >= DEPTH or len(lines) < MIN_LINES:
        return lines
    cells = [_cells(t) for _, t in lines]
    segs = [_segments(t, c) for (_, t), c in zip(lines, cells, strict=True)]
    starts = Counter(s[0] for ss in segs for s in ss[1:])  # text that starts after a gap
    for at, support in starts.most_common():
        if support < MIN_LINES or at < MIN_WIDTH:
            break
        stretch = _stretch(lines, segs, at)
        if stretch is not None:
            lo, hi = stretch
            left, right = _cut(lines[lo:hi], cells[lo:hi], at)
            return (_split(lines[:lo], depth) + _split(left, depth + 1) + [(0, "")]
                    + _split(right, depth + 1) + _split(lines[hi:], depth))
    return lines


def _stretch(lines: list[tuple[int, str]], segs: list[list[tuple[int, int]]], at: int) -> tuple[int, int] | None:
    """The first stretch of lines (lo, hi) set in two columns at cell `at`, if any."""
    lo = None
    blanks = 0
    for k in range(len(lines) + 1):
        kind = _kind(segs[k], at) if k < len(lines) else "cross"
        if kind == "blank":
            blanks += 1
            if blanks < 2 or lo is None:
                continue
            kind = "cross"  # a row break: two blank lines
        else:
            blanks = 0
        if kind == "cross":
            if lo is not None and _columns(segs[lo:k], at):
                return lo, k
            lo = None
        elif lo is None:
            lo = k
    return None


def _kind(segs: list[tuple[int, int]], at: int) -> str:
    """How a line stands to a gutter at cell `at`: blank, cross (text over it), or fits."""
    if not segs:
        return "blank"
    if any(a < at < b or a < at - 1 < b for a, b in segs):
        return "cross"
    right = [a for a, _ in segs if a >= at]
    if right and any(a < at for a, _ in segs) and right[0] != at:
        return "cross"  # text on both sides, the right side not at the gutter: another grid
    return "fits"


def _columns(segs: list[list[tuple[int, int]]], at: int) -> bool:
    """Enough lines with text on both sides, and both sides wide enough to be columns."""
    both = [s for s in segs if any(a < at for a, _ in s) and any(a == at for a, _ in s)]
    if len(both) < MIN_LINES:
        return False
    left = sorted(max(b for a, b in s if a < at) - min(a for a, _ in s) for s in segs if any(a < at for a, _ in s))
    # the right side's first run: a table's next cell is short however many cells follow it
    right = sorted(min(b for a, b in s if a >= at) - at for s in segs if any(a >= at for a, _ in s))
    # a column's line is one run of text; a table's row is several cells
    runs = sum(1 for s in segs if sum(1 for a, _ in s if a < at) == 1)
    return (left[len(left) // 2] >= MIN_WIDTH and right[len(right) // 2] >= MIN_WIDTH
            and runs >= ONE_RUN * len(left))


def _cut(lines: list[tuple[int, str]], cells: list[list[int]], at: int) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """The stretch's left and right columns: each line cut at the character on cell `at`."""
    left, right = [], []
    for (no, text), cols in zip(lines, cells, strict=True):
        k = next((i for i, c in enumerate(cols) if c >= at), len(text))
        left.append((no, text[:k].rstrip()))
        right.append((no, text[k:].rstrip()))
    return _trim(left), _trim(right)


def _trim(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Without the blank lines a column has at either end (where only the other column,
    or a headline over both, had text)."""
    while lines and not lines[-1][1].strip():
        lines.pop()
    while lines and not lines[0][1].strip():
        lines.pop(0)
    return lines
