"""Paragraph breaks inside a story that the lines' shape shows on pages that do not set
them apart by an indent: table rows run into a story, lists of fields and speakers' turns
(`联系人：…`, `问：…` / `答：…`), numbered items, notices with hanging indents, verse; and
pull quotes, a story's words repeated in display, which are no paragraph at all.

Each rule reads one line and the line above it, with what the block and the page around them
show (`Around`): whether several of the block's lines open with a label, the text page's
column measure, and which lines are verse or table rows. None of them reads a word: a row is
a line of cells set apart by spaces, a label a short run of letters before a colon, a
hanging indent as deep as the item's number, verse a run of short lines that stop only at
their end. Widths are display columns: a wide glyph or an ideographic space is two.
"""

from __future__ import annotations

import statistics
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

from . import fields, furniture
from .weights import active

if TYPE_CHECKING:
    from .layout import Line

# a label before a colon at a line's start: 问：, 联系人：, 理事長：, Q:, 1905年：, （二）地點：, 时间：11月23日;
# not a clock time (8:30: figures on both sides) and not speech (他说：“…), which runs on as text
_LABEL = regex.compile(r"^(?:(?=[\p{L}\p{N}]{0,5}\p{L})[\p{L}\p{N}]{1,6}|\p{N}{1,6}(?=[：:]\D)|[（(][\p{L}\p{N}]{1,4}[）)][\p{L}\p{N}]{0,4})"
                       r"[：:](?![“「‘『\"'])(?!(?<=\p{N}[：:])\p{N})")
_ITEM = regex.compile(rf"^(?:{fields.NUMBERED}"
                      r"|第[一二三四五六七八九十百]{1,4}[條条款章])[ \u3000]*")
_ENDS = regex.compile(r"[。？！；：.?!;:][”’」』）)\"']*$|[）)]$")  # a sentence, a clause or an aside ends the line
_MID_PHRASE = regex.compile(r"[\p{L}\p{N}，、（“「,(]$")
_OPEN_QUOTE = regex.compile(r"^[“「『‘\"]")
_CLOSE_QUOTE = regex.compile(r"[”」』’\"][。！？.!?]?$")
_SENTENCE_END = regex.compile(r"[。！？.!?][”’」』）)\"']*$")
_QUOTE_MARKS = regex.compile(r"[\s“”「」『』‘’\"']")
_INNER_STOP = regex.compile(r"[，。、；：！？,;:!?\s]")
_SPACED_STOP = regex.compile(r"[。，；！？、]")
_SENTENCE_OPENS = regex.compile(r"^[\p{Lu}“‘\"']")
_ADDRESS = regex.compile(r"[：:]$")
_WHOLE_BRACKET = regex.compile(r"^[（(][^（）()]+[）)]$")


@dataclass(frozen=True)
class Around:
    """What the block and the page around a line pair show."""

    listed: bool = False  # the block holds `Weights.para_labels` lines or more that open with a label
    measure: float = 0.0  # the text page's column measure in display columns (its wrapped lines' median width; 0: a PDF's page)
    verse: frozenset[tuple[int, int]] = frozenset()  # keys (Line.key) of the page's lines read so far that are lines of verse
    rows: frozenset[tuple[int, int]] = frozenset()  # keys of the page's lines read so far that are table rows
    first: int = 0  # the number of the block's first line (under a blank line or a column break)


