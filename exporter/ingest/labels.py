"""Column labels over a headline on a text page: 社論, 回音壁, 农事提醒, 读者来函, ◎影人访谈,
理财观察丨 — the column's name, not the story's kicker.

A kicker (引题) says something about the story: a phrase with a subject or a figure
(审批材料从11项减为6项, 通勤族叫好, 冬季心脑血管病进入高发期). A column label names the
column: two to four Han glyphs, no figure, no punctuation, often marked (◎, 【】, a
trailing 丨) or letter-spaced, and much shorter than the headline under it. Read as a
kicker or as the first line of the headline it made the title wrong on most development
pages that print one (ingest-blind3 … blind6 mark every such label as furniture and have no
kicker this short); so a label standing directly over a headline — the first line of its
head block, or a one-line head right before the headline's own block — is set aside as
page furniture. Text pages only: a page PDF's type sizes tell a kicker from a label.
"""

from __future__ import annotations

from dataclasses import replace

import regex

from .layout import Head, Line, Piece, SetAside, cells
from .weights import SHIPPED, Weights

_LABEL = regex.compile(r"^[◎■●◆▲□]?[【［\[]?(?P<name>\p{Han}{2,4})[】］\]]?[丨|｜]?$")
_SPACES = regex.compile(r"[ \u3000]+")


def _label(line: Line) -> bool:
    return line.size == 0 and _LABEL.match(_SPACES.sub("", line.text.strip())) is not None


def _headline_under(label: Line, below: list[Line], w: Weights) -> bool:
    """The headline under a label is at least `w.label_longer` cells longer: the line under
    it and, when that line is display type, the display lines it wraps into (`劳模风采` over
    `“焊花”里` / `绽放的青春`)."""
    run = next((k for k, line in enumerate(below) if not (below[0].bold and line.bold)), len(below)) or 1
    return sum(cells(line.text.strip()) for line in below[:run]) >= cells(_SPACES.sub("", label.text.strip())) + w.label_longer


def column_labels(pieces: list[Piece], furniture: list[SetAside], w: Weights = SHIPPED) -> list[Piece]:
    """The page's pieces with each column label over a headline set aside (into `furniture`)."""
    out: list[Piece] = []
    for k, piece in enumerate(pieces):
        if not isinstance(piece, Head) or not _label(piece.lines[0]):
            out.append(piece)
            continue
        first = piece.lines[0]
        nxt = pieces[k + 1] if k + 1 < len(pieces) else None
        if len(piece.lines) >= 2 and _headline_under(first, piece.lines[1:], w):
            furniture.append(SetAside(first.no, first.text, "a column label over the headline"))
            out.append(replace(piece, lines=piece.lines[1:]))
        elif (len(piece.lines) == 1 and isinstance(nxt, Head) and not _label(nxt.lines[0])
              and _headline_under(first, nxt.lines, w)):
            furniture.append(SetAside(first.no, first.text, "a column label over the headline"))
        else:
            out.append(piece)
    return out
