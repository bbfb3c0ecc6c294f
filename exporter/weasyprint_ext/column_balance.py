"""Balanced columns without the trials whose outcome is already known: same height, same boxes.

WeasyPrint 70's `columns_layout()` balances a column group by trial: from the mean column
height it lays every column out, and while the content does not fit it grows the height,
by the "lost space" when a column reported one and otherwise by 1 px, laying every column
out again each time. A contents list of `break-inside: avoid` sections is tried at dozens
of heights a pixel apart, most of them with the same break positions.

While it balances, the loop reads from each column of a trial its break (resume_at, or no
box at all) and, through the next box's height less the room left below the column's last
in-flow child, whether it reports a lost space. A column breaks no earlier when it is taller,
so the breaks of all columns are non-decreasing in the height: if the trials at heights
a < b break alike, every height between breaks alike. With the same breaks, the boxes before
a column's last child keep their sizes, and the last child is either whole (the room left
grows with the height) or broken, which WeasyPrint stretches to the column's bottom (the room
left stays the same): the room left never shrinks, the next box is the same, so a trial
between a and b reports a lost space only if the trial at a does. When a reports none, the
loop given a's columns at a height between does what it would do with that height's own:
step on. So when the loop steps 1 px past a trial, `search()` lays the columns out at 2, 4,
8 … px past it (the heights the loop would reach, added as it adds them), then bisects to the
first height whose breaks differ; the loop's trials below that height get the columns of the
trial below them (no layout), the ones at and above are real layouts (or the probes,
remembered by column_reuse). The loop itself runs unchanged, so it ends at the height it ends
at without this, with the boxes it would keep.

Only column groups that cannot touch the layout context take part (no floats, footnotes or
running elements inside; absolute and fixed boxes, such as list markers, go to the trial's
own lists; no excluded shapes), and a probe that changes the context anyway ends the search;
elsewhere each trial is laid out as WeasyPrint lays it out. tests/pdf/test_column_reuse.py compares every box of every
page with and without it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from math import inf
from typing import Any

from weasyprint.layout.block import remove_placeholders

Result = tuple[Any, ...]
LayOut = Callable[[float, Any, bool], Result]  # (bottom space, skip stack, page is empty) -> a column


def frozen(skip_stack: dict[int, Any] | None) -> Any:
    if skip_stack is None:
        return None
    return tuple(sorted((key, frozen(value)) for key, value in skip_stack.items()))


def _outcome(result: Result) -> tuple[Any, ...]:
    """Where one column of a trial breaks."""
    new_box, resume_at, next_page = result[:3]
    if new_box is None:
        return (None, frozen(resume_at))
    return (frozen(resume_at), tuple(sorted(next_page.items())))


def _calm(box: Any) -> bool:
    """Whether laying `box` out can leave nothing in the layout context."""
    style = box.style  # absolute and fixed boxes go to the trial's own lists, which it drops
    if style["float"] != "none" or style["position"] not in ("static", "relative", "absolute", "fixed"):
        return False
    return all(_calm(child) for child in box.all_children())


@dataclass
class _Trial:
    results: list[Result]
    source: _Trial | None = None  # the real trial whose columns this one repeats
    free: bool | None = None  # no column reports a lost space (None: not measured yet)

    def outcome(self) -> tuple[Any, ...]:
        return tuple(map(_outcome, self.results))


@dataclass
class _Group:
    """The balancing trials of one column group, by bottom space (larger: lower height)."""

    start: Any  # the first column's skip stack
    trials: dict[float, _Trial] = field(default_factory=dict)
    cursor: tuple[_Trial, float] | None = None  # the trial in progress and its bottom space
    calm: bool | None = None  # None: not checked yet

    def real(self) -> list[tuple[float, _Trial]]:
        return sorted((bottom, trial) for bottom, trial in self.trials.items() if trial.source is None)

    def known(self, bottom: float, free: Callable[[float, _Trial], bool]) -> _Trial | None:
        """The real trial whose columns the loop may take for the trial at `bottom`: two real
        trials enclose it with the same breaks, and the lower reports no lost space."""
        real = self.real()
        higher = [trial for b, trial in real if b < bottom]  # taller columns
        lower = [(b, trial) for b, trial in real if b > bottom]
        if higher and lower and higher[-1].outcome() == lower[0][1].outcome() and free(*lower[0]):
            return lower[0][1]
        return None


class Balancer:
    """The balancing trials of one columns_layout() call."""

    def __init__(self, context: Any, bottom_space: float) -> None:
        self.context = context
        self.min_bottom = bottom_space  # the loop never tries a height above this bottom space
        self.groups: dict[tuple[Any, ...], _Group] = {}

    def trial(self, group_key: tuple[Any, ...], column_box: Any, bottom: float, skip_stack: Any,
              lay_out: LayOut, unchanged: Callable[[], bool]) -> Result:
        """One column of a balancing trial: known, searched for, or laid out."""
        skip = frozen(skip_stack)
        group = self.groups.setdefault(group_key, _Group(skip))
        if skip == group.start:  # the first column of a trial
            trial = group.trials.get(bottom)
            if trial is None:
                free = self._freedom(column_box, lay_out)
                known = group.known(bottom, free)
                if known is None and self._search(group, column_box, bottom, skip_stack, lay_out, unchanged):
                    known = group.known(bottom, free)
                trial = group.trials[bottom] = group.trials.get(bottom) or _Trial([], known)
            elif trial.source is None:
                trial.results = []  # laid out again (from column_reuse's memo)
            group.cursor = (trial, bottom)
            index = 0
        else:
            if group.cursor is None or group.cursor[1] != bottom:
                return lay_out(bottom, skip_stack, False)
            trial = group.cursor[0]
            index = len(trial.results) if trial.source is None else self._index(trial.source, skip)
        if trial.source is not None:
            if index is None or index >= len(trial.source.results):
                group.cursor = None
                return lay_out(bottom, skip_stack, False)
            return trial.source.results[index]
        result = lay_out(bottom, skip_stack, False)
        if result[1] is not None and frozen(result[1]) == group.start:
            group.calm = False  # a column that makes no progress: leave the group alone
        trial.results.append(result)
        return result

    def _freedom(self, column_box: Any, lay_out: LayOut) -> Callable[[float, _Trial], bool]:
        """Whether a trial reports no lost space: for every column, the next box's height
        less the room left below the column's last child is at most 1 px, measured as the
        loop measures it (the next box from the memo: the loop measured it already)."""
        top = column_box.position_y

        def free(bottom: float, trial: _Trial) -> bool:
            if trial.free is None:
                height = self.context.page_bottom - top - bottom
                trial.free = all(self._room(result, height, top, lay_out) for result in trial.results)
            return trial.free

        return free

    def _room(self, result: Result, height: float, top: float, lay_out: LayOut) -> bool:
        new_box, resume_at = result[:2]
        flow = [child for child in new_box.children if child.is_in_normal_flow()] if new_box else []
        if not flow:
            return True
        empty_space = height - (flow[-1].margin_height() + flow[-1].position_y - top)
        next_box_height = 0
        if resume_at:
            next_box = lay_out(inf, resume_at, True)[0]
            next_box_height = next(
                (child.margin_height() for child in next_box.children if child.is_in_normal_flow()), 0)
            remove_placeholders(self.context, [next_box], [], [])
        return next_box_height - empty_space < 1 - 1e-6  # a margin for the height's rounding

    @staticmethod
    def _index(source: _Trial, skip: Any) -> int | None:
        for index, result in enumerate(source.results[:-1]):
            if frozen(result[1]) == skip:
                return index + 1
        return None

    def _search(self, group: _Group, column_box: Any, bottom: float, skip_stack: Any,
                lay_out: LayOut, unchanged: Callable[[], bool]) -> bool:
        """When the loop steps 1 px past its last real trial, lay the columns out at
        heights 2, 4, 8 … px past it and bisect to the first one whose outcome differs."""
        real = group.real()
        below = [(b, trial) for b, trial in real if b > bottom]
        if not below or group.calm is False:
            return False
        base_bottom, base = below[0]
        outcome = base.outcome()
        count = len(base.results)  # or more, if a column had no box: probes that stop there
        last_box, last_resume = base.results[-1][:2]  # differ from the base, as they should
        if abs(base_bottom - bottom - 1) > 1e-6 or (last_box is not None and last_resume is None):
            return False  # not a 1 px step, or the content fitted
        if not self._freedom(column_box, lay_out)(base_bottom, base):
            return False  # the loop's next step is not 1 px
        if group.calm is None:
            group.calm = _calm(column_box)
        if not group.calm:
            return False
        top = self.context.page_bottom - column_box.position_y  # as the loop computes bottom spaces
        height = top - bottom
        heights = {1: height}

        def height_at(n: int) -> float:  # the loop's height n px past the base, by += 1
            last = max(k for k in heights if k <= n)
            value = heights[last]
            for k in range(last + 1, n + 1):
                value += 1
                heights[k] = value
            return value

        def same(n: int) -> bool | None:
            probe_bottom = top - height_at(n)
            if probe_bottom < self.min_bottom:
                return None  # above the greatest height the loop tries
            if (trial := group.trials.get(probe_bottom)) is None or trial.source is not None:
                trial = self._probe(probe_bottom, skip_stack, count, lay_out, unchanged)
                if trial is None:
                    group.calm = False
                    return None
                group.trials[probe_bottom] = trial
            return trial.outcome() == outcome

        alike, differs, n = 0, None, 2
        while differs is None:
            verdict = same(n)
            if verdict is None:
                break
            if verdict:
                alike, n = n, 2 * n
            else:
                differs = n
        if differs is None:
            return alike > 0
        while differs - alike > 1:
            middle = (alike + differs) // 2
            verdict = same(middle)
            if verdict is None:
                return False
            if verdict:
                alike = middle
            else:
                differs = middle
        return True

    def _probe(self, bottom: float, skip_stack: Any, count: int, lay_out: LayOut,
               unchanged: Callable[[], bool]) -> _Trial | None:
        """Lay the columns out at one bottom space as the loop does (None: the context changed)."""
        results: list[Result] = []
        for _ in range(count):
            result = lay_out(bottom, skip_stack, False)
            if not unchanged():
                remove_placeholders(self.context, [box for box, *_ in [*results, result] if box is not None], [], [])
                return None
            results.append(result)
            skip_stack = result[1]
            if result[0] is None or skip_stack is None:
                break
        return _Trial(results)