def rows(lines: list[Line], measure: float) -> set[tuple[int, int]]:
    """The keys (Line.key) of a text block's table rows: a line of two cells or more set apart by a
    run of spaces (`市民服务热线    12345`), and runs of two lines or more with as many short
    cells set apart by ideographic spaces (`職稱　姓名　生效日期`) or, in Han text with no stop
    and well short of the page's measure, by single spaces (`东港海鸥 2∶1 北湾雄狮`: running
    Chinese has no spaces; a byline wrapped at a space, `社全媒体记者 钟若楠 通`, stands
    alone). None on a PDF's page (`measure` 0), whose reader has read its tables."""
    if measure <= 0:
        return set()
    out = {line.key for line in lines if len(furniture.cells(line.text)) >= 2}
    run: list[Line] = []
    for line in [*lines, None]:
        n = _spaced(line, measure) if line is not None else 0
        if n and (not run or n == _spaced(run[-1], measure)):
            run.append(line)
            continue
        if len(run) >= 2:
            out.update(x.key for x in run)
        run = [line] if n else []
    return out


def repeated(lines: list[Line], found: set[tuple[int, int]], measure: float) -> set[tuple[int, int]]:
    """The rows of `found` (see `rows`) that stand in a run of two lines or more with as many
    cells: a table repeats its rows' shape, and a masthead's lines of cells (date, weekday,
    lunar date; CN number, 邮发代号; weather) each hold a shape of their own."""
    def shape(line: Line) -> int:
        return len(furniture.cells(line.text)) if line.key in found else 0

    out: set[tuple[int, int]] = set()
    for a, b in zip(lines, lines[1:]):
        if shape(a) >= 2 and shape(a) == shape(b) or a.key in found and _spaced(a, measure) and _spaced(a, measure) == _spaced(b, measure):
            out |= {a.key, b.key}
    return out


def _spaced(line: Line, measure: float) -> int:
    """How many cells a line holds when it reads as a row with cells set apart by ideographic
    or single spaces (0: it does not)."""
    text = line.text
    if _SPACED_STOP.search(text):
        return 0
    for gap in ("\u3000", " "):
        cells = text.split(gap)
        if len(cells) >= 3 and all(0 < len(c) <= furniture.TABLE_CELL for c in cells) and (
                gap == "\u3000" or sum(1 for c in cells if regex.search(r"[\p{Han}\d]", c)) >= 3
                and sum(1 for c in cells if regex.search(r"\p{Han}", c)) >= 2
                and line.indent + columns(text) <= measure - active().spaced_short):
            return len(cells)
    return 0


def labelled(text: str) -> bool:
    """A line that opens with a label and a colon (a field, a speaker's turn)."""
    return bool(_LABEL.match(text))


def bracketed(text: str) -> bool:
    """A line wholly in brackets: （记者 季蓓）, （作者系…）, （岩溪茶叶市场管委会提供）."""
    return bool(_WHOLE_BRACKET.match(text.strip()))


def noted(line: Line, before: Line) -> bool:
    """A note wholly in brackets under a line of its block that ended a sentence or an aside,
    naming no writer and crediting nothing (（作者系…副教授）, （答案见下期）): a paragraph of
    its own (the caller asks that no blank line stands between them). A byline or a credit in
    brackets (（记者 季蓓）, （王丽珠）, （…摄）) is read by the byline and credit rules, which
    find it run on at the paragraph's end."""
    return note([line]) and bool(_ENDS.search(before.text))


def note(lines: list[Line]) -> bool:
    """A paragraph that is one line wholly in brackets naming no writer and crediting nothing:
    a note, finished as a sentence is (the next block opens no continuation of it)."""
    return (len(lines) == 1 and bracketed(lines[0].text) and lines[0].credit is None
            and not fields.ROLES.search(lines[0].text) and fields.trailing_byline(lines[0].text) is None)


def mid_phrase(text: str) -> bool:
    """A line that stops mid-phrase: on a letter, a figure, a comma or an opening bracket."""
    return bool(_MID_PHRASE.search(text))


def listed(texts: list[str]) -> bool:
    """A block of fields or turns: several of its lines open with a label."""
    return sum(1 for t in texts if labelled(t)) >= active().para_labels


