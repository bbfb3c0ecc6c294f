"""Page-margin boxes laid out once for the pages that show the same ones.

WeasyPrint 70 makes every page's margin boxes afresh (`make_margin_boxes`): per side the
three boxes' max-content widths (`compute_variable_dimension`, text laid out to measure it)
and then each box's content laid out (`margin_box_content_layout`). A volume's running heads
(publication, section, date) are the same on every page of a section, so the furniture
document of a parallel build (156 ghost pages on the benchmark week) measured and laid out
the same three strings over and over: about a third of its CPU.

Each page still gets its own boxes, styles and content (`make_box` runs as before: the
counters, strings and page-based values are WeasyPrint's). What is reused is the result of
those two steps for boxes *equal* to ones already done in the same layout:
- the same computed style, compared by what it is computed from: the margin box's and its
  page's cascaded declarations (the very declaration objects of the stylesheets' `@page`
  rules, so equal objects are equal values) and the document's root style, which every
  page inherits from;
- the same content: only plain strings, `counter()`, `counters()` and `string()` (no
  images, quotes, leaders, running elements or target lookups, whose boxes carry more than
  text), compared by the boxes they became (types and texts);
- the same geometry: the box model values before (widths) or after (content) the step, and
  the position.
WeasyPrint's functions are deterministic in these, so a reused result is the one it would
compute. A laid-out box is handed out as a deep copy. The internals it relies on are pinned
in pin.py (`make_margin_boxes` and the two steps, `Style.anonymous_style`, `TextBox.anonymous_from`).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Hashable
from typing import Any

import weasyprint.layout.page as page_layout

from .patches import Patch

# `content` items whose boxes are anonymous text boxes that hold all they depend on
_PLAIN = frozenset({"string", "counter()", "counters()", "string()"})
_SIDES = ("top", "right", "bottom", "left")
_MODEL = ("width", "height", *(f"margin_{s}" for s in _SIDES), *(f"padding_{s}" for s in _SIDES),
          *(f"border_{s}_width" for s in _SIDES))
_memos: weakref.WeakKeyDictionary[Any, dict[Hashable, Any]] = weakref.WeakKeyDictionary()


def _declarations(style: Any) -> tuple[tuple[str, int], ...] | None:
    """What a computed style is computed from here: its cascaded declarations, by identity."""
    cascaded = getattr(style, "cascaded", None)
    if cascaded is None:
        return None
    return tuple(sorted((name, id(value)) for name, (value, _weight) in cascaded.items()))


def _style_key(style: Any) -> Hashable | None:
    """A margin box's style as the cascade made it: its declarations, its page's, and the
    root style both inherit from; None when it is not a page's margin box style."""
    page = getattr(style, "parent_style", None)
    own, from_page = _declarations(style), _declarations(page)
    if own is None or from_page is None or page.parent_style is None:
        return None
    return own, from_page, id(page.parent_style), id(style.root_style)


def _text(box: Any) -> Hashable | None:
    """A box's generated children as types and texts; None unless each one's style is its
    parent's or its parent's anonymous style (so all follow from the margin box's)."""
    shape = []
    for child in getattr(box, "children", ()):
        if child.style is box.style:
            derived = False
        elif child.style is box.style.anonymous_style:
            derived = True
        else:
            return None
        inner = _text(child)
        if inner is None:
            return None
        shape.append((type(child).__name__, derived, getattr(child, "text", None), inner))
    return tuple(shape)


def _box_key(box: Any) -> Hashable | None:
    """What a margin box's measure and layout depend on besides its geometry; None: not known."""
    if not box.is_generated:
        return box.at_keyword, None
    content = box.style["content"]
    if not isinstance(content, tuple) or any(item[0] not in _PLAIN for item in content):
        return None
    style, shape = _style_key(box.style), _text(box)
    if style is None or shape is None:
        return None
    return box.at_keyword, style, shape


def _model(box: Any) -> tuple[Any, ...]:
    return tuple(getattr(box, name) for name in _MODEL)


def _memo(context: Any) -> dict[Hashable, Any]:
    memo = _memos.get(context)
    if memo is None:
        memo = _memos[context] = {}
    return memo


def _measured_once(original: Callable[..., Any]) -> Callable[..., Any]:
    def compute_variable_dimension(context: Any, side_boxes: list[Any], vertical: bool, available_size: float) -> Any:
        keys = [_box_key(box) for box in side_boxes]
        if any(key is None for key in keys):
            return original(context, side_boxes, vertical, available_size)
        key = ("measure", vertical, available_size, *zip(keys, map(_model, side_boxes)))
        memo = _memo(context)
        if (done := memo.get(key)) is None:
            original(context, side_boxes, vertical, available_size)
            done = memo[key] = [_model(box) for box in side_boxes]
        else:
            for box, values in zip(side_boxes, done):
                for name, value in zip(_MODEL, values):
                    setattr(box, name, value)
        return None

    return compute_variable_dimension


def _laid_out_once(original: Callable[..., Any]) -> Callable[..., Any]:
    def margin_box_content_layout(context: Any, page: Any, box: Any) -> Any:
        box_key = _box_key(box)
        if box_key is None:
            return original(context, page, box)
        key = ("layout", box_key, _model(box), box.position_x, box.position_y)
        memo = _memo(context)
        if (done := memo.get(key)) is None:
            done = memo[key] = original(context, page, box)
        return done.deepcopy()

    return margin_box_content_layout


MARGIN_BOXES = Patch("margin boxes laid out once", (
    (page_layout, "compute_variable_dimension", _measured_once),
    (page_layout, "margin_box_content_layout", _laid_out_once),
))
