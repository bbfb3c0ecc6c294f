"""Read a page's lines into layout pieces: paragraphs, headline-like blocks, captions,
box bylines and signature blocks.

Extracted text keeps only two layout signals: indentation and blank lines. An indented
line starts a paragraph; a blank line followed by an unindented line is a column break
inside a paragraph unless the block reads like a headline; fake-bold lines are display
type (headlines, subheads, captions).
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Callable, Collection
from dataclasses import dataclass, field, replace

import regex

from . import english, fields, furniture, paragraphs, stacks, tables
from .repair import PAD, indent_cells, join_wrapped, spaced_line, undouble, unspace
from .weights import SHIPPED, Weights

_FIGURE_END = regex.compile(r"(?<=\d)\.$")  # a full stop after a figure: no headline ends so
# a stop after two figures ends a sentence too (… on 01542 830 114.); after one it may number an item
_CLOSED_END = regex.compile(r"(?:[。！？!?…]|(?<=\p{L}|\)|\d{2})\.)[”’」』）)\"']*$")
_OPEN_END = regex.compile(r"[，、；：,;:]$")
_CLOSING_START = regex.compile(r"^[，。、；：！？）》」』”’,.;:!?)]")
_LATIN = regex.compile(r"\p{Latin}")
_HEADLINE_START = regex.compile(r"^[\p{Lu}\p{N}“‘\"'(]")


@dataclass
class Line:
    """One non-blank input line after line-level repair."""

    no: int
    indent: float
    text: str
    bold: bool = False
    credit: str | None = None
    leadin: bool = False  # a bold lead-in cut off the front of its line (a brief's headline)
    caption: bool = False  # a PDF says: small type next to a picture
    box: int | None = None  # a PDF says: inside this ruled box
    size: float = 0.0  # a PDF says: type size against the page's body size (0: not known)
    top: float | None = None  # a PDF says: where the line's top stands, in body ems from the page's top
    opens: bool = False  # a PDF says: the line above stopped short with room for this one's first word
    part: int = 0  # which part of input line `no` it is: a column break inside a line cuts it (see column_ends)
    spaced: bool = False  # a text page's display type read from its letter-spacing (冬 至 快 到 了), not doubled glyphs

    @property
    def key(self) -> tuple[int, int]:
        """What tells the line from the other parts of its input line: what is learned about a
        line (a table row, verse, a head stack's part) is keyed by it, never by `no` alone, which
        names the input line in messages."""
        return self.no, self.part


@dataclass
class _Lines:
    """A piece made of whole input lines."""

    lines: list[Line]

    @property
    def no(self) -> int:
        return self.lines[0].no

    @property
    def raw(self) -> str:
        return "".join(line.text for line in self.lines)


@dataclass
class Para(_Lines):
    """A body paragraph: wrapped lines, and whether a blank line came before it."""

    gap_before: bool = False
    credit: str | None = None


@dataclass
class Head(_Lines):
    """A headline-like block (one to three short lines between blank lines)."""

    @property
    def bold(self) -> bool:
        return all(line.bold for line in self.lines)

    @property
    def indent(self) -> float:
        return self.lines[0].indent

    @property
    def size(self) -> float:
        """Its type size against the body's, when a PDF told it (else 0)."""
        return max(line.size for line in self.lines)


@dataclass
class Caption(_Lines):
    """A standalone fake-bold caption ending in sentence punctuation."""


@dataclass
class BoxByline:
    """A byline on its own line: □青川日报社全媒体记者 姓名."""

    line: Line
    text: str

    @property
    def no(self) -> int:
        return self.line.no


@dataclass
class Byline(_Lines):
    """An English byline on its own line(s) (By Eleanor Pike, Staff Reporter): it opens
    an article, where a box byline sits inside a feature after its intro."""

    text: str = ""
    names: list[str] = field(default_factory=list)
    signs: bool = False  # a writer's note under the story's text (… is a vet in Kiamboni): it closes the story


@dataclass
class Signature(_Lines):
    """A notice's right-aligned signature block: issuer lines, then a date."""

    issuer: str | None = None
    date: str = ""


Piece = Para | Head | Caption | BoxByline | Byline | Signature


@dataclass(frozen=True)
class SetAside:
    """A line set aside as page furniture (folio, editor line, ad, column logo)."""

    no: int
    text: str
    reason: str


@dataclass
class PageLayout:
    """A page read into pieces, with the characters line repair removed and the
    furniture it set aside."""

    name: str
    pieces: list[Piece] = field(default_factory=list)
    dropped: Counter[str] = field(default_factory=Counter)
    furniture: list[SetAside] = field(default_factory=list)


def cells(text: str) -> float:
    """Layout width: ASCII is half as wide as a CJK glyph."""
    return sum(0.5 if ord(c) < 128 else 1.0 for c in text)


def closed(text: str) -> bool:
    """True when text ends a sentence (so a following block need not continue it)."""
    return bool(_CLOSED_END.search(text) or fields.JUMP_TO.search(text)
                or (text.endswith(("）", ")")) and fields.trailing_byline(text) is not None))


def visible(text: str) -> Counter[str]:
    """The non-space characters of a text (what conservation counts)."""
    return Counter(c for c in text if not c.isspace())


_LEADIN = regex.compile(r"^(?P<mark>[■▲●◆★▶►◎◇△○☆]?)(?P<lead>(?:(?P<c>\S)(?P=c)){4,})[ \u3000]+(?P<rest>\S.*)$")


@dataclass(frozen=True)
class Hints:
    """What a PDF's geometry says about its lines, by line number: display type (size or
    weight), caption type (small type next to a picture), the ruled box each sits in, its
    type size, where its top stands, and the lines that open a paragraph because the line
    above stopped short (pdflines)."""

    display: Collection[int] = ()
    captions: Collection[int] = ()
    boxes: dict[int, int] = field(default_factory=dict)
    sizes: dict[int, float] = field(default_factory=dict)  # type size against the body's
    tops: dict[int, float] = field(default_factory=dict)  # a line's top in body ems from the page's top
    opens: Collection[int] = ()


def read_lines(text: str, dropped: Counter[str], w: Weights, hints: Hints = Hints()) -> list[Line | None]:
    """Repair each line on its own; None stands for a blank line (a form feed is one).
    `hints` carries what a PDF's geometry knows about the lines."""
    out: list[Line | None] = []
    lines = text.split("\n")
    base = min((indent_cells(t) for t in text.replace("\f", "\n").split("\n") if t.strip()), default=0.0)
    fake_bold = any(undouble(t.strip(PAD)) is not None for t in text.replace("\f", "\n").split("\n"))
    for no, part, raw in column_ends(lines):
        if "\f" in raw:
            out.append(None)
            raw = raw.replace("\f", "")
        raw = raw.rstrip()
        body = raw.lstrip(PAD)
        if not body:
            out.append(None)
            continue
        line = Line(no, indent_cells(raw) - base, body, part=part)  # a margin every line shares is no indent
        single = undouble(body, furniture.column_logo)
        below = lines[no].strip() if no < len(lines) else ""
        under_bold = bool(out and out[-1] is not None and out[-1].bold and not out[-1].leadin)
        if single is None and (under_bold or fields.BOX_BYLINE.match(below)):
            single = undouble(body, lambda short: _short_fake_bold(short, fake_bold))
        wrapped = _wrapped_title(body, out[-1]) if single is None and under_bold else None
        if wrapped is not None:  # a brief's bulleted title wrapped: its last glyphs open this line, then its text
            mark, lead, rest = wrapped
            dropped.update(visible(mark) + (visible(body) - visible(lead + rest)))
            above = out.pop()
            out.append(replace(above, text=above.text[len(mark):] + lead, leadin=True))
            line = Line(no, line.indent + 2, rest, part=part)
            body = rest
        leadin = _LEADIN.match(body) if single is None and wrapped is None else None
        labelled = _labelled(body) if single is None and leadin is None else None
        jumped = _jumped(body) if single is None and leadin is None and labelled is None else None
        if labelled is not None:  # a label in plain type, a gap, its headline in fake bold
            label, rest, single = labelled
            out.append(Line(no, line.indent, label, part=part))
            line = Line(no, line.indent, rest, part=part)
            body = rest
        elif jumped is not None:  # a jumped story's headline in fake bold and its jump line: head first
            mark, doubled, head = jumped
            dropped.update(visible(doubled) - visible(head))
            out.append(Line(no, line.indent, head, bold=True, part=part))
            line = Line(no, line.indent, mark, part=part)
            body = mark
        if leadin and undouble(leadin["lead"]) and undouble(leadin["rest"]) is None:
            lead = undouble(leadin["lead"])
            # the bullet and the second copies (a leading —— read once stays, as undouble keeps it)
            dropped.update(visible(leadin["mark"]) + (visible(leadin["lead"]) - visible(lead)))
            out.append(Line(no, line.indent, lead, bold=True, leadin=True, part=part))
            line = Line(no, line.indent + 2, leadin["rest"], part=part)
            body = line.text
        if single is not None:
            dropped.update(visible(body) - visible(single))  # the second copies (dashes read once stay)
            line.text, line.bold = single, True
        else:
            spaced = spaced_line(body)
            line.text, line.bold = (spaced, True) if spaced is not None else (unspace(body), False)
            line.spaced = spaced is not None
            split = fields.split_credit(line.text)
            if split is None and line.indent >= w.heavy_indent and body == raw.lstrip(PAD):  # the line not cut above
                split = fields.split_credit(raw)  # a credit alone on its line: the indent is the gap
            if split is not None:
                dropped.update(visible(line.text) - visible("".join(split)))  # 摄 and its brackets
                line.text, line.credit = split
        line.bold = line.bold or no in hints.display
        line.caption, line.box, line.size = no in hints.captions, hints.boxes.get(no), hints.sizes.get(no, 0.0)
        line.top, line.opens = hints.tops.get(no), no in hints.opens
        bullet = _BULLET.match(line.text) if no in hints.display and line.size else None
        if bullet and _titled(line.text[bullet.end() :]):
            dropped.update(visible(bullet.group()))  # a PDF's display line: the title's bullet is layout
            line.text = line.text[bullet.end() :]
        out.append(line)
    return out


def column_ends(lines: list[str]) -> list[tuple[int, int, str]]:
    """The page's lines, numbered from 1, with a line that holds a column break between texts
    of its own cut there (`…公開露面。\f　　業內人士指出…`): the text before the break ends
    its column, and the text after it opens the next, with its own indent. Every part keeps
    the line's number (for messages) and is told from the others by its part, counted from 0;
    a line with two breaks inside (a column of one line's text between them) is cut at both."""
    out: list[tuple[int, int, str]] = []
    for no, raw in enumerate(lines, start=1):
        pieces = raw.split("\f")
        texts = [bool(piece.strip()) for piece in pieces]
        later = texts[:]  # text in this piece or a later one
        for j in range(len(pieces) - 2, -1, -1):
            later[j] = later[j] or later[j + 1]
        part, start, text = 0, 0, texts[0]  # the part under way: its number, first piece, whether it holds text
        for j in range(1, len(pieces)):
            if text and later[j]:
                out.append((no, part, "\f" * bool(start) + "\f".join(pieces[start:j])))
                part, start, text = part + 1, j, False
            text = text or texts[j]
        out.append((no, part, "\f" * bool(start) + "\f".join(pieces[start:])))
    return out


# a gap two cells wide at least: two spaces, or one ideographic space (醫生信箱　長長期期…)
_PLAIN_THEN_BOLD = regex.compile(r"^(?P<label>\S.*?\S)(?:[ \u3000]{2,}|\u3000)(?P<rest>\S.+)$")
LABEL_CELLS = 12  # cells: a column label printed on its headline's line is this short or shorter


def _labelled(text: str) -> tuple[str, str, str] | None:
    """A column label in plain type, a gap, then its headline in fake bold on one line
    (城市足球联赛  东东湖湖楚楚风风…, 收視報告  《《海海港港人人家家》》…, 亲子游  博博物物馆馆…):
    the label, the doubled headline and that headline collapsed. The label is short and no
    sentence; on its own it is not doubled (a doubled lead-in over plain text is a brief's)."""
    m = _PLAIN_THEN_BOLD.match(text)
    if m is None or cells(m["label"]) > LABEL_CELLS or _OPEN_END.search(m["label"]) or closed(m["label"]) \
            or undouble(m["label"]) is not None:
        return None
    single = undouble(m["rest"])
    return (m["label"], m["rest"], single) if single is not None else None


def _jumped(text: str) -> tuple[str, str, str] | None:
    """A jump line run into the continued story's headline in fake bold, before or after it
    with no gap ((接B1)加加帛帛…, 百百年年米米糕糕（接B5）): the jump line, the doubled
    headline and that headline collapsed."""
    m = fields.JUMP_FROM.match(text)
    if m is not None:
        mark, rest = m.group(), text[m.end():]
    else:
        at = max(text.rfind("（"), text.rfind("("))
        m = fields.JUMP_FROM.match(text[at:]) if at > 0 else None
        if m is None or at + m.end() != len(text):
            return None
        mark, rest = text[at:], text[:at]
    single = undouble(rest.strip(PAD))
    return (mark.strip(PAD), rest.strip(PAD), single) if single is not None else None


_MARKS = regex.compile(r"^[—―─●◎■□◆◇▲△○★☆▶►\s]+")  # printed once in front of doubled text (see undouble)


_TITLE_TAIL = regex.compile(r"^(?P<lead>(?:(?P<c>\S)(?P=c)){2,})[ \u3000]+(?P<rest>\S.*)$")


def _wrapped_title(body: str, above: Line) -> tuple[str, str, str] | None:
    """A brief's bulleted fake-bold title that wraps (`■马马坪坪乡乡开开展展冬冬季季` /
    `义义诊诊 县人民医院12名…`): the line under it opens with the title's last glyphs, doubled,
    and a gap before the brief's text (a run-in lead too short for _LEADIN). Returns the
    bullet over it, the glyphs read once and the text; None when the line above is no such
    title (no bullet, or it ends a sentence or clause) or the text is doubled too."""
    mark, tail = _BULLET.match(above.text), _TITLE_TAIL.match(body)
    if mark is None or tail is None or above.spaced or closed(above.text) or _OPEN_END.search(above.text):
        return None
    lead = undouble(tail["lead"], lambda _: True)
    if lead is None or undouble(tail["rest"]) is not None:
        return None
    return mark.group(), lead, tail["rest"]


def _short_fake_bold(single: str, fake_bold: bool) -> bool:
    """Whether a doubled line too short to undouble on its own, over an author box or under
    bold type, is fake bold: the last glyphs of a bold run (次次？？ → 次？), a short title
    (春春分分 → 春分). Words double too (妈妈, 谢谢, 星星点点), so it takes two glyphs at least
    and more evidence: a doubled mark, or fake bold elsewhere on the page (`fake_bold`)."""
    glyphs = regex.sub(r"\s", "", _MARKS.sub("", single))
    return len(glyphs) >= 2 and (fake_bold or any(not ch.isalnum() for ch in glyphs))


def _titled(text: str) -> bool:
    """Text after a bullet that reads as a title, not a byline in a box (■ 本报记者 …, □苏晓岚)."""
    return len(text) > BOX_NAME and not fields.ROLES.search(text) and fields.own_line_byline(text) is None


BOX_NAME = 4  # characters: a name in an author box is this short or shorter


def blocks_of(lines: list[Line | None]) -> list[list[Line]]:
    """Runs of non-blank lines; a brief's bold lead-in is a block of its own."""
    blocks: list[list[Line]] = [[]]
    for line in lines:
        if line is None:
            if blocks[-1]:
                blocks.append([])
        elif line.leadin:
            blocks += [[line], []]
        else:
            blocks[-1].append(line)
    return [b for b in blocks if b]


def headline_like(block: list[Line], w: Weights) -> bool:
    """One to three short lines, unindented or all centred, that do not read as running text.

    Latin script adds letter case: a headline or deck starts with a capital (a column
    break's continuation rarely does). A deck (Latin, or opening with `——`) may wrap
    after a comma.
    """
    text = "".join(line.text for line in block)
    latin = bool(_LATIN.search(text[:2]))
    if latin and not _HEADLINE_START.match(text):
        return False
    centred = all(line.indent >= w.heavy_indent for line in block) and len(block) <= 2
    if len(block) > 3 or (block[0].indent >= w.indent and not centred) or cells(text) > w.head_total:
        return False
    if any(cells(line.text) > w.head_line for line in block) or _CLOSING_START.match(text):
        return False
    if fields.DATELINE.match(text) or fields.JUMP_FROM.match(text) or fields.JUMP_TO.search(text):
        return False
    if any(line.credit for line in block):
        return False
    if all(0 < line.size < 1 and not line.bold for line in block) and paragraphs.bracketed(text) and _CLAUSE.search(text[1:-1]):
        return False  # a PDF's note of clauses in type smaller than the body, wholly in brackets (a table's terms)
    if _OPEN_END.search(text) or (_CLOSED_END.search(text) and not text.endswith(("？", "！", "?", "!"))):
        return False
    if latin and len(block) > 1 and block[0].size > 0 and _FIGURE_END.search(text):
        return False  # a PDF's sentence wrapped over lines that ends on a figure (… reopen on December 28.)
    deck = latin or bool(_DASH_LINE_START.match(text))  # a deck (subheadline) may wrap after a comma
    inner = [line.text.removesuffix("," if latin else "，") if deck else line.text for line in block[:-1]]
    return not any(_CLOSED_END.search(t) or _OPEN_END.search(t) for t in inner)


def _byline(block: list[Line], at: int) -> tuple[int, str, list[str]] | None:
    """An English byline (see _byline_lines) with the writer's e-mail address under it."""
    found = _byline_lines(block, at)
    end = at + found[0] if found else 0
    if found and end < len(block) and english.contact(block[end].text):
        return found[0] + 1, f"{found[1]} {block[end].text.strip()}", found[2]
    return found


def _byline_lines(block: list[Line], at: int) -> tuple[int, str, list[str]] | None:
    """An English byline starting at line `at` (it may wrap once): lines taken, text, names.
    A role line under it (By Tom Haverford / Sentinel Correspondent) names nobody, and a
    name alone over a role line (Daniel Seah / For The Island Herald) is a byline without By."""
    pair = block[at : at + 2]
    if len(pair) == 2 and pair[1].indent < 1 and pair[1].credit is None and english.role_line(pair[1].text):
        first = english.byline(pair[0].text)
        if first is not None:
            return 2, f"{first[0]} {pair[1].text}", _cased(first[1], pair[0])
        if english.is_name(pair[0].text):
            return 2, f"{pair[0].text} {pair[1].text}", [english.name_case(pair[0].text)]
    for n in (2, 1):
        lines = block[at : at + n]
        if len(lines) == n and all(line.indent < 1 and line.credit is None for line in lines[1:]):
            found = english.byline(join_wrapped([line.text for line in lines], Counter())[0])
            if found is not None:
                return n, found[0], _cased(found[1], lines[0])
    return None


def _cased(names: list[str], line: Line | None = None) -> list[str]:
    """Names as written, not as set: a name a page PDF prints in capitals (By RUTH ELLERY, a
    style such as text-transform) is Ruth Ellery. Extracted text keeps its capitals: the
    text corpora write such names in capitals, the PDF corpora of three engines do not."""
    if line is not None and not line.size:
        return names
    return [name.title() if name.isupper() else name for name in names]


# An issuer's line is this wide at most, in cells (a CJK glyph's width: a Latin letter is half of
# one, so North Vale Department of Public Works fits as 中共汀州市委 汀州市人民政府 does; byline16);
# one typed flush left is shorter.
ISSUER_CELLS = 30
SIGNATURE_LINES = 3  # a notice's signature sets at most this many issuer lines over its date
FLUSH_ISSUER_CELLS = 20


def _signature(block: list[Line], dropped: Counter[str], w: Weights) -> Signature | None:
    """A date line (and up to three issuer lines) pushed far right at the end of a block, or
    a date over one signer's line.

    Right alignment gives a date shorter than its issuer a deep indent, a longer one less;
    so the date needs a deep indent only when no issuer line stands above it.
    """
    last = block[-1]
    one = _ISSUER_DATE.match(last.text) if last.indent >= w.heavy_indent else None
    if one is not None and fields.DATE_LINE.match(one["date"]):
        return Signature([last], one["issuer"], one["date"])  # issuer and date on one line, set right
    if not fields.DATE_LINE.match(last.text):
        above = block[-2] if len(block) >= 2 else None
        if (above is not None and fields.DATE_LINE.match(above.text) and min(above.indent, last.indent) >= w.heavy_indent
                and len(last.text) <= 20 and not closed(last.text) and last.credit is None):
            return Signature([above, last], last.text, above.text)  # the date over the signer (局長 蔡明哲)
        return None
    if last.indent < w.indent:
        return _flush_signature(block, dropped)
    issuer: list[Line] = []
    for line in reversed(block[:-1][-SIGNATURE_LINES:]):
        if not _issuer_line(line, last, w):
            break
        issuer.insert(0, line)
    if last.indent < w.heavy_indent and not issuer:
        return None  # a short date under a right-aligned issuer may be barely indented
    text = join_wrapped([line.text for line in issuer], dropped)[0] or None
    return Signature(issuer + [last], text, last.text)


def _issuer_line(line: Line, date: Line, w: Weights) -> bool:
    """A line of a notice's issuer over its date line: set right (a deep indent, or ending
    where the date ends), short, no sentence's end, no photo credit."""
    return ((line.indent >= w.heavy_indent or _flush_with(line, date)) and cells(line.text) <= ISSUER_CELLS
            and not closed(line.text) and not line.credit)


def _flush_with(line: Line, date: Line) -> bool:
    """An issuer line set right with its date though it starts near the margin: a name as
    wide as the column (  中共汀州市委  汀州市人民政府 over         2026年12月5日) ends where
    the date ends and holds no sentence's punctuation."""
    def right(ln: Line) -> float:  # indents count half-width spaces, cells count CJK glyphs
        return ln.indent + 2 * cells(ln.text)
    return abs(right(line) - right(date)) <= 1 and not _CLAUSE.search(line.text)


_CLAUSE = regex.compile(r"[，、；：。！？,;:!?]")
_ISSUER_DATE = regex.compile(r"^(?P<issuer>[^\s，。；：,;:]\S{1,29}?)[ \u3000]{2,}(?P<date>\S.{5,20})$")


def _signed_off(block: list[Line], w: Weights) -> list[list[Line]]:
    """Cut a block after a notice's signature set right (a date line, or an issuer and a
    date on one line) when the next notice runs on under it at the margin with no blank
    line (a signer set right under the date stays: 中華民國114年6月17日 / 局長 蔡明哲)."""
    return _cut_all(block, lambda b: _signed_once(b, w))


def _signed_once(block: list[Line], w: Weights) -> _Cuts:
    for j, line in enumerate(block[:-1]):
        one = _ISSUER_DATE.match(line.text)
        if line.indent >= w.heavy_indent > block[j + 1].indent and (fields.DATE_LINE.match(line.text)
                                              or one is not None and fields.DATE_LINE.match(one["date"])):
            return [block[: j + 1]], block[j + 1 :]
    return [block], None


def _flush_signature(block: list[Line], dropped: Counter[str]) -> Signature | None:
    """A signature typed flush left: one or two short issuer lines and a date closing a
    block, under a line that ends a sentence (特此公告。)."""
    issuer: list[Line] = []
    for line in reversed(block[:-1][-2:]):
        if cells(line.text) > FLUSH_ISSUER_CELLS or closed(line.text) or line.credit or line.indent >= 1:
            break
        issuer.insert(0, line)
    above = block[: len(block) - 1 - len(issuer)]
    if not issuer or (above and not closed(above[-1].text)):
        return None
    text = join_wrapped([line.text for line in issuer], dropped)[0] or None
    return Signature(issuer + [block[-1]], text, block[-1].text)


def _set_aside(page: PageLayout, block: list[Line], ads: Collection[int] = (), edge: bool = False) -> list[Line]:
    """Move furniture out of a block: a whole ad (or a block in the ruled box of one: `ads`)
    or column logo, or a folio line at either end, with the paper's name and motto over
    it or a short line left alone between such lines; at the page's top or foot (`edge`),
    a folio printed over a few short lines (B6　美食．生活 / 中華民國115年12月4日)."""
    texts = [line.text for line in block]
    reason = None
    if furniture.advert(texts) or (ads and all(line.box is not None and line.box in ads for line in block)):
        reason = "advertisement"
    elif len(block) == 1 and furniture.column_logo(texts[0]):
        reason = "column logo"
    elif edge and 1 < len(block) <= FOLIO_LINES and not any(line.bold or closed(line.text) or len(line.text) > PAPER_NAME * 2
                                                         for line in block) and furniture.folio("  ".join(texts)):
        reason = "folio line"
    if reason:
        page.furniture += [SetAside(line.no, _whole(line), reason) for line in block]
        return []
    size = len(block)
    masthead = next((j for j, line in enumerate(block[:3]) if furniture.folio(line.text)), 0)
    if all(len(line.text) <= MASTHEAD_LINE and not closed(line.text) for line in block[:masthead]):
        for _ in range(masthead):  # the paper's name and motto over its folio line: the masthead
            page.furniture.append(SetAside(block[0].no, _whole(block.pop(0)), "folio line"))
    while block and (furniture.folio(block[0].text) or size > len(block) > 1 and furniture.folio(block[1].text)
                     and len(block[0].text) <= PAPER_NAME and not closed(block[0].text) and not block[0].bold):
        page.furniture.append(SetAside(block[0].no, _whole(block.pop(0)), "folio line"))  # or a section between two
    while block and furniture.folio(block[-1].text):
        page.furniture.append(SetAside(block[-1].no, _whole(block.pop()), "folio line"))
    if len(block) == 1 < size and len(block[0].text) <= PAPER_NAME and not closed(block[0].text):
        page.furniture.append(SetAside(block[0].no, _whole(block.pop()), "folio line"))  # the paper's name
    return block


def _pull_quote_off(page: PageLayout, block: list[Line], said: str) -> list[Line]:
    """A pull quote (see paragraphs.pull_quote) set aside: it repeats the story's words in
    display, and the story keeps them where they were said."""
    k = paragraphs.pull_quote(block, said)
    if k is None:
        return block
    page.furniture += [SetAside(line.no, _whole(line), "pull quote") for line in block[k:]]
    return block[:k]


FOLIO_LINES = 4  # a folio printed over this many short lines or fewer
PAPER_NAME = 16  # characters: a line left alone between folio lines this short is the paper's name
MASTHEAD_LINE = 60  # characters: a paper's name or motto over its folio line is this short or shorter
AD_LINE = 30  # characters: a display ad's lines are this short or shorter


def _ad_boxes(lines: list[Line]) -> set[int]:
    """The ruled boxes that hold a display ad, whatever its type sizes cut it into: one with
    a line labelled as an ad, or one that holds no running text (short lines, none ending a
    sentence) and is mostly display type (a brand, an offer, dates)."""
    boxes: dict[int, list[Line]] = {}
    for line in lines:
        if line.box is not None:
            boxes.setdefault(line.box, []).append(line)
    return {k for k, held in boxes.items()
            if any(furniture.ad_label(line.text) for line in held)
            or (all(len(line.text) <= AD_LINE and not closed(line.text) for line in held)
                and 2 * sum(line.bold for line in held) > len(held))}


def _whole(line: Line) -> str:
    """A line's text with the credit line repair split off it (furniture keeps both)."""
    return f"{line.text} {line.credit}".strip() if line.credit else line.text


def cjk_end(text: str) -> bool:
    return bool(regex.search(r"[。！？][”’」』）]*$", text))


def _width(line: Line) -> float:
    return line.indent + cells(line.text)


def _short(line: Line, measure: float, w: Weights) -> bool:
    """A line that stops well short of the column: in justified CJK type, a paragraph's last line."""
    return _width(line) <= measure - w.short_margin


# a Han glyph that may open a line: no closing mark after it pulls it onto the line above
_HAN_OPENS = regex.compile(r"^\p{Han}(?![，。、；：！？”’」』）])")


def _glyph_short(before: Line, line: Line, para: list[Line], measure: float, w: Weights) -> bool:
    """A CJK line that ended a sentence a glyph's room short (`glyph_short`) of the column's
    measure and of the wrapped line above it in its paragraph, before a line that opens with a
    Han glyph: that glyph would have fitted, so the line ended its paragraph. Justified CJK
    type fills every wrapped line; a line stops a glyph short only where the next line opens
    with a mark that may not open a line (a quotation mark pulled down with its glyph, a
    figure that does not fit), and the line above shows the column's full width where a
    wider line elsewhere (the question's box above an answer) sets the measure. Text pages
    only: a PDF's lines say where they stop."""
    return (len(para) >= 2 and bool(_HAN_OPENS.match(line.text))
            and _width(before) <= min(measure, _width(para[-2])) - w.glyph_short)


def _column_measure(lines: list[Line], w: Weights, pdf: bool = False) -> float:
    """The column's measure for a block and the paragraph it may continue: their widest line,
    on a text page their widest line that may wrap text. A line set right or centred
    (`heavy_indent`: a credit, a signature), a line that holds a credit, and a last line wholly
    in brackets, a sign-off that may run past the column (（榆江市东城区人民法院法官 杜若冰）),
    wrap none; measured against them the column's full lines would stop short. Nor does a line
    in Latin type `wide_share` as wide as the column's median line or wider (a note printed
    across the columns under a police log, `The police log is compiled from public records.
    An arrest is not a conviction.`): Latin type is set ragged to its column and wraps there.
    With no such line left, the widest line. A PDF's lines say where they stop."""
    wrapped = [line for k, line in enumerate(lines) if line.indent < w.heavy_indent and line.credit is None
               and not (k == len(lines) - 1 and paragraphs.bracketed(line.text))]
    if not pdf and len(wrapped) >= 3:
        mid = statistics.median(_width(line) for line in wrapped)
        wrapped = [line for line in wrapped if _width(line) < w.wide_share * mid or _HAN.search(line.text)] or wrapped
    return max(_width(line) for line in (lines if pdf or not wrapped else wrapped))


_HAN = regex.compile(r"\p{Han}")


def _full(line: Line, measure: float, w: Weights) -> bool:
    """Near the measure: wrapping leaves up to a word or a number's width free."""
    return _width(line) >= measure - w.full_margin


def _new_paragraph(line: Line, before: Line | None, measure: float, flush: bool, w: Weights,
                   para: list[Line] | None = None, around: paragraphs.Around = paragraphs.Around()) -> bool:
    """Whether a line starts a paragraph, given the line before it in the same paragraph run
    (`para`: that paragraph's lines so far, `before` the last; `around`: what its block and
    page show).

    A PDF line under one that stopped short of its block's edge starts one (`Line.opens`).
    The line's shape may say (see paragraphs.opens: table rows, lists of fields or turns,
    numbered items, hanging indents). An indent starts one, except under a full line that
    stops mid-phrase (a hanging indent: numbered notice items; full against the page's
    measure too, so a short line of verse is never full). In a paragraph set flush left
    (`flush`: its first line has no indent), a line after one that ended a sentence short
    of the measure starts one (CJK: short by `short_margin`; Latin: with room left for the
    next line's first word, or on a text page short by `latin_short` before a capital: a
    PDF's geometry has said where its lines stop, see `Line.opens`).
    """
    if before is None:
        return line.indent >= w.indent
    if line.opens:
        return True
    shaped = paragraphs.opens(line, before, para or [before], around)
    if shaped is not None:
        return shaped
    if line.indent >= w.indent:
        page = around.measure / 2  # the page's measure in cells (it is in display columns)
        hanging = (_full(before, max(measure, page), w) and regex.search(r"[\p{L}\p{N}，、（“「]$", before.text)
                   and not closed(before.text))
        return not (hanging and line.indent <= w.hanging)
    if not (flush or paragraphs.outdented(line, para or [before])):
        return False
    if cjk_end(before.text):
        return _short(before, measure, w) or around.measure > 0 and _glyph_short(before, line, para or [before], measure, w)
    return bool(LATIN_END.search(before.text)) and (
        _room_for(before, line, measure)
        or before.top is None and _width(before) <= measure - w.latin_short and bool(_HEADLINE_START.match(line.text))
        or paragraphs.sentence_break(before, line, around))


LATIN_END = regex.compile(r"(?<=\p{Latin}{2}|\d|[)\]])[.!?][\"'”’)]*$")
_FIRST_WORD = regex.compile(r"^\S+")


def _room_for(before: Line, line: Line, measure: float) -> bool:
    """Latin type set flush: a line that ended a sentence with room left for the next
    line's first word was ended on purpose (ragged or justified, wrapping never leaves
    a word's room)."""
    word = _FIRST_WORD.match(line.text)
    return word is not None and _width(before) + cells(word.group()) + 0.5 <= measure - 0.5


_CELLS_APART = regex.compile(r"\S(?: {2,}|\u3000)\S")  # a gap between a table's cells


# a sentence's end and a bracketed note after it (。（本報記者譚國威攝）, 。（青联会供图）), or a
# Latin sentence ended after its closing quote (… a Saturday loaf".)
_SIGNED_OFF = regex.compile(r"(?:[。！？!?…][”’」』\"']*[ \u3000]*[（(][^（）()]{1,30}[）)]|\p{L}[\"'”’]\.)$")


def _finished(text: str) -> bool:
    """Text that ends a sentence, or signs off after one with a bracketed note."""
    return closed(text) or bool(_SIGNED_OFF.search(text.strip()))


def _bullet(text: str) -> str | None:
    m = _BULLET.match(text)
    return m.group().strip() if m else None


def _bullet_runs(lines: list[Line | None]) -> set[str]:
    """Bullets that open two lines of a page or more, a byline's box (■本报记者 …) not
    counted: the marks of a run of items or subheads."""
    seen = Counter(_bullet(line.text) for line in lines if line is not None and not fields.ROLES.search(line.text))
    return {mark for mark, n in seen.items() if mark and n >= 2}


def _heads_over_text(block: list[Line], above: list[Line], w: Weights, runs: Collection[str] = ()) -> list[list[Line]]:
    """A block after a story's end (`above`, the block before it, ends a sentence or signs
    off) that opens with
    one to three lines much shorter than its column, ending no sentence, over running text
    (a line that fills the column, then more): those lines are a head group of their own
    (a column label and a headline, `【馬迷信箱】` / `新馬初出 宜看晨操還是試閘？`), set
    with no blank line over the next story's text. Wrapped text fills the column on every
    line but its last; a poem's lines never do. A line that opens with a bullet the page sets
    on other lines too (`runs`, see _bullet_runs) is an item of a run, not a head group: a
    brief's run-in title or a feature's subhead, which _brief_items and the body reader read
    (cut off here, ▶ titles after the run's first lost their item and a ◆ subhead opened a
    story of its own); a bullet alone on its page may head a story (■冬至燈籠工作坊). Text
    pages only: a PDF knows its type sizes."""
    if (not above or not _finished("".join(line.text for line in above[-2:])) or len(block) < 3 or block[0].size > 0
            or _bullet(block[0].text) in runs):
        return [block]
    measure = max(_width(line) for line in block)
    for m in (1, 2, 3):
        rows, rest = block[:m], block[m:]
        if len(rest) < 2 or any(_width(r) > w.set_apart * measure or _OPEN_END.search(r.text) or r.credit is not None
                                or fields.DATELINE.match(r.text) or r.indent >= w.indent for r in rows):
            return [block]
        if _CLOSED_END.search(rows[-1].text) and not rows[-1].text.endswith(("？", "！", "?", "!")):
            return [block]
        if _full(rest[0], measure, w) and not _CELLS_APART.search(rest[0].text.strip()):  # a table's row is no text
            return [rows, rest]
    return [block]


def _set_apart(before: Para, line: Line, measure: float, w: Weights) -> bool:
    """Whether the first line after a blank line stands apart from the paragraph above it
    rather than carrying it on over a column break: the paragraph ended a sentence (or
    signed off), and the line is much shorter than the column and ends no sentence. A
    wrapped line that carries a paragraph on fills the column, and a paragraph's short
    last line ends it; a short line that does neither is a label, a headline or a name
    between two stories (法律信箱, 【馬迷信箱】, LETTERS TO THE EDITOR, COURT NEWS). Text
    pages only: a PDF's column breaks are known from its geometry. After a jump line the
    segmenter re-reads what ran on (see segment._reread)."""
    return (line.size <= 0 and _finished(before.raw) and not fields.JUMP_TO.search(before.raw)
            and not closed(line.text) and _width(line) <= w.set_apart * measure)


_ITEM = regex.compile(rf"^(?:{fields.NUMBERED})")


def _role_box(block: list[Line], w: Weights) -> bool:
    """An author box that names the writer's role (□本报记者  严冬, ■記者 黃靜儀) over a
    line of running text (indented as a paragraph, or with a comma or stop inside it): the
    byline over the story's first lines, not a headline. Over display lines (■通讯员 … /
    县城新增两处 / “口袋公园”) it stands over its headline; a ■ subhead names no role."""
    box = fields.BOX_BYLINE.match(block[0].text.strip())
    return (box is not None and fields.ROLES.search(box["by"]) is not None and len(block) > 1
            and (w.indent <= block[1].indent < w.heavy_indent or _INNER_STOP.search(block[1].text.strip()) is not None))


_INNER_STOP = regex.compile(r"[，。；、,;](?=.)")  # a sentence's punctuation inside a line: running text


def _vertical(block: list[Line]) -> bool:
    """A headline set vertically: extracted as one glyph a line."""
    return len(block) >= 3 and all(_UPRIGHT.match(line.text) for line in block)


# a line of vertical type: one glyph, perhaps with up to three digits set upright across the column (逾3)
_UPRIGHT = regex.compile(r"^(?:\p{L}|\p{L}?\d{1,3}|\d{1,3}\p{L}?)$")


def lay_out_page(name: str, text: str, hints: Hints = Hints(), weights: Weights | None = None) -> PageLayout:
    """Lay a decoded page out as pieces in reading order (`hints`: see read_lines)."""
    page = PageLayout(name)
    w = weights or SHIPPED
    lines = read_lines(text, page.dropped, w, hints)
    runs = _bullet_runs(lines)
    found = _heads_put_back(blocks_of(lines))
    ads = _ad_boxes([line for b in found for line in b])
    blocks: list[list[Line]] = []
    stacked: dict[tuple[int, int], str] = {}  # first line (Line.key) of a head stack's part → head or byline
    said = paragraphs.plain("".join(line.text for line in lines if line is not None))
    for k, found_block in enumerate(found):
        edge = k in (0, len(found) - 1)
        found_block = _pull_quote_off(page, found_block, said)
        parts = _cut(_tables_off(_set_aside(page, found_block, ads, edge), blocks, stacked), page.dropped, w)
        for part in (g for c in parts for g in _head_group_block(c, stacked, w)):
            after = not blocks or _ended(blocks[-1][-1].text) or all(line.bold for line in blocks[-1]) \
                or headline_like(blocks[-1], w) or blocks[-1][-1].credit is not None  # a photo's credit ends its caption
            for b in (c for h in _heads_over_text(part, blocks[-1] if blocks else [], w, runs)
                      for c in _latin_heads_off(h, after, w)):
                blocks += [c for c in _stacks_off(b, blocks[-1] if blocks else [], after, stacked, w) if c]
    for k in {0, len(blocks) - 1} if blocks else ():  # a page's first and last lines may name the page
        if len(blocks[k]) == 1 and furniture.page_mark(blocks[k][0].text):
            page.furniture.append(SetAside(blocks[k][0].no, _whole(blocks[k][0]), "page line"))
            blocks[k] = []
    blocks = [b for b in blocks if b]
    reader = _BlockReader(page, blocks, w, stacked)
    for k, block in enumerate(blocks):
        reader.read(k, block)
    reader.finish()
    return page


def _heads_put_back(found: list[list[Line]]) -> list[list[Line]]:
    """Blocks with a headline printed after its story (see _told_after) or under its jump
    line (see _jump_over_head) put back in reading order: the display run goes to the
    block's top, the headline over the jump line; the lines keep their numbers."""
    out = []
    for k, block in enumerate(found):
        run = _told_after(block, found[k - 1] if k else None, found[k + 1] if k + 1 < len(found) else None)
        if run is not None:
            block = block[run[0]:run[1]] + block[:run[0]] + block[run[1]:]
        elif (j := _jump_over_head(block)) is not None:  # the jump line opens the text, under the headline
            block = block[:j] + [block[j + 1], block[j]] + block[j + 2:]
        out.append(block)
    return out


_FROM_CODE = regex.compile(r"^From [A-Z]\d{1,2}$")  # a jump line alone on its line (From A1); in a sentence it is none


def _jump_over_head(block: list[Line]) -> int | None:
    """Where a jump line stands over the continued story's headline, the text going on under
    them, perhaps under the page's folio lines: a headline in display type ((上接第1版) /
    市市委委十十四四届届…), or in capitals over text that goes on in mid-sentence (From A1 /
    HIRA WINS MAYORALTY / deciding whether …)."""
    for j in range(len(block) - 2):
        line, head, text = (b.text.strip() for b in block[j : j + 3])
        m = fields.JUMP_FROM.match(line) or _FROM_CODE.match(line)
        if m is None or m.end() < len(line) or closed(head) or block[j + 2].bold:
            continue
        if block[j + 1].bold or (english.case_style(head) == "upper" and cells(head) <= BYLINE_CELLS * 2
                                 and text[:1].islower()):
            return j
    return None


TOLD_AFTER_TAIL = 2  # lines: a label or the writer's name printed under such a headline (■记者手记 / 苗 佳)


def _told_after(block: list[Line], above: list[Line] | None, below: list[Line] | None) -> tuple[int, int] | None:
    """The display run (its first line and end) of a story printed with its headline under
    its text: the block opens with an indented paragraph after a blank line, under a block
    that ends in body type (so nothing heads it), holds no display type but one run of one
    or two lines after a finished sentence or a byline near its end, and the next block
    opens with display type (the next story's headline). Seen in papers that set a column's
    or a reader's piece so (citydaily, business, youth): the run is that story's headline."""
    if above is None or below is None or above[-1].bold or not below[0].bold or block[0].bold or block[0].indent < 1:
        return None
    bold = [k for k, line in enumerate(block) if line.bold]
    if not bold or len(bold) > 2 or bold != list(range(bold[0], bold[-1] + 1)) or bold[0] < 1:
        return None
    start, end = bold[0], bold[-1] + 1
    tail = block[end:]
    if len(tail) > TOLD_AFTER_TAIL or any(closed(line.text) or cells(line.text) > BYLINE_CELLS for line in tail) \
            or _CLOSED_END.search(block[end - 1].text) or not (closed(block[start - 1].text) or _opens(block[start - 1].text)):
        return None
    return start, end


BYLINE_CELLS = 16  # cells: a label or a name under a headline is this short or shorter


def _tables_off(block: list[Line], blocks: list[list[Line]], stacked: dict[tuple[int, int], str]) -> list[Line]:
    """A table's lines go to `blocks` as one-line blocks, its title a head and each row a
    paragraph (see tables; `stacked` learns which), and nothing is left to read; any other
    block is returned whole."""
    parts = tables.parts([line.text for line in block]) if block else None
    if parts is None:
        return block
    stacked.update((block[k].key, kind) for k, kind in parts)
    blocks += [[line] for line in block]
    return []


def _stacks_off(block: list[Line], above: list[Line], after_end: bool, stacked: dict[tuple[int, int], str],
                w: Weights) -> list[list[Line]]:
    """A Latin block cut into its head stacks (label, headline, deck, a name) and text (see
    stacks), given the block `above` it; `stacked` learns which parts are heads and which a
    byline."""
    if not block or not _LATIN.search(block[0].text[:3]) or any(line.bold or line.credit for line in block):
        return [block]
    after_end = not above or stacks.ended(above[-1].text) or after_end
    parts = stacks.cuts([line.text for line in block], after_end, [line.indent < 1 for line in block],
                        max((len(line.text) for line in above), default=0), w)
    stacked.update((block[k].key, kind) for k, kind in parts if kind != "text")
    at = sorted({0, *(k for k, _ in parts), len(block)})
    return [block[a:b] for a, b in zip(at, at[1:])]


_Cuts = tuple[list[list[Line]], list[Line] | None]  # the parts cut off, and the rest to cut again (None: done)


def _cut_all(block: list[Line], cut_once: Callable[[list[Line]], _Cuts]) -> list[list[Line]]:
    """The parts of a block that `cut_once` cuts again and again, first cut first. A loop,
    not recursion: a page of up to 50,000 lines may hold thousands of cuts."""
    parts: list[list[Line]] = []
    rest: list[Line] | None = block
    while rest is not None:
        cut, rest = cut_once(rest)
        parts += cut
    return parts


def _cut(block: list[Line], dropped: Counter[str], w: Weights) -> list[list[Line]]:
    """A block cut where its text shows blocks set with no blank line between them: brief
    items, display type over body type, a notice's title, a headline over an opening."""
    parts = [block]
    for step in (lambda b: _brief_items(b, dropped), lambda b: _caps_briefs(b, dropped), lambda b: _signed_off(b, w), _turns, _box_tail, _display_off, _notice_title_off,
                 lambda b: _heads_off(b, w)):
        parts = [c for b in parts for c in step(b) if c]
    return parts


class _BlockReader:
    """Reads a page's blocks in order into pieces. It carries the state that joins
    blocks across column breaks: a paragraph a mid-sentence headline interrupted
    (`dangling`) and that headline (`across`), which belongs after the column."""

    def __init__(self, page: PageLayout, blocks: list[list[Line]], w: Weights,
                 stacked: dict[tuple[int, int], str] | None = None) -> None:
        self.page, self.blocks, self.pieces, self.w = page, blocks, page.pieces, w
        self.stacked = stacked or {}  # parts of Latin head stacks (see _stacks_off)
        # a page that never indents a paragraph sets its paragraphs apart by blank lines
        self.blank_paragraphs = not any(w.indent <= line.indent < w.heavy_indent for block in blocks for line in block)
        # a text page's measure; a PDF's lines are set in columns of their own widths, and its reader
        # has read where they stop (Line.opens) and its tables, so the measure's rules stay off
        pdf = any(line.top is not None for block in blocks for line in block)
        self.measure = 0.0 if pdf else paragraphs.measure([line for block in blocks for line in block[:-1] if not line.bold])
        self.verse: set[tuple[int, int]] = set()  # lines of verse read so far (see paragraphs.verse)
        self.rows: set[tuple[int, int]] = set()  # table rows read so far (see paragraphs.rows)
        self.dangling: Para | None = None
        self.across: Head | None = None

    def read(self, k: int, block: list[Line]) -> None:
        if self.across is not None and self.dangling is None:
            self.pieces.append(self.across)
            self.across = None
        if self._jump_alone(block):
            return
        stacked = self.stacked.get(block[0].key)
        if stacked == "row":  # a table's row: a paragraph of its own
            first = k == 0 or self.stacked.get(self.blocks[k - 1][0].key) != "row"
            self.pieces.append(Para(block, gap_before=first))
            return
        if stacked is not None:  # a head stack's headline, label or deck, or the name under it
            text = regex.sub(r"\s+", " ", " ".join(line.text.strip() for line in block))
            name = stacks.signer(block[0].text) or stacks.caps_name(block[0].text)
            self.pieces.append(Head(block) if stacked == "head" else Byline(block, text, [name] if name else []))
            self.dangling = None
            return
        if all(line.caption and line.credit is None for line in block) and not _credit_below(self.blocks, k):
            self.pieces.append(Caption(block))  # a caption with no credit: the PDF's type says so
            return
        if self._byline_alone(block) or self._small_byline(k, block) or self._box_byline(block):
            return
        if self._name_alone(k, block):
            return
        if all(line.bold and line.credit is None for line in block) or _vertical(block):
            joined = "".join(line.text for line in block)
            prev = self.pieces[-1] if self.pieces else None
            below = self.blocks[k + 1][0] if k + 1 < len(self.blocks) else None
            if (block[0].bold and _CLOSED_END.search(joined) and not _asks(block[-1], below) and not _asked(block)
                    and len({line.spaced for line in block}) == 1):  # a label letter-spaced over it heads a story
                self.pieces.append(Caption(block))
            elif isinstance(prev, Head) and _wraps(prev.lines[-1].text, block[0].text):
                self.pieces[-1] = Head(prev.lines + block)  # one headline, its lines set apart
            else:
                self.pieces += _heads(block)
            return
        prev = self.pieces[-1] if self.pieces else None
        if self.dangling is not None:
            prev = self.dangling  # the column goes on after a headline printed across it
        self.dangling = None
        prev_para = prev if isinstance(prev, Para) and prev.credit is None and self.stacked.get(prev.lines[0].key) != "row" else None
        open_para = prev_para is not None and not closed(prev_para.raw) and not (
            prev_para.lines[-1].size <= 0 and (_finished(prev_para.raw) or paragraphs.note(prev_para.lines)))  # a text page's sign-off or note ends it too
        signature = _signature(block, self.page.dropped, self.w)
        if signature is None and self._notice_signer(k, block):
            return
        if signature is not None and len(signature.lines) == len(block):
            self.pieces.append(self._signer_over(k, signature))  # a signature block of its own (set apart by a gap)
            return
        if (headline_like(block, self.w) and _byline(block, 0) is None and _own_byline(block, 0) is None
                and not _role_box(block, self.w) and (not open_para or _across(self.blocks, k, self.w) or _notice_title(block[-1]))):
            if open_para and not _notice_title(block[-1]):
                if self.across is not None:  # a second headline across the same column: the first stays
                    self.pieces.append(self.across)
                self.across, self.dangling = Head(block), prev_para
            else:
                self.pieces += _heads(block)
            return
        body = block[: len(block) - len(signature.lines)] if signature else block
        self._body(k, body, prev_para)
        if signature:
            self.pieces.append(signature)

    def _signer_over(self, k: int, signature: Signature) -> Signature:
        """A date set right alone, under its issuer set right in a block of its own (MuPDF
        and reportlab space every line of a notice apart, `蓝湾环保志愿者协会` / gap /
        `2026年12月7日`): one signature. The block over it is the issuer when it is the piece
        read last, and each of its lines would be an issuer line over that date in one block
        (`_issuer_line`) and a paragraph (the notice's text) is read before it; a headline or
        a paragraph is never set so, and a centred headline with the date alone under it is
        no issuer (review17)."""
        prev = self.pieces[-1] if self.pieces else None
        text_before = len(self.pieces) > 1 and isinstance(self.pieces[-2], Para)
        if (signature.issuer is not None or k == 0 or not isinstance(prev, (Head, Para)) or not text_before
                or prev.lines[-1].key != self.blocks[k - 1][-1].key or len(prev.lines) > SIGNATURE_LINES
                or not all(_issuer_line(line, signature.lines[-1], self.w) for line in prev.lines)):
            return signature
        self.pieces.pop()
        text = join_wrapped([line.text for line in prev.lines], self.page.dropped)[0]
        return Signature(prev.lines + signature.lines, text, signature.date)

    def _notice_signer(self, k: int, block: list[Line]) -> bool:
        """A date alone in a block of its own at a notice's end, under one short line in a block
        of its own, in body type, that ends no sentence (MuPDF spaces a notice's last lines apart, and its
        columns give them any indent: `青岑县森林防火指挥部` / gap / `二〇二六年十二月四日`): the
        notice's signature, issuer over date. Only under a story's text (a head, then only
        paragraphs read since): a date alone there heads nothing, so it signs what is over it
        (`鳴謝` … `故林府蔡太夫人孝眷` / `二〇二六年十一月三十日`), and a name with its role read
        as a byline line (`Pete Varga, Executor` / `March 6, 2025`) is its issuer. The signature
        ends the notice: nothing but a head follows it in its column (a date over more text is a
        listing's or a diary's) (byline18)."""
        if len(block) != 1 or not fields.DATE_LINE.match(block[0].text.strip()) or len(self.pieces) < 3:
            return False
        after = self.blocks[k + 1] if k + 1 < len(self.blocks) else None
        if after is not None and not (after[0].bold or after[0].size >= HEAD_TYPE or headline_like(after, self.w)):
            return False
        issuer, text = self.pieces[-1], self.pieces[-2]
        if (not isinstance(issuer, Head | Para | Byline) or len(issuer.lines) != 1 or not isinstance(text, Para) or text.credit
                or issuer.lines[0].bold or issuer.lines[0].size >= HEAD_TYPE or issuer.lines[0].credit or closed(issuer.raw)
                or cells(issuer.raw.strip()) > ISSUER_CELLS):
            return False
        if not isinstance(next((p for p in reversed(self.pieces[:-1]) if not isinstance(p, Para)), None), Head):
            return False
        self.pieces[-1] = Signature(issuer.lines + block, issuer.raw.strip(), block[0].text.strip())
        return True

    def _jump_alone(self, block: list[Line]) -> bool:
        """A PDF's jump line printed apart under a story's last paragraph (`Turn to Page 5`,
        `See BUSES, Page A6`, （下转第2版）), often in a type of its own: the end of that
        paragraph, where the article takes it as its jump, never a head."""
        prev = self.pieces[-1] if self.pieces else None
        text = " ".join(line.text.strip() for line in block)
        m = fields.JUMP_TO.search(text)
        if not isinstance(prev, Para) or prev.credit is not None or m is None or m.start() > 0 or block[0].size <= 0:
            return False
        prev.lines += [replace(line, bold=False) for line in block]
        return True

    def _byline_alone(self, block: list[Line]) -> bool:
        """A block that is only an English byline (often set bold: `By Mara Quinlan`), or
        the role line printed apart under one (`Associated Press`, `Staff Writer`)."""
        prev = self.pieces[-1] if self.pieces else None
        if len(block) == 1 and isinstance(prev, Byline) and len(prev.lines) == 1 and english.role_line(block[0].text):
            self.pieces[-1] = Byline(prev.lines + block, f"{prev.text} {block[0].text}", prev.names)
            return True
        found = _byline(block, 0) if all(line.credit is None for line in block) else None
        if found is None or found[0] != len(block):
            return False
        self.pieces.append(Byline(block, *found[1:]))
        return True

    def _small_byline(self, k: int, block: list[Line]) -> bool:
        """A PDF's one short line in plain type smaller than the body's that names people:
        right under a headline (报道：程立, 方敏 报道, VINCENT LAU, Daniel Fung), or after a
        story's text and before the next head, with a role word (报道：黄佩玲; there also in
        body type when pushed right: 記者 何穎欣); the byline, whatever words frame the names."""
        line, prev = block[0], self.pieces[-1] if self.pieces else None
        nxt = self.blocks[k + 1] if k + 1 < len(self.blocks) else None
        closing = isinstance(prev, Para) and (nxt is None or all(x.bold for x in nxt))  # a byline opens a body otherwise
        pushed = closing and line.size > 0 and line.indent >= self.w.heavy_indent  # right-aligned under the text
        if (len(block) > 1 or not (isinstance(prev, Head) or closing) or line.bold and (closing or pushed)
                or not (0 < line.size <= SMALL_TYPE or pushed) or line.credit is not None or closed(line.text)
                or cells(line.text) > BYLINE_CELLS or fields.BOX_BYLINE.match(line.text)
                or closing and not _BYLINE_ROLE.search(line.text)):
            return False
        names = _byline_names(line.text)
        if names:
            self.pieces.append(Byline(block, regex.sub(r"\s+", " ", line.text.strip()), names))
        return bool(names)

    def _below(self, k: int, body: list[Line], i: int) -> Line | None:
        """The line under line `i` of block `k`'s `body`: the next line, or the next block's first."""
        if i + 1 < len(body):
            return body[i + 1]
        return self.blocks[k + 1][0] if k + 1 < len(self.blocks) else None

    def _listed(self, k: int, body: list[Line], i: int) -> bool:
        """A pointed line with another pointed line right above or under it: a run of them is
        a list in the story (▲市民可通过… / ▲老年人…), not photo captions (review15)."""
        above = body[i - 1] if i else (self.blocks[k - 1][-1] if k and self.blocks[k - 1] else None)
        return any(other is not None and bool(_POINTER.match(other.text)) for other in (above, self._below(k, body, i)))

    def _unpointed(self, line: Line) -> Line:
        """The line without the pointer to its photo (▲, △) it may open with: layout, dropped."""
        pointer = _POINTER.match(line.text)
        if pointer is None:
            return line
        self.page.dropped.update(pointer.group().strip())
        return replace(line, text=line.text[pointer.end() :])

    def _name_alone(self, k: int, block: list[Line]) -> bool:
        """A writer's name printed as a block of its own between its headline and its text
        (林 启 明, set apart by blank lines; see _name_under)."""
        prev = self.pieces[-1] if self.pieces else None
        if len(block) != 1 or not isinstance(prev, Head) or self.dangling is not None:
            return False
        named = _name_under(prev.lines[-1], block[0], self._below(k, block, 0), self.w)
        if named is not None:
            self.pieces.append(Byline(block, *named))
        return named is not None

    def _box_byline(self, block: list[Line]) -> bool:
        """An author box (□ 周岚, ■本报记者 韦婷, ◎ 林默, ■文：Catarina Lopes) alone on its line
        right under a headline, in a PDF in type no larger than the body's run, on a text page
        holding a name (■程砚, byline17), plain unless it names a role (a fake-bold □ 本报记者
        于晓棠): the story's byline. Printed as a block of its own it was read as the head
        group's last line."""
        line, prev = block[0], self.pieces[-1] if self.pieces else None
        box = fields.BOX_BYLINE.match(line.text.strip())
        if (len(block) > 1 or not isinstance(prev, Head) or box is None or line.credit is not None
                or line.bold and not fields.ROLES.search(box["by"])  # bold only when it names a role (■本报记者 韦婷)
                or line.size >= BOX_TYPE or cells(line.text) > BYLINE_CELLS or closed(line.text)):
            return False
        text, names = fields.box_writers(box["by"])
        if line.size <= 0 and (not names or fields.ROLES.search(box["by"])):
            return False  # a text page tells no type: a name alone (■程砚), not a subhead (■舊磚編號 原位砌回); the head
            # group reads a box with a role word (□ 本报记者 孔思齐) already
        self.pieces.append(Byline(block, text, names))  # a byline that opens the story, as in English
        return True

    def _body(self, k: int, body: list[Line], prev_para: Para | None) -> None:
        """Text lines: paragraphs (or a paragraph's continuation), bylines and credits."""
        caption_block = _captioned(_before_jump(body)) or _credit_below(self.blocks, k)
        # the column's measure: the widest line that wraps text in this block and the paragraph it may continue
        above = prev_para.lines if prev_para is not None and (not self.measure or prev_para.lines[-1].box == body[0].box) else []
        measure = _column_measure(above + body, self.w, pdf=not self.measure)  # not another box's paragraph
        self.verse |= paragraphs.verse(body, self.measure)
        rows = paragraphs.rows(body, self.measure)
        if not any(isinstance(piece, Head) for piece in self.pieces) and not any(_finished(line.text) for line in body):
            rows = paragraphs.repeated(body, rows, self.measure)  # over the page's first head, no sentence: a masthead's?
        self.rows |= rows
        around = paragraphs.Around(paragraphs.listed([line.text for line in body]), self.measure, frozenset(self.verse),
                                   frozenset(self.rows), body[0].no)
        # a credit alone on its line credits the paragraph above it, in its own box (a credit under a
        # boxed table credits no row of it)
        credit_for = prev_para if (prev_para is not None and body[0].credit is not None and not body[0].text
                                   and body[0].box == prev_para.lines[-1].box) else None
        if prev_para is not None and (
                body[0].box != prev_para.lines[-1].box or caption_block or (self.blank_paragraphs and closed(prev_para.raw))
                or _new_paragraph(body[0], prev_para.lines[-1], measure, prev_para.lines[0].indent < self.w.indent, self.w,
                                  prev_para.lines, around)
                or _set_apart(prev_para, body[0], measure, self.w)):
            prev_para = None  # a blank line at a paragraph's end (or before a captioned photo)
        pieces = self.pieces
        one_a_line = len(body) >= 2 and all(closed(line.text) for line in body)  # every line ends a sentence: unwrapped
        current = None
        taken = 0  # lines a byline already took
        over: Line | None = None  # a credit printed over its caption, waiting for it
        under: Para | None = None  # the caption under that credit: the rest of the block
        for i, line in enumerate(body):
            if i < taken:
                continue
            if over is not None and current is not None and current.credit is None:
                current.credit, over, under = over.credit, None, current
            byline = _byline(body, i) if line.credit is None else None
            if byline is not None:
                taken = i + byline[0]
                pieces.append(Byline(body[i:taken], *byline[1:]))
                current = None
                continue
            target = current if current is not None or i else prev_para or credit_for
            if line.credit is not None and not line.text and target is not None and target.credit is None:
                target.credit, current = line.credit, None  # a credit on its own line
                continue
            if _credit_over(body, i, target, measure, around, self.w):
                over = line
                continue
            if line.caption and i == 0:  # a caption's pointer to its photo (▲消防局昨日…) is layout, and no author box
                line = body[i] = self._unpointed(line)
            if _pointed(body, i) and not self._listed(k, body, i):  # a caption under its photo: ▲七六級校友…合影。
                pieces.append(Caption([self._unpointed(line)]))
                current = None
                continue
            box = fields.BOX_BYLINE.match(line.text) if line.credit is None and not line.caption else None
            if box:
                pieces.append(BoxByline(line, box["by"]))
                current = None
                continue
            head = pieces[-1] if i == 0 and pieces and isinstance(pieces[-1], Head) else None
            named = _name_under(head.lines[-1], line, self._below(k, body, i), self.w) if head is not None else None
            if named is not None:
                pieces.append(Byline([line], *named))
                current = None
                continue
            own = _own_byline(body, i) if line.credit is None and line.indent < self.w.heavy_indent else None
            if own is not None:
                taken = i + own[0]
                pieces.append(Byline(body[i:taken], *own[1:]))
                current = None
                continue
            if current is not None and current is under and line.credit is None:
                current.lines.append(line)
                continue
            before = current.lines[-1] if current is not None else None
            if (fields.JUMP_FROM.match(line.text) or (current is None and (i or prev_para is None))
                    or (before is not None and fields.JUMP_TO.search(before.text))  # the story's text ended there
                    or (line.credit is not None and before is not None and closed(before.text))  # a caption under it
                    or (line.credit is not None and current is not None and current.credit is not None)  # credited: keep it
                    or (current is not None and (one_a_line or _new_paragraph(
                        line, before, measure, current.lines[0].indent < self.w.indent, self.w, current.lines, around)))):
                current = Para([line], gap_before=i == 0)
                pieces.append(current)
            elif current is None:
                current = prev_para  # a column break inside a paragraph
                current.lines.append(line)
            else:
                current.lines.append(line)
            if line.credit is not None:
                current.credit = line.credit
                current = None
        if over is not None and current is not None and current.credit is None:
            current.credit = over.credit
        elif over is not None:  # no text under it took it: a credit alone, as before
            pieces.append(Para([over], gap_before=True, credit=over.credit))

    def finish(self) -> None:
        if self.across is not None:
            self.pieces.append(self.across)


_DASH_LINE_START = regex.compile(r"^[—―─-]{2,}")
_DASH_LINE_END = regex.compile(r"[—―─-]{2,}$")


SMALL_TYPE = 0.97  # a PDF line in plain type this size against the body's or smaller is small type (bylines)
BYLINE_CELLS = 24  # a byline line is this short or shorter
BOX_TYPE = 1.1  # an author box under a headline is set smaller than this against the body's size
# role words, and the labels 文 / 圖 / 文．圖 before a separator (文｜本报记者 秦书言, 文．圖／許嘉芳,
# 口述 / 李长顺 整理 / 本报记者 赵晓光: who told it, who wrote it down)
_BYLINE_ROLE = regex.compile(r"(?:\p{Han}{0,5}?(?:记者|記者|通讯员|通訊員)|报道|報導|作者|撰文|摄影|攝影|读者|讀者|口述|整理|By|BY"
                             r"|(?<!\p{Han})(?:文[．.·・/／][图圖](?=[ \u3000:：/／｜|])|[文图圖](?=[ \u3000]*[:：/／｜|])))"
                             r"[ \u3000]*[:：/／｜|]?[ \u3000]*")
_TITLED = regex.compile(r"^\p{Han}{1,3}[师師]$")  # a writer's title before the name (營養師 許嘉芳, 律师 王明)
_ROLE_AFTER = regex.compile(r"^(?P<name>.+?)[ \u3000]*[,·|/][ \u3000]*(?P<role>\S.*)$")  # a role after the name
_PLACE = regex.compile(r"[（(]\p{Han}{2,6}[）)]$")  # 读者 林美玉（诗河）: where the writer lives


HEAD_TYPE = 1.15  # a PDF line this much larger than the body's is display type (pdf.DISPLAY_SIZE)
_ASKS_OUT = regex.compile(r"[！？!?]$")


def _asked(block: list[Line]) -> bool:
    """A PDF's display block in type larger than the body's that ends with a question or an
    exclamation mark (`巴士站上蓋何時加建？`, `汀州海鹰 登顶！`): a headline that asks or
    cries out, not a bold caption's sentence. A pull quote closes its quotation marks; a
    bold question in body type is an interview's."""
    return all(line.size >= HEAD_TYPE for line in block) and bool(_ASKS_OUT.search(block[-1].text.strip()))


def _byline_names(text: str) -> list[str]:
    """The names in a byline line: role words (报道：, 摄影：, 作者：, By, …报道) and a
    place in brackets after the name set off, then two to four Han glyphs each (Han names
    only beside a role word: 企业, 亲情絮语 name nobody) or a name in Latin capitals or
    Title Case."""
    text = _PLACE.sub("", text.strip())
    rest = _BYLINE_ROLE.sub(" ", text).strip()
    han = regex.match(r"\p{Han}", rest) is not None
    role = None if han else _ROLE_AFTER.match(rest)
    if role is not None and english.role_line(role["role"]):
        rest = role["name"]  # Sarah Qian, Staff Reporter; TOM HAVERFORD · Sentinel Correspondent
    if han and rest == text:
        return []
    parts = [t for t in regex.split(r"[\s、，,]+", rest) if t] if han else [rest]
    if han and len(parts) == 2 and _TITLED.match(parts[0]):
        parts = parts[1:]
    if not parts or not all(regex.fullmatch(r"\p{Han}{2,4}", t) if han
                            else english.is_name(t) or t.isupper() and english.is_name(t.title()) for t in parts):
        return []
    return _cased(parts)


def _deck(above: str, line: str) -> bool:
    """An English deck in sentence case right under a headline in Title Case or capitals."""
    if not (_LATIN.search(above[:2]) and _LATIN.search(line[:2])):
        return False
    return english.case_style(line) == "sentence" and english.case_style(above) in ("title", "upper")


def _heads(block: list[Line]) -> list[Head]:
    """A display block cut where dashes mark a kicker's end (`…———`) or a subheadline's
    start (`——…`), or where an English deck in sentence case starts under its headline: a
    deck set right under its headline, with no blank line, is a block of its own."""
    parts: list[list[Line]] = [[]]
    for i, line in enumerate(block):
        if i and parts[-1] and (_DASH_LINE_START.match(line.text) or _deck(block[i - 1].text, line.text)
                                or _label_of(block[i - 1], line)):
            parts.append([])
        parts[-1].append(line)
        if i < len(block) - 1 and _DASH_LINE_END.search(line.text):
            parts.append([])
    return [Head(p) for p in parts if p]


_ASKED = regex.compile(r"[？！?!][”’」』）)\"']*$")
_SPEAKER = regex.compile(r"^[^：:，。\s]{1,8}[：:]")  # 问：, 答：, 滨海晨报：, 卓海生：


def _asks(line: Line, below: Line | None) -> bool:
    """A display line that ends in a question or exclamation mark and is a headline, not an
    interview's question: no speaker's label opens it or the line under it
    (小区门口的共享单车谁来管？ over its story; 问：…？ over 答：… is a turn)."""
    return bool(line.bold and _ASKED.search(line.text) and not _SPEAKER.match(line.text)
                and (below is None or not _SPEAKER.match(below.text.strip(PAD))))


def _label_of(above: Line, line: Line) -> bool:
    """A label printed on its headline's line in plain type (see _labelled): a head of its own."""
    return above.key == line.key and line.bold and not above.bold


def _wraps(above: str, line: str) -> bool:
    """An English headline line that goes on in the next: it ends with a small word (to,
    the, of …) or the next starts in lower case."""
    words = above.split()
    return bool(words and _LATIN.search(above[-1:]) and _LATIN.search(line[:1])
                and (words[-1].lower() in english.SMALL_WORDS or line[0].islower()))


# Under a headline in capitals, a Title Case line of more words than this is its deck
# (COUNCIL HOLDS TAX INCREASE / Rates Rise Again), not its writer (… / Owen Pasqua) (review15)
CAPS_DECK_WORDS = 2


def _name_under(above: Line, line: Line, below: Line | None, w: Weights) -> tuple[str, list[str]] | None:
    """A writer's name alone on its line, with no role word, between a headline (`above`)
    and the story's text (`below`), as (byline, names): in Latin script a name in a letter
    case other than the headline's (COUNCIL HOLDS TAX INCREASE … / Owen Pasqua), or in
    capitals over the writer's e-mail address (PRIYA NAND / priya.nand@…); in Chinese a
    name as fields.name_line reads it (龙泉矿机电队 郭小川). Neither line may be display
    type or a credit, and the headline ends no sentence. The text under it starts at the
    margin or a paragraph's indent and is no date or byline: a name over a date, or set
    right over more signature lines, signs a notice (退伍战士 周福林 / 2026年12月3日), and a
    name over a byline is a deck's (專訪農藝系校友 邱雅婷 / 文／蔡宗翰)."""
    if (below is None or line.bold or below.bold or line.credit is not None or below.credit is not None
            or closed(above.text) and not _ASKS.search(above.text) or not below.text.strip() or below.indent >= w.heavy_indent
            or fields.DATE_LINE.match(below.text.strip()) or fields.own_line_byline(below.text) or english.byline(below.text)):
        return None
    text = line.text.strip()
    if _LATIN.search(text[:1]):
        if english.contact(below.text):
            name = stacks.caps_name(text) or (text if english.is_name(text) else None)
            return (text, [name]) if name else None
        if (not english.is_name(text) or stacks.label(text) or not _HEADLINE_START.match(below.text.strip())
                or english.case_style(text) == english.case_style(above.text) or not _LATIN.search(above.text[:2])
                or (english.case_style(above.text) == "upper" and len(text.split()) > CAPS_DECK_WORDS)):
            return None
        return text, [text]
    if fields.FIELD_LABEL.match(text) and fields.FIELD_LABEL.match(above.text.strip()):
        return None  # 主题：… / 主讲：…杨蔓: a form's fields, not a headline and who answers it
    return fields.name_line(text) if regex.search(r"\p{Han}", above.text) else None


def _own_byline(block: list[Line], at: int) -> tuple[int, str, list[str]] | None:
    """A Chinese byline alone on its line (it may wrap once): lines taken, text, names.
    A byline whole on its line does not take a line that the text goes on from at the
    margin (a drop cap: 赵晓光 / 那 / 年腊月，…)."""
    whole = fields.own_line_byline(block[at].text)
    for n in (2, 1):
        lines = block[at : at + n]
        if n == 2 and whole is not None and at + 2 < len(block) and block[at + 2].indent < 1:
            continue
        if len(lines) == n and all(line.indent < 1 and line.credit is None for line in lines[1:]):
            found = fields.own_line_byline("".join(line.text for line in lines))
            if found is not None:
                return n, *found
    return None


NOTICE_HEAD = 30  # characters: a notice's title is this short or shorter


def _notice_title_off(block: list[Line]) -> list[list[Line]]:
    """A notice's title (…公告, …声明, PUBLIC NOTICE) set right over its text with no
    blank line: at the block's start, or after a finished sentence, it and a line it
    wraps from (珠岸市第三人民医院…项目 / 招标公告) are a block of their own."""
    return _cut_all(block, _notice_title_once)


def _notice_title_once(block: list[Line]) -> _Cuts:
    for j, line in enumerate(block[:-1]):
        if _notice_title(line):
            start = j - 1 if j and not closed(block[j - 1].text) and len(block[j - 1].text) <= NOTICE_HEAD and (
                j == 1 or closed(block[j - 2].text)) else j
            if start and not closed(block[start - 1].text):
                continue
            return [block[:start], block[start : j + 1]], block[j + 1 :]
    return [block], None


_TURN = regex.compile(r"^[\p{Han}\p{L}]{1,8}[：:](?=\S)")  # 问：, 答：, Q:, 滨海晨报：, 卓海生：
_ASKS = regex.compile(r"[？?][”’」』）)\"']*$")


def _turns(block: list[Line]) -> list[list[Line]]:
    """An interview's question set in bold (问问：：…？？, 滨滨海海晨晨报报：：…) is a turn of
    the conversation, not a headline or a caption: a bold run that opens with a speaker's
    label and a colon, asks a question or is answered by another speaker's label on the
    next line, is read as the interview's text (one article, not one per answer)."""
    out = list(block)
    k = 0
    while k < len(out):
        end = next((j for j in range(k, len(out)) if not out[j].bold), len(out))
        run, nxt = out[k:end], out[end] if end < len(out) else None
        label = _TURN.match(run[0].text) if run else None
        answer = nxt is not None and (m := _TURN.match(nxt.text)) is not None and m.group() != label.group() if label else False
        if label and answer and (_ASKS.search(run[-1].text) or len(run) == 1):
            out[k:end] = [replace(line, bold=False) for line in run]
        k = max(end, k + 1)
    return [out]


def _box_tail(block: list[Line]) -> list[list[Line]]:
    """A head group in display type with its author box run on under it (“…” / 对话… /
    ■本报记者 温言): the box is the story's byline, not a line of the group."""
    box = fields.BOX_BYLINE.match(block[-1].text) if len(block) >= 2 and block[0].bold else None
    if box is None or not fields.ROLES.search(box["by"]) or any(closed(line.text) for line in block[:-1]):
        return [block]
    return [block[:-1], block[-1:]]


def _notice_title(line: Line) -> bool:
    """A line that is a notice's title (…公告, …声明, PUBLIC NOTICE): it heads a notice and
    never goes on with the text above it."""
    return bool(fields.NOTICE_TITLE.search(line.text)) and len(line.text) <= NOTICE_HEAD and not closed(line.text) \
        and not _OPEN_END.search(line.text)


def _author_box(line: Line) -> bool:
    """An author box naming one writer, perhaps with a note, or a role (◎ 林默, □ 向晚,
    ◎王文彥（社區志工）, ■本报记者 覃林): a title stands right over it."""
    box = fields.BOX_BYLINE.match(line.text.strip())
    return box is not None and (bool(fields.box_authors(box["by"])[1]) or bool(fields.ROLES.search(box["by"])))


def _opens(text: str) -> bool:
    """A line that opens an article: a dateline, or a byline alone on its line."""
    return bool(fields.DATELINE.match(text) or fields.own_line_byline(text) or english.byline(text))


def _heads_off(block: list[Line], w: Weights) -> list[list[Line]]:
    """Cut off a headline set right above its article's opening with no blank line: one
    to three lines that end no sentence, after the start of the block or a finished
    sentence, directly over a dateline or a byline line."""
    return _cut_all(block, lambda b: _heads_once(b, w))


def _heads_once(block: list[Line], w: Weights) -> _Cuts:
    for j in range(len(block)):
        if j and not closed(block[j - 1].text):
            continue
        for m in (1, 2, 3):
            rows, nxt = block[j : j + m], block[j + m] if j + m < len(block) else None
            if len(rows) < m or nxt is None:
                break
            if any(closed(r.text) or _OPEN_END.search(r.text) or cells(r.text) > w.head_line or _opens(r.text)
                   or r.credit is not None for r in rows):
                break
            after = block[j + m + 1] if j + m + 1 < len(block) else None
            if (_opens(nxt.text) or _byline(block, j + m) is not None or _author_box(nxt)  # Daniel Seah / ◎ 林默
                    or _name_under(rows[-1], nxt, after, w) is not None):
                return [block[:j], rows], block[j + m :]
    return [block], None


_LABEL = regex.compile(r"^(?:\p{Han}[ \u3000]?){2,6}$")  # 以案说法, 法 治 时 评
_POINTER = regex.compile(r"^[▲△▼▽◀▶←→↑↓][ \u3000]*(?=\S)")
_BULLET = regex.compile(r"^[●◆▲★•▶►■][ \u3000]*")
_DATELINE_AFTER = regex.compile(r"[ \u3000]+(?=\S)")


def _brief_items(block: list[Line], dropped: Counter[str]) -> list[list[Line]]:
    """A list of briefs: each bulleted line after a finished item starts an item of its
    own, and an item's title runs from its bullet to the dateline that opens its text
    (● 省高院发布…案例 本报讯（记者 周一帆）…) or to the end of a line right over its
    dateline. The title's bullet is layout (counted in `dropped`); a box byline (■ 本报记者
    …) is no item."""
    starts = [k for k, line in enumerate(block) if _BULLET.match(line.text) and not line.leadin
              and not fields.own_line_byline(_BULLET.sub("", line.text)) and not fields.ROLES.search(line.text)
              and (k == 0 or block[k - 1].bold or closed(block[k - 1].text) or block[k - 1].text.endswith(("）", ")")))]
    if not starts:
        return [block]
    items = ([block[: starts[0]]] if starts[0] else []) + [block[a:b] for a, b in zip(starts, [*starts[1:], len(block)])]
    out: list[list[Line]] = []
    for item in items:
        cut = _brief_title(item) if _BULLET.match(item[0].text) and not item[0].bold else None
        if cut is None:
            out.append(item)
            continue
        k, at = cut
        mark = _BULLET.match(item[0].text).group()
        dropped.update(regex.sub(r"\s", "", mark))
        head = [Line(item[0].no, item[0].indent, item[0].text[len(mark):], part=item[0].part), *item[1 : k + 1]]
        line = item[k] if k else head[0]
        head[-1] = Line(line.no, line.indent, line.text[:at].rstrip(), part=line.part)
        rest = [Line(item[k].no, item[k].indent, item[k].text[at:].lstrip(), part=item[k].part)] if item[k].text[at:].strip() else []
        out += [head, rest + item[k + 1 :]]
    return [b for b in out if b]


# an English brief's run-in title: two or more words in capitals, then a colon or the text's
# first word in lower case after its capital (LIBRARY CLOSES EARLY: Wexcombe …, RAIL LINK TESTS BEGIN Trial runs …)
_CAPS_TITLE = regex.compile(r"^(?P<title>\p{Lu}[\p{Lu}\d'’&-]+(?: \p{Lu}[\p{Lu}\d'’&-]+)+)(?:(?P<colon>:) +(?=\S)| +(?=\p{Lu}\p{Ll}))")


def _caps_briefs(block: list[Line], dropped: Counter[str]) -> list[list[Line]]:
    """English briefs run together in one block (NEWS IN BRIEF, COURT NEWS): each item opens
    with its title in capitals run in on its first line, at the block's start, under the
    list's label in capitals (IN BRIEF) or after a finished sentence, and its text wraps over the next lines. The title becomes a head of
    its own, the text its item's body; the colon after a title is layout (counted in
    `dropped`). An item needs a colon, or a sibling in the same block: one line of capitals
    opening a paragraph is not yet a list. The title is read as display type (as a bold
    lead-in is) and the text opens a paragraph. Text pages only (a PDF sets such titles bold)."""
    if block[0].size > 0:
        return [block]
    starts = []
    for k, line in enumerate(block[:-1]):
        m = _CAPS_TITLE.match(line.text.strip())
        above = block[k - 1].text.strip() if k else ""
        if m and line.indent < 1 and (not above or LATIN_END.search(above) or above.isupper() and not closed(above)) \
                and not closed(line.text[m.end():]) and not fields.DATELINE.match(line.text.strip()):
            starts.append((k, m))
    if not starts or (len(starts) == 1 and starts[0][1]["colon"] is None):
        return [block]
    out = [block[: starts[0][0]]]
    for n, (k, m) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(block)
        line = block[k]
        text = line.text.strip()
        if m["colon"]:
            dropped.update(":")
        out += [[replace(line, text=m["title"], bold=True, leadin=True)],  # display type, as a bold lead-in
                [replace(line, text=text[m.end():], indent=line.indent + 2)] + block[k + 1 : end]]
    return [b for b in out if b]


def _brief_title(item: list[Line]) -> tuple[int, int] | None:
    """Where a brief's title ends: (line, offset) of the dateline after it, in its first
    two lines, or the end of its first line when the next one opens with a dateline."""
    for k, line in enumerate(item[:2]):
        if k and _opens(line.text):
            return 0, len(item[0].text)
        start = len(_BULLET.match(line.text).group()) if k == 0 else 0
        for gap in _DATELINE_AFTER.finditer(line.text, start):
            if fields.DATELINE.match(line.text[gap.end() :]):
                return k, gap.start()
        if closed(line.text) or _OPEN_END.search(line.text):
            return None
    return None


def _display_off(block: list[Line]) -> list[list[Line]]:
    """Cut a block where display type runs into body type with no blank line between: a
    fake-bold (or, in a PDF, display) run of one to three lines that opens a block, or
    closes one under a finished sentence, and ends no sentence (a headline run into its
    byline or body, a column logo over a headline, the next story's headline) is a block
    of its own; so is such a run under a line that is no sentence (a list's last line, a
    signature) and over an indented paragraph or an opening: a letter-spaced headline
    between two stories. Under a finished sentence it may be the story's own subhead and
    stays. A numbered run (一、…) is a section's subhead and stays in its text."""
    return _cut_all(block, _display_once)


def _display_once(block: list[Line]) -> _Cuts:
    display = [line.bold or k + 1 < len(block) and _label_of(line, block[k + 1]) for k, line in enumerate(block)]
    if len(block) > 2 and not display[0] and block[1].bold and _LABEL.match(block[0].text):
        return [block[:1]], block[1:]  # a column's label over its headline
    run = next((k for k, bold in enumerate(display) if not bold), len(block))
    rest = block[run:]
    deck = len(rest) <= 2 and not any(closed(line.text) or line.indent >= 1 for line in rest) and not (
        _opens(rest[0].text) or fields.BOX_BYLINE.match(rest[0].text) or fields.JUMP_FROM.match(rest[0].text)) \
        if rest else False
    if 0 < run <= 3 and rest and not deck and not (_CLOSED_END.search(block[run - 1].text)
                                                   and not _asks(block[run - 1], rest[0])) \
            and not _ITEM.match(block[0].text):
        return [block[:run]], block[run:]
    tail = next((k for k in range(len(block) - 1, -1, -1) if not display[k]), -1) + 1
    if 0 < tail < len(block) and len(block) - tail <= 3 and not _CLOSED_END.search(block[-1].text) \
            and not _ITEM.match(block[tail].text) and _CLOSED_END.search(block[tail - 1].text):
        return [block[:tail], block[tail:]], None  # the next story's headline under a finished text
    for start in range(1, len(block) - 1):  # a headline between two stories run together
        end = next((k for k in range(start, len(block)) if not display[k]), len(block))
        above = block[start - 1].text  # a list's or a signature's line (a vertical kicker's glyph stays with its head)
        if (display[start] and not display[start - 1] and 0 < end - start <= 3 and end < len(block)
                and not closed(above) and not _OPEN_END.search(above) and not _UPRIGHT.match(above)
                and (block[end].indent >= 1 or _opens(block[end].text)) and not _ITEM.match(block[start].text)
                and not _CLOSED_END.search(block[end - 1].text)):
            return [block[:start], block[start:end]], block[end:]
    return [block], None


GROUP_PLAIN = 2  # plain lines over (under) a display run in a block that is all head group


def _head_group_block(block: list[Line], stacked: dict[tuple[int, int], str], w: Weights) -> list[list[Line]]:
    """A text page's block that is one head group with its display run in the middle: one
    or two plain lines over a fake-bold run of one to three lines (a kicker, the issuer's
    name over a notice's title) and at most two under it (a deck), none ending or breaking
    off a sentence, none opening a story, a list's item or a signature, each no longer than
    a headline's line, the whole no headline-like block (too many lines, or a line indented
    that the run is not: read whole, it was a paragraph that swallowed the story under it).
    With no plain line over it, the run opens the block and the deck under it opens with
    dashes (a kicker and a two-line headline over `——全市新建…`: four lines, too many for
    one head). Cut into its parts (over, run, under), each read as heads; `stacked` learns
    that each part is a head. A PDF knows its type sizes (pdfheads)."""
    display = [line.bold for line in block]
    start = next((k for k, bold in enumerate(display) if bold), len(block))
    end = next((k for k in range(start, len(block)) if not display[k]), len(block))
    plain = block[:start] + block[end:]
    decked = start == 0 and end < len(block) and _DASH_LINE_START.match(block[end].text) is not None
    if (not (0 < start or decked) or start > GROUP_PLAIN or not 0 < end - start <= 3 or len(block) - end > GROUP_PLAIN
            or any(display[end:]) or block[0].size > 0 or headline_like(block, w)
            or (start and _signature(block[:start], Counter(), w) is not None)):
        return [block]
    if any(closed(line.text) or _OPEN_END.search(line.text) or cells(line.text) > w.head_line or _opens(line.text)
           or line.credit is not None or _ITEM.match(line.text) or fields.BOX_BYLINE.match(line.text)
           or (line.indent >= w.indent and line.indent < w.heavy_indent) for line in plain):
        return [block]
    parts = [part for part in (block[:start], block[start:end], block[end:]) if part]
    stacked.update((part[0].key, "head") for part in parts)
    return parts


_LATIN_OPEN = regex.compile(r"[-‐,;:]$")


def _latin_heads_off(block: list[Line], after_end: bool, w: Weights, whole: list[Line] | None = None) -> list[list[Line]]:
    """Cut off an English headline set right over its story with no blank line between:
    one or two lines at the block's start (`after_end`: the text before it ended a
    sentence or was display type) or after a finished sentence, starting with a capital and ending no
    sentence, over a line that starts with a capital, when the last of them runs a tenth wider
    than the column or leaves room for the next line's first word (wrapping does
    neither), or when the story's first lines repeat most of its words (headlines restate
    the story's opening). The column's measure is the `whole` block's other lines' width
    (the fifth widest of them in five)."""
    whole = whole or block
    first = block  # the first cut starts at the block's start; every later one after a headline
    return _cut_all(block, lambda b: _latin_head_once(b, after_end if b is first else True, whole, w))


def _latin_head_once(block: list[Line], after_end: bool, whole: list[Line], w: Weights) -> _Cuts:
    for j in range(len(block) - 2):
        if not (_ended(block[j - 1].text) if j else after_end) or (j and _byline(block, j - 1)):
            continue
        for m in (1, 2):
            rows, below = block[j : j + m], block[j + m :]
            if len(below) < 2 or any(
                    not _LATIN.search(r.text[:2]) or not _HEADLINE_START.match(r.text) or closed(r.text)
                    or _LATIN_OPEN.search(r.text) or r.credit is not None or r.bold or _opens(r.text)
                    or english.role_line(r.text) or _body_type(r) for r in rows):
                break
            if len(below) >= 2 and _name_under(rows[-1], below[0], below[1], w) is not None:
                return [block[:j], rows], below  # the writer's name under the headline opens the story
            if (not _HEADLINE_START.match(below[0].text) or not _LATIN.search(below[0].text[:2])
                    or english.role_line(below[0].text) or below[0].text.startswith(rows[0].text)
                    or not any(line.text.rstrip("”’\"')").endswith((".", "!", "?")) for line in below[:6])):
                break  # a story goes on below: no copy of the line, and a sentence ends soon
            widths = sorted(_width(line) for line in _wrapping([x for x in whole if x not in rows], w))
            measure = widths[len(widths) * 4 // 5]  # not the widest: a pull quote may run wider
            if (_width(rows[-1]) > 1.1 * measure or _room_for(rows[-1], below[0], measure)
                    or _restated(" ".join(r.text for r in rows), " ".join(line.text for line in below[:4]))):
                return [block[:j], rows], below
    return [block], None


def _wrapping(lines: list[Line], w: Weights) -> list[Line]:
    """The lines that may wrap text, for a column's measure: a line set right or centred
    (`heavy_indent`: a notice's signature, `Derwent Fell Rescue Team` / `7 December 2026`)
    stands as wide as its indent makes it, and against it every line of the column would
    leave a word's room. With no other line, all of them."""
    return [line for line in lines if line.indent < w.heavy_indent] or lines


PLAIN_BODY = 0.03  # a PDF line this near the body's size (against it), not bold, is set in body type


def _body_type(line: Line) -> bool:
    """A PDF line in plain body type: running text, never a headline cut off a block (the
    first line of a column after a finished sentence, `The 38-kilometer line links the`,
    which extracted text cannot tell from a head set over its story)."""
    return line.size > 0 and not line.bold and abs(line.size - 1) <= PLAIN_BODY


_WORD = regex.compile(r"\p{L}{3,}")
_SIGN_OFF = regex.compile(r"^[—–] ?\p{Lu}")  # — Sentinel staff report, — Submitted by Nancy Brill


def _ended(text: str) -> bool:
    """A line that ends a story's text: a finished sentence, a sign-off, or a letter
    writer's name alone on its line."""
    return closed(text) or bool(_SIGN_OFF.match(text)) or english.is_name(text)


def _restated(head: str, text: str) -> bool:
    """Most of a headline's words (two at least) come back in the text under it."""
    words = [w for w in _WORD.findall(head.lower()) if w not in english.SMALL_WORDS]
    text = text.lower()
    found = sum(1 for w in words if w[:5] in text)
    return found >= 2 and 2 * found >= len(words)


def _pointed(body: list[Line], i: int) -> bool:
    """A text page's line that points at its photo (▲, △) and is one sentence, at a
    paragraph's start, with no credit on it or alone under it: a standalone caption
    (▲葛守义在修理一台上世纪三十年代的座钟。), never an author box or a story's text."""
    line, below = body[i], body[i + 1] if i + 1 < len(body) else None
    return (line.size <= 0 and not line.caption and line.credit is None and bool(_POINTER.match(line.text))
            and bool(_CLOSED_END.search(line.text)) and (i == 0 or closed(body[i - 1].text))
            and (below is None or below.credit is None))


def _credit_over(body: list[Line], i: int, target: Para | None, measure: float, around: paragraphs.Around,
                 w: Weights) -> bool:
    """A photo credit alone on its line with no paragraph above it to credit (a head, a
    blank line or a box's edge above it): printed over its caption, it credits the text
    right under it (本报记者 卓文清 摄 / 12月3日深夜，岩溪镇…; byline16). That text is
    caption-shaped: one paragraph to the block's end that opens no story (no indent,
    dateline or byline on its first line); a story under a headline's photo credit
    stays the story's, and a second credit under the caption keeps its own line (fix16)."""
    line, rest = body[i], body[i + 1 :]
    if not (line.credit is not None and not line.text and target is None and rest
            and rest[0].credit is None and bool(rest[0].text.strip()) and not rest[0].bold):
        return False
    if rest[0].indent >= w.indent or _opens(rest[0].text):
        return False
    return not any(_new_paragraph(rest[k], rest[k - 1], measure, True, w, rest[:k], around) for k in range(1, len(rest)))


def _captioned(body: list[Line]) -> bool:
    """A block that holds a captioned photo's text: a credit alone on its line, or on a line
    before any line that ends a sentence, or on that line. A caption run in with its credit
    under a finished sentence is set under the story's last lines, which may carry on a
    paragraph over a column break."""
    credit = next((k for k, line in enumerate(body) if line.credit is not None), None)
    return credit is not None and (not body[credit].text or all(not closed(line.text) for line in body[:credit]))


def _before_jump(body: list[Line]) -> list[Line]:
    """A block's lines down to its first jump line (`Continued on Page 4`): a story's text
    ends there, so a photo's caption and credit under the jump line say nothing of the lines
    over it, which may carry the story's paragraph on over a column break."""
    return next((body[:k] for k, line in enumerate(body) if fields.JUMP_TO.search(line.text)), body)


def _credit_below(blocks: list[list[Line]], k: int) -> bool:
    """A credit set apart right under this block (its caption's credit)."""
    nxt = blocks[k + 1] if k + 1 < len(blocks) else []
    return len(nxt) == 1 and nxt[0].credit is not None and not nxt[0].text


def _across(blocks: list[list[Line]], k: int, w: Weights) -> bool:
    """A one-line headline printed across a column break: the next block goes on unindented."""
    nxt = blocks[k + 1] if k + 1 < len(blocks) else None
    return len(blocks[k]) == 1 and nxt is not None and nxt[0].indent < w.indent and not headline_like(nxt, w)