def columns(text: str) -> int:
    """Display columns: a wide glyph (CJK, full-width punctuation) takes two, as an
    ideographic space does in an indent."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def hangs(item: Line, line: Line) -> bool:
    """A hanging indent: `line` is set in under `item`, a line that opens with a numbered
    item or a label, no deeper than that number or label (`一、` / four columns, `第八條　`
    / eight, `主旨：` / six), and `item` wraps: it runs about as far as `line` (a subhead
    over an indented paragraph stops short)."""
    m = _ITEM.match(item.text) or _LABEL.match(item.text)
    return (m is not None and not item.bold and 0 < line.indent - item.indent <= columns(m.group()) + 1
            and item.indent + columns(item.text) >= line.indent + columns(line.text) - active().hang_slack)


def opens(line: Line, before: Line, para: list[Line], around: Around) -> bool | None:
    """Whether `line` opens a paragraph by its shape, under `before`, the last of the
    paragraph's lines `para` so far (None: the shape does not say).

    - A table row is a paragraph of its own, and so is the line under one.
    - A line of verse is a paragraph of its own (see `verse`).
    - A note in brackets under a finished line of its block is one too (see `noted`).
    - In a list of fields or turns, a labelled line opens one under a line that ended a
      sentence or a clause, or under another labelled line.
    - A numbered item opens one under a line that ended a sentence, a clause or an aside,
      or that stopped short of the page's measure (`Weights.item_short`).
    - A line set in under a numbered item or a label (see `hangs`), or under the lines
      set in as deep under one, continues it while the line above stops mid-phrase; a line
      back at the item's margin under a finished one opens a paragraph.
    """
    if line.key in around.rows or before.key in around.rows:
        return True
    if line.key in around.verse and before.key in around.verse:
        return True
    if addressed(before, para, around):
        return True
    if line.no > around.first and noted(line, before):
        return True
    if labelled(line.text) and around.listed and (_ENDS.search(before.text) or labelled(before.text)):
        return True
    if _ITEM.match(line.text) and (_ENDS.search(before.text)
                                   or before.indent + columns(before.text) <= active().item_short * around.measure):
        return True
    k = len(para) - 1
    deep = line.indent if _MID_PHRASE.search(before.text) else before.indent
    while k > 0 and para[k].indent == deep:
        k -= 1  # up the lines set in as deep as this one (or the line above), to the one they hang from
    hung = k + 1 < len(para) and hangs(para[k], para[k + 1])
    if _MID_PHRASE.search(before.text) and (hung or k == len(para) - 1 and hangs(para[k], line)):
        return False
    if hung and line.indent == para[k].indent and _ENDS.search(before.text):
        return True  # back at the item's margin under its last, finished line
    return None


def outdented(line: Line, para: list[Line]) -> bool:
    """A line set out left of its paragraph's first line when that line opens with a numbered
    item (`   3. Election of officers for 2027.` / `Nominations must reach…`, `　　二、意见反馈…。` /
    `特此公告。`): the item's indent marks the item, not a paragraph's first line, so the lines
    under it end the item by their shape (a sentence ended short of the measure), as in a
    paragraph set flush."""
    return bool(_ITEM.match(para[0].text)) and line.indent < para[0].indent


def addressed(line: Line, para: list[Line], around: Around) -> bool:
    """On a text page, a block's first line that ends in a colon well short of the measure
    (`Weights.item_short`), the whole of its paragraph so far, is an address (`各位居民：`,
    `各单位、各部门：`): a paragraph of its own. A line that carries a paragraph
    on over a column break is no block's paragraph so far, and one that wraps runs to the
    measure."""
    return (around.measure > 0 and line.no == around.first and para == [line] and not line.bold
            and bool(_ADDRESS.search(line.text)) and line.indent + columns(line.text) <= active().item_short * around.measure)


def sentence_break(before: Line, line: Line, around: Around) -> bool:
    """On a text page, a flush Latin line that ended a sentence (the caller has seen it end
    so) ends its paragraph when the line right under it (no blank line, no column break
    between) opens a sentence with a capital or a quotation mark (a figure may run a date on:
    `Dec.` / `12, at 2 p.m.`). Ragged type leaves up to a word's room at any wrap, so where
    the next word would not have fitted, the line's length says nothing; the sentence end
    decides. A paragraph ends at a line's end always, a sentence inside one only where the
    wrap happens to fall, and news copy sets one or two sentences a paragraph."""
    return around.measure > 0 and line.no > around.first and bool(_SENTENCE_OPENS.match(line.text))


def verse(lines: list[Line], measure: float) -> set[tuple[int, int]]:
    """The keys (Line.key) of a block's lines of verse: runs of `Weights.verse_lines` lines or more of Han
    text, each of three characters or more (one glyph a line, or one glyph printed twice, is a
    vertical headline), short of the page's measure (`Weights.verse_share`) and stopping nowhere but at
    its end (wrapped prose runs to the measure, and its short lines stop inside)."""
    out: set[tuple[int, int]] = set()
    for short in (True, False):
        run: list[Line] = []
        for line in [*lines, None]:
            if line is not None and _versed(line, measure, short):
                run.append(line)
                continue
            if len(run) >= active().verse_lines and (short or _ragged(run, line is None)):
                out.update(x.key for x in run)
            run = []
    return out


def _versed(line: Line, measure: float, short: bool) -> bool:
    text = line.text
    return (not line.bold and len(text) > 2 and bool(regex.search(r"\p{Han}", text))  # a glyph or two a line: vertical type and not regex.search(r"\p{Latin}", text)
            and not _INNER_STOP.search(text[:-1] if short else text) and 0 < measure
            and (not short or line.indent + columns(text) <= active().verse_share * measure))


def _ragged(run: list[Line], last: bool) -> bool:
    """Lines that stop short of the run's widest inside the run: justified Chinese fills
    every wrapped line to the measure (a glyph's room aside, or a figure's that would not
    fit), so a line with no stop that stops short ends a line of verse. The run ends
    the block (`last`) or stops short (a run that ends on a full line runs on into prose),
    and its lines stand at one margin (an indent opens a paragraph of prose)."""
    widest = max(line.indent + columns(line.text) for line in run)
    short = [line.indent + columns(line.text) <= widest - 2 and not regex.match(r"[\p{Latin}\d]", below.text)
             for line, below in zip(run, run[1:])]
    return (sum(short) >= active().verse_ragged and (last or run[-1].indent + columns(run[-1].text) <= widest - 2)
            and len({line.indent for line in run}) == 1)


def plain(text: str) -> str:
    """Text without spaces and quotation marks: how a pull quote and the passage of the
    story it repeats compare."""
    return _QUOTE_MARKS.sub("", text)


def pull_quote(block: list[Line], page: str) -> int | None:
    """Where a pull quote starts in a block (None: it holds none): the block's last one to
    `Weights.pull_lines` lines, in quotation marks, under a finished sentence (or a block of their
    own), repeating word for word a passage the page prints elsewhere (`page`: its text,
    see `plain`). The story's own passage is the copy inside a sentence or under a
    speaker's colon, so it is never the one taken."""
    for k in range(max(0, len(block) - int(active().pull_lines)), len(block)):
        tail = block[k:]
        said = plain("".join(line.text for line in tail))
        if (_OPEN_QUOTE.match(tail[0].text) and _CLOSE_QUOTE.search(tail[-1].text) and len(said) >= active().pull_chars
                and (k == 0 or _SENTENCE_END.search(block[k - 1].text)) and not any(line.bold for line in tail)
                and page.count(said) >= 2):
            return k
    return None


def measure(lines: list[Line]) -> float:
    """The page's column measure in display columns: the median width of the lines that
    another line of their block follows (`lines`: wrapped lines run near the measure; a
    block's last line may stop anywhere)."""
    return statistics.median(line.indent + columns(line.text) for line in lines) if lines else 0.0
