"""Paragraph breaks a page PDF shows by where a line stops.

Running text wraps a line only when the next line's first word no longer fits, so a line
that stops with room left for that word before its block's right edge was ended on
purpose: a paragraph's last line, a list item (`宜：祭祀 出行 会友`), a row of a table set as
text, a line of verse. The next line opens a paragraph even where it is not indented and no
sentence ended, which text alone cannot tell. The word is measured as printed (its glyphs'
boxes), so no engine's line breaking is guessed: a Latin word or number up to its space,
with a glyph that may not open a line after it, and one glyph more where CJK type follows
without a space (an engine may keep `M8連` together); a CJK glyph with the closing
punctuation after it, and a quotation mark with the glyphs on both sides (`从“开`).

Where the room left tells nothing, the line's shape does: rows of a list or a table set as
text stop where their cells do, and the widest sets the block's edge; a list's items and an
interview's turns open with a marker after a sentence, however full the line over them;
justified Latin type reaches the edge on every line of a paragraph but its last.
"""

from __future__ import annotations

import regex

from . import fields
from .layout import LATIN_END, closed
from .weights import active

# glyphs that may not end a line (line-end prohibition): wrapping carries them along with the next word
_OPENING = regex.compile(r"[（「『【《〈“‘(\[]")
# glyphs that may not open a line (line-start prohibition): wrapping carries the glyph before them along
_CLOSING = regex.compile(r"[、，。．！？：；）」』】》〉”’%,.;:!?)\]]")
_LATIN = regex.compile(r"[\p{Latin}\p{N}\p{Pd}.,'’%$/&+(\[@_]")
# quotation marks (Unicode line breaking's class QU) glue to the glyphs on both sides in the classic rules
_QUOTE = regex.compile(r"[“‘\"']")
_DIGIT = regex.compile(r"\p{Nd}")
# Latin type ending the line over and opening the next: a space goes between
_LATIN_ENDING = regex.compile(r"[\p{Latin}\p{N}.,;:!?'’\"”)\]%$&\p{Pd}]$")
_LATIN_OPENING = regex.compile(r"[\p{Latin}\p{N}'‘\"“(\[$\p{Pd}]")


def first_word(chars: list[tuple[str, float, float]]) -> float:
    """The printed width of a line's first unbreakable run (see the module's docstring);
    `chars` are the line's glyphs as (character, x0, x1) from left to right."""
    ink = [(c, x0, x1) for c, x0, x1 in chars]
    while ink and ink[0][0].isspace():
        ink.pop(0)
    if not ink:
        return 0.0
    start = 0
    while start < len(ink) - 1 and _OPENING.match(ink[start][0]):
        start += 1
    end = start + 1
    if not _LATIN.match(ink[start][0]) and end < len(ink) and _DIGIT.match(ink[end][0]):
        end += 1  # `计2176辆`: a number glued to the CJK glyph before it (an engine may not break between them)
    if _LATIN.match(ink[end - 1][0]):
        while end < len(ink) and not ink[end][0].isspace() and _LATIN.match(ink[end][0]):
            end += 1
        if end < len(ink) and not ink[end][0].isspace():
            end += 1  # CJK right after the word, with no space: kept with it
    while True:
        while end < len(ink) and _CLOSING.match(ink[end][0]):
            end += 1
        if not (end + 1 < len(ink) and _QUOTE.match(ink[end][0])):
            break
        end += 2  # `从“开`: a quotation mark with the glyphs on both sides (MuPDF breaks no line there)
    return ink[end - 1][2] - ink[0][1]


def stopped(lines: list[tuple[str, float, float, float, float]]) -> set[int]:
    """The lines (by index, from 1) of one block of running text that open a paragraph
    because the line above stopped short of the block's right edge with room for their
    first word. `lines`: each line's text, left and right edges, first word's width and
    type size, top to bottom. After Latin type a word needs a space and `Weights.pdf_slack`; after CJK type
    nothing but `Weights.cjk_slack`, measured to the edge the lines share (a comma may hang past it).
    Lines open too where they are rows of a list or table (`_rows`), a list's items or an
    interview's turns (`_turns`), or justified Latin shows a paragraph's end (`_justified`).
    A jump line (（转第2版）) is no paragraph: it ends the one above it, and a paragraph's
    indented first line goes on in the flush line under it when it stops short by less than
    an indent besides the word (an engine may set it short; stopping further, it is an item
    of a hanging-indent list: `东港航通〔2026〕第118号` / `一、施工时间…`). A block that is no one column tells
    nothing: lines starting further apart than an indent (a read that stacked two columns'
    lines), or a line before the last running more than an em past the edge that most of
    its lines share (a justified column's edge: a line of the next column was read into it;
    a table set as text has no such edge, and its last line, a note, may run past its rows)."""
    size = max((line[4] for line in lines), default=0.0)
    lefts = [line[1] for line in lines]
    if not lefts or max(lefts) - min(lefts) > active().pdf_indent * size or _overrun([line[2] for line in lines], size):
        return set()
    edge = max(line[2] for line in lines)
    marked = _justified(lines, size) | _rows(lines, size) | _turns(lines)
    out = set()
    shared = max(_shared([line[2] for line in lines], size), default=edge)
    shared = shared if edge - shared <= active().pdf_hung * size else edge  # a glyph hung past the shared edge (a comma), or none
    for i in range(1, len(lines)):
        above, line = lines[i - 1], lines[i]
        if _LATIN_ENDING.search(above[0].rstrip()) and _LATIN_OPENING.match(line[0].strip()):
            room = edge - above[2] - line[3] - active().pdf_slack * above[4]
        else:  # no space between, and the edge lines share (a comma may hang past it)
            room = shared - above[2] - line[3] - active().cjk_slack * above[4]
        room = room if line[3] > 0 else -1.0
        first = above[1] - line[1] >= active().pdf_half * size  # the line over it is a paragraph's indented first line
        if (room >= 0 or i in marked) and (not first or room >= active().pdf_indent * size) \
                and not fields.JUMP_TO.match(line[0].strip()):
            out.add(i)
    return out


