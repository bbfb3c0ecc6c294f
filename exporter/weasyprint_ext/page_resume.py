"""Resume a document's pagination from a page of an earlier layout of it.

A rebuild lays out a whole chunk (a day) again for a three-character correction, because
sections run on inside it. WeasyPrint's page maker (`weasyprint/layout/page.py`) keeps, per
page, the state the page starts from: the skip stack `resume_at` (child indices down the box
tree), the next page's break and side, and the page counters and page groups. Two layouts
of documents that are the same up to some element start the pages before it from the same
states, so a layout of the edited document can start at page `start` from the earlier
layout's state, and stop as soon as one of its pages past the edit starts from a state that
a page of the earlier layout started from: from there on the same boxes follow the same
state, and the earlier layout's pages are the rest.

`recording()` keeps each layout's page-start states (deep copies, picklable: plain dicts,
lists and tuples; None where a page group holds boxes, which cannot be compared across
documents); `resuming()` makes a layout start at a page and stop at the first state the
earlier layout shared. What a caller must guarantee: the documents are the same before the
edit (in markup and in child indices) and after it, and `past` names an element that starts
after the edit, so a state is compared only once the edited content lies behind it (None:
no element follows the edit, so the layout runs to the end). The pages the layout returns
are the new ones only (`Resumed.start` onward); the caller splices. A layout whose pages look
up counters or targets (`target-counter()`, `counter(pages)`: a page's content then depends on
other pages) records no state, and a resumed layout that meets one is refused
(`ResumeRefused`), since the pages outside it would not be made again.

`dump_states`/`load_states` keep the states as JSON that restores their types (tuples, sets,
integer keys), since they are compared for equality; nothing is unpickled from a cache.
What relies on WeasyPrint's internals is pinned in pin.py.
"""

from __future__ import annotations

import copy
import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import weasyprint.document
import weasyprint.layout
from weasyprint.layout import page as page_layout

from .patches import Patch, patched

PageState = tuple[Any, Any, bool, Any]  # resume_at, next page, right page, page state
# (the last page box laid out before the rejoin, the earlier layout's index of the rejoined
# page) -> whether the pages `beyond` the rejoin may be left out
Settled = Callable[[Any, int], bool]
_local = threading.local()


class ResumeRefused(ValueError):
    """The resumed layout cannot stand in for a full one (its pages look up other pages)."""


@dataclass(frozen=True)
class Following:
    """An element that starts after the edit, named without an id: the `index`-th element
    inside the body in document order (the body not counted), with its tag, id (or None) and
    the text before its first child; `tags`, the tag names of every element inside the body in
    order as the markup has them (the parsed tree must have the same, or places do not match:
    a comment or a raw text holding a tag, an element the parser implied); `fallback`, an id
    after the edit, stands in when the element found there is not that one."""

    index: int
    tag: str
    id: str | None
    text: str
    tags: tuple[str, ...]
    fallback: str | None


def _past_element(root: Any, past: Following) -> Any:
    """The element `past` names in the document `root`, or None when it is not there."""
    body = root.find("body")
    if body is None:
        return None
    elements = [e for e in body.iter() if isinstance(e.tag, str)][1:]  # not comments, not the body
    if tuple(e.tag for e in elements) != past.tags or past.index >= len(elements):
        return None
    element = elements[past.index]
    same = element.tag == past.tag and element.get("id") == past.id and (element.text or "") == past.text
    return element if same else None


@dataclass
class Resumed:
    """Where a resumed layout started (`start`: its first page's index in the earlier layout)
    and met the earlier layout: `rejoined` = (index in the new document, index in the earlier
    one) of the first page whose start state they share, None if it laid out to the end."""

    start: int
    past: str | Following | None
    rejoined: tuple[int, int] | None = None


def _copied(entry: tuple[Any, ...]) -> PageState | None:
    resume_at, next_page, right_page, page_state, _remake = entry
    if page_state[3]:  # page groups hold boxes of this document
        return None
    return copy.deepcopy(resume_at), copy.deepcopy(next_page), right_page, copy.deepcopy(page_state)


def _looks_up(entries: list[Any]) -> bool:
    """Whether a page of these page-maker entries looks up counters or targets of other pages."""
    return any(entry[-1]["content_lookups"] or entry[-1]["pages_wanted"] for entry in entries)


def _recorded(page_maker: list[Any]) -> list[PageState | None]:
    if _looks_up(page_maker):
        return [None] * len(page_maker)
    return [_copied(entry) for entry in page_maker]


def _fresh() -> dict[str, Any]:
    return {"content_changed": False, "pages_wanted": False, "anchors": [], "content_lookups": []}


def _starts(page: Any, past: str | Any) -> bool:
    """Whether an element starts on `page`: the one with id `past`, or the element `past`."""
    if not isinstance(past, str):
        return any(getattr(box, "element", None) is past for box in page.descendants())
    return any(getattr(box, "element", None) is not None and box.element.get("id") == past
               for box in page.descendants())


def _make_all_pages(original: Callable[..., Any]) -> Callable[..., Any]:
    def make_all_pages(context: Any, root_box: Any, html: Any, pages: list[Any]) -> Iterator[Any]:
        plan = getattr(_local, "plan", None)
        if plan is None or pages:
            yield from original(context, root_box, html, pages)
        else:
            yield from _resume(context, root_box, html, plan)
        # the states as the pages compared them, before layout_document sets the page total
        _local.last = _recorded(context.page_maker)

    return make_all_pages


