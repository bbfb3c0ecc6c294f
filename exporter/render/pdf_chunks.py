"""Split a print document at its forced page breaks and lay the pieces out separately.

Where pages break is the `breaks` setting: with "section" every section starts a page, with
"part" every part (sections run on inside it), with "none" only the body after the front.
Between two such breaks the pages do not depend on what came before, so the pieces
("chunks") are laid out as independent documents in separate processes; only their page
numbers, running heads and the contents do, and those are drawn afterwards
(exporter/render/pdf_furniture.py). A chunk is
the same markup the single-pass document has (sections inside `main`, inside their part),
with one extra stylesheet that suppresses the page-margin furniture.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from weasyprint import HTML

from ..model import Part, Section
from .fetcher import StagedFetcher
from .pdf_fonts_defer import deferred_font_subsets
from .print_fill import Move, filled
from .print_layout import print_layout

# A chunk is one section, or several small consecutive sections of one part: fewer
# chunks pay less per-document overhead (stylesheets, fonts, PDF writing).
CHUNK_CHARACTERS = 6000
MARGIN_BOXES = [f"{side}-{where}" for side in ("top", "bottom") for where in ("left", "center", "right")] + [
    "top-left-corner", "top-right-corner", "bottom-left-corner", "bottom-right-corner",
    *(f"{side}-{where}" for side in ("left", "right") for where in ("top", "middle", "bottom"))]
CHUNK_CSS = "\n".join(
    f"@page{selector} {{ marks: none; {' '.join(f'@{box} {{ content: none; }}' for box in MARGIN_BOXES)} }}"
    for selector in ("", " :first", " :left", " :right", " :blank")) + "\n"


@dataclass(frozen=True)
class ChunkPart:
    """What the print template needs of a part inside one chunk; `continued` is a part
    whose header and earlier sections are in an earlier chunk (no id, no bookmark)."""

    title: str | None
    slug: str
    sections: list[Section]
    continued: bool = False


@dataclass
class PageInfo:
    """What one laid-out page tells the furniture pass, in px from the page content box."""

    strings: list[tuple[str, str]] = field(default_factory=list)
    anchors: list[tuple[str, float, float]] = field(default_factory=list)
    bookmarks: list[tuple[int, str, float, float, bool]] = field(default_factory=list)
    links: list[tuple[str, float, float, float, float]] = field(default_factory=list)


@dataclass
class ChunkLayout:
    """A laid-out chunk: its PDF (no page furniture), what each page holds, and the
    fillers the hole-filling pass moved (print_fill.py)."""

    pdf: bytes
    pages: list[PageInfo]
    moves: list[Move] = field(default_factory=list)


def _weight(section: Section) -> int:
    return sum(len(t) for a in section.articles for t in a.texts) + 400 * len(section.articles)


def chunk_weight(chunk: list[ChunkPart]) -> int:
    """About how long a chunk takes to lay out, to hand out the heaviest first."""
    return sum(_weight(section) for part in chunk for section in part.sections)


def split(parts: list[Part], breaks: str = "section") -> list[list[ChunkPart]]:
    """Chunks in the document's order: with "section" breaks, sections grouped without
    crossing a part; with "part" breaks, one part each (only titled parts start a page:
    an edition's one part is one chunk); with "none", one chunk."""
    if breaks == "none" or (breaks == "part" and not all(p.title for p in parts)):
        return [[ChunkPart(p.title, p.slug, p.sections) for p in parts]]
    if breaks == "part":
        return [[ChunkPart(p.title, p.slug, p.sections)] for p in parts]
    chunks: list[list[ChunkPart]] = []
    for part in parts:
        group: list[Section] = []
        for i, section in enumerate(part.sections):
            group.append(section)
            if sum(map(_weight, group)) >= CHUNK_CHARACTERS or i == len(part.sections) - 1:
                first = group[0] is part.sections[0]
                chunks.append([ChunkPart(part.title, part.slug, group, continued=not first and bool(part.title))])
                group = []
    return chunks


def _page_info(page: Any) -> PageInfo:
    """Collect string-set values the way WeasyPrint's layout does, and anchors, bookmarks
    and links as WeasyPrint found them, relative to the page's content box."""
    box = page._page_box
    x0, y0 = box.content_box_x(), box.content_box_y()
    info = PageInfo()
    for child in box.children[0].descendants():
        if child.string_set and child.string_set != "none":
            info.strings += [(name, text) for name, text in child.string_set]
    info.anchors = [(name, x1 - x0, y1 - y0) for name, (x1, y1, *_rest) in page.anchors.items()]
    info.bookmarks = [(level, label, x - x0, y - y0, state == "closed") for level, label, (x, y), state in page.bookmarks]
    for kind, target, (x1, y1, x2, y2), _box in page.links:
        if kind in ("internal", "external"):
            href = f"#{target}" if kind == "internal" else target
            info.links.append((href, x1 - x0, y1 - y0, x2 - x1, y2 - y1))
    return info


def layout_chunk(html: str, stage: str) -> ChunkLayout:
    """Lay out one chunk as a single pass would, holes filled (runs in a worker process)."""
    root = Path(stage)
    fetcher = StagedFetcher(root)

    def lay_out(markup: str) -> Any:
        return HTML(string=markup, base_url=str(root / "print.html"), url_fetcher=fetcher).render(presentational_hints=False)

    with print_layout():
        rendered, _, moves = filled(html, lay_out)
        with deferred_font_subsets():
            pdf = rendered.write_pdf()
    return ChunkLayout(pdf, [_page_info(page) for page in rendered.pages], moves)
