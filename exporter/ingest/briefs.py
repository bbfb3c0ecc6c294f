"""Brief lists in extracted text: several short items, each opened by its own run-in head.

A page of briefs (简讯, 快訊) prints each item's title at the start of its first line,
marked by a bullet (`■县图书馆开展读书月活动 岚溪镇今年…`, `◆卡洛斯有望续约　东港海鸥…`) or
in lenticular brackets (`【黑沙環街市下周一恢復營業】議員…`), the text running on after a
gap or the bracket. The layout reads a bulleted line as an author box (`■本报记者 X`) and
a bracketed title as the opening of a paragraph, so every item after the first lost its
headline and the list's label took the first item's. Here a run-in head is cut off as a
head of its own, but only where the page shows a list: two or more such items, each title
free of sentence punctuation and of role words (a byline names a reporter, a dateline ends
in 讯/電), each running straight on into its text. The list's one-line label over the first
item (县内简讯, 財經快訊, 澳聞快訊) is the column's, not the first item's kicker: it is set
aside as page furniture.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

import regex

from . import fields
from .layout import BoxByline, Head, Line, Para, Piece, SetAside, cells, closed
from .weights import SHIPPED, Weights

_BULLET = regex.compile(r"^[■▲△●○◆◇][ \u3000]*")  # not □ or ◎: they mark an author (□本报评论员, ◎阿禾)
_PARA_BULLET = regex.compile(r"^[■▲△●○◆◇▶►][ \u3000]*")
_PLACE = regex.compile(r"^[【〔\[]\p{Han}{2,4}[】〕\]]\S")  # a place as dateline: 【竹東】
_GAP = regex.compile(r"[ \u3000]+(?=\S)")
_SENTENCE = regex.compile(r"[，。；：！？,;:!?（）()]")  # a bracket: a name with its affiliation
_HAN = regex.compile(r"\p{Han}")
_BRACKETED = regex.compile(r"^【(?P<title>[^【】]+)】")
_WIRE = regex.compile(r"[讯訊电電]$|[报報][导導道]$")
_LABEL_CELLS = 12  # the longest list label (letter-spaced 財 經 快 訊 included)


@dataclass
class _Item:
    at: int  # index of the piece holding the run-in head
    head: Head
    rest: list[Line]  # the item's text on the head's own line(s), run on after the head
    dropped: str  # marks removed as layout (the brackets)


def _title_ok(title: str, rest: str = "") -> bool:
    """A brief's title: four Han glyphs or more, no sentence punctuation, no role word, not a
    dateline, and not a name (a name of four glyphs reads as a title only with text run on
    after it that is not more names)."""
    title = title.strip()
    names = fields.is_name(title) and (not rest or all(fields.is_name(t) for t in rest.split()))
    return (len(_HAN.findall(title)) >= 4 and cells(title) <= 32 and not _SENTENCE.search(title)
            and not fields.ROLES.search(title + rest) and not names and not _WIRE.search(title)
            and fields.own_line_byline(title) is None and not fields.DATELINE.match(f"【{title}】"))


def _bulleted(pieces: list[Piece], k: int) -> _Item | None:
    """A bulleted line the layout took as an author box: its title and the text run on after it."""
    piece = pieces[k]
    if not isinstance(piece, BoxByline) or piece.line.credit is not None:
        return None
    line = piece.line
    mark = _BULLET.match(line.text)
    if mark is None:
        return None
    body = line.text[mark.end() :]
    gap = _GAP.search(body)
    title, rest = (body[: gap.start()], body[gap.end() :]) if gap else (body, "")
    nxt = pieces[k + 1] if k + 1 < len(pieces) else None
    runs_on = isinstance(nxt, Para) and not nxt.gap_before and nxt.credit is None
    if not _title_ok(title, rest) or not runs_on or (not rest and closed(title)):
        return None
    head = Head([replace(line, text=line.text[: mark.end()] + title.rstrip())])
    return _Item(k, head, [Line(line.no, 0, rest)] if rest else [], "")


def _opening(pieces: list[Piece], k: int) -> _Item | None:
    """A paragraph opening with a bulleted title: the whole first line (▶小区车库电动车充电起火,
    its text on the next line) or up to a gap (■金價回落　現貨金價…)."""
    piece = pieces[k]
    if not isinstance(piece, Para) or piece.credit is not None or len(piece.lines) < 2:
        return None
    first = piece.lines[0]
    mark = _PARA_BULLET.match(first.text.strip())
    if mark is None:
        return None
    body = first.text.strip()[mark.end() :]
    gap = _GAP.search(body)
    title, rest = (body[: gap.start()], body[gap.end() :]) if gap else (body, "")
    if not _title_ok(title, rest or "-") or (not rest and closed(title)):
        return None
    head = Head([replace(first, text=first.text.strip()[: mark.end()] + title.rstrip())])
    return _Item(k, head, ([Line(first.no, 0, rest)] if rest else []) + piece.lines[1:], "")


def _over_dateline(pieces: list[Piece], k: int) -> _Item | None:
    """A paragraph whose first line is a title and whose second opens a story with a dateline
    (竹東圖書館夜間延長開放 / 【竹東】竹東鎮立圖書館…): the head set with no gap over its text."""
    piece = pieces[k]
    if not isinstance(piece, Para) or piece.credit is not None or len(piece.lines) < 2:
        return None
    if not _dated_title(piece.lines[0], piece.lines[1]):
        return None
    return _Item(k, Head([replace(piece.lines[0], text=piece.lines[0].text.strip())]), piece.lines[1:], "")


def _at_titles(piece: Piece) -> list[Piece]:
    """A paragraph holding several items, each a title line over a dateline line after a
    finished sentence, cut before each title (the items are read by `_over_dateline`)."""
    if not isinstance(piece, Para) or piece.credit is not None or len(piece.lines) < 4:
        return [piece]
    lines = piece.lines
    cuts = [j for j in range(1, len(lines) - 1) if closed(lines[j - 1].text) and _dated_title(lines[j], lines[j + 1])]
    if not cuts:
        return [piece]
    return [Para(lines[a:b], gap_before=piece.gap_before if not a else True) for a, b in zip([0, *cuts], [*cuts, len(lines)])]


def _dated_title(line: Line, below: Line) -> bool:
    """A title line (not a finished sentence) over a line opening with a dateline."""
    first, second = line.text.strip(), below.text.strip()
    return bool(fields.DATELINE.match(second) or _PLACE.match(second)) and not closed(first) and _title_ok(first, "-")


def _bracketed(pieces: list[Piece], k: int) -> _Item | None:
    """A paragraph opening with a title in lenticular brackets (over its first two lines)."""
    piece = pieces[k]
    if not isinstance(piece, Para) or piece.credit is not None or len(piece.lines) < 2:
        return None
    lines = piece.lines
    for n in (1, 2):  # the title's lines
        joined = "".join(line.text.strip() for line in lines[:n])
        m = _BRACKETED.match(joined)
        if m is None:
            continue
        if not _title_ok(m["title"], "-"):
            return None
        close = lines[n - 1].text.index("】")
        first = lines[0].text.strip()
        head_lines = [replace(lines[0], text=first[1:] if n == 2 else first[1:first.index("】")])]
        if n == 2:
            head_lines.append(replace(lines[1], indent=0, text=lines[1].text[:close].strip()))
        rest = lines[n - 1].text[close + 1 :].strip()
        text = ([Line(lines[n - 1].no, 0, rest)] if rest else []) + lines[n:]
        if not text:
            return None
        return _Item(k, Head(head_lines), text, "【】")
    return None


def _label(pieces: list[Piece], k: int) -> list[Line] | None:
    """The one short line printed over a list's first item: the list's label."""
    if k < 0:
        return None
    piece = pieces[k]
    if not isinstance(piece, Head | Para) or len(piece.lines) != 1 or getattr(piece, "credit", None):
        return None
    text = piece.lines[0].text.strip()
    if cells(text) > _LABEL_CELLS or _SENTENCE.search(text) or closed(text) or fields.ROLES.search(text):
        return None
    return piece.lines


def brief_list(pieces: list[Piece], furniture: list[SetAside], dropped: Counter[str],
               w: Weights = SHIPPED) -> list[Piece]:
    """The page's pieces with every item of a brief list (`w.brief_items` items or more) cut
    into its run-in head and its text, and the list's label set aside (into `furniture`)."""
    original = pieces
    pieces = [p for piece in pieces for p in _at_titles(piece)]
    items = [item for k in range(len(pieces)) if (item := _bulleted(pieces, k) or _opening(pieces, k) or _over_dateline(pieces, k)
                                                       or _bracketed(pieces, k))]
    if len(items) < w.brief_items:
        return original
    by_at = {item.at: item for item in items}
    starts = {item.at for item in items if item.at - 1 not in by_at and item.at - 2 not in by_at}
    out: list[Piece] = []
    skip: set[int] = set()
    for k, piece in enumerate(pieces):
        if k in skip:
            continue
        item = by_at.get(k)
        if item is None:
            out.append(piece)
            continue
        if k in starts and out and out[-1] is pieces[k - 1] and (label := _label(pieces, k - 1)) is not None:
            out.pop()
            furniture += [SetAside(line.no, line.text, "the label over a list of briefs") for line in label]
        dropped.update(item.dropped)
        out.append(item.head)
        if isinstance(piece, Para):
            out.append(Para(item.rest, gap_before=True))
        elif item.rest:  # the text run on after a bulleted head goes on in the next paragraph
            nxt = pieces[k + 1]
            out.append(Para(item.rest + nxt.lines, gap_before=True))
            skip.add(k + 1)
        else:
            out.append(replace(pieces[k + 1], gap_before=True))
            skip.add(k + 1)
    return out