def _layout_document(original: Callable[..., Any]) -> Callable[..., Any]:
    def layout_document(*args: Any, **kwargs: Any) -> Iterator[Any]:  # a generator, as WeasyPrint's
        yield from original(*args, **kwargs)
        if (record := getattr(_local, "record", None)) is not None:
            record.append(_local.last)

    return layout_document


def _resume(context: Any, root_box: Any, html: Any, plan: tuple[list[PageState], Resumed, int, Settled | None]
            ) -> Iterator[Any]:
    """make_all_pages from the earlier layout's state of page `start`, up to the end or the
    first page past `past` that starts where a page of the earlier layout started (and
    `beyond` pages more, if the document goes on, unless `settled` says they are not needed)."""
    states, resumed, beyond, settled = plan
    start = resumed.start
    context.page_maker = [(*copy.deepcopy(state), _fresh()) for state in states[:start + 1]]
    context.rendered_notes = []
    index, behind, past = start, False, resumed.past
    if isinstance(past, Following):  # the element itself, or the id after it when it is not found
        past = _past_element(root_box.element, past) if root_box.element is not None else None
        past = resumed.past.fallback if past is None else past
    while True:
        page, resume_at = page_layout.remake_page(index, context, root_box, html)
        yield page
        behind = behind or (past is not None and _starts(page, past))
        index += 1
        if resume_at is None and not context.reported_footnotes:
            break
        if resumed.rejoined is not None:
            if index - resumed.rejoined[0] >= beyond:
                break
            continue
        if behind and not context.broken_out_of_flow and not context.reported_footnotes:
            state = _copied(context.page_maker[index])
            if (j := next((j for j, old in enumerate(states) if old is not None and old == state), None)) is not None:
                resumed.rejoined = (index, j)
                if beyond == 0 or (settled is not None and settled(page, j)):
                    break
    if _looks_up(context.page_maker[start:]):
        raise ResumeRefused("a resumed page looks up counters or targets of other pages")
    # layout_document reads page_maker[i + 1] for the i-th page it got, and loops again while
    # an entry says its content changed: the entries from `start` on, none to remake.
    context.page_maker = [(*entry[:4], _fresh()) for entry in context.page_maker[start:index + 1]]
    context.broken_out_of_flow.clear()
    context.reported_footnotes.clear()


PAGE_RESUME = Patch("page resume", ((weasyprint.layout, "make_all_pages", _make_all_pages),
                                     (weasyprint.document, "layout_document", _layout_document)))


@contextmanager
def recording() -> Iterator[list[list[PageState | None]]]:
    """Within: each layout appends the start states of its pages and, last, the state after
    its last page (None for a page whose page groups hold boxes), as its last pagination
    pass compared them (the page total, which WeasyPrint sets afterwards, is not in them)."""
    layouts: list[list[PageState | None]] = []
    _local.record = layouts
    try:
        with patched(PAGE_RESUME):
            yield layouts
    finally:
        _local.record = None


@contextmanager
def resuming(states: list[PageState | None], start: int, past: str | Following | None, beyond: int = 0,
             settled: Settled | None = None) -> Iterator[Resumed]:
    """Within: a layout makes its pages from page `start`, starting from `states[start]` of
    an earlier layout (whose states `recording()` kept), and stops at the first page after
    the one where the element `past` (an id, or Following) starts whose start state is one of `states`
    (None: at the end), or `beyond` pages after that one (those pages are the earlier
    layout's again, laid out so that a caller can judge the page before them in context),
    unless `settled(last page box before them, rejoined index)` says the caller needs them not."""
    if any(state is None for state in states[:start + 1]):
        raise ValueError("the earlier layout recorded no state to resume from (page groups or page lookups)")
    resumed = Resumed(start, past)
    _local.plan = (states, resumed, beyond, settled)
    try:
        with patched(PAGE_RESUME):
            yield resumed
    finally:
        _local.plan = None


def _tagged(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dict):
        return {"d": [[_tagged(k), _tagged(v)] for k, v in value.items()]}
    if isinstance(value, list):
        return {"l": [_tagged(v) for v in value]}
    if isinstance(value, tuple):
        return {"t": [_tagged(v) for v in value]}
    if isinstance(value, set | frozenset):
        return {"s" if isinstance(value, set) else "f": sorted((_tagged(v) for v in value), key=repr)}
    raise TypeError(f"a page state holds a {type(value).__name__}")


def _untagged(value: Any) -> Any:
    if not isinstance(value, dict):
        return value
    [(kind, items)] = value.items()
    if kind == "d":
        return {_untagged(k): _untagged(v) for k, v in items}
    restored = [_untagged(v) for v in items]
    return {"l": list, "t": tuple, "s": set, "f": frozenset}[kind](restored)


def dump_states(states: list[PageState | None]) -> str:
    """The states as JSON (TypeError if one holds anything but plain data)."""
    return json.dumps([_tagged(state) for state in states], separators=(",", ":"))


def load_states(text: str) -> list[PageState | None]:
    """The states `dump_states` wrote, with their types as they were."""
    return [_untagged(state) for state in json.loads(text)]
