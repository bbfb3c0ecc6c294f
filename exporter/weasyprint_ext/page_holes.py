"""What a laid-out page leaves empty, for the hole-filling pass (writers/pdf/fill.py).

Reads WeasyPrint's page and layout boxes, so it lives behind the extension door; what it
relies on is pinned in pin.py.
"""

from __future__ import annotations

from typing import Any

from weasyprint.formatting_structure.boxes import LineBox, ReplacedBox

_FORCED = {"page", "left", "right", "recto", "verso"}


def page_facts(page: Any, seen: set[int]) -> tuple[float, list[tuple[str, bool]], bool, Any]:
    """The share of the page's text area empty at its foot, the articles on it
    (`data-article` wrappers: slug, is a filler) in order, whether an element that starts on
    it forces the page break (a part or section that starts a page), and the figure element
    the page opens with, if it opens with one. `seen` holds the elements met on earlier
    pages and is updated."""
    return box_facts(page._page_box, seen)


def box_facts(box: Any, seen: set[int]) -> tuple[float, list[tuple[str, bool]], bool, Any]:
    """page_facts of a page box (as the page maker makes it, before the document wraps it)."""
    top, height = box.content_box_y(), box.height
    lowest, articles, forced, opening, figure = top, [], False, True, None
    for child in box.children[0].descendants():  # the document, not the margin boxes
        if isinstance(child, LineBox | ReplacedBox):
            lowest = max(lowest, child.position_y + child.margin_height())
            opening = False
        element = getattr(child, "element", None)
        if element is None:
            continue
        if id(element) not in seen:
            seen.add(id(element))
            forced |= child.style["break_before"] in _FORCED
            if opening and child.element_tag == "figure":
                figure = (element, following_heights(box.children[0], child))
        if child.element_tag == "div" and (slug := element.get("data-article")) is not None:
            articles.append((slug, element.get("data-filler") is not None))
    return (top + height - lowest) / height, articles, forced, figure


def following_heights(root: Any, target: Any) -> list[float]:
    """The heights of the boxes after `target` among its siblings (same parent box)."""
    for parent in root.descendants():
        children = getattr(parent, "children", [])
        if any(c is target for c in children):
            i = next(i for i, c in enumerate(children) if c is target)
            return [c.margin_height() for c in children[i + 1:] if c.is_in_normal_flow()]
    return []



def spans_columns(page: Any, element: Any) -> bool:
    """Whether `element` is laid out on `page` across its container's columns
    (`column-span: all`)."""
    return any(getattr(box, "element", None) is element and box.style["column_span"] == "all"
               for box in page._page_box.children[0].descendants())


def content_height(page: Any) -> float:
    """The height of a page's text area, in px."""
    return page._page_box.height


def content_width(page: Any) -> float:
    """The width of a page's text area, in px."""
    return page._page_box.width


def document_root(pages: list[Any]) -> Any:
    """The root element of the document the pages were laid out from (None: no pages)."""
    return pages[0]._page_box.children[0].element if pages else None


def page_figures(page: Any) -> list[tuple[Any, float, float, float]]:
    """The figures laid out on `page`: (element, its picture's width and height, its
    caption's height), in px; a figure without a picture is left out."""
    found, seen = [], set()
    for box in page._page_box.children[0].descendants():
        # an anonymous box inside a figure carries its element too: each figure once
        if getattr(box, "element_tag", None) != "figure" or box.element is None or id(box.element) in seen:
            continue
        seen.add(id(box.element))
        inner = list(box.descendants())
        picture = next((b for b in inner if isinstance(b, ReplacedBox)), None)
        caption = next((b for b in inner if getattr(b, "element_tag", None) == "figcaption"), None)
        if picture is not None:
            found.append((box.element, picture.width, picture.height, caption.margin_height() if caption else 0.0))
    return found
