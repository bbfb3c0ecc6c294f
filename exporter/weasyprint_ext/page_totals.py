"""Lay a page that prints page numbers (`target-counter()`: the contents, jump lines) out
once with its numbers, not twice.

WeasyPrint paginates in loops (layout_document): the first lays every page out, and a page
whose generated content looks a counter up is laid out again in a later loop. After each
loop the page total (`pages`) is written into every page's start state, so when such a page
is re-made, its page counters differ from the ones its lookups cached (by `pages` alone);
only then (make_page, "local counters") is its content parsed again, with the right
numbers, and the page marked to be made once more. So the 8-page volume's contents page was
laid out three times (first pass, once with the stale numbers, once with the right ones):
0.1 s of our layout there, 0.3 s in stock WeasyPrint, where the contents' columns are
balanced by trial.

Inside `patched(PAGE_TOTALS)`, a page re-made from the same start state as its last make
(the same page-maker entry, its counters changed only by the total written into them) has
its lookups' content parsed again *before* it is laid out, with the values make_page would
use (the cached ones with the new total), so make_page finds nothing changed and the page
is final at once. After the page is made, each of those lookups is parsed again with the
values it now has; if its content differs (a target moved onto the page just made), the page
is marked to be made again, as WeasyPrint would. The PDF is byte-identical (the 8p volume,
tests/perf/test_page_totals.py); the internals it relies on are pinned in pin.py.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import weasyprint.layout.page as page_layout

from .patches import Patch

_MADE = "_exporter_made_from"  # on the layout context: page index -> the page-maker entry it was made from


def _shape(box: Any) -> list[Any]:
    """What a box's generated content is: its children's types and texts, recursively."""
    return [(type(child).__name__, getattr(child, "text", None), _shape(child))
            for child in getattr(box, "children", ())]


def _remake_page(original: Callable[..., Any]) -> Callable[..., Any]:
    def remake_page(index: int, context: Any, root_box: Any, html: Any) -> Any:
        made: dict[int, Any] = context.__dict__.setdefault(_MADE, {})
        entry = context.page_maker[index]
        counters = entry[3][1]  # the page's start state: (page groups, counter values, ...)
        parsed: dict[Any, list[Any]] = {}
        if made.get(index) is entry and "pages" in counters:
            for key, item in context.target_collector.counter_lookup_items.items():
                cached = item.cached_page_counter_values
                if key[1] == "content" and item.page_maker_index == index and cached \
                        and cached.get("pages") != counters["pages"]:
                    values = copy.deepcopy(cached)
                    values["pages"] = copy.deepcopy(counters["pages"])
                    item.parse_again(values)
                    item.cached_page_counter_values = values
                    parsed[key] = _shape(key[0])
        made[index] = entry
        result = original(index, context, root_box, html)
        for key, before in parsed.items():
            item = context.target_collector.counter_lookup_items[key]
            item.parse_again(item.cached_page_counter_values)
            if _shape(key[0]) != before:
                context.page_maker[index][-1]["content_changed"] = True
        return result

    return remake_page


PAGE_TOTALS = Patch("page totals", ((page_layout, "remake_page", _remake_page),))
