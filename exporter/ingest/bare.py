"""Give back the layout signals to text extracted with none: no blank lines, no indents
(what `pdftotext -raw` makes of a page laid out in columns).

Such text still shows three things, and this module turns them into the blank lines and
indents the layout reader reads:

- **Fake bold** drawn as a second copy comes out as a line (or a run of up to three
  lines, or a vertical headline's one-glyph lines) printed twice in a row: the second
  copy is layout, the first is display type (a headline).
- **Paragraph ends**: a line that ends a sentence and stops short of the column's measure
  (the first word of the next line would have fitted) ends its paragraph; the measure is
  the widest line nearby.
- **Headline-like lines**: a line that does not end a sentence, standing after a finished
  paragraph and before an article's opening (a dateline, a byline, a deck) or display
  type, is a block of its own.

The page is rebuilt with blank lines and ideographic indents; `source` maps each rebuilt
line back to its line in the file, so warnings and the report still point at the input.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import regex

from . import english, fields, furniture

_CLOSED = regex.compile(r"(?:[。！？!?…]|(?<=\p{L}|\))\.)[”’」』）)\"']*$")
_DASH_START = regex.compile(r"^[—―─-]{2,}")
_CLOSING_START = regex.compile(r"^[，。、；：！？）》」』”’,.;:!?)]")
_WORD = regex.compile(r"^\S+")
_INDENT = "\u3000\u3000"
WINDOW = 5  # lines either side that give a line's column measure
MIN_LINES = 12  # a page shorter than this is left as it is
UNWRAPPED = 40  # cells: a median line this long was never wrapped to a column


@dataclass
class Bare:
    """A page rebuilt with layout signals."""

    text: str
    source: dict[int, int] = field(default_factory=dict)  # rebuilt line → line in the file
    display: set[int] = field(default_factory=set)  # rebuilt lines known to be display type
    dropped: Counter[str] = field(default_factory=Counter)  # second copies of doubled lines


def is_bare(text: str) -> bool:
    """No blank lines between its text and no indented lines: nothing for the layout reader."""
    lines = text.replace("\f", "\n").split("\n")
    body = [t for t in lines if t.strip()]
    if len(body) < MIN_LINES:
        return False
    inner = lines[next(i for i, t in enumerate(lines) if t.strip()):]
    blank = sum(1 for t in inner if not t.strip()) - 1  # the final newline
    indented = sum(1 for t in body if t[:1] in (" ", "\u3000", "\t"))
    return blank <= len(body) // 40 and indented <= len(body) // 40


def is_unwrapped(text: str) -> bool:
    """One paragraph a line, never wrapped to a column (text copied from a web page or
    typed): most lines are longer than any newspaper column."""
    widths = sorted(_cells(t.strip()) for t in text.replace("\f", "\n").split("\n") if t.strip())
    return len(widths) >= 3 and widths[len(widths) // 2] >= UNWRAPPED


def spread(text: str) -> Bare:
    """An unwrapped page with a blank line after every line: each line is a block (a
    headline, a byline, a paragraph), as its writer meant it."""
    result = Bare("")
    out: list[str] = []
    for no, raw in enumerate(text.split("\n"), start=1):
        if raw.strip():
            out += [raw, ""]
            result.source[len(out) - 1] = no
        elif "\f" in raw:
            out.append(raw)
    result.text = "\n".join(out) + "\n"
    return result


def _cells(text: str) -> float:
    return sum(0.5 if ord(c) < 128 else 1.0 for c in text)


def _closed(text: str) -> bool:
    return bool(_CLOSED.search(text))


def _opening(text: str, wrap: str = "") -> bool:
    """A line that opens an article: a dateline, a byline on its own line (`wrap`: the next
    line, which may hold the byline's last glyphs), a jump line."""
    if wrap and len(wrap) <= 4 and fields.own_line_byline(text + wrap):
        return True
    return bool(fields.DATELINE.match(text) or fields.JUMP_FROM.match(text) or english.byline(text)
                or fields.own_line_byline(text))


def _byline_line(text: str) -> bool:
    """A byline alone on its line (By …, 记者 … 通讯员 …): the text under it starts a paragraph."""
    return bool(english.byline(text) or fields.own_line_byline(text))


def _undouble(items: list[tuple[int, str]], dropped: Counter[str]) -> list[tuple[int, str, bool]]:
    """Collapse runs printed twice in a row (fake bold); the kept copy is display type."""
    out: list[tuple[int, str, bool]] = []
    texts = [t for _, t in items]
    i = 0
    while i < len(items):
        k = _doubled(texts, i)
        if k:
            out += [(no, t, True) for no, t in items[i : i + k]]
            for _, t in items[i + k : i + 2 * k]:
                dropped.update(c for c in t if not c.isspace())
            i += 2 * k
            continue
        out.append((*items[i], False))
        i += 1
    return out


def _doubled(texts: list[str], i: int) -> int:
    """Length of a run starting at i that is repeated right after it (0 if none)."""
    single = 0  # a vertical headline: one glyph a line
    while i + single < len(texts) and len(texts[i + single]) == 1:
        single += 1
    runs = ([single // 2] if single >= 6 else []) + [1, 2, 3]
    for k in runs:
        if i + 2 * k <= len(texts) and texts[i : i + k] == texts[i + k : i + 2 * k] and not _closed(texts[i + k - 1]):
            return k
    return 0


Row = tuple[int, str, bool]  # line in the file, text, display type
_CREDIT = regex.compile(r"^(?:\p{Han}{0,6}[记記]者|[摄攝]影|[图圖][：:]?)\s*\S{2,12}[摄攝]$")
_NOTICE_OPENING = regex.compile(r"如下[：:]$|^(?i:notice is hereby given)")
_HEAVY = " " * 12  # a right-aligned line (a credit, a signature) as a text extractor would indent it


def restore(text: str) -> Bare:
    """Rebuild a bare page with blank lines between blocks and indented paragraph starts;
    headlines gathered after the last body (drawn last on the page) go back, in order, to
    the articles printed without one when their numbers match."""
    result = Bare("")
    out: list[str] = []
    for chunk_start, chunk in _chunks(text):
        items = [(no, raw.strip()) for no, raw in enumerate(chunk.split("\n"), start=chunk_start) if raw.strip()]
        blocks = _blocks(_undouble(items, result.dropped))
        for block in _relocated(blocks):
            if out:
                out.append("")
            for no, line, display in block:
                out.append(line)
                result.source[len(out)] = no
                if display:
                    result.display.add(len(out))
        out.append("")
    result.text = "\n".join(out) + "\n"
    return result


def _chunks(text: str) -> list[tuple[int, str]]:
    """The page's form-feed-separated parts (a PDF's pages), each with its first line's number."""
    out, first = [], 1
    for part in text.split("\f"):
        out.append((first, part))
        first += part.count("\n")
    return out


def _blocks(lines: list[Row]) -> list[list[Row]]:
    """Blocks of rows: display units, headline-like lines, caption paragraphs and article
    bodies, with paragraph starts indented and right-aligned lines pushed right."""
    widths = [_cells(t) for _, t, _ in lines]
    blocks: list[list[Row]] = []
    taken: set[int] = set()  # rows a headline block already holds

    def new() -> None:
        if not blocks or blocks[-1]:
            blocks.append([])

    new()
    for j, (no, t, display) in enumerate(lines):
        prev = lines[j - 1] if j else None
        nxt = lines[j + 1] if j + 1 < len(lines) else None
        if display:
            if prev is None or not prev[2] or _unit_start(lines, j):
                new()
            blocks[-1].append((no, t, True))
            if nxt is None or not nxt[2]:
                new()
            continue
        if furniture.folio(t):
            new()
            blocks[-1].append((no, t, False))  # a folio or editor line: a block of its own
            new()
            continue
        if _CREDIT.match(t) or (fields.DATE_LINE.match(t) and prev is not None and not _closed(prev[1])):
            if fields.DATE_LINE.match(t) and blocks[-1] and blocks[-1][-1][1].startswith(_HEAVY):
                pass  # the date under a signature's issuer line
            elif fields.DATE_LINE.match(t) and blocks[-1]:
                blocks[-1][-1] = (blocks[-1][-1][0], _HEAVY + blocks[-1][-1][1], False)  # the issuer above it
            blocks[-1].append((no, _HEAVY + t, False))
            if _CREDIT.match(t):
                _caption_apart(blocks)
                new()
            continue
        if english.CREDIT.match(t):
            blocks[-1].append((no, t, False))  # Photo: NAME closes the caption above it
            _caption_apart(blocks)
            new()
            continue
        if j in taken:
            continue
        fresh = not blocks[-1]
        after_break = prev is None or prev[2] or _closed(prev[1]) or fresh
        head = _headline_lines(lines, j) if after_break else 0
        if head:
            new()
            blocks[-1] += [(n, x, False) for n, x, _ in lines[j : j + head]]  # a headline between two articles
            taken.update(range(j + 1, j + head))
            new()
            continue
        opening = _opening(t, nxt[1] if nxt else "")
        if opening or _NOTICE_OPENING.search(t):
            new()
        starts = prev is None or prev[2] or not blocks[-1] or opening or _byline_line(prev[1]) or (
            _closed(prev[1]) and not _CLOSING_START.match(t)
            and (_short(widths, j - 1, t) or _indented_first(widths, j, t)))
        blocks[-1].append((no, (_INDENT + t) if starts else t, False))
    return [b for b in blocks if b]


def _headline_lines(lines: list[Row], j: int) -> int:
    """How many rows from j (one to three) read as a headline: none ends a sentence or opens
    an article, and what follows opens one (a dateline, a byline, a deck, display type)."""
    for m in (1, 2, 3):
        rows = lines[j : j + m]
        if len(rows) < m or any(d or _closed(t) or _opening(t) or furniture.folio(t) for _, t, d in rows):
            return 0
        if m > 1 and _DASH_START.match(rows[-1][1]):
            return 0
        nxt = lines[j + m] if j + m < len(lines) else None
        if nxt is None or nxt[2] or _opening(nxt[1], lines[j + m + 1][1] if j + m + 1 < len(lines) else "") \
                or _DASH_START.match(nxt[1]) or (m == 1 and _DASH_START.match(rows[0][1])):
            return m
    return 0


def _caption_apart(blocks: list[list[Row]]) -> None:
    """A credit closes a caption: set the caption's paragraph (the last one started in the
    block, or the block's last line) apart from the text above it."""
    block = blocks[-1]
    at = max((k for k, (_, t, _) in enumerate(block[:-1]) if t.startswith(_INDENT)), default=0)
    if at:
        blocks[-1:] = [block[:at], block[at:]]


def _kind(block: list[Row]) -> str:
    """head (display or a headline-like line), deck (a `——` line), furniture, or body."""
    first = block[0][1].strip()
    if all(d for _, _, d in block) or (len(block) == 1 and not _closed(first)
                                       and not block[0][1].startswith((_INDENT, _HEAVY))):
        if furniture.folio(first):
            return "furniture"
        return "deck" if _DASH_START.match(first) else "head"
    return "body"


def _relocated(blocks: list[list[Row]]) -> list[list[Row]]:
    """Put headlines printed after the last body back before the bodies that lack one."""
    kinds = [_kind(b) for b in blocks]
    tail = len(blocks)
    while tail and kinds[tail - 1] in ("head", "furniture") and (kinds[tail - 1] == "furniture"
                                                                or all(d for _, _, d in blocks[tail - 1])):
        tail -= 1
    gathered = [k for k in range(tail, len(blocks)) if kinds[k] == "head"]
    if len(gathered) < 2:
        return blocks
    slots = []  # block index before which a missing headline goes
    for k in range(tail):
        if kinds[k] != "body" or not _starts_article(blocks, k):
            continue
        group = []
        g = k - 1
        while g >= 0 and kinds[g] in ("head", "deck"):
            group.insert(0, g)
            g -= 1
        heads = [i for i in group if kinds[i] == "head"]
        if not heads:
            slots.append(group[0] if group else k)
        elif len(heads) == 1 and len(group) == 2 and kinds[group[1]] == "deck":
            slots.append(group[1])  # a kicker and a deck in place: the headline goes between
    if len(slots) != len(gathered):
        return blocks
    moved = dict(zip(slots, gathered))
    out = []
    for k in range(tail):
        if k in moved:
            out.append(blocks[moved[k]])
        out.append(blocks[k])
    return out + [blocks[k] for k in range(tail, len(blocks)) if k not in gathered]


def _starts_article(blocks: list[list[Row]], k: int) -> bool:
    """A body block that opens an article: a dateline or byline, a caption over its credit,
    a notice's opening paragraph."""
    first = blocks[k][0][1].strip()
    last = blocks[k][-1][1]
    wrap = blocks[k][1][1].strip() if len(blocks[k]) > 1 else ""
    credit = (_CREDIT.match(last.strip()) and last.startswith(_HEAVY)) or english.CREDIT.match(last)
    return bool(_opening(first, wrap) or _NOTICE_OPENING.search(first) or credit)


def _unit_start(lines: list[tuple[int, str, bool]], j: int) -> bool:
    """Where one doubled unit ends and the next begins within a run of display lines: each
    doubled unit is its own block (headlines gathered at the end of a page)."""
    return j > 0 and lines[j][2] and lines[j - 1][2] and lines[j][0] - lines[j - 1][0] > 1


def _measure(widths: list[float], p: int) -> float:
    """The column's measure at line p: the widest line nearby but one (a caption or a
    notice line set across the columns is not the measure)."""
    near = sorted(widths[max(0, p - WINDOW) : p + WINDOW + 1])
    return near[-2] if len(near) > 2 else near[-1]


def _indented_first(widths: list[float], j: int, text: str) -> bool:
    """A CJK line two cells short of the measure that goes on: a paragraph's first line,
    whose two-em indent the extractor dropped (in justified CJK type only a paragraph's
    first and last lines fall short)."""
    if _closed(text) or regex.search(r"\p{Latin}", text):
        return False
    return _measure(widths, j) - 2.5 <= widths[j] <= _measure(widths, j) - 1.5


def _short(widths: list[float], p: int, following: str) -> bool:
    """Line p stops short of its column: the next line's first word would have fitted."""
    measure = _measure(widths, p)
    word = _WORD.match(following)
    first = _cells(word.group()) + 0.5 if word and regex.match(r"\p{Latin}", following) else 1.0
    return widths[p] + first <= measure - 0.5
