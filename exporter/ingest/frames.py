"""Boxes drawn with box-drawing characters on a text page (┌──┐ … └──┘, ┏━━┓ … ┗━━┛).

A paper rules a box around a text that stands on its own: a profile (人物名片), a notice
(讣告), a listing (家长课堂), a table. A PDF's drawing says so directly; in extracted
text the rules survive as characters. They are layout, not text: the borders and the
bars at a line's ends are removed (and counted as dropped), and the lines between a top
and a bottom border are marked as one box, which starts and ends an article as a PDF's
ruled box does. A bar that opens a line (┃醉酒驾驶…) stands where a paragraph's indent
would, so it is read as one. A rule drawn as a line of one glyph repeated (～～～～～～,
————————) is layout too: it stands where a blank line would.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import regex

_TOP = regex.compile(r"^[ \u3000]*[┌┏╔]")
_BOTTOM = regex.compile(r"^[ \u3000]*[└┗╚]")
_RULE = regex.compile(r"[─━═┌┐└┘┏┓┗┛╔╗╚╝]")
_BAR_START = regex.compile(r"^(?P<pad>[ \u3000]*)[│┃║]")
_BAR_END = regex.compile(r"[│┃║][ \u3000]*$")
# a rule drawn as a line of one repeated glyph (～～～～～～, ————————): a blank line, in effect
_RULE_LINE = regex.compile(r"^[ \u3000\f]*([～~＊*=＝─━═—_])\1{5,}[ \u3000]*$")


@dataclass
class Framed:
    """A page with its drawn boxes taken out: the text (same line numbers), each boxed
    line's box, and the characters removed."""

    text: str
    boxes: dict[int, int] = field(default_factory=dict)
    dropped: Counter[str] = field(default_factory=Counter)


def unframe(text: str) -> Framed:
    """Remove drawn box borders from a page and say which lines each box holds. A top
    border without a bottom one (or the reverse) marks no box, but its characters still go;
    bars are taken only inside a box (a top border's bars wait for its bottom: a rule at
    the page's last lines, or a stray corner, must not strip every later line)."""
    lines = text.split("\n")
    out = Framed("")
    opened: int | None = None  # line number of the open box's top border
    inside: dict[int, str] = {}  # the open box's lines as they were, before their bars went
    bars: Counter[str] = Counter()  # the open box's bars, dropped once its bottom comes
    boxes = 0
    for no, line in enumerate(lines, start=1):
        if opened is None and _RULE_LINE.match(line):  # a rule over a text, or under it: a blank line
            out.dropped.update(line.strip())
            lines[no - 1] = "\f" * ("\f" in line)  # a column break under the rule stays one
            continue
        top, bottom = _TOP.match(line), _BOTTOM.match(line)
        if top or bottom:
            out.dropped.update(_RULE.findall(line))
            rest = _RULE.sub(" ", line)
            lines[no - 1] = rest if rest.strip() else ""  # a title set in the border stays (┌─店家資訊─┐)
            if bottom and opened is not None:
                boxes += 1
                out.boxes.update((k, boxes) for k in range(opened, no + 1) if lines[k - 1].strip())
                out.dropped.update(bars)
                inside.clear()
            for k, original in inside.items():  # a top never closed: its lines keep their bars
                lines[k - 1] = original
            opened, inside, bars = (no if top else None), {}, Counter()
            continue
        if opened is None:
            continue
        inside[no] = line
        if (start := _BAR_START.match(line)) is not None:
            bars[line[len(start["pad"])]] += 1
            line = start["pad"] + "  " + line[start.end():]  # the bar stands where an indent would
        if (end := _BAR_END.search(line)) is not None:
            bars[end.group().strip()] += 1
            line = line[: end.start()]
        lines[no - 1] = line
    for k, original in inside.items():  # the page ended with a box still open
        lines[k - 1] = original
    _bar_rows(lines, out)
    out.text = "\n".join(lines)
    return out


# the cells: spaces, then the first glyph, then the rest (`\s*\S.*`, linear; `.*\S.*` backtracked
# quadratically on a long line that opens with a bar and never closes it)
_ROW = regex.compile(r"^(?P<pad>[ \u3000]*)[│┃║](?P<cells>\s*\S.*)[│┃║][ \u3000]*$")
_CELL_BAR = regex.compile(r"[ \u3000]*[│┃║][ \u3000]*")


def _bar_rows(lines: list[str], out: Framed) -> None:
    """A table ruled with bars alone, no border over or under it (`│项目│申报期限│备注│`, two
    lines or more in a row, each opening and closing with a bar, in no box): the bars are
    layout. The outer ones go, and a bar between two cells stands where a cell gap would."""
    run: list[tuple[int, regex.Match[str]]] = []
    for k, line in enumerate([*lines, ""]):
        m = _ROW.match(line) if k + 1 not in out.boxes else None
        if m is not None:
            run.append((k, m))
            continue
        for j, row in run if len(run) >= 2 else ():
            out.dropped.update(ch for ch in lines[j] if ch in "│┃║")
            lines[j] = row["pad"] + _CELL_BAR.sub("  ", row["cells"].strip())
        run = []
