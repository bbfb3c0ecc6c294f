"""Read newspaper page PDFs with PyMuPDF: characters with positions, sizes and fonts
become the same line listing a text extractor gives, but built from geometry.

- Fake bold (every glyph drawn twice, a fraction of a point apart) is removed by
  position: a glyph on top of its own twin is one glyph, and the line counts as bold.
- Lines are glyphs on one baseline, cut where a gap wider than a column gutter opens.
- Reading order comes from recursive XY cuts: split the page at the widest empty vertical
  gutter (columns, articles side by side), else at an empty horizontal band (rows of
  articles, a headline over its body), down to single columns read top to bottom. A
  vertical headline block is a narrow column of one glyph a line.
- Display type (a size well above the body size, a bold font or fake bold) is marked, so
  headlines and subheads are known rather than guessed; indents are measured in ems.
- Lines in the top and bottom margin band are page furniture; images are extracted into
  the edition folder and tied to the caption printed under them.

The result per page is a `PdfPage`: text lines, the numbers of display lines, positions
for the report and the figures; `layout.lay_out_page` takes it from there.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import regex

from ..assets import safe_file_name
from ..errors import InputError, Problem
from . import english, fields, furniture, pdfgrid, pdfheads, pdflines, pictures
from .layout import LATIN_END, SIGNATURE_LINES, closed, cjk_end
from .pdfheads import extent
from .repair import SPACED_GLYPHS
from .weights import active
from .segment import SUBHEAD_SHARE, SUBHEAD_TYPE  # one rule: the reader cuts subheads where the segmenter reads them

MARGIN_BAND = 0.03  # share of the page height at top and bottom that holds only furniture
DISPLAY_SIZE = 1.15  # a line this much larger than the body size is display type
TWIN = 0.25  # a glyph within this share of its size of its twin is fake bold
TWIN_OVERLAP = 0.75  # ... and within this share of its own width (else it is the next of two narrow letters)
ROW_GAP = 1.5  # a horizontal band this many times the widest gutter cuts first
CAPTION_SIZE = 0.95  # a block this much smaller than the body size next to a picture is its caption
RULE_WIDTH = 0.6  # a head or foot rule runs across this share of the page's width or more
HEAD_BAND, FOOT_BAND = 0.2, 0.2  # shares of the page height where head and foot rules stand
FURNITURE_ROWS = 3  # at most this many rows of type beyond a head or foot rule are its furniture
CREDIT_INDENT = 16  # half-ems: how far a credit alone on its line is printed to the right
TABLE_TITLE = 16  # characters: a line this short right above a table is its title
GUTTER = 0.5  # ems: a wider gap on a baseline separates two columns (unless letter-spacing is wider)
PAD_SPACE = 0.2  # ems: a space this narrow is character spacing's padding, not a word space (none is so thin)
WORD_STEP = 0.25  # ems: in a line letter-spaced with space characters, a gap this much wider than the narrowest is a word space
SPREAD = 1.6  # ems: one-line fragments of display type this close on one baseline are one letter-spaced word
LEADING = 0.2  # ems: a line this much further below the one above than the block's line pitch opens a paragraph
LEAD_GLYPHS = 2  # a bold run-in head has this many glyphs or more, and so has the plain text after it
THREAD_TOP = 0.5  # ems: running text in the next column whose top lies this close continues a story
THREAD_GUTTER = 3  # ems: across a gutter this wide or narrower
EDGE = 0.3  # ems: lines starting this near one x share a column's left edge
HANGING = "。，、．」』）》〉】〕"  # full-width marks inked in their box's left half (horizontal CJK type)
HUNG = 0.1  # ems: a gap this wide after such a mark is no justified letter-spacing
HUNG_PITCH = 2.5  # ems: the lines of a column above and below one lie this near its baseline
SPACED_GUTTER = 1.5  # ems: after a word space, a gap this wide with a clear channel above and below is a gutter
VERTICAL_BESIDE = pdfheads.VERTICAL_BESIDE  # head's ems: a vertical headline's text starts this close right of it and level with its top


Rect = tuple[float, float, float, float]


@dataclass
class _Glyph:
    c: str
    x0: float
    y0: float
    x1: float
    y1: float
    base: float
    size: float
    bold: bool
    italic: bool = False
    pen: float = 0.0  # the origin's x: where the pen stood (a bbox can start left of it)
    reverse: bool = False  # light ink (reverse type on a dark band)


@dataclass
class _Box:
    """A line fragment (glyphs on one baseline) or an image."""

    x0: float
    y0: float
    x1: float
    y1: float
    text: str = ""
    size: float = 0.0
    bold: bool = False
    image: str | None = None  # path written, relative to the edition folder
    italic: bool = False
    table: int | None = None  # a row of the table in this ruled box
    base: float = 0.0  # the baseline
    lead: int = 0  # characters of a bold run-in head opening the line (a brief's title), else 0
    reverse: bool = False  # set in light ink (reverse type)
    word: float = 0.0  # the printed width of its first unbreakable run (pdflines.first_word)
    parts: tuple[_Box, ...] = ()  # a table cell wrapped over lines: the line boxes it joins


@dataclass
class PdfPage:
    """One PDF page as numbered text lines and what geometry told about them."""

    number: int
    text: str
    display: set[int] = field(default_factory=set)  # 1-based line numbers set in display type
    where: dict[int, str] = field(default_factory=dict)  # line number → "(x, y)" in points from the top left
    figures: dict[int, str] = field(default_factory=dict)  # caption's first line → image path
    captions: set[int] = field(default_factory=set)  # lines in caption type (small or italic) next to a picture
    boxes: dict[int, int] = field(default_factory=dict)  # line number → the ruled box it sits in
    sizes: dict[int, float] = field(default_factory=dict)  # line number → type size against the body size
    tops: dict[int, float] = field(default_factory=dict)  # line number → its top, in body ems from the page's top
    opens: set[int] = field(default_factory=set)  # lines under one that stopped short (pdflines): each opens a paragraph
    margin: list[tuple[str, str]] = field(default_factory=list)  # (position, text) in the margin band
    labels: list[tuple[str, str, str]] = field(default_factory=list)  # (position, text, why): a head group's labels
    dropped: Counter[str] = field(default_factory=Counter)  # the second copy of fake-bold glyphs
    images: int = 0
    skipped: list[str] = field(default_factory=list)  # pictures left out, and why: damaged images, too many placements


def read_pdf(path: Path, image_dir: Path | None = None, image_prefix: str = "images",
             image_stem: str | None = None) -> list[PdfPage]:
    """Every page of a PDF; images go to image_dir when given, named `image_stem-pPAGE-K`
    (by default the file's stem made safe for a file system and a URL)."""
    try:
        import pymupdf
    except ImportError:
        raise InputError.single(path, "reading PDF pages needs PyMuPDF: pip install 'newsprint-exporter[pdf]'") from None
    try:
        doc = pymupdf.open(path)
    except Exception as exc:  # noqa: BLE001 - PyMuPDF raises several types for a damaged file
        raise InputError.single(path, f"not a readable PDF: {exc}") from None
    stem = image_stem or safe_file_name(path.stem, "page")
    with doc:
        glyphs = [_unless_damaged(path, n, _glyphs, page) for n, page in enumerate(doc, start=1)]
        empty = [n for n, gs in enumerate(glyphs, start=1) if not any(not g.c.isspace() for g in gs)]
        if empty:  # refused before any image is written
            raise InputError([Problem(path, f"page {n}", "no text layer; OCR is not supported") for n in empty])
        return [_unless_damaged(path, n, _page, doc, page, n, gs, stem, image_dir, image_prefix)
                for n, (page, gs) in enumerate(zip(doc, glyphs), start=1)]


def _unless_damaged(path: Path, number: int, read, *args):  # noqa: ANN001, ANN002, ANN202
    """`read(*args)`; a page PyMuPDF cannot read is bad input naming the file and page."""
    try:
        return read(*args)
    except pictures.damage() as exc:
        raise InputError.single(path, f"page {number} cannot be read: {exc}") from None


def _glyphs(page) -> list[_Glyph]:  # noqa: ANN001 - a pymupdf.Page
    out = []
    import pymupdf

    # without TEXT_PRESERVE_IMAGES: decoding every image here would cost eight times the text
    flags = pymupdf.TEXT_PRESERVE_WHITESPACE | pymupdf.TEXT_PRESERVE_LIGATURES | pymupdf.TEXT_MEDIABOX_CLIP
    for block in page.get_text("rawdict", flags=flags)["blocks"]:
        for line in block.get("lines", ()):
            for span in line["spans"]:
                bold = bool(span["flags"] & 16) or any(w in span["font"] for w in ("Bold", "Black", "Heavy"))
                italic = bool(span["flags"] & 2) or any(w in span["font"] for w in ("Italic", "Oblique"))
                reverse = _light(span.get("color", 0))
                for ch in span["chars"]:
                    x0, y0, x1, y1 = ch["bbox"]
                    out.append(_Glyph(ch["c"], x0, y0, x1, y1, ch["origin"][1], span["size"], bold, italic,
                                      ch["origin"][0], reverse))
    return out


LIGHT_INK = 0.8  # text in ink this light (luminance, 0–1) is reverse type


def _light(color: int) -> bool:
    """Whether an sRGB colour (as PyMuPDF gives it, 0xRRGGBB) is light ink."""
    r, g, b = (color >> 16) & 255, (color >> 8) & 255, color & 255
    return (0.299 * r + 0.587 * g + 0.114 * b) / 255 >= LIGHT_INK


SOFT_HYPHEN = "\u00ad"


def _undouble(glyphs: list[_Glyph], dropped: Counter[str]) -> list[_Glyph]:
    """Drop a glyph drawn on top of its twin, and mark the one kept as bold; drop soft
    hyphens (U+00AD), which a browser leaves in the text of every word it may hyphenate."""
    kept: list[_Glyph] = []
    cells: dict[tuple[str, int, int], list[_Glyph]] = {}
    for g in glyphs:
        if g.c == SOFT_HYPHEN:  # a browser's hyphenation point inside a word: invisible, layout
            dropped[g.c] += 1
            continue
        tol = TWIN * g.size
        kx, ky = int(g.x0 // max(tol, 0.1)), int(g.base // max(tol, 0.1))
        # a twin overlaps its glyph mostly: the next of two narrow letters (the ll of 8 pt
        # Millbrook, 1.8 pt apart) starts where the first ends, a twin a fraction of that on;
        # a glyph with no width (the i of an fi ligature, drawn at the f's end) has only its place
        twin = next((k for dx in (-1, 0, 1) for dy in (-1, 0, 1) for k in cells.get((g.c, kx + dx, ky + dy), ())
                     if abs(k.x0 - g.x0) < (min(tol, TWIN_OVERLAP * (k.x1 - k.x0)) if k.x1 > k.x0 else tol)
                     and abs(k.base - g.base) < tol and abs(k.size - g.size) < 0.5), None)
        if twin is not None:
            twin.bold = True
            if not g.c.isspace():
                dropped[g.c] += 1
            continue
        cells.setdefault((g.c, kx, ky), []).append(g)
        kept.append(g)
    return kept


def _lines(glyphs: list[_Glyph]) -> list[_Box]:
    """Glyphs on one baseline, left to right by pen position (glyphs at one position in the
    order drawn), cut at gaps wider than a gutter."""
    rows: list[list[_Glyph]] = []
    for g in sorted(glyphs, key=lambda g: (round(g.base, 1), round(g.pen, 1))):
        row = rows[-1] if rows else None
        if row and abs(row[0].base - g.base) < 0.3 * g.size and abs(row[0].size - g.size) < 0.2 * min(row[0].size, g.size):
            row.append(g)
        else:
            rows.append([g])
    boxes = []
    for row in rows:
        row.sort(key=lambda g: round(g.pen, 1))  # stable: glyphs drawn at one pen position keep their order
    rows = [_untracked(row) for row in rows]
    ink = [[(g.x0, g.x1) for g in row if not g.c.isspace()] for row in rows]
    for i, row in enumerate(rows):
        tracking = _tracking(row)
        near = [ink[j] for j in range(max(0, i - 3), min(len(rows), i + 4))
                if j != i and abs(rows[j][0].base - row[0].base) < 4 * row[0].size]
        pitch = [ink[j] for j in range(len(rows)) if j != i and abs(rows[j][0].base - row[0].base) < HUNG_PITCH * row[0].size]
        run, right = [row[0]], row[0].x1
        for g in row[1:]:
            gap = g.x0 - right
            if g.c == " " or run[-1].c == " ":
                # a justified word space may be wide; a gutter runs down the lines around it too
                cut = gap > 10 * g.size or (gap > SPACED_GUTTER * g.size and _channel(near, right, g.x0, g.size)
                                            and _column_edge(near, g.x0, g.size))
            else:
                # twice the letter-spacing there; right: a zero-width glyph ends nothing
                cut = gap > max(GUTTER * g.size, 2 * tracking.get(id(g), 0.0))
                cut = cut or _hung(run, g, pitch)
            if cut:
                boxes.append(_box(run))
                run = []
            run.append(g)
            right = max(right, g.x1) if len(run) > 1 else g.x1
        boxes.append(_box(run))
    return [b for b in boxes if b.text.strip()]


def _hung(run: list[_Glyph], g: _Glyph, around: list[list[tuple[float, float]]]) -> bool:
    """Whether the run ends on a full-width stop, comma or closing bracket hung into the gutter
    before g, the next column's first glyph: such a mark's box is an em wide but inks only its
    left half, so the box ends a hair from g. The gap from its ink is a gutter's (`GUTTER`), wider
    than justified spacing leaves (`HUNG`), and the lines of the run's column above and below it
    (`around`: the lines a line pitch away that ink across the run) leave it clear, and one of
    them ends where the mark's box begins: the column's measure, which the mark hangs past."""
    mark = run[-1]
    if mark.c not in HANGING or mark.x1 - mark.x0 < 0.8 * mark.size:
        return False
    inked = mark.x0 + 0.5 * mark.size
    if g.x0 - mark.x1 <= HUNG * g.size or g.x0 - inked <= GUTTER * g.size:
        return False
    column = [r for r in around if any(a < mark.x0 and b > run[0].x0 for a, b in r)]
    if any(b > inked and a < g.x0 for r in column for a, b in r):
        return False
    ends = [max(b for a, b in r if a < mark.x0) for r in column]
    return any(abs(end - mark.x0) <= EDGE * mark.size for end in ends)


def _tracking(row: list[_Glyph]) -> dict[int, float]:
    """Per inked glyph (by id): the letter-spacing at the gap before it, read from the gaps
    next to that one (the nearest on each side with no space inside; the smaller of the
    two): about 0 in running text, at a cell's or a column's edge, and where an unspaced
    line shares the baseline; even gaps in a letter-spaced headline. Gaps across a space
    do not count: a word space is no letter-spacing, and a letter-spaced run of digits or
    Latin may be drawn with a space glyph as its spacing (`3 0 元`)."""
    ink: list[_Glyph] = []
    gaps: list[float | None] = []  # the gap before each inked glyph; None across a space or at the start
    spaced = False
    for g in row:
        if g.c.isspace():
            spaced = True
            continue
        gaps.append(None if spaced or not ink else g.x0 - ink[-1].x1)
        ink.append(g)
        spaced = False
    out: dict[int, float] = {}
    for k, g in enumerate(ink):
        left = next((x for x in reversed(gaps[max(0, k - 3):k]) if x is not None), None)
        right = next((x for x in gaps[k + 1:k + 4] if x is not None), None)
        sides = [x for x in (left, right) if x is not None]
        out[id(g)] = min(sides) if sides else 0.0
    return out


def _untracked(row: list[_Glyph]) -> list[_Glyph]:
    """A letter-spaced line without the space glyphs that only draw its spacing: a space
    whose inked neighbours stand no further apart than the letter-spacing there (a word
    space in a letter-spaced line adds a space's width to it); and, in a line with three or
    more, spaces narrower than any word space, which PyMuPDF puts into the padding that PDF
    character spacing (`Tc`, reportlab's charSpace) leaves between letters."""
    tracking = _tracking(row)
    narrow = [g for g in row if g.c == " " and g.x1 - g.x0 < PAD_SPACE * g.size]
    out = []
    for k, g in enumerate(row):
        if g.c == " " and len(narrow) >= 3 and any(g is h for h in narrow):
            continue  # a space the extractor put in a letter-spaced word's padding (PDF character spacing)
        if g.c == " ":
            before = next((h for h in reversed(row[:k]) if not h.c.isspace()), None)
            after = next((h for h in row[k + 1:] if not h.c.isspace()), None)
            if (before is not None and after is not None and tracking[id(after)] >= 0.25 * g.size
                    and after.x0 - before.x1 <= 1.5 * tracking[id(after)]):
                continue
        out.append(g)
    return out


def _column_edge(rows: list[list[tuple[float, float]]], x: float, size: float) -> bool:
    """Whether text starts at x on two or more of the lines around: the left edge of the
    next column, which a gutter's far side is. A word space that justification stretched
    (`moment   money   becomes`, a column's short top line) has words of the lines around
    starting anywhere but there."""
    tol = EDGE * size
    starts = 0
    for row in rows:
        right = [a for a, _ in row if a > x - tol]
        if not right:
            continue
        before = max((b for a, b in row if a <= x - tol), default=None)  # a glyph across x - tol too
        first = min(right)
        starts += abs(first - x) <= tol and (before is None or first - before > 0.2 * size)
    return starts >= 2


def _channel(rows: list[list[tuple[float, float]]], x0: float, x1: float, size: float) -> bool:
    """Whether the lines around a gap leave a clear channel inside it (a column gutter):
    at least two of them, and room as wide as a gutter (`GUTTER`) somewhere in the gap that
    none of them inks: word spaces of the lines around, lined up by chance, leave less."""
    rows = [r for r in rows if r]
    if len(rows) < 2:
        return False
    inked = sorted((max(a, x0), min(b, x1)) for r in rows for a, b in r if b > x0 and a < x1)
    at = x0
    for a, b in inked:
        if a - at >= GUTTER * size:
            return True
        at = max(at, b)
    return x1 - at >= GUTTER * size


def _box(run: list[_Glyph]) -> _Box:
    ink = [g for g in run if not g.c.isspace()] or run
    size = Counter(round(g.size, 1) for g in ink).most_common(1)[0][0]
    text = _spaced_out(run) or "".join(g.c for g in run).strip()
    lead = _lead(run)
    return _Box(min(g.x0 for g in ink), min(g.y0 for g in ink), max(g.x1 for g in ink), max(g.y1 for g in ink),
                text, size, not lead and sum(g.bold for g in ink) * 2 > len(ink),
                italic=sum(g.italic for g in ink) * 2 > len(ink), base=max(g.base for g in ink), lead=lead,
                reverse=sum(g.reverse for g in ink) * 2 > len(ink),
                word=pdflines.first_word([(g.c, g.x0, g.x1) for g in run]))


def _spaced_out(run: list[_Glyph]) -> str | None:
    """A bold line of single letters or glyphs, each set apart by a space character
    (`M U S E U M   O P E N`, `第 十 二 屆` with en spaces; not figures alone, a row of a
    table's numbers): display type letter-spaced by typing spaces, which `_untracked` cannot
    tell from word spaces. Its text without the narrowest gaps (the letter-spacing); a gap wider by `WORD_STEP` ems, or by half the
    narrowest where that is less (a font's space may be a quarter em: two spaces are then a
    word gap exactly a quarter em wider), is a word space."""
    ink = [g for g in run if not g.c.isspace()]
    if (len(ink) < SPACED_GLYPHS or len("".join(g.c for g in run).split()) != len(ink)
            or not all(g.c.isalnum() and g.bold for g in ink) or all(g.c.isdigit() for g in ink)):
        return None
    gaps = [b.x0 - a.x1 for a, b in zip(ink, ink[1:])]
    narrow = min(gaps)
    if narrow <= 0:
        return None
    return ink[0].c + "".join((" " if gap > narrow + min(WORD_STEP * g.size, narrow / 2) else "") + g.c
                              for gap, g in zip(gaps, ink[1:]))


def _lead(run: list[_Glyph]) -> int:
    """The length of a bold run-in head (`◆卡洛斯有望续约　东港海…`, `Swimming pools reopen
    Six public…`): bold glyphs opening the line, then a space, then only plain type; 0 if none."""
    start = next((k for k, g in enumerate(run) if not g.c.isspace()), 0)
    end = next((k for k in range(start, len(run)) if not run[k].bold), len(run))
    if end >= len(run) or not run[end].c.isspace():
        return 0
    lead, rest = run[start:end], [g for g in run[end:] if not g.c.isspace()]
    if sum(not g.c.isspace() for g in lead) < LEAD_GLYPHS or len(rest) < LEAD_GLYPHS or any(g.bold for g in rest):
        return 0
    return len("".join(g.c for g in lead).rstrip())


def _stack(boxes: list[_Box], body: float = 0.0) -> list[list[_Box]]:
    """Stack lines into blocks: a line joins the block whose last line sits just above it,
    overlapping it across most of the narrower width or starting at its left edge give or
    take an indent (a paragraph's short last line under an indented first), in the same
    size and weight."""
    blocks: list[list[_Box]] = []
    for b in sorted(boxes, key=lambda b: (b.y0, b.x0)):
        home = None
        if b.table is not None:  # a table's rows stay one block, however far apart
            home = next((block for block in blocks if block[-1].table == b.table), None)
        elif b.image is None:
            for block in blocks:
                last = block[-1]
                overlap = min(last.x1, b.x1) - max(last.x0, b.x0)
                if (last.image is None and (-0.2 * b.size <= b.y0 - last.y1 < 0.8 * b.size or _upright(last, b)
                                            or _wrapped_head(last, b, body))
                        and (overlap > 0.5 * min(last.x1 - last.x0, b.x1 - b.x0)
                             or (abs(b.x0 - last.x0) <= active().pdf_indent * b.size and b.x1 > last.x0 - 0.5 * b.size))
                        and last.bold == b.bold and abs(last.size - b.size) < 0.5):
                    home = block
                    break
        if home is None:
            blocks.append([b])
        else:
            home.append(b)
    return blocks


def _spread(blocks: list[list[_Box]], body: float) -> list[list[_Box]]:
    """Join a short letter-spaced headline the line cutter took apart: single lines of one
    or two glyphs in display type, on one baseline in one size and weight, each within
    `SPREAD` ems of the next (`雨　水`: with one gap there is no letter-spacing beside it to
    read the gap against). Vertical type is not touched: its glyphs stack into blocks of
    several lines."""

    def fragment(block: list[_Box]) -> bool:
        b = block[0]
        return (len(block) == 1 and b.image is None and b.table is None and len(b.text) <= 2
                and (b.bold or b.size >= DISPLAY_SIZE * body))

    joined: dict[int, list[_Box]] = {}  # the first fragment's block → the word
    gone: set[int] = set()
    run: list[_Box] | None = None
    for block in sorted((b for b in blocks if fragment(b)), key=lambda b: (round(b[0].base), b[0].x0)):
        b, last = block[0], run[-1] if run else None
        if (last is not None and abs(last.base - b.base) < 0.1 * b.size and abs(last.size - b.size) < 0.1 * b.size
                and last.bold == b.bold and 0 < b.x0 - last.x1 <= SPREAD * b.size):
            run.append(b)
            gone.add(id(block))
        else:
            run = joined[id(block)] = [b]
    out = []
    for block in blocks:
        if id(block) in gone:
            continue
        word = joined.get(id(block), [])
        if len(word) > 1:
            first, end = word[0], word[-1]
            block = [_Box(first.x0, min(b.y0 for b in word), end.x1, max(b.y1 for b in word),
                          "".join(b.text for b in word), first.size, first.bold, italic=first.italic, base=first.base)]
        out.append(block)
    return out


def _leaded(block: list[_Box]) -> set[int]:
    """Lines of a block that open a paragraph set apart by extra leading: a baseline that
    stands more than a fifth of an em further below the line above than the block's
    tightest line pitch (paragraph spacing smaller than the gap that cuts blocks apart).
    Needs three lines or more, so that the pitch is known; vertical type has none."""
    if len(block) < 3 or all(b.x1 - b.x0 <= 1.5 * b.size for b in block):
        return set()
    pitch = [block[i].base - block[i - 1].base for i in range(1, len(block))]
    least = min(pitch)
    return {i for i, p in enumerate(pitch, start=1) if p > least + LEADING * block[i].size}


WRAP_PITCH = 1.6  # ems: a display line's next line stands at most this far below its baseline


def _wrapped_head(last: _Box, b: _Box, body: float) -> bool:
    """A headline's next line: display type in one size whose glyph boxes overlap the line
    above's (a font with tall ascenders and descenders), a baseline pitch of an em or so
    under it. Cut apart, its lines were read as a kicker and a headline (`僑校聯合書法比賽 學`
    over `生揮毫`)."""
    return (b.size == last.size and b.size > 0 and body > 0 and (b.bold or b.size >= DISPLAY_SIZE * body)
            and 0.9 * b.size <= b.base - last.base <= WRAP_PITCH * b.size)


def _upright(last: _Box, b: _Box) -> bool:
    """The next glyph of vertical type under the last: both a glyph wide (two upright digits
    at most), one above the other at about one em's pitch. Their boxes may overlap: a CJK
    font's box is taller than the em that vertical type advances by."""
    narrow = max(last.x1 - last.x0, b.x1 - b.x0) <= 1.5 * b.size
    return narrow and abs((last.x0 + last.x1) - (b.x0 + b.x1)) < 0.5 * b.size and 0.5 * b.size < b.y0 - last.y0 < 1.6 * b.size


def _gaps(blocks: list[list[_Box]], vertical: bool, rects: list[Rect] = ()) -> list[tuple[float, float]]:
    """Empty bands across all blocks as (width, position); x positions for vertical cuts.
    A ruled box round some of the blocks (not all) is one of them: no cut runs through it."""
    extents = [extent(b) for b in blocks]
    held = [r for r in rects if 0 < sum(_within(e, r) for e in extents) < len(extents)]
    spans = sorted((e[0], e[2]) if vertical else (e[1], e[3]) for e in extents + held)
    cuts, end = [], spans[0][1]
    for lo, hi in spans[1:]:
        if lo > end:
            cuts.append((lo - end, (end + lo) / 2))
        end = max(end, hi)
    return cuts


def _within(e: Rect, r: Rect) -> bool:
    return r[0] <= e[0] and e[2] <= r[2] and r[1] <= e[1] and e[3] <= r[3]


def _xycut(blocks: list[list[_Box]], body: float, column: tuple[int, ...] = (),
           rects: list[Rect] = (), ruled: Sequence[pdfheads.Rule] = ()) -> list[tuple[list[_Box], tuple[int, ...]]]:
    """Blocks in reading order, each with its column: the path of strips down to the last
    vertical cut (so blocks one above the other share it).

    Cut first at the widest empty horizontal band when it is much wider than any gutter
    (between rows of articles: the grid's gutters may line up down the whole page), else
    at the widest empty vertical gutters (columns, articles side by side), else at the
    widest horizontal band (under a headline); recurse into the strips, read left to right
    and top to bottom. Before all these, the empty bands that hold a rule drawn across the
    whole strip (`_ruled_rows`) separate rows, however thin: the paper drew them there.
    """
    if len(blocks) <= 1:
        return [(b, column) for b in blocks]
    across = [(w, at) for w, at in _gaps(blocks, True, rects) if w >= 0.3 * body]
    down = [(w, at) for w, at in _gaps(blocks, False, rects) if w >= 0.05 * body]
    if not across and not down:
        return [(b, column) for b in sorted(blocks, key=lambda b: (extent(b)[1], extent(b)[0]))]
    drawn = _ruled_rows(blocks, down, ruled, body)
    if drawn:  # rows the paper ruled off: cut there first, whatever the gutters and other bands
        return _strips(blocks, body, column, rects, ruled, drawn, vertical=False)
    # a band much wider than any gutter separates rows, even where column grids line up; so
    # does a band as wide as the gutters under which only headlines start (a new row of articles)
    wide = bool(across and down) and max(down)[0] >= ROW_GAP * max(across)[0]
    rows = [(w, at) for w, at in down if w >= max(across)[0] and _headed(blocks, at + w / 2, body)] if across else []
    vertical = bool(across) and not wide and not rows
    options = across if vertical else rows if rows and not wide else down
    widest = max(w for w, _ in options)
    cuts = sorted(at for w, at in options if w >= 0.8 * widest)
    return _strips(blocks, body, column, rects, ruled, cuts, vertical)


def _strips(blocks: list[list[_Box]], body: float, column: tuple[int, ...], rects: Sequence[Rect],
            ruled: Sequence[pdfheads.Rule], cuts: list[float], vertical: bool) -> list[tuple[list[_Box], tuple[int, ...]]]:
    """The blocks cut at `cuts` (x positions if `vertical`, else y), each strip read in turn."""
    strips: list[list[list[_Box]]] = [[] for _ in range(len(cuts) + 1)]
    for block in blocks:
        x0, y0, _, _ = extent(block)
        strips[sum(1 for c in cuts if (x0 if vertical else y0) > c)].append(block)
    return [leaf for k, strip in enumerate(strips) if strip
            for leaf in _xycut(strip, body, (*column, k) if vertical else (*column, -1 - k), rects, ruled)]


def _ruled_rows(blocks: list[list[_Box]], down: list[tuple[float, float]], ruled: Sequence[pdfheads.Rule],
                body: float) -> list[float]:
    """The empty horizontal bands (of `down`) in which a rule is drawn across the strip's whole
    width (short of either edge by `Weights.rule_reach` body ems at most): a paper rules off one
    row of stories from the next, so such a band separates rows however thin it is beside the
    gutters (a sidebar's gutter, a column foot over the next story)."""
    if len(blocks) < 2 or not ruled:
        return []
    extents = [extent(b) for b in blocks]
    x0, x1 = min(e[0] for e in extents), max(e[2] for e in extents)
    reach = active().rule_reach * body
    return sorted(at for w, at in down
                  if any(rx0 <= x0 + reach and rx1 >= x1 - reach and abs(y - at) <= w / 2 for rx0, rx1, y in ruled))


def _headed(blocks: list[list[_Box]], y: float, body: float) -> bool:
    """Whether the text blocks starting just under y (within two body lines) are all display
    type, and there are some: a band that opens a row of headlines, not one under a headline."""
    starting = [b for b in blocks if b[0].image is None and 0 <= extent(b)[1] - y < 2 * body]
    return bool(starting) and all(b[0].bold or b[0].size >= DISPLAY_SIZE * body for b in starting)


def _vertical_heads(order: list[tuple[list[_Box], tuple[int, ...]]]) -> Iterator[int]:
    """Where the blocks in `order` are vertical headlines: columns of one glyph a line (or
    upright digits), three lines or more. Lazily, so the caller may move blocks meanwhile."""
    for i in range(len(order)):
        if pdfheads.vertical(order[i][0]):
            yield i


def _vertical_first(order: list[tuple[list[_Box], tuple[int, ...]]], body: float) -> list[tuple[list[_Box], tuple[int, ...]]]:
    """A vertical headline (one glyph a line) standing to the right of its text is read
    first, as vertical type reads from the right: it moves before the text blocks just
    before it that lie to its left, level with it, passing over blocks printed wholly under
    it (a photo and its caption at the column's foot, read between the text and the head).
    Where it would pass another story's headline (display type as large as the head's own:
    the head's story holds no kicker or subhead so large), it passes only blocks of its own
    strip (the cuts' strip that holds the head's column): the head of a story at a row's
    right end heads the text beside it, not the stories further left in the row. A head whose
    text starts right beside its top on its right (`_text_right`, text under no head of its
    own: `_under_head`) passes no story headed in display type of its own: it heads that text,
    not the story left of it (a letter under its own head)."""
    out = list(order)
    for i in _vertical_heads(out):
        at = _vertical_passes(out, i, ())
        size = max(max(x.size for x in out[i][0]), DISPLAY_SIZE * body)
        if any(b[0].image is None and b[0].size >= size for b, _ in out[at:i]):
            at = _vertical_passes(out, i, out[i][1][:-1])
        if (any(b[0].image is None and b[0].size >= DISPLAY_SIZE * body for b, _ in out[at:i])
                and (j := _text_right(out, i, body)) is not None and not _under_head(out, j, body)):
            at = i
        if at < i:
            out.insert(at, out.pop(i))
    return out


def _vertical_passes(out: list[tuple[list[_Box], tuple[int, ...]]], i: int, strip: tuple[int, ...]) -> int:
    """Where the vertical head at i moves to (`_vertical_first`), passing only blocks whose
    column lies in `strip`."""
    block = out[i][0]
    x0, y0, _, y1 = extent(block)
    j = at = i
    while j > 0 and out[j - 1][1][: len(strip)] == strip:
        px0, py0, px1, py1 = extent(out[j - 1][0])
        pictured = out[j - 1][0][0].image is not None or j > 1 and out[j - 2][0][0].image is not None
        if out[j - 1][0][0].image is None and px1 <= x0 and py0 < y1 and py1 > y0:
            at = j - 1
        elif py0 < y1 or not (pictured or _column_foot(out, j - 1, x0, y0, y1)):
            break  # only a photo and its caption, or the foot of the column beside it, under the head are passed over
        j -= 1
    return at


def _column_foot(out: list[tuple[list[_Box], tuple[int, ...]]], k: int, x0: float, y0: float, y1: float) -> bool:
    """Whether block k, left of a vertical head (from x0) and under its foot, ends a column
    whose text above it stands level with the head (a letter's signature under the head's
    last glyph): the head passes it with the column's text."""
    column = out[k][1]
    j = k
    while j > 0 and out[j - 1][1] == column:
        j -= 1
    run = [extent(b) for b, _ in out[j:k + 1]]
    return (out[k][0][0].image is None and all(e[2] <= x0 for e in run)
            and any(e[1] < y1 and e[3] > y0 for e in run))


def _vertical_left(order: list[tuple[list[_Box], tuple[int, ...]]], body: float) -> list[tuple[list[_Box], tuple[int, ...]]]:
    """A vertical headline (one glyph a line) standing just left of its running text, the
    text's top level with the head's, and with no running text just left of it (which it
    would head, as vertical type reads from the right), is read right before that text:
    the cuts may read the column left of the head between them (a table, a puzzle corner).
    The text moves to follow the head, with the blocks stacked under it in its column (a
    byline)."""
    out = list(order)
    for i in _vertical_heads(out):
        block = out[i][0]
        hx0, hy0, _, _ = extent(block)
        em = block[0].size
        if any(_running(b, hy0, VERTICAL_BESIDE * em, body) and 0 <= hx0 - extent(b)[2] <= VERTICAL_BESIDE * em
               for b, _ in out):
            continue  # text just left of the head: it heads that (vertical type reads from the right)
        j = _text_right(out, i, body)
        if j is None or j == i + 1 or _under_head(out, j, body):
            continue
        tx0, _, tx1, ty1 = extent(out[j][0])
        end = j + 1
        while end < len(out):
            x0, y0, x1, y1 = extent(out[end][0])
            if not (tx0 - body <= x0 and x1 <= tx1 + body and y0 >= ty1 - 0.2 * body):
                break
            ty1, end = y1, end + 1
        out[i + 1:i + 1] = [out.pop(j) for _ in range(end - j)]
    return out


def _text_right(order: list[tuple[list[_Box], tuple[int, ...]]], i: int, body: float) -> int | None:
    """The first block after the vertical head at i that is running text starting just right
    of it (within `VERTICAL_BESIDE` of its ems), its top level with the head's (within an em)."""
    hx0, hy0, hx1, _ = extent(order[i][0])
    em = order[i][0][0].size
    return next((k for k in range(i + 1, len(order)) if _running(order[k][0], hy0, em, body)
                 and 0 <= extent(order[k][0])[0] - hx1 <= VERTICAL_BESIDE * em), None)


def _running(block: list[_Box], y: float, reach: float, body: float) -> bool:
    """Running text (neither a picture nor display type) whose top stands within `reach` of y."""
    first = block[0]
    return (first.image is None and not first.bold and first.size < DISPLAY_SIZE * body
            and abs(extent(block)[1] - y) <= reach)


def _under_head(order: list[tuple[list[_Box], tuple[int, ...]]], k: int, body: float) -> bool:
    """Display type stands right over block k (within 1.5 of its ems, across it): its own head."""
    x0, y0, x1, _ = extent(order[k][0])
    for block, _ in order:
        first = block[0]
        bx0, _, bx1, by1 = extent(block)
        if (first.image is None and (first.bold or first.size >= DISPLAY_SIZE * body)
                and 0 <= y0 - by1 <= 1.5 * first.size and min(x1, bx1) - max(x0, bx0) > 0):
            return True
    return False


def _threaded(order: list[tuple[list[_Box], tuple[int, ...]]], body: float) -> list[tuple[list[_Box], tuple[int, ...]]]:
    """A story's text continued in the next column, on a page whose stories are a mosaic
    rather than rows (no band runs across the page between them, so the cuts read column by
    column): running text whose top lines up with running text just left of it, under
    nothing of its own (no head above it nearer than the one above its left neighbour),
    is that story's next column. It moves, with what is stacked under it in its column, to
    right after the end of the story's column, when that end and its start fit (a sentence
    left open and an unindented start, or a finished one and an indented start). Where the
    left text hangs under nothing and the next column stands under a head, that head (over
    the columns right of the first) is read before the first column."""
    out = list(order)
    plain = [not b[0].image and len(b) > 1 and not any(x.bold or x.size >= DISPLAY_SIZE * body for x in b)
             for b, _ in out]
    extents = [extent(b) for b, _ in out]

    def above(k: int) -> int | None:  # the nearest block over k that overlaps it across
        x0, y0, x1, _ = extents[k]
        over = [j for j, e in enumerate(extents) if e[3] <= y0 + 0.2 * body and min(e[2], x1) - max(e[0], x0) > body]
        return max(over, key=lambda j: extents[j][3], default=None)

    moves: list[tuple[int, int, int | None]] = []  # a column, its continuation, the head over the story
    heads: list[tuple[int, int]] = []  # a first column under nothing, and its next column under a head
    root: dict[int, int] = {}  # a continuation → the story's first column of text
    for c in sorted(range(len(out)), key=lambda k: extents[k][0]):
        ec = extents[c]
        if not plain[c]:
            continue
        left = [p for p, ep in enumerate(extents) if plain[p] and abs(ep[1] - ec[1]) <= THREAD_TOP * body
                and 0 <= ec[0] - ep[2] <= THREAD_GUTTER * body]
        if len(left) != 1:
            continue
        p = left[0]
        hp, hc = above(root.get(p, p)), above(c)
        if hc is None or hc == hp or (hp is not None and extents[hc][3] < extents[hp][1]):
            moves.append((p, c, hp))
            root[c] = root.get(p, p)
        elif hp is None and c not in root and p not in root:
            heads.append((p, c))

    def stacked(out: list, i: int, limit: float = SUBHEAD_TYPE * body) -> list[int]:
        """i and the text stacked right under it in its column: running text and subheads
        (type smaller than `limit`: SUBHEAD_TYPE times the body's, and no larger than a
        subhead under the story's headline can be), ending on running text."""
        run = [i]
        while (run[-1] + 1 < len(out) and out[run[-1] + 1][1] == out[i][1] and out[run[-1] + 1][0][0].image is None
               and all(x.size < limit for x in out[run[-1] + 1][0])
               and 0 <= extent(out[run[-1] + 1][0])[1] - extent(out[run[-1]][0])[3] < 2.5 * body):
            run.append(run[-1] + 1)
        while len(run) > 1 and any(x.bold or x.size >= DISPLAY_SIZE * body for x in out[run[-1]][0]):
            run.pop()  # a subhead opens what comes after it
        return run

    for p, c in heads:  # the head printed over the columns right of the first: read it first
        pi = next(i for i, (b, _) in enumerate(out) if b is order[p][0])
        ci = next(i for i, (b, _) in enumerate(out) if b is order[c][0])
        between = out[pi + 1 : ci]
        if between and all(b[0].image is None and extent(b)[3] <= extents[p][1] + 0.2 * body for b, _ in between) \
                and any(x.bold or x.size >= DISPLAY_SIZE * body for b, _ in between for x in b):
            out = out[:pi] + between + [out[pi]] + out[ci:]
    for p, c, hp in moves:
        pi = next(i for i, (b, _) in enumerate(out) if b is order[p][0])
        ci = next(i for i, (b, _) in enumerate(out) if b is order[c][0])
        limit = SUBHEAD_TYPE * body
        if hp is not None and not plain[hp]:  # a subhead is much smaller than the story's headline
            limit = min(limit, SUBHEAD_SHARE * max(x.size for x in order[hp][0]))
        end = stacked(out, pi, limit)[-1]  # the story's column ends there
        first = out[ci][0]
        indented = first[0].x0 - min(b.x0 for b in first) > 0.5 * body
        if ci == end + 1 or closed(out[end][0][-1].text) == (not indented):
            continue  # already in place, or the column's end and its start do not fit (a pull quote between)
        chain = stacked(out, ci, limit)  # the text stacked under the continuation goes with it
        moved = [out[i] for i in chain]
        rest = [item for i, item in enumerate(out) if i not in chain]
        at = next(i for i, (b, _) in enumerate(rest) if b is out[end][0]) + 1
        out = rest[:at] + moved + rest[at:]
    return out


def _bylines_over(order: list[tuple[list[_Box], tuple[int, ...]]], body: float) -> list[tuple[list[_Box], tuple[int, ...]]]:
    """A byline set over a story's columns, above their tops, but within one column's
    measure (centred over the story, or flush right over its last column: `□ 胡守拙`,
    `記者 林佩蓉／報導`) is read before the story's text: the cuts put it at the top of the
    column it stands over, after the columns left of it. It moves to before the first of
    those columns (running text of the same strip, left of it, its top under the byline's
    foot by less than `Weights.byline_over` body ems)."""
    out = list(order)
    extents = [extent(b) for b, _ in order]
    reach = active().byline_over * body
    for k, (block, column) in enumerate(order):
        first = block[0]
        if (len(block) != 1 or first.image is not None or first.bold or first.size >= DISPLAY_SIZE * body or not column
                or k and order[k - 1][1] == column):
            continue
        text = first.text.strip()
        if fields.own_line_byline(text) is None and not _box_writer(text):
            continue
        x0, _, _, y1 = extents[k]
        parent = column[: -1]
        before = [j for j in range(k) if order[j][1][: len(parent)] == parent and order[j][1] != column
                  and order[j][0][0].image is None and len(order[j][0]) > 1
                  and not any(x.bold or x.size >= DISPLAY_SIZE * body for x in order[j][0])
                  and 0 < extents[j][1] - y1 < reach and extents[j][2] < x0]
        if not before:
            continue
        item = out.pop(next(i for i, (b, _) in enumerate(out) if b is block))
        out.insert(next(i for i, (b, _) in enumerate(out) if b is order[before[0]][0]), item)
    return out


def _heads_under(order: list[tuple[list[_Box], tuple[int, ...]]], body: float) -> list[tuple[list[_Box], tuple[int, ...]]]:
    """A head printed under its story's columns (some papers set a feature's title at the foot
    of its text) is read after the story's last column. Display type (one or two lines) stands
    under a column of running text (its top within `Weights.tail_reach` body ems of the
    column's foot, inside its measure) with nothing under it in its column; the block of running
    text right over it (the topmost, if several end within that reach) stands under no head,
    and the story goes on in the columns beside it (`_next_column`: each the
    nearest running text to the right, its top level with the first column's within a line
    pitch, under no head of its own), which end above the head with what is stacked under
    them (a byline). The cuts read such a head between the first column and the next, where
    it cut the story in two; after the story's last column it is the head the segmenter
    reads after its body (`segment._tail`)."""
    out = list(order)
    extents = [extent(b) for b, _ in order]
    plain = [b[0].image is None and not any(x.bold or x.size >= DISPLAY_SIZE * body for x in b) for b, _ in order]
    reach = active().tail_reach * body
    for d, (block, column) in enumerate(order):
        dx0, dy0, dx1, _ = extents[d]
        if (block[0].image is not None or len(block) > 2 or plain[d] or not column
                or any(k > d and order[k][1] == column for k in range(len(order)))):
            continue
        over = [p for p in range(d) if plain[p] and order[p][1] == column and 0 <= dy0 - extents[p][3] <= reach
                and extents[p][0] - body <= dx0 and dx1 <= extents[p][2] + body]
        first = min(over, key=lambda p: extents[p][1], default=None)
        if first is None or len(order[first][0]) < 2 or _under_head(order, first, body):
            continue
        pitch = (order[first][0][-1].base - order[first][0][0].base) / (len(order[first][0]) - 1)
        chain: list[int] = []
        at = _next_column(order, extents, plain, first, first, pitch, body)
        while at is not None:
            chain += [k for k in range(len(order)) if order[k][1] == order[at][1] and extents[k][1] >= extents[at][1]]
            at = _next_column(order, extents, plain, first, at, pitch, body)
        if not chain or any(extents[k][3] > dy0 for k in chain):
            continue
        item = out.pop(next(i for i, (b, _) in enumerate(out) if b is block))
        last = max(next(i for i, (b, _) in enumerate(out) if b is order[k][0]) for k in chain)
        out.insert(last + 1, item)
    return out


def _next_column(order: list[tuple[list[_Box], tuple[int, ...]]], extents: list[Rect], plain: list[bool], first: int,
                 at: int, pitch: float, body: float) -> int | None:
    """The column of running text that goes on from column `at` (`_heads_under`): the nearest
    to its right (starting right of its left edge, so a chain never returns to a column, even
    one of no width) with nothing between them, its top level with the first column's (within a
    line `pitch`), under no head of its own; None if there is none or two."""
    ax1, top = extents[at][2], extents[first][1]
    beside = [c for c in range(len(order)) if c != at and plain[c] and len(order[c][0]) > 1
              and extents[c][0] >= ax1 and extents[c][0] > extents[at][0] and abs(extents[c][1] - top) <= pitch]
    if not beside:
        return None
    near = min(extents[c][0] for c in beside)
    found = [c for c in beside if extents[c][0] == near]
    lo, hi = min(extents[first][1], extents[found[0]][1]), extents[found[0]][3]
    between = [e for e in extents if ax1 < e[2] and e[0] < near and e[1] < hi and e[3] > lo]
    if len(found) != 1 or between or _under_head(order, found[0], body):
        return None
    return found[0]


def _box_writer(text: str) -> bool:
    """An author box naming a writer: a bare name (`□ 胡守拙`) or a writer with a role word;
    a box mark before a label (`■ 新闻链接`, `◆ 相关阅读`, `◎ 编后`) names none (review17)."""
    box = fields.BOX_BYLINE.match(text)
    if box is None:
        return False
    names = fields.box_writers(box["by"])[1]
    return any(fields.bare_name(n) for n in names) or bool(names and fields.ROLES.search(box["by"]))


def _column(path: tuple[int, ...]) -> tuple[int, ...]:
    """The path up to its last vertical cut (horizontal cuts are negative)."""
    while path and path[-1] < 0:
        path = path[:-1]
    return path


def _page(doc, page, number: int, glyphs: list[_Glyph], stem: str, image_dir: Path | None,  # noqa: ANN001
          image_prefix: str) -> PdfPage:
    out = PdfPage(number, "")
    glyphs = _undouble(glyphs, out.dropped)
    boxes = _lines(glyphs)
    height = page.rect.height
    body = Counter(round(g.size, 1) for g in glyphs if not g.c.isspace()).most_common(1)[0][0]
    content = []
    drawings = page.get_drawings()  # read once: rules, ruled boxes
    top, foot = _furniture_rules(page, boxes, drawings)
    photos = _pictures(doc, page, number, body, stem, image_dir, image_prefix, out.skipped)
    foot = min(foot, _foot_apart(boxes, photos, height, body))
    for b in boxes:
        if b.y1 < max(height * MARGIN_BAND, top) or b.y0 > min(height * (1 - MARGIN_BAND), foot):
            out.margin.append((f"({b.x0:.0f}, {b.y0:.0f})", b.text))
        else:
            content.append(b)
    content += photos
    out.images = sum(1 for b in content if b.image is not None)
    lines: list[str] = []
    pending: _Box | None = None  # an image waiting for the caption under it
    edge: tuple[float, float, tuple[int, ...], float] | None = None  # the last text block's edges, column and foot
    pictures = [b for b in content if b.image is not None]
    boxes = _ruled_boxes(page, body, drawings)
    content = _tables(content, boxes)
    ruled = pdfheads.rules(drawings)
    order = _xycut(_spread(_stack(content, body), body), body, rects=boxes, ruled=ruled)
    order = _threaded(_vertical_left(_vertical_first([(block, _column(path)) for block, path in order], body), body), body)
    order = _bylines_over(order, body)
    order = _heads_under(order, body)
    order = _labels_aside(order, body, out, boxes, ruled)
    order = _credits_over(order, pictures, body)
    members = Counter(column for block, column in order if block[0].image is None)
    above: tuple[float, float, bool, tuple[int, ...]] | None = None  # the plain text block just emitted
    indents = any(_indented(block, body) for block, _ in order)  # the page indents its paragraphs
    ended: tuple[list[_Box] | None, tuple[int, ...]] = (None, ())  # the last text block (if running text) and its column
    credited = _credited([block for block, _ in order])
    caption_of = _caption_map([block for block, _ in order], pictures, body, credited, boxes)
    measure: dict[tuple[int, ...], tuple[float, float]] = {}  # a column's edges, from its running text
    for index, (block, column) in enumerate(order):
        lines.append("")
        if block[0].image is not None:
            pending = block[0]
            continue
        left, right = min(b.x0 for b in block), max(b.x1 for b in block)
        if (edge is not None and (edge[2] == column or members[column] == 1) and edge[0] + body < left and len(block) <= 4
                and right - left < 0.5 * max(edge[1] - edge[0], 10 * body) and not _resumed(block, edge[3])):
            left = edge[0]  # a short right-aligned credit or signature (alone in its strip) under the text it ends
        elif edge is not None and (edge[2] == column or members[column] == 1) and _set_right(block, edge, body):
            left = edge[0]  # a notice's issuer and date set flush right, as wide as half the column or more
        elif (column in measure and len(block) == 1 and 0.5 * body < left - measure[column][0] <= active().pdf_indent * body
              and abs(right - measure[column][1]) < body and not block[0].bold):
            left = measure[column][0]  # a paragraph's indented first line alone (at a column's foot)
        else:
            edge = (left, right, column, block[-1].y0)
        plain = not _display(block, body)
        if len(block) > 1 and plain:
            measure[column] = (left, right)
        picture = caption_of.get(index)
        spaced = (indents and above is not None and plain and above[3] == column and abs(above[0] - left) < 0.5 * body
                  and 0 < block[0].y0 - above[1] < 2.5 * body)  # paragraphs set apart by space, not indent
        running = plain and all(abs(b.size - body) < 0.03 * body for b in block)
        turned = running and indents and column != ended[1] and _ended_short(ended[0], block, body)
        ended = (block if running and len(block) > 1 else None, column)
        above = (left, block[-1].y1, plain, column) if plain else None
        leaded = _leaded(block) if plain else set()
        stopped = pdflines.stopped([(b.text, b.x0, b.x1, b.word, b.size) for b in block]) if running else set()
        for i, b in enumerate(block):
            indent = round((b.x0 - left) / b.size * 2)
            if spaced and i == 0 and indent < 2:
                indent = 4  # say it as an extractor would: an indented first line
            elif turned and i == 0 and indent < 2:
                indent = 2
            elif i in leaded and indent < 2:
                indent = 2  # the same, by as little as counts (a wider one would widen the column's measure)
            if len(block) == 1 and credited[index] and _credit(b):
                indent = max(indent, CREDIT_INDENT)  # a photo credit alone on its line stands to the right
            if b.lead:  # a run-in head: a display line of its own over its paragraph
                lines += [""] * bool(i) + [" " * indent + b.text[: b.lead]]
                out.where[len(lines)], out.sizes[len(lines)] = f"({b.x0:.0f}, {b.y0:.0f})", round(b.size / body, 2)
                out.tops[len(lines)] = round(b.y0 / body, 2)
                out.display.add(len(lines))
                lines += ["", " " * indent + b.text[b.lead :].strip()]
            else:
                lines.append(" " * indent + b.text)
            no = len(lines)
            out.where[no] = f"({b.x0:.0f}, {b.y0:.0f})"
            out.sizes[no] = round(b.size / body, 2)
            out.tops[no] = round(b.y0 / body, 2)
            if i in stopped or i and b.table is not None and block[i - 1].table == b.table:
                out.opens.add(no)  # a table's row is a paragraph of its own, in any type size
            if b.size >= DISPLAY_SIZE * body or b.bold:
                out.display.add(no)
            under = pending is not None and pending.image and 0 <= b.y0 - pending.y1 < 2 * body and b.x0 < pending.x1
            if under and no in out.display and len(block) <= 2:
                # a photo's headline under it: the caption under the headline is the photo's
                pending = _Box(pending.x0, pending.y0, pending.x1, b.y1, image=pending.image)
                continue
            if under:
                out.figures[no] = pending.image
            pending = None
            if picture is not None:
                out.captions.add(no)
                if picture.image and b is block[0]:
                    out.figures.setdefault(no, picture.image)
            inside = [k for k, r in enumerate(boxes) if r[0] <= b.x0 and b.x1 <= r[2] and r[1] <= b.y0 and b.y1 <= r[3]]
            if inside:
                out.boxes[no] = min(inside, key=lambda k: (boxes[k][2] - boxes[k][0]) * (boxes[k][3] - boxes[k][1]))
                if b.lead:  # its run-in head, a line of its own, sits in the same box
                    out.boxes[no - 2] = out.boxes[no]
    out.text = "\n".join(lines) + "\n"
    return out


def _pictures(doc, page, number: int, body: float, stem: str, image_dir: Path | None,  # noqa: ANN001
              image_prefix: str, skipped: list[str]) -> list[_Box]:
    """The page's photos as boxes (see pictures), written to image_dir when given. A picture
    is numbered as the PDF lists its image (so a file keeps its name), else after them; one
    that cannot be decoded, or past the page's limit of placements, is left out and named in
    `skipped`."""
    crops: list[Rect] | None = None

    def shown(rect):  # noqa: ANN001, ANN202 - a pymupdf.Rect
        nonlocal crops
        crops = _crops(page) if crops is None else crops
        return _shown(rect, crops)

    listed = {xref: k for k, (xref, *_rest) in enumerate(page.get_images(full=True), start=1)}
    found = pictures.find(page, body, shown, skipped.append)
    numbers, spare = [], len(listed)
    for p in found:
        k = listed.pop(p.xrefs[0], None)
        if k is None:
            spare += 1
            k = spare
        numbers.append(k)
    out = []
    for k, p in sorted(zip(numbers, found, strict=True), key=lambda kp: kp[0]):
        src = ""
        if image_dir is not None:
            try:
                src = f"{image_prefix}/{pictures.write(doc, page, p, image_dir, f'{stem}-p{number}-{k}')}"
            except pictures.damage() as exc:
                skipped.append(f"the picture at ({p.rect[0]:.0f}, {p.rect[1]:.0f}) cannot be decoded ({exc}); left out")
                continue
        out.append(_Box(*p.rect, image=src))
    return out


def _labels_aside(order: list[tuple[list[_Box], tuple[int, ...]]], body: float, out: PdfPage,
                  rects: list[Rect], ruled: list[pdfheads.Rule]) -> list[tuple[list[_Box], tuple[int, ...]]]:
    """The reading order without the labels of head groups (see pdfheads), which go to
    `out.labels` with their positions: furniture, kept and reported."""
    found = pdfheads.labels([block for block, _ in order], body, DISPLAY_SIZE, rects, ruled)
    found = {k: why for k, why in found.items() if not (len(order[k][0]) == 1 and _credit(order[k][0][0]))}  # a photo credit
    for k, why in found.items():
        b = order[k][0][0]
        out.labels.append((f"({b.x0:.0f}, {b.y0:.0f})", b.text, why))
    return [item for k, item in enumerate(order) if k not in found]


def _set_right(block: list[_Box], edge: tuple[float, float, tuple[int, ...], float], body: float) -> bool:
    """A signature set flush right under the text it ends (`Tramway Heritage Society of
    Victoria Inc.` / `7 December 2026`), however wide: no more lines than a signature's
    issuer lines and date (`SIGNATURE_LINES` + 1), not in display type, under that text's
    last line, each ending where that text ends (within an em) and starting deeper in than a
    paragraph's indent. Measured from its own left edge such a block has no indent; an
    extractor prints it set in from the text's edge, and the layout reads its signature."""
    return (len(block) <= SIGNATURE_LINES + 1 and block[0].y0 - edge[3] >= body and not _display(block, body)
            and all(abs(b.x1 - edge[1]) <= body and b.x0 - edge[0] > active().pdf_indent * body for b in block))


def _resumed(block: list[_Box], foot: float) -> bool:
    """Whether a short block stands higher than the last line of the text block before it:
    the top of the next column, where a paragraph goes on (`意路面结冰。`), not a credit or a
    signature, which stands under the text it ends."""
    return block[0].y0 < foot


def _indented(block: list[_Box], body: float) -> bool:
    """Running text whose first line is indented from the lines under it (by half an em to
    `Weights.pdf_indent` ems): a paragraph's first line on a page that indents its paragraphs."""
    return (len(block) > 1 and block[0].image is None and not _display(block, body)
            and 0.5 * body < block[0].x0 - min(b.x0 for b in block[1:]) <= active().pdf_indent * body)


def _ended_short(before: list[_Box] | None, block: list[_Box], body: float) -> bool:
    """Whether running text that goes on at the top of the next column starts a paragraph:
    the column before ended a sentence on a line stopping short of its measure (in CJK type,
    two ems or more; in Latin type, with room left for the next column's first word), and
    the next column, across one gutter, starts flush and higher up than that line.
    Justified or wrapped text never leaves such room inside a paragraph, so the paragraph
    ended at the column's foot (said with an indent on a page that indents paragraphs; a page
    that does not sets its paragraphs apart by space, and a new column is one)."""
    if before is None or block[0].y0 >= before[-1].y0 or not 0 <= block[0].x0 - max(b.x1 for b in before) <= THREAD_GUTTER * body:
        return False
    last, first = before[-1], block[0]
    room = max(b.x1 for b in before) - last.x1
    if first.x0 - min(b.x0 for b in block) > 0.5 * body or not closed(last.text):
        return False
    if cjk_end(last.text):
        return room >= 2 * body
    word = first.text.split()[0] if first.text.split() else ""
    return bool(LATIN_END.search(last.text)) and room >= (len(word) + 1) * 0.5 * last.size


def _crops(page) -> list[Rect]:  # noqa: ANN001 - a pymupdf.Page
    """The page's clipping rectangles (a picture cropped to its frame is drawn whole and clipped)."""
    return [tuple(d["scissor"]) for d in page.get_drawings(extended=True) if d["type"] == "clip" and d.get("scissor")]


def _shown(rect, crops: list[Rect]):  # noqa: ANN001, ANN202 - a pymupdf.Rect
    """The part of a picture the page shows: a picture cropped to its frame (CSS object-fit:
    cover) is drawn whole and clipped to a smaller rectangle inside it, and the caption and
    headline printed over the clipped-off parts belong under and over it, not inside it."""
    inside = [c for c in crops if rect.x0 - 1 <= c[0] and c[2] <= rect.x1 + 1 and rect.y0 - 1 <= c[1] and c[3] <= rect.y1 + 1
              and (c[2] - c[0]) * (c[3] - c[1]) >= 0.3 * rect.width * rect.height]
    if not inside:
        return rect
    c = min(inside, key=lambda c: (c[2] - c[0]) * (c[3] - c[1]))
    return type(rect)(*c)


def _furniture_rules(page, boxes: list[_Box], drawings: list[dict]) -> tuple[float, float]:  # noqa: ANN001 - a pymupdf.Page
    """The page's head and foot rules: a horizontal rule across most of the page near its
    top (bottom) with at most a few lines of type above (below) it sets off the folio, the
    masthead strip or the editor line from the articles. Returns the y above which (below
    which) lines are page furniture; the page's edges when there is no such rule."""
    height, width = page.rect.height, page.rect.width
    rules = []
    for d in drawings:
        for item in d["items"]:
            if item[0] == "l" and abs(item[1].y - item[2].y) < 1:
                x0, x1, y = min(item[1].x, item[2].x), max(item[1].x, item[2].x), item[1].y
            elif item[0] == "re" and item[1].height < 3:
                x0, x1, y = item[1].x0, item[1].x1, (item[1].y0 + item[1].y1) / 2
            else:
                continue
            if x1 - x0 >= RULE_WIDTH * width:
                rules.append(y)

    def rows(keep) -> int:  # noqa: ANN001
        return len({round(b.y1 / 2) for b in boxes if keep(b)})

    top = max((y for y in rules if y < HEAD_BAND * height and 0 < rows(lambda b, y=y: b.y1 <= y + 1) <= FURNITURE_ROWS),
              default=0.0)
    foot = min((y for y in rules if y > (1 - FOOT_BAND) * height and 0 < rows(lambda b, y=y: b.y0 >= y - 1) <= FURNITURE_ROWS),
               default=height)
    return top + 1, foot - 1


def _foot_apart(boxes: list[_Box], photos: list[_Box], height: float, body: float) -> float:
    """The y below which the page's foot line stands apart: one to `FURNITURE_ROWS` rows of
    type in the foot band, no picture among them, more than `Weights.foot_apart` body ems
    under everything else on the page (an advertisement strip or the folio printed at the
    page's foot under a page whose stories end half-way down; no story's last lines stand so
    far from the rest; a row in display type heads a short story printed low, under a chart
    drawn as paths). The page's height when there is none."""
    spans = sorted([(b.y0, b.y1, b.image is not None, b.size >= DISPLAY_SIZE * body) for b in boxes]
                   + [(p.y0, p.y1, True, False) for p in photos])
    rows: set[int] = set()
    first = None  # the topmost span from which on the page's foot holds few enough rows
    for k in range(len(spans) - 1, 0, -1):
        rows.add(round(spans[k][1] / 2))
        if spans[k][0] < (1 - FOOT_BAND) * height or len(rows) > FURNITURE_ROWS:
            break
        first = k
    if first is None:
        return height
    y0, above = spans[first][0], max(span[1] for span in spans[:first])
    if any(image or display for *_, image, display in spans[first:]) or y0 - above <= active().foot_apart * body:
        return height  # a picture, or a headline in display type (by size): a story printed low (review17)
    return y0 - 1


def _tables(content: list[_Box], rects: list[tuple[float, float, float, float]]) -> list[_Box]:
    """A grid of short cells (prices, results, a listings grid) read row by row: three or
    more rows of three or more narrow cells on one baseline, stacked, become one line a
    row with the cells set apart by two spaces (as a text extractor prints a table), all
    in one block that the layout reader knows as a table; so do rows of wider cells set
    far apart whose columns line up (`pdfgrid`). So does a ruled box of lines that a
    table's rule accepts as they stand (listings by the clock)."""
    kept = _stacked(content, wide=False)
    rowed = {id(b) for t in kept for run in t for b in _members(run)}
    kept += _stacked([b for b in content if id(b) not in rowed], wide=True)
    rowed = {id(b) for t in kept for run in t for b in _members(run)}
    taken: set[int] = set()
    merged: list[_Box] = []
    for k, table in enumerate(kept):
        free = [b for b in content if id(b) not in rowed and id(b) not in taken]  # not in any table's rows
        head = _header(table[0], free)
        if head is not None:
            table.insert(0, head)
        top, x0, x1 = table[0][0], min(r[0].x0 for r in table), max(r[-1].x1 for r in table)
        title = [b for b in free if b.image is None and 0 <= top.y0 - b.y1 < 2.5 * top.size
                 and x0 - top.size <= b.x0 and b.x1 <= x1 + top.size and len(b.text) <= TABLE_TITLE]
        note = _note(table, free)  # its source line under it
        for run in [title[-1:]] * (len(title) == 1) + table + [note] * bool(note):  # its title line above it
            taken.update(id(b) for b in _members(run))
            merged.append(_Box(run[0].x0, min(b.y0 for b in run), run[-1].x1, max(b.y1 for b in run),
                               "  ".join(b.text for b in run), run[0].size, all(b.bold for b in run), table=k))
    for r in rects:  # a ruled box of listings: rows that open with a clock time
        inside = [b for b in content if b.image is None and id(b) not in taken
                  and r[0] <= b.x0 and b.x1 <= r[2] and r[1] <= b.y0 and b.y1 <= r[3]]
        if len(inside) >= furniture.TABLE_ROWS and furniture.table([b.text for b in inside]):
            k = len(merged) + len(kept) + 1
            taken.update(id(b) for b in inside)
            merged += [_Box(b.x0, b.y0, b.x1, b.y1, b.text, b.size, b.bold, italic=b.italic, table=k) for b in inside]
    return [b for b in content if id(b) not in taken] + merged if merged else content


def _stacked(content: list[_Box], wide: bool) -> list[list[list[_Box]]]:
    """Tables of three rows or more: runs of cells on one baseline (`pdfgrid.runs`) stacked
    one under another, each within two and a half ems of the one above and across most of
    it. With `wide`, runs with wide cells or gaps too, each standing in the columns of the
    run above (`pdfgrid.aligned`)."""
    tables: list[list[list[_Box]]] = []
    for row in _unwrapped(_baselines(content)):
        found = pdfgrid.runs(row, wide)
        if wide and not found:  # a row with a longer cell, standing in the columns of the rows over it
            found = [(row, True)] * any(0 < min(b.y1 for b in row) - max(b.y1 for b in t[-1]) < 2.5 * row[0].size
                                        and pdfgrid.follows(row, t[-1]) for t in tables)
        for run, _ in found:
            x0, x1, y = run[0].x0, run[-1].x1, min(b.y1 for b in run)  # a wrapped cell reaches lower
            home = next((t for t in tables if 0 < y - max(b.y1 for b in t[-1]) < 2.5 * run[0].size
                         and min(x1, t[-1][-1].x1) - max(x0, t[-1][0].x0) > 0.5 * (x1 - x0)
                         and (not wide or pdfgrid.aligned(run, t[-1]))), None)
            if home is None:
                tables.append([run])
            else:
                home.append(run)
    kept = [t for t in tables if len(t) >= furniture.TABLE_ROWS]
    if wide:
        rowed = {id(b) for t in kept for run in t for b in _members(run)}
        kept = [pdfgrid.trimmed(t, [b for b in content if id(b) not in rowed]) for t in kept]
    return kept


def _baselines(content: list[_Box]) -> list[list[_Box]]:
    """The text lines on one baseline (within half an em), top to bottom, each row left to right."""
    rows: list[list[_Box]] = []
    for b in sorted((b for b in content if b.image is None), key=lambda b: (b.y1, b.x0)):
        if rows and abs(rows[-1][0].y1 - b.y1) < 0.5 * b.size:
            rows[-1].append(b)
        else:
            rows.append([b])
    for row in rows:
        row.sort(key=lambda b: b.x0)
    return rows


def _members(run: list[_Box]) -> Iterator[_Box]:
    """The line boxes of a table's row: a wrapped cell's lines (`_unwrapped`) each."""
    for b in run:
        yield from b.parts or (b,)


def _unwrapped(rows: list[list[_Box]]) -> list[list[_Box]]:
    """Rows (each left to right, top to bottom) with a table cell's wrapped lines joined to
    the cell: a line is the next line of the cell over it, in a row of `Weights.grid_cells`
    lines or more, when it starts at that cell's left edge (within `Weights.grid_align` ems),
    in its size, alone under it, and stands closer under it than the next line in that
    column stands under it (in a table's last row: than the cell stands under the line over
    it), by more than `LEADING`: the line pitch inside a cell is tighter than the pitch of the rows
    (`12月15` / `日`, `估價（港` / `元）`). The cell keeps its place in its row, so the row
    reads as printed (`12月15日  香港郊野公園  4`). Lines at an even pitch (running text, a
    table's rows) join nothing."""
    out: list[list[_Box]] = []
    for i, row in enumerate(rows):
        if not out or len(out[-1]) < active().grid_cells:
            out.append(row)
            continue
        joined, kept = list(out[-1]), []
        for b in row:
            reach = active().grid_align * b.size
            k = next((j for j, a in enumerate(joined) if abs(a.x0 - b.x0) <= reach and abs(a.size - b.size) < 0.5
                      and 0 < b.base - a.base), None)
            column = [c for r in (*out[-2:-1], *rows[i + 1:i + 6]) for c in r
                      if abs(c.x0 - b.x0) <= reach and abs(c.size - b.size) < 0.5]
            # the row pitch under it, or over the cell (a table's last row), a table's rows apart
            nxt = next((c.base - b.base for c in column if 0 < c.y1 - b.y1 < 2.5 * b.size), None)
            if k is not None and nxt is None:
                nxt = next((joined[k].base - c.base for c in reversed(column) if 0 < joined[k].y1 - c.y1 < 2.5 * b.size), None)
            if (k is not None and nxt is not None and b.base - (joined[k].parts or (joined[k],))[-1].base + LEADING * b.size < nxt
                    and not any(c is not b and c.x0 < joined[k].x1 and b.x0 < c.x1 for c in row)):
                joined[k] = _wrapped(joined[k], b)
            else:
                kept.append(b)
        out[-1] = joined
        if kept:
            out.append(kept)
    return out


def _wrapped(cell: _Box, line: _Box) -> _Box:
    """A cell (or a table's note) and the next line it wrapped onto, as one box that keeps its
    first line's place and baseline; a word space between where Latin type meets Latin."""
    joint = " " if _LATIN_LAST.search(cell.text) and _LATIN_FIRST.match(line.text) else ""
    return _Box(cell.x0, cell.y0, max(cell.x1, line.x1), line.y1, cell.text + joint + line.text, cell.size,
                cell.bold, italic=cell.italic, base=cell.base, parts=(cell.parts or (cell,)) + (line,))


_LATIN_LAST = regex.compile(r"[\p{Latin}\p{N}.,;:]$")
_LATIN_FIRST = regex.compile(r"[\p{Latin}\p{N}(]")


def _note(table: list[list[_Box]], free: list[_Box]) -> list[_Box]:
    """The line right under a table's last row (within one and a half of its ems), across
    its span, in type no larger than its rows', alone on its baseline there (a source,
    `（数据来源：……）`): the table's last line, not the next story's head. `free`: the
    lines in no table."""
    last, size = table[-1], table[-1][0].size
    x0, x1 = min(r[0].x0 for r in table), max(r[-1].x1 for r in table)
    bottom = max(b.y1 for b in last)
    under = [b for b in free if b.image is None and b.size <= size + 0.1 and 0 <= b.y0 - bottom < 1.5 * size
             and min(b.x1, x1) - max(b.x0, x0) > 0]
    if not under:
        return []
    note = min(under, key=lambda b: b.y0)
    row = [b for b in free if b is not note and abs(b.y1 - note.y1) < 0.5 * size and min(b.x1, x1) - max(b.x0, x0) > 0]
    if row:
        return []  # a row whose cells stand apart is no note
    while True:  # the lines it wrapped onto: a full line's next, right under it, from its left edge, alone there
        tail = (note.parts or (note,))[-1]
        if tail.x1 < x1 - 2 * size:
            return [note]  # the line stops short of the table's width: it wrapped onto nothing
        nxt = next((b for b in free if b.image is None and abs(b.size - note.size) < 0.5 and b.base > tail.base + 0.5 * size
                    and -0.2 * size <= b.y0 - tail.y1 < 0.5 * size and abs(b.x0 - note.x0) <= size and b.x1 <= x1 + size), None)
        if nxt is None or any(b is not nxt and abs(b.y1 - nxt.y1) < 0.5 * size and min(b.x1, x1) - max(b.x0, x0) > 0
                              for b in free):
            return [note]
        note = _wrapped(note, nxt)


def _header(first: list[_Box], content: list[_Box]) -> list[_Box] | None:
    """The header row right over a table's first row: as many cells on one baseline, in
    one size, each standing over its column (overlapping the cell under it or within an
    em of it), however wide (`均价（元/平方米）` is wider than a table's cell). It stands as
    close over the first row as a table's rows stand over one another (bottom to bottom);
    of the rows there, the nearest. `content` holds no box of a table's rows."""
    size = first[0].size
    above = [b for b in content if b.image is None and b.table is None and 0 < first[0].y1 - b.y1 < 2.5 * size
             and abs(b.size - size) < 0.5]
    rows: dict[int, list[_Box]] = {}
    for b in above:
        rows.setdefault(round(b.base), []).append(b)
    for _, row in sorted(rows.items(), reverse=True):
        row.sort(key=lambda b: b.x0)
        if len(row) == len(first) and all(min(h.x1, c.x1) - max(h.x0, c.x0) > -size for h, c in zip(row, first, strict=True)):
            return row
    return None


def _ruled_boxes(page, body: float, drawings: list[dict]) -> list[tuple[float, float, float, float]]:  # noqa: ANN001 - a pymupdf.Page
    """Rectangles drawn round text (notices, intro boxes, fact boxes), at least a few lines
    high and wide: a stroked rectangle (Chromium), or a frame filled between an outer and
    an inner rectangle inset on all four sides (WeasyPrint). Rules, a border on one side
    only and the page frame are not boxes."""
    out = []
    for d in drawings:
        r = d["rect"]
        if not (r.width > 4 * body and r.height > 2 * body and r.height < 0.9 * page.rect.height):
            continue
        if "s" in (d.get("type") or "") or _frame(d):
            out.append((r.x0 - 1, r.y0 - 1, r.x1 + 1, r.y1 + 1))
    return out


def _frame(drawing: dict) -> bool:
    """A filled path of two rectangles, the inner inset from the outer on every side."""
    rects = [it[1] for it in drawing["items"] if it[0] == "re"]
    if drawing.get("type") != "f" or len(rects) != 2 or len(drawing["items"]) != 2:
        return False
    outer, inner = sorted(rects, key=lambda r: -r.width * r.height)
    insets = (inner.x0 - outer.x0, inner.y0 - outer.y0, outer.x1 - inner.x1, outer.y1 - inner.y1)
    return all(0.1 < d < 4 for d in insets)


def _boxed_apart(line: _Box, picture: _Box, rects: list[tuple[float, float, float, float]]) -> bool:
    """A line inside a ruled box that does not hold the picture too."""
    def inside(b: _Box, r: tuple[float, float, float, float]) -> bool:
        return r[0] <= b.x0 and b.x1 <= r[2] and r[1] <= b.y0 and b.y1 <= r[3]

    return any(inside(line, r) and not inside(picture, r) for r in rects)


def _credit(b: _Box) -> bool:
    """A line that is or ends with a photo credit (alone, or after a gap; `Lee Ortiz/Express`,
    a name and the paper, only alone)."""
    text = b.text.strip()
    return (fields.split_credit("   " + text) is not None or fields.split_credit(text) is not None
            or english.AGENCY_CREDIT.match(text) is not None)


def _credited(blocks: list[list[_Box]]) -> list[bool]:
    """Per block: it ends with a photo credit (also one in brackets that wrapped onto its last
    line: `……祈福。（摄` / `影：林德辉）`), or the next text block is a credit alone."""
    text = [k for k, block in enumerate(blocks) if block[0].image is None]
    out = [False] * len(blocks)
    for i, k in enumerate(text):
        nxt = blocks[text[i + 1]] if i + 1 < len(text) else []
        block = blocks[k]
        wrapped = len(block) > 1 and _BRACKET_END.search(block[-1].text) is not None \
            and fields.split_credit(block[-2].text.rstrip() + block[-1].text.strip()) is not None
        out[k] = _credit(block[-1]) or wrapped or (len(nxt) == 1 and _credit(nxt[0]))
    return out


_BRACKET_END = regex.compile(r"[）)〕】]\s*$")  # a line closing a bracket: a credit in brackets may have wrapped onto it


def _caption_map(blocks: list[list[_Box]], pictures: list[_Box], body: float, credited: list[bool],
                 rects: list[Rect]) -> dict[int, _Box]:
    """Block index → the picture it captions. A caption under a picture comes first: a
    picture captioned under it takes no caption beside it (a byline in caption type that
    opens the next column's story beside a photo is that story's), and a picture takes one
    block beside it, the nearest."""
    out: dict[int, _Box] = {}
    captioned: set[int] = set()  # pictures (by id) with a caption under them
    for k, block in enumerate(blocks):
        if block[0].image is not None:
            continue
        if not _caption_type(block, body, credited[k]):
            alone = [p for p in pictures if _alone_under(blocks, k, p, body)]
            if alone:
                out[k] = alone[0]
                captioned.add(id(alone[0]))
            continue
        under = [p for p in pictures if _under(block, p, body) and not _boxed_apart(block[0], p, rects)]
        if under:
            out[k] = under[0]
            captioned.update(id(p) for p in under)  # one caption under several photos is theirs
    for p in pictures:
        if id(p) in captioned:
            continue
        beside = [k for k, block in enumerate(blocks) if k not in out and block[0].image is None
                  and _caption_type(block, body, credited[k]) and _beside(block, p, body)
                  and not _boxed_apart(block[0], p, rects)]
        if beside:
            out[min(beside, key=lambda k: blocks[k][0].x0 - p.x1)] = p
    return out


def _caption_type(block: list[_Box], body: float, credited: bool) -> bool:
    """Set in caption type (smaller than the body or italic), or any type that is not bold
    when a photo credit closes it."""
    return (credited or all(b.size < CAPTION_SIZE * body or b.italic for b in block)) and not any(b.bold for b in block)


def _under(block: list[_Box], p: _Box, body: float) -> bool:
    """Printed just under the picture (or over its last em), across it, within
    `Weights.caption_gap` body ems: caption type says it is a caption with or without a
    credit (MuPDF sets an uncredited caption 2.3 ems down; no block in caption type nearest
    under a picture of the development PDFs is anything else). Or printed over the
    picture's lower half, inside it (a caption set over the photo, often in white)."""
    x0, y0, x1, y1 = extent(block)
    over = p.x0 - 1 <= x0 and x1 <= p.x1 + 1 and (p.y0 + p.y1) / 2 <= y0 and y1 <= p.y1 + 0.5 * body
    return over or (-body <= y0 - p.y1 < active().caption_gap * body and x0 < p.x1 and x1 > p.x0)


def _alone_under(blocks: list[list[_Box]], k: int, p: _Box, body: float) -> bool:
    """A sentence in body type set right under a picture, a line or two with no running text
    under it: the picture's caption, though neither its type nor a credit says so (a story's
    text under a picture runs on below). Under: the nearest text under the picture, within
    `Weights.caption_gap` body ems of it (as far as a credited caption may stand), starting inside the
    picture's width and lying over it for at least half its own width. Running text goes on
    in plain type within an em under it; a head under it starts the next item, as does text
    further down (a caption is set nearer its picture than the next row of stories)."""
    block = blocks[k]
    x0, y0, x1, y1 = extent(block)
    if (len(block) > 2 or _display(block, body) or not closed(block[-1].text)
            or not (0 <= y0 - p.y1 < active().caption_gap * body and p.x0 - 0.5 * body <= x0 < p.x1
                    and 2 * (min(x1, p.x1) - x0) >= x1 - x0)):
        return False
    if any(j != k and other[0].image is None and p.y1 <= other[0].y0 < y0 and other[0].x0 < p.x1
           and max(b.x1 for b in other) > p.x0 for j, other in enumerate(blocks)):
        return False  # other text stands between it and the picture
    return not any(j != k and other[0].image is None and not _display(other, body) and 0 <= other[0].y0 - y1 < body
                   and other[0].x0 < x1 and max(b.x1 for b in other) > x0 for j, other in enumerate(blocks))


def _display(block: list[_Box], body: float) -> bool:
    """Any line of the block in display type (bold, or a size DISPLAY_SIZE times the body's or more)."""
    return any(b.bold or b.size >= DISPLAY_SIZE * body for b in block)


def _beside(block: list[_Box], p: _Box, body: float) -> bool:
    """Printed just right of the picture, level with it."""
    x0, y0, _, y1 = extent(block)
    return 0 <= x0 - p.x1 < 3 * body and y0 < p.y1 and y1 > p.y0


def _credits_over(order: list[tuple[list[_Box], tuple[int, ...]]], pictures: list[_Box],
                  body: float) -> list[tuple[list[_Box], tuple[int, ...]]]:
    """A photo credit alone on its line printed just over a picture (图/孔思齐 above the
    photo) is read after the caption under that picture, where a credit closes a caption."""
    order = list(order)
    for p in pictures:
        over = next((k for k, (block, _) in enumerate(order) if len(block) == 1 and block[0].image is None
                     and p.x0 - body <= block[0].x0 and block[0].x1 <= p.x1 + body and _credit(block[0])
                     and (0 <= p.y0 - block[0].y1 < body or _over_head(order, block[0], p, body))), None)
        if over is None:
            continue
        caption = next((k for k, (block, _) in enumerate(order) if k != over and block[0].image is None
                        and _under(block, p, body)), None)
        if caption is not None:
            item = order.pop(over)
            order.insert(caption if caption > over else caption + 1, item)
    return order


def _over_head(order: list[tuple[list[_Box], tuple[int, ...]]], credit: _Box, p: _Box, body: float) -> bool:
    """A credit printed over the photo's own head, the head over the photo (a credit at the
    top of the page, over a photo story's title): between the credit and the picture, within
    the picture's width, stands display type only, each step down no more than
    `Weights.caption_gap` body ems (the reach of a caption under its picture)."""
    between = sorted((b for b, _ in order if b[0].image is None and b[0] is not credit
                      and p.x0 - body <= extent(b)[0] and extent(b)[2] <= p.x1 + body
                      and credit.y1 <= extent(b)[1] and extent(b)[3] <= p.y0), key=lambda b: extent(b)[1])
    if not between or not all(x.bold or x.size >= DISPLAY_SIZE * body for b in between for x in b):
        return False
    reach = active().caption_gap * body
    tops = [credit.y1] + [y for b in between for y in (extent(b)[1], extent(b)[3])] + [p.y0]
    return all(0 <= lo - hi <= reach for hi, lo in zip(tops[::2], tops[1::2]))
