"""The furniture pass of parallel PDF layout: the front (cover, masthead, contents) plus one
"ghost" page per laid-out content page, rendered by WeasyPrint.

A ghost page holds, at the positions its chunk reported, the string-set values (running
heads), anchors, bookmarks and link areas of the content page it stands for. WeasyPrint then
does what it does in a single pass: page numbers, running heads with their carry-over rules,
the contents' target-counter() page numbers, the bookmark tree and internal links. The
content pages are merged under the ghost pages afterwards (assemble.py). The page of every
anchor is known before this pass, so the contents is laid out once with its page numbers
(layout_furniture), where WeasyPrint alone lays it out three times.

The pass is one document. It used to be two laid out side by side (anchors and links in
one, page-margin boxes in the other), but both laid out the front, whose balanced contents
columns are most of the furniture's cost: on the 1-week benchmark volume the two took 4.4 s
and 3.1 s of CPU, one takes 4.9 s, and two processes side by side each run about 17 %
slower, so one is no later.
"""

from __future__ import annotations

import dataclasses
import logging

from .chunks import ChunkLayout, layout_chunk
from .gc_policy import dropped
from ...weasyprint_ext.known_pages import known_pages, misplaced
from ...weasyprint_ext.page_info import PageInfo

LOG = logging.getLogger("exporter.pdf")

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


def anchor_pages(pages: list[PageInfo], front: int) -> dict[str, int]:
    """The page of every anchor of the ghost pages, with `front` pages before the first."""
    return {name: front + i for i, page in enumerate(pages, 1) for name, *_ in page.anchors}


def front_pages(is_volume: bool, fitted: int | None = None) -> int:
    """How many pages the front takes, as a guess checked by the layout: the pages the
    volume's contents fit measured (`fitted`, contents_fit.Fitted.front_pages: a contents
    that runs on even at the last step takes several), else a volume's cover, then the
    masthead and the contents, which the fit keeps on one page."""
    if fitted is not None:
        return fitted
    return 2 if is_volume else 1


def layout_furniture(html: str, stage: str, known: dict[str, int]) -> ChunkLayout:
    """The furniture document laid out with its anchors' pages known beforehand (`known`,
    from anchor_pages), so its contents is laid out once, with its page numbers
    (weasyprint_ext/known_pages.py). Where an anchor lands on another page (the front took
    another number of pages than guessed), it is laid out again with the pages found, and
    failing that as WeasyPrint alone does: the contents always shows the pages laid out."""
    started, attempt = None, known
    for last in (False, False, True):
        with known_pages({} if last else attempt):
            layout = layout_chunk(html, stage)
        started = started or (layout.worker and layout.worker.started)
        found = {name: i for i, page in enumerate(layout.pages, 1) for name, *_ in page.anchors}
        if last or not (wrong := misplaced(attempt, found)):
            break
        LOG.info("furniture: %d anchors not on the pages guessed (%s …); laid out again", len(wrong), next(iter(wrong)))
        attempt = {**attempt, **wrong}
        dropped()  # the first layout's document, before the next is made beside it
    if layout.worker is not None and started is not None:
        layout.worker = dataclasses.replace(layout.worker, started=started)
    return layout
