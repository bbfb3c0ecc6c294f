"""Line composition measured from a PDF and the edition it was made from (issue #15).

Everything is read back from pdfplumber's character boxes, so the measure sees what a
reader sees, whatever the renderer did: one-character last lines of headlines (and kickers,
subheadlines, subheads, contents entries, cover lines) and of paragraphs, consecutive
full-width punctuation left uncompressed, forbidden punctuation at line starts and ends,
Latin punctuation drawn with a CJK font, detached hyphens, and the share of flush lines;
opening brackets left full-width at a line start, Latin letters in Chinese text drawn with a
CJK font, dashes broken across lines or not two em wide, and loose CJK lines (more than
0.12 em extra between two Han characters).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pdfplumber
import regex

from exporter.model import Article, Heading, Paragraph, Quote

from .helpers import Line, flush_edges, justified_lines, outline, right_edge, shortfall, squeeze

OPENING = set("（「『“‘《〈【〔〖")
CLOSING = set("、，。；：！？）」』”’》〉】〕〗")
FULL_WIDTH_PUNCT = OPENING | CLOSING
_LETTER = regex.compile(r"[\p{L}\p{N}]")
_LATIN = regex.compile(r"[A-Za-z]")
_LEADER = regex.compile(r"[.·…]{2,}[\s\d]*$")
_CJK_FONT = regex.compile(r"CJK|Han|Song|Hei|Ming|Kai", regex.I)
_HAN = regex.compile(r"\p{Han}")
DASHES = set("—―")
LOOSE_EM = 0.12


@dataclass
class CharLine:
    """The characters of one line of one column, left to right."""

    page: int
    top: float
    bottom: float
    chars: list[dict[str, Any]]

    @property
    def text(self) -> str:
        return "".join(c["text"] for c in self.chars)

    @property
    def x0(self) -> float:
        return float(self.chars[0]["x0"])

    @property
    def x1(self) -> float:
        return right_edge(self.chars[-1])

    def as_line(self) -> Line:
        return Line(self.page, self.x0, self.x1, self.text)


def char_lines(pdf: Path, gap_em: float = 1.2) -> list[CharLine]:
    """Characters grouped by baseline (read from the text matrix), split into columns where a gap wider than `gap_em`
    of the font size separates two characters."""
    out: list[CharLine] = []
    with pdfplumber.open(pdf) as doc:
        for number, page in enumerate(doc.pages, 1):
            rows: dict[float, list[dict[str, Any]]] = {}
            for ch in page.chars:
                if ch["text"].strip():
                    # by baseline: a Latin face's box differs from the CJK one on the same line
                    rows.setdefault(round(float(page.height) - ch["matrix"][5], 1), []).append(ch)
            for _, chars in sorted(rows.items()):
                chars.sort(key=lambda c: c["x0"])
                start = 0
                for i in range(1, len(chars) + 1):
                    if i == len(chars) or chars[i]["x0"] - chars[i - 1]["x1"] > gap_em * chars[i - 1]["size"]:
                        run = chars[start:i]
                        out.append(CharLine(number, min(c["top"] for c in run), max(c["bottom"] for c in run), run))
                        start = i
    return out


def letters(text: str) -> int:
    """Characters that count as text in a line (letters and digits, not punctuation)."""
    return len(_LETTER.findall(text))


def _line_above(lines: list[CharLine], index: int) -> CharLine | None:
    """The nearest line above lines[index] on its page whose horizontal extent overlaps it."""
    line = lines[index]
    for other in reversed(lines[:index]):
        if other.page != line.page:
            return None
        if other.bottom <= line.top + 0.5 and other.x0 < line.x1 and line.x0 < other.x1:
            return other
    return None


def _strings(articles: Iterable[Article]) -> tuple[list[str], list[str], list[str]]:
    """(headline-like strings, CJK paragraphs, Latin paragraphs) of the edition, squeezed."""
    heads: list[str] = []
    cjk: list[str] = []
    latin: list[str] = []
    for a in articles:
        heads += [squeeze(t) for t in (a.kicker, a.headline, a.subheadline) if t]
        texts = [*a.lead]
        for b in a.blocks:
            if isinstance(b, Heading):
                heads.append(squeeze(b.text))
            elif isinstance(b, Paragraph):
                texts.append(b.text)
        for t in texts:
            (latin if _LATIN.search(t) and not regex.search(r"\p{Han}", t) else cjk).append(squeeze(t))
    return heads, cjk, latin


def _paragraph_texts(articles: Iterable[Article]) -> list[str]:
    return [squeeze(t) for a in articles
            for t in (*a.lead, *(b.text for b in a.blocks if isinstance(b, Paragraph)))]


@dataclass
class Measure:
    """The counts for one PDF; `examples` keeps a few offending lines of each kind."""

    paragraphs: int = 0
    headline_one_char: int = 0
    paragraph_short_end: int = 0
    uncompressed_pairs: int = 0
    forbidden_start: int = 0
    forbidden_end: int = 0
    latin_in_cjk_font: int = 0
    detached_hyphens: int = 0
    opening_start_full: int = 0
    latin_runs_cjk_font: int = 0
    broken_dashes: int = 0
    dashes_not_two_em: int = 0
    cjk_lines: int = 0
    loose_lines: int = 0
    justified_lines: int = 0
    flush_lines: int = 0
    examples: dict[str, list[str]] = field(default_factory=dict)

    def note(self, kind: str, text: str) -> None:
        self.examples.setdefault(kind, [])
        if len(self.examples[kind]) < 8:
            self.examples[kind].append(text)

    @property
    def flush_share(self) -> float:
        return self.flush_lines / self.justified_lines if self.justified_lines else 1.0

    def figures(self) -> dict[str, float | int]:
        keys = ("paragraphs", "headline_one_char", "paragraph_short_end", "uncompressed_pairs",
                "forbidden_start", "forbidden_end", "latin_in_cjk_font", "detached_hyphens", "opening_start_full", "latin_runs_cjk_font",
                "broken_dashes", "dashes_not_two_em", "cjk_lines", "loose_lines", "justified_lines")
        return {**{k: getattr(self, k) for k in keys}, "flush_share": round(self.flush_share, 4)}


def _ends(above: CharLine | None, line: CharLine, strings: list[str]) -> bool:
    """True when `line`, after the line above it, is the end of one of `strings`."""
    if above is None:
        return False
    tail = squeeze(_LEADER.sub("", above.text)) + squeeze(_LEADER.sub("", line.text))
    return any(s.endswith(tail) for s in strings)


def _extra_per_gap(line: CharLine) -> float | None:
    """The median extra advance between two adjacent Han characters of `line`, in em (None
    for a line with fewer than 8 such pairs)."""
    gaps = sorted((b["x0"] - a["x0"]) / a["size"] - 1 for a, b in zip(line.chars, line.chars[1:])
                  if _HAN.fullmatch(a["text"]) and _HAN.fullmatch(b["text"]) and a["size"] == b["size"])
    return gaps[len(gaps) // 2] if len(gaps) >= 8 else None


def _cjk_line_faults(result: Measure, lines: list[CharLine], i: int) -> None:
    """Faults of a Chinese line: a full-width opening bracket at its start (not after a
    paragraph indent), Latin letters in a CJK font, dashes split or not two em wide."""
    line, text = lines[i], lines[i].text
    above = _line_above(lines, i)
    chars = line.chars
    size = chars[0]["size"]
    # The column's left edge is where the line above starts (a half-width bracket's glyph
    # origin lies left of the edge, so the advance is read from the edge, not the origin).
    edge = above.x0 if above is not None and above.text[0] not in OPENING else None
    if text[0] in OPENING and len(chars) > 1 and edge is not None and line.x0 < edge + 1.5 * size and \
            chars[1]["x0"] - edge >= 0.8 * size:
        result.opening_start_full += 1
        result.note("opening_start_full", f"p{line.page}: {text[:16]}")
    previous = ""
    for c in chars:
        if _LATIN.fullmatch(c["text"][:1]) and _CJK_FONT.search(c["fontname"]) and not _LATIN.fullmatch(previous):
            result.latin_runs_cjk_font += 1
            result.note("latin_runs_cjk_font", f"p{line.page}: {c['text']}… in {text[:24]} ({c['fontname']})")
        previous = c["text"][-1:]
    if text[0] in DASHES and above is not None and above.text[-1] in DASHES:
        result.broken_dashes += 1
        result.note("broken_dashes", f"p{line.page}: …{above.text[-8:]} / {text[:8]}")
    k = 0
    while k < len(chars):  # a run of dash glyphs: its advance, to the next character
        j = k
        while j < len(chars) and chars[j]["text"] and set(chars[j]["text"]) <= DASHES:
            j += 1
        if j > k and j < len(chars) and sum(len(c["text"]) for c in chars[k:j]) >= 2 and \
                abs(chars[j]["x0"] - chars[k]["x0"] - 2 * chars[k]["size"]) > 0.2 * chars[k]["size"]:
            result.dashes_not_two_em += 1
            result.note("dashes_not_two_em", f"p{line.page}: {text[max(0, k - 4):j + 2]}")
        k = max(j, k + 1)
    extra = _extra_per_gap(line)
    if extra is not None:
        result.cjk_lines += 1
        if extra > LOOSE_EM:
            result.loose_lines += 1
            result.note("loose_lines", f"p{line.page}: +{extra:.2f} em {text[:20]}")


def measure(pdf: Path, articles: list[Article], skip_pages: int = 0) -> Measure:
    """Count the line-composition faults of `pdf`, made from `articles`."""
    lines = [line for line in char_lines(pdf) if line.page > skip_pages]
    heads, cjk, latin = _strings(articles)
    result = Measure(paragraphs=len(cjk) + len(latin))
    for i, line in enumerate(lines):
        text = line.text
        n = letters(_LEADER.sub("", text))  # a contents entry's leader and page number are not text
        if n == 1 and _ends(above := _line_above(lines, i), line, heads):
            result.headline_one_char += 1
            result.note("headline_one_char", f"p{line.page}: {above.text if above else ''} / {text}")
        if (n == 1 and _ends(above := _line_above(lines, i), line, cjk)) or \
                (1 <= n <= 2 and _ends(above := _line_above(lines, i), line, latin)):
            result.paragraph_short_end += 1
            result.note("paragraph_short_end", f"p{line.page}: …{above.text[-12:] if above else ''} / {text}")
        if text[0] in CLOSING:
            result.forbidden_start += 1
            result.note("forbidden_start", f"p{line.page}: {text[:16]}")
        if text[-1] in OPENING:
            result.forbidden_end += 1
            result.note("forbidden_end", f"p{line.page}: {text[-16:]}")
        for a, b in zip(line.chars, line.chars[1:]):
            # adjacent in the line: a half-width 。 ending one column and a half-width 《
            # starting the next can sit closer than the column split's gap, 1.6 em apart
            if a["text"] in FULL_WIDTH_PUNCT and b["text"] in FULL_WIDTH_PUNCT and \
                    0.8 * a["size"] <= b["x0"] - a["x0"] < 1.5 * a["size"]:
                result.uncompressed_pairs += 1
                result.note("uncompressed_pairs", f"p{line.page}: {a['text']}{b['text']} in {text[:24]}")
        latin_line = len(_LATIN.findall(text)) > n / 2
        if not latin_line and _HAN.search(text):
            _cjk_line_faults(result, lines, i)
        for k, c in enumerate(line.chars):
            if not latin_line:
                break
            neighbours = "".join(x["text"] for x in line.chars[max(0, k - 1):k + 2])
            if c["text"] in "’‘“”'-‐–" and _LATIN.search(neighbours) and _CJK_FONT.search(c["fontname"]):
                result.latin_in_cjk_font += 1
                result.note("latin_in_cjk_font", f"p{line.page}: {neighbours} ({c['fontname']})")
        last = line.chars[-1]
        if last["text"] in "-‐" and len(line.chars) > 1 and \
                last["x0"] - line.chars[-2]["x1"] > 0.15 * last["size"]:
            result.detached_hyphens += 1
            result.note("detached_hyphens", f"p{line.page}: {text[-16:]}")
    sizes = sorted(c["size"] for line in lines for c in line.chars)
    body_size = sizes[len(sizes) // 2] if sizes else 0
    attributions = {squeeze(b.attribution) for a in articles for b in a.blocks if isinstance(b, Quote) and b.attribution}
    plain = [line.as_line() for line in lines
             if 0.95 * body_size <= line.chars[0]["size"] <= 1.2 * body_size  # not a contents summary
             and squeeze(line.text) not in attributions]
    first = min((page for _, _, page in outline(pdf)), default=1)  # after the contents
    # Lines of at least 12 characters: a shorter one (a word of a pull quote, a kicker) may be
    # found inside some paragraph without being one of its lines.
    body = [line for line in justified_lines(plain, _paragraph_texts(articles), first) if len(squeeze(line.text)) >= 12]
    edges = flush_edges(plain)  # edges that any two lines end on: a lone list item in a box too
    result.justified_lines = len(body)
    result.flush_lines = sum(shortfall(line, edges) <= 0.5 for line in body)
    return result
