"""A line laid out again is a copy of the first layout: same boxes, no second shaping.

WeasyPrint 70 lays a paragraph's lines out one at a time (`inline.get_next_linebox`), and a
document lays most of them out more than once: each column-balancing trial lays the
columns' paragraphs out again from the same lines, the keeping pass after a trial that
could not be reused, the widows and orphans look-ahead, the line extensions' comparisons
(line_endings.py). Counted on the heaviest chunk of the benchmark week: 5,137 line layouts,
of which only 2,514 differ in their paragraph, start, width and position.

Inside `patched(LINE_MEMO)` the first layout of a line is kept (a deep copy, taken before
the caller can change it) and a later call with the same arguments gets a fresh deep copy
of it. The line is the same because everything its layout reads is in the key or cannot
vary:
- the paragraph's line box and the identity of every box under it (a page-based lookup
  parsed again replaces boxes: a new key), the skip stack, the text indent, the first-line
  and first-letter styles (only none: a first letter changes the box tree);
- the containing block's width, content x and style, and the position y (the exact
  position: no translation, so every coordinate is the one a fresh layout computes);
- the line extensions' target extra (`context.line_target_extra`, cjk_justify.py);
- no excluded shapes (floats), and only text and inline boxes in normal flow under the line
  box, so nothing of the line reads the space below (`bottom_space` reaches only inline
  blocks, replaced and atomic boxes) or leaves anything in the layout context (placeholders,
  floats, running elements, footnotes).
The line box's own geometry, which the layout sets on the paragraph's box, is set again.
tests/pdf/test_line_memo.py lays documents out with and without the memo and compares every
box of every page.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any

from weasyprint.formatting_structure import boxes
from weasyprint.layout import inline

from .column_balance import frozen
from .patches import Patch

_PLAIN = (boxes.TextBox, boxes.InlineBox)
# by the paragraph's line box: key -> (the line, resume_at, the line box's geometry, what
# the key's ids name, kept alive so that no id is reused while the entry lives)
_MEMO: weakref.WeakKeyDictionary[Any, dict[tuple[Any, ...], tuple[Any, ...]]] = weakref.WeakKeyDictionary()


def _boxes(linebox: Any) -> list[Any] | None:
    """The boxes under `linebox`, or None if one of them is not plain inline text in flow."""
    found = []
    stack = list(linebox.children)
    while stack:
        box = stack.pop()
        if type(box) not in _PLAIN:
            return None
        style = box.style
        if style["float"] != "none" or style["position"] not in ("static", "relative"):
            return None
        found.append(box)
        if type(box) is boxes.InlineBox:
            stack.extend(box.children)
    return found


def _copy(line: Any) -> Any:
    """A deep copy of a laid-out line, down to its text boxes' (deactivated) Pango layouts,
    which the line extensions mark after the layout (`halt_first`, `halt_last`)."""
    line = line.deepcopy()
    stack = [line]
    while stack:
        box = stack.pop()
        if type(box) is boxes.TextBox:
            layout = box.pango_layout
            box.pango_layout = copied = layout.__class__.__new__(layout.__class__)
            copied.__dict__.update(layout.__dict__)
        else:
            stack.extend(box.children)
    return line


def _copy_stack(skip_stack: dict[int, Any] | None) -> dict[int, Any] | None:
    if skip_stack is None:
        return None
    return {key: _copy_stack(value) for key, value in skip_stack.items()}


def _memo(original: Callable[..., Any]) -> Callable[..., Any]:
    def get_next_linebox(context: Any, linebox: Any, position_y: float, bottom_space: float, skip_stack: Any,
                         containing_block: Any, absolute_boxes: list[Any], fixed_boxes: list[Any],
                         first_letter_style: Any, first_line_style: Any) -> Any:
        args = (context, linebox, position_y, bottom_space, skip_stack, containing_block, absolute_boxes,
                fixed_boxes, first_letter_style, first_line_style)
        if context.excluded_shapes or first_letter_style is not None or first_line_style is not None:
            return original(*args)
        under = _boxes(linebox)
        if under is None:
            return original(*args)
        styles = [box.style for box in under]  # line_endings lays a unit out with a copy
        key = (tuple(map(id, under)), tuple(map(id, styles)), frozen(skip_stack), linebox.text_indent, position_y,
               containing_block.width, containing_block.content_box_x(), id(containing_block.style),
               getattr(context, "line_target_extra", 0.0))
        known = _MEMO.get(linebox)
        if known is not None and (hit := known.get(key)) is not None:
            line, resume_at, geometry, _ = hit
            linebox.position_x, linebox.position_y, linebox.width, linebox.height = geometry
            return _copy(line), _copy_stack(resume_at)
        outside = len(absolute_boxes), len(fixed_boxes)
        line, resume_at = original(*args)
        if line is not None and (len(absolute_boxes), len(fixed_boxes)) == outside and not context.excluded_shapes:
            geometry = (linebox.position_x, linebox.position_y, linebox.width, linebox.height)
            if known is None:
                known = _MEMO[linebox] = {}
            known[key] = (_copy(line), _copy_stack(resume_at), geometry, (under, styles, containing_block.style))
        return line, resume_at

    return get_next_linebox


LINE_MEMO = Patch("line memo", (
    (inline, "get_next_linebox", _memo),
))
