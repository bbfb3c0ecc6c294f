"""The furniture pass of parallel PDF layout: the front (cover, masthead, contents) plus one
"ghost" page per laid-out content page, rendered by WeasyPrint.

A ghost page holds, at the positions its chunk reported, the string-set values (running
heads), anchors, bookmarks and link areas of the content page it stands for. WeasyPrint then
does what it does in a single pass: page numbers, running heads with their carry-over rules,
the contents' target-counter() page numbers, the bookmark tree and internal links. The
content pages are merged under the ghost pages afterwards (assemble.py).

The pass is one document. It used to be two laid out side by side (anchors and links in
one, page-margin boxes in the other), but both laid out the front, whose balanced contents
columns are most of the furniture's cost: on the 1-week benchmark volume the two took 4.4 s
and 3.1 s of CPU, one takes 4.9 s, and two processes side by side each run about 17 %
slower, so one is no later.
"""

from __future__ import annotations

from .chunks import ChunkLayout
from ...weasyprint_ext.page_info import PageInfo

GHOST_CSS = """/* furniture-only pages of a parallel build (exporter/writers/pdf/furniture.py) */
@page newsprint-ghost { background: none; }
.ghost-page { page: newsprint-ghost; break-before: page; height: 0; margin: 0; padding: 0; border: 0; }
.ghost-string { height: 0; margin: 0; padding: 0; border: 0; }
.ghost { position: absolute; display: block; margin: 0; padding: 0; border: 0; width: 0; height: 0; }
.ghost-mark { bookmark-label: attr(data-label); }
.ghost-mark.closed { bookmark-state: closed; }
"""


def ghost_css(pages: list[PageInfo]) -> str:
    """The fixed rules plus one string-set rule per string name the chunks set."""
    names = sorted({name for page in pages for name, _ in page.strings})
    levels = sorted({level for page in pages for level, *_ in page.bookmarks})
    rules = [f'.ghost-string[data-name="{n}"] {{ string-set: {n} attr(data-value); }}' for n in names]
    rules += [f".ghost-mark.l{n} {{ bookmark-level: {n}; }}" for n in levels]
    return GHOST_CSS + "\n".join(rules) + "\n"


def dedupe_anchors(layouts: list[ChunkLayout]) -> list[PageInfo]:
    """Every content page in order; an id that occurs twice is an anchor only the first time,
    as in a single pass (e.g. each chunk has its own `main`)."""
    seen: set[str] = set()
    pages = []
    for layout in layouts:
        for page in layout.pages:
            anchors = [a for a in page.anchors if a[0] not in seen]
            seen.update(a[0] for a in anchors)
            pages.append(PageInfo(page.strings, anchors, page.bookmarks, page.links, page.top))
    return pages