def _justified(lines: list[tuple[str, float, float, float, float]], size: float) -> set[int]:
    """Lines of Latin type set justified that open a paragraph: justification stretches every
    line of a paragraph to the column's edge but its last, so a line ending a sentence half an
    em or more short of the edge most lines share ended its paragraph, even where the next
    line's first word would not have fitted there (`…in the ground."` / `The study is…`). Text
    is justified when two lines or more, and half as many as there are lines under the first,
    end at its widest line's edge; ragged Latin lines seldom do. CJK type is left out: its glyphs are all one em wide, so
    ragged CJK lines end together too."""
    rights = [line[2] for line in lines]
    edge = max(rights)
    full = sum(1 for x in rights if edge - x <= active().pdf_edge * size)
    if full < 2 or 2 * full < len(lines) - 1:
        return set()
    return {i for i in range(1, len(lines))
            if edge - rights[i - 1] >= active().pdf_half * size and LATIN_END.search(lines[i - 1][0].rstrip())
            and _LATIN_START.match(lines[i][0].strip())}


def _rows(lines: list[tuple[str, float, float, float, float]], size: float) -> set[int]:
    """Lines that open a paragraph because they, or the line over them, are rows of a list
    or table set as text (`3月9日   联赛揭幕…`, `5日 晴转多云 -2℃～6℃ 北风3级`, `Motueka   Sam
    Kerei…`): three lines or more in a row, each of two cells or more, of which no more
    than half end at the widest one's edge. Each row is a paragraph, and so is the line under
    the last (a source or a note), however close to the edge the rows above it stop: the
    widest row sets the block's edge, so the room left under it tells nothing. Under a row
    that reaches the block's edge, only a row of as many cells opens (`农历十一月初五 丙午年 庚子` /
    `月 壬申日` is one row wrapped). Wrapped text runs to one edge (a list of names spaced
    apart and wrapped), rows stop where their cells do."""
    cells = [len(_CELL.split(line[0].strip())) for line in lines]
    block = max(line[2] for line in lines)
    out: set[int] = set()
    k = 0
    while k < len(lines):
        j = k
        while j < len(lines) and cells[j] >= 2:
            j += 1
        edge = max((line[2] for line in lines[k:j]), default=0.0)
        if j - k >= active().pdf_rows and 2 * sum(1 for line in lines[k:j] if edge - line[2] <= active().pdf_edge * size) <= j - k:
            out |= {i for i in range(max(k, 1), min(j + 1, len(lines)))
                    if block - lines[i - 1][2] > active().pdf_edge * size or i < j and cells[i] == cells[i - 1]}
        k = j + 1
    return out


def _turns(lines: list[tuple[str, float, float, float, float]]) -> set[int]:
    """Lines that open a paragraph as the next item or turn of a list (`问：…` / `答：…`,
    `1.…` / `2.…`, `第八條 …`): the block has two or more lines opening with such a marker, and
    the line over this one ended a sentence. A justified line ending a sentence at the edge
    leaves no room to tell by; a line of running text opening with a marker after a sentence
    is rare, and twice in one block rarer."""
    marked = [bool(_MARKER.match(line[0].strip())) for line in lines]
    if sum(marked) < 2:
        return set()
    return {i for i in range(1, len(lines)) if marked[i] and (closed(text := lines[i - 1][0].rstrip())
                                                             or _NOTED.search(text))}


_NOTED = regex.compile(r"[。！？?!][（(][^（()）]*[）)]$")  # a sentence with a note after it: `…缺什么肥？（石门镇 读者 黄春生）`
# a list's item or an interview's turn: a short label and a colon, a number, a law's article
_MARKER = regex.compile(rf"^(?:[\p{{Han}}\p{{Lu}}]{{1,2}}[：:]|(?:{fields.NUMBERED})"
                        r"|第[一二三四五六七八九十百\d]{1,5}[條条款章]\s)")
# a cell gap: a run of spaces, or a space by a CJK glyph (CJK prose has no spaces)
_CELL = regex.compile(r"\s{2,}|(?<=[\p{Han}）」』】》”])\s|\s(?=[\p{Han}（「『【《“])")
_LATIN_START = regex.compile(r"[\p{Latin}\p{N}“‘\"'(\[]")


def _shared(rights: list[float], size: float) -> list[float]:
    """The right edges that another line ends at too (within `Weights.pdf_edge`)."""
    return [x for k, x in enumerate(rights) if any(abs(x - y) <= active().pdf_edge * size for j, y in enumerate(rights) if j != k)]


def _overrun(rights: list[float], size: float) -> bool:
    shared = _shared(rights, size)
    return 2 * len(shared) > len(rights) and max(rights[:-1], default=0.0) - max(shared) > active().pdf_overrun * size
