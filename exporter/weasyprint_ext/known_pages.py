"""Page numbers known before layout: a parallel build's contents laid out once, not three times.

The furniture document of a parallel build (writers/pdf/furniture.py) holds the front and one
ghost page per content page, so the page of every anchor the contents points to is known
before WeasyPrint paginates. WeasyPrint 70 does not know it: the contents' `target-counter()`
numbers come from the anchors' pages, cached as pagination reaches them, so the contents page
(laid out before the ghost pages) is laid out with zeros, then again once the numbers are
known, and a third time because the page total changed in between (a `target-counter()` of an
`attr()` records its page counter as one of the box's own page-based counters, under no
anchor name: build.compute_content_list). On the benchmark week that page is two balanced
columns of 120 entries and about 1.1 s of CPU a layout.

Inside `known_pages({anchor: page})`, each listed anchor's target starts with its page counter
(and the page total of a first pagination, 0), so the contents is parsed with the right numbers
before pagination, and the page-based counter lookups that only wait for those anchors are
dropped, so no page is made again for them. Nothing else changes: an anchor not listed, or a
lookup that also waits for another counter, goes WeasyPrint's way. The caller checks the guess
(`misplaced`): where an anchor lands on another page than the one given, the document must be
laid out again with the pages found.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from weasyprint.css import targets
from weasyprint.urls import get_url_tuple

from .patches import Patch, patched

_local = threading.local()
_TARGET_COUNTERS = ("target-counter()", "target-counters()")
_OWN_COUNTERS = ("counter()", "counters()")


def _anchor(token: Any, box: Any) -> str | None:
    """The anchor a target-counter token names, resolved as TargetCollector.lookup_target does."""
    if token[0] == "attr()":
        name, kind, fallback = token[1]
        value = box.element.get(name, fallback)
        token = ("string", value) if kind == "string" else ("url", get_url_tuple(value, box.style.base_url)) \
            if kind == "url" else token
    return targets.anchor_name_from_token(token)


def _anchors(box: Any) -> list[str | None]:
    """The anchors whose page the box's content shows; none when it shows a page counter of
    its own too (its lookup waits for that, which WeasyPrint records the same way)."""
    content = box.style["content"]
    if not isinstance(content, tuple) or any(value[0] in _OWN_COUNTERS for value in content):
        return []
    return [_anchor(value[1][0], box) for value in content if value[0] in _TARGET_COUNTERS]


def _seeding(original: Callable[..., Any]) -> Callable[..., Any]:
    def check_pending_targets(self: Any) -> Any:
        known: dict[str, int] = getattr(_local, "pages", None) or {}
        seeded = {}
        for name, item in self.target_lookup_items.items():
            if name in known:
                item.cached_page_counter_values = {"pages": [0], "page": [known[name]]}
                seeded[name] = item
        result = original(self)  # parses the waiting content again, with the seeded numbers
        for key, lookup in list(self.counter_lookup_items.items()):
            box, token = key
            names = _anchors(box) if token == "content" else []
            if names and lookup.missing_counters in ([], ["page"]) and all(
                    name in seeded and key in seeded[name].parse_again_functions for name in names) \
                    and set(lookup.missing_target_counters) <= {None, *names}:
                del self.counter_lookup_items[key]
        return result

    return check_pending_targets


KNOWN_PAGES = Patch("known pages", ((targets.TargetCollector, "check_pending_targets", _seeding),))


@contextmanager
def known_pages(pages: dict[str, int]) -> Iterator[None]:
    """Lay out inside this block with the page (1-based) of each anchor in `pages` known."""
    previous = getattr(_local, "pages", None)
    _local.pages = pages
    try:
        with patched(KNOWN_PAGES):
            yield
    finally:
        _local.pages = previous


def misplaced(pages: dict[str, int], found: dict[str, int]) -> dict[str, int]:
    """The anchors of `pages` that a layout put on another page: {anchor: page found}."""
    return {name: found[name] for name, page in pages.items() if name in found and found[name] != page}
