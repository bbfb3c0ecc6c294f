"""What one laid-out WeasyPrint page holds, read from its (private) page box: the page
furniture of a parallel build is drawn from this, after the chunks are laid out."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class PageInfo:
    """What one laid-out page tells the furniture pass, in px from the page content box."""

    strings: list[tuple[str, str]] = field(default_factory=list)
    anchors: list[tuple[str, float, float]] = field(default_factory=list)
    bookmarks: list[tuple[int, str, float, float, bool]] = field(default_factory=list)
    links: list[tuple[str, float, float, float, float]] = field(default_factory=list)
    # The first `strings`, set by the page's first box and its first descendants: what
    # `string(name, start)` sees (a running head names the section in force at the page top).
    top: list[tuple[str, str]] = field(default_factory=list)


def page_info(page: Any) -> PageInfo:
    """Collect string-set values the way WeasyPrint's layout does, and anchors, bookmarks
    and links as WeasyPrint found them, relative to the page's content box."""
    box = page._page_box
    x0, y0 = box.content_box_x(), box.content_box_y()
    info = PageInfo()
    chain, first = set(), box.children[0]
    while first is not None:  # the boxes WeasyPrint's `start` keyword looks at
        chain.add(id(first))
        first = first.children[0] if getattr(first, "children", None) else None
    for child in box.children[0].descendants():
        if child.string_set and child.string_set != "none":
            info.strings += [(name, text) for name, text in child.string_set]
            if id(child) in chain:  # the chain is the start of the pre-order walk: a prefix
                info.top += [(name, text) for name, text in child.string_set]
    info.anchors = [(name, x1 - x0, y1 - y0) for name, (x1, y1, *_rest) in page.anchors.items()]
    info.bookmarks = [(level, label, x - x0, y - y0, state == "closed") for level, label, (x, y), state in page.bookmarks]
    for kind, target, (x1, y1, x2, y2), _box in page.links:
        if kind in ("internal", "external"):
            href = f"#{target}" if kind == "internal" else target
            info.links.append((href, x1 - x0, y1 - y0, x2 - x1, y2 - y1))
    return info


def content_area(page: Any) -> tuple[float, float, float, float]:
    """The page's content box (x, y, width, height) in px, in the coordinates of `page.links`."""
    box = page._page_box
    return box.content_box_x(), box.content_box_y(), box.width, box.height
