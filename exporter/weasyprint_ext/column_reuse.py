"""Multi-column layout without laying the same column out twice: same pages, less time.

WeasyPrint 70's `columns_layout()` finds each column height by trial: it lays the columns
out at a candidate height (at the page's full height first, then, for balanced columns,
at growing heights), and once the height is chosen it lays the columns out *again* to
keep. That last pass repeats, with the same arguments, a trial it has just made: on a
page the columns fill, the trial at full height; for balanced columns, the last trial.
Profiled on the benchmark week, columns take about 80 % of the layout time and about 30 %
of the column layouts are those repeats.

Inside `patched(COLUMN_REUSE)`, every call that `columns_layout()` makes to
`block_box_layout()` is remembered, and the keeping pass gets the remembered trial
(shifted to its column's x) when its arguments are the same: same children, width, y,
bottom space, skip stack, page-is-empty flag and containing block. A trial is remembered
only when it left nothing behind in the layout context (no floats, footnotes, running
elements, out-of-flow breaks, absolute or fixed boxes), because the trial loop undoes
those and the keeping pass would have made them. Balancing also repeats trials: with
sections that run on, a column group tries the same height again (measured on the
qingchuan-daily broadsheet: 178 of 673 trials were repeats); a repeated trial gets the
remembered one too (the trial loop only measures it), and the keeping pass takes it
once, shifted. So the
boxes kept are the boxes a second layout would have made (tests/pdf/test_column_reuse.py
compares every box of every page with and without the patch).

The trials at balancing heights go through column_balance.py, which skips the heights
whose outcome two enclosing trials already show (laying out only the rest, remembered here).
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from typing import Any

from math import inf

from weasyprint.layout import block, column

from .column_balance import Balancer
from .column_balance import frozen as _frozen
from .patches import Patch

_COLUMNS_CODE = column.columns_layout.__code__
Memo = dict[tuple[Any, ...], tuple[float, tuple[Any, ...], bool]]  # (x, result, keepable)


def _context_state(context: Any) -> tuple[Any, ...]:
    """What a column layout can leave behind in the layout context."""
    running = sum(len(boxes) for pages in context.running_elements.values() for boxes in pages.values())
    return (tuple(map(id, context.excluded_shapes)), len(context.broken_out_of_flow),
            len(context.current_page_footnotes), len(context.reported_footnotes), running)


def _key(context: Any, box: Any, bottom_space: float, skip_stack: Any, containing_block: Any,
         page_is_empty: bool, rest: tuple[Any, ...], options: dict[str, Any]) -> tuple[Any, ...]:
    """Everything a column's layout depends on, but its x (results are shifted)."""
    return (tuple(map(id, box.children)), id(box.style), box.width, box.position_y, bottom_space,
            _frozen(skip_stack), bool(page_is_empty), id(containing_block), tuple(map(id, rest)),
            tuple(sorted(options.items())), _context_state(context))


_memos = threading.local()  # per thread: one (memo, balancer) per columns_layout() in progress


def _stack() -> list[tuple[Memo, Balancer]]:
    return _memos.__dict__.setdefault("stack", [])


def _reusing_block(original_block: Callable[..., Any]) -> Callable[..., Any]:
    def block_box_layout(context: Any, box: Any, bottom_space: float, skip_stack: Any, containing_block: Any,
                         page_is_empty: bool, absolute_boxes: list[Any], fixed_boxes: list[Any],
                         adjoining_margins: list[Any] | None, *rest: Any, **options: Any) -> Any:
        args = (context, box, bottom_space, skip_stack, containing_block, page_is_empty, absolute_boxes,
                fixed_boxes, adjoining_margins, *rest)
        memos = _stack()
        # Frame 1 is patched()'s switch; frame 2 is the caller.
        if not memos or sys._getframe(2).f_code is not _COLUMNS_CODE or context.excluded_shapes:
            return original_block(*args, **options)
        # Trials pass fresh lists and `[]` margins; the keeping pass passes `None`.
        (memo, balancer), keeping = memos[-1], adjoining_margins is None
        key = _key(context, box, bottom_space, skip_stack, containing_block, page_is_empty, rest, options)
        if keeping:
            if (hit := memo.pop(key, None)) is None or not hit[2]:
                return original_block(*args, **options)
            x, result, _ = hit
            if result[0] is not None:
                result[0].translate(box.position_x - x)
            return result

        def trial(bottom: float, skip: Any, empty: bool) -> Any:
            """A trial of this column at another bottom space or skip stack, remembered."""
            trial_key = (*key[:4], bottom, _frozen(skip), bool(empty), *key[7:])
            if (hit := memo.get(trial_key)) is not None:  # a trial already made at this height
                return hit[1]
            absolute: list[Any] = []
            fixed: list[Any] = []
            result = original_block(context, box, bottom, skip, containing_block, empty, absolute, fixed,
                                    [], *rest, **options)
            if _context_state(context) == key[-1]:  # the keeping pass needs its own absolute boxes
                memo[trial_key] = (box.position_x, result, not absolute and not fixed)
            return result

        if page_is_empty or bottom_space == inf:  # a first trial at full height, or a next box measure
            return trial(bottom_space, skip_stack, page_is_empty)
        group = (*key[:4], *key[6:])
        return balancer.trial(group, box, bottom_space, skip_stack, trial,
                              lambda: _context_state(context) == key[-1])

    return block_box_layout


def _remembering_columns(original_columns: Callable[..., Any]) -> Callable[..., Any]:
    def columns_layout(*args: Any, **kwargs: Any) -> Any:
        memos = _stack()
        memos.append(({}, Balancer(args[0], args[2])))
        try:
            return original_columns(*args, **kwargs)
        finally:
            memos.pop()

    return columns_layout


COLUMN_REUSE = Patch("column reuse", (
    (column, "columns_layout", _remembering_columns),
    (block, "columns_layout", _remembering_columns),
    (block, "block_box_layout", _reusing_block),
))
