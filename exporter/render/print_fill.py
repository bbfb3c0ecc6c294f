"""Fill the holes a boxed item leaves: one measured trial layout, then items move forward.

WeasyPrint has no page floats: a notice, a photo story or a brief that does not fit at the
foot of a page goes to the next page whole and leaves the foot empty. This pass looks at a
laid-out document; where a page ends more than MIN_HOLE of its height above the foot and the
next page opens with such a *filler* (marked `data-filler` by the print template), the filler
moves after the next article of its own section, so that article's text runs into the hole
and the filler stands where it fits, on that page or the next. The document is laid out again
with the moves and kept if it has no more pages than the trial.

What may move: notices, photo stories and briefs (`is_filler`), one article forward, never
out of their section. Articles keep their order otherwise. Moves are made on the print HTML,
between the `<!--article SLUG-->` … `<!--/article SLUG-->` markers of print_sections.html,
so single-pass and chunked layout move the same items (a chunk is whole sections).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import regex
from weasyprint.formatting_structure.boxes import LineBox, ReplacedBox

from ..model import Article

LOG = logging.getLogger("exporter.pdf")
MIN_HOLE = 0.25  # share of the page's text area left empty at its foot
BRIEF_CHARACTERS = 300  # an article this short (all its text) is a brief
_SECTION_END = "</section>"

Move = tuple[str, str]  # (slug of the filler, slug of the article it now follows)


def is_filler(article: Article) -> bool:
    """Notices, photo stories and briefs may move forward to fill a hole."""
    return article.kind in ("notice", "photo") or sum(len(t) for t in article.texts) <= BRIEF_CHARACTERS


def _markers(slug: str) -> tuple[str, str]:
    return f"<!--article {slug}-->", f"<!--/article {slug}-->"


def _next_in_section(html: str, slug: str) -> str | None:
    """The slug of the article after `slug` in its section, if any."""
    end = html.find(_markers(slug)[1])
    if end < 0:
        return None
    m = regex.compile(r"<!--article ([^ >]+)-->|</section>").search(html, end)
    return m[1] if m and m[1] else None


_FORCED = {"page", "left", "right", "recto", "verso"}


def _page_facts(page: Any, seen: set[int]) -> tuple[float, list[tuple[str, bool]], bool]:
    """The share of the page's text area empty at its foot, the articles on it
    (`data-article` wrappers: slug, is a filler) in order, and whether an element that
    starts on it forces the page break (a part or section that starts a page).
    `seen` holds the elements met on earlier pages and is updated."""
    box = page._page_box
    top, height = box.content_box_y(), box.height
    lowest, articles, forced = top, [], False
    for child in box.children[0].descendants():  # the document, not the margin boxes
        if isinstance(child, LineBox | ReplacedBox):
            lowest = max(lowest, child.position_y + child.margin_height())
        element = getattr(child, "element", None)
        if element is None:
            continue
        if id(element) not in seen:
            seen.add(id(element))
            forced |= child.style["break_before"] in _FORCED
        if child.element_tag == "div" and (slug := element.get("data-article")) is not None:
            articles.append((slug, element.get("data-filler") is not None))
    return (top + height - lowest) / height, articles, forced


def find_moves(pages: list[Any], html: str) -> list[Move]:
    """The moves that fill the holes of a laid-out document made from `html`: a page after
    a hole (not a forced break) that opens with a filler which is not the last of its section."""
    elements: set[int] = set()
    facts = [_page_facts(page, elements) for page in pages]
    seen: set[str] = set()
    moves: list[Move] = []
    for i, (_, articles, forced) in enumerate(facts):
        fresh = [a for a in articles if a[0] not in seen]
        seen.update(slug for slug, _ in articles)
        if i == 0 or forced or not fresh or not facts[i - 1][1] or facts[i - 1][0] < MIN_HOLE:
            continue
        slug, filler = fresh[0]
        if filler and articles[0][0] == slug and (after := _next_in_section(html, slug)) is not None:
            moves.append((slug, after))
    return moves


def apply_moves(html: str, moves: list[Move]) -> str:
    """`html` with each filler's marked markup cut out and put after its new predecessor."""
    for slug, after in moves:
        start, end = _markers(slug)
        a, b = html.find(start), html.find(end)
        if a < 0 or b < 0:
            continue
        piece = html[a: b + len(end)]
        html = html[:a] + html[b + len(end):]
        anchor = html.find(_markers(after)[1])
        if anchor < 0:
            raise AssertionError(f"no article {after} to move {slug} after")
        anchor += len(_markers(after)[1])
        html = html[:anchor] + "\n" + piece + html[anchor:]
    return html


def filled(html: str, render: Callable[[str], Any]) -> tuple[Any, str, list[Move]]:
    """The laid-out document of `html` (render(html) -> a WeasyPrint Document), with its
    holes filled when the trial has any: (document, the html laid out, the moves made)."""
    trial = render(html)
    moves = find_moves(trial.pages, html)
    if not moves:
        return trial, html, []
    moved_html = apply_moves(html, moves)
    moved = render(moved_html)
    if len(moved.pages) > len(trial.pages):
        LOG.info("kept the order: moving %s would add pages", ", ".join(slug for slug, _ in moves))
        return trial, html, []
    LOG.info("filled holes: %s", "; ".join(f"moved {slug} after {after}" for slug, after in moves))
    return moved, moved_html, moves
