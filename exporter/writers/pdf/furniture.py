"""The furniture pass of parallel PDF layout: the front (cover, masthead, contents) plus one
"ghost" page per laid-out content page, rendered by WeasyPrint.

A ghost page holds, at the positions its chunk reported, the string-set values (running
heads), anchors, bookmarks and link areas of the content page it stands for. WeasyPrint then
does what it does in a single pass: page numbers, running heads with their carry-over rules,
the contents' target-counter() page numbers, the bookmark tree and internal links. The
content pages are merged under the ghost pages afterwards (assemble.py).

The pass is two documents laid out side by side, which split its cost about in half:

- the *targets* document: the front, then ghost pages with the anchors, bookmarks and links
  and no page-margin boxes. Its pages are the pages of the PDF (outline, links, named
  destinations, page boxes);
- the *margins* document: the front without its internal links (so the contents is laid out
  once, not again when its target-counter() numbers arrive), then ghost pages with the
  string-set values only, page-margin boxes and crop marks on. Its ghost pages are drawn
  over the content: running heads and page numbers.

Both fronts must have the same number of pages, or the page numbers of the margins document
would be off: the contents' page numbers can, rarely, move a line. Then the furniture is laid
out again as one document with everything (`whole`).
"""

from __future__ import annotations

import regex

from .chunks import MARGIN_BOXES, ChunkLayout
from ...weasyprint_ext.page_info import PageInfo

GHOST_PAGE = "newsprint-ghost"  # the named page of GHOST_CSS
# Ghost pages of the targets document draw nothing: no margin boxes, no marks.
TARGETS_CSS = "\n".join(
    f"@page {GHOST_PAGE}{selector} {{ marks: none; {' '.join(f'@{box} {{ content: none; }}' for box in MARGIN_BOXES)} }}"
    for selector in ("", ":first", ":left", ":right", ":blank")) + "\n"
_INTERNAL_LINK = regex.compile(r'\shref="#[^"]*"')

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
            pages.append(PageInfo(page.strings, anchors, page.bookmarks, page.links))
    return pages



def targets_pages(pages: list[PageInfo]) -> list[PageInfo]:
    """Ghost pages for the targets document: anchors, bookmarks and links."""
    return [PageInfo([], page.anchors, page.bookmarks, page.links) for page in pages]


def margins_pages(pages: list[PageInfo]) -> list[PageInfo]:
    """Ghost pages for the margins document: the string-set values."""
    return [PageInfo(page.strings) for page in pages]


def without_internal_links(html: str) -> str:
    """The margins document's markup: no `href="#…"`, so no target-counter() to wait for."""
    return _INTERNAL_LINK.sub("", html)
