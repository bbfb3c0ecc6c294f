"""Python's garbage collector around a layout: no full collection while a document is laid out.

A WeasyPrint document is a few hundred thousand long-lived objects (the parsed HTML tree, the
computed styles, the box and page trees), and the DOM and style trees are cyclic (parents and
children point at each other), so only a full (generation-2) collection frees them. With the
default thresholds a full collection runs each time the long-lived objects grew by a quarter:
a long layout walks its own growing document again and again, and a forked worker walks
everything it inherited from the build process (the loaded editions, the templates) each
time too. Measured on the 4-week benchmark volume (cpu of collections by gc.callbacks, in the
workers of a `--jobs 2` build): 0.6–0.8 s of a chunk's 3.9–4.4 s, and 6.5 s of the contents
fit's 19.9 s.

`collecting_less()` keeps what is alive when a layout starts out of every collection
(`gc.freeze()`: the stylesheets, fonts, modules and inherited objects), collects the young
generations less often (they hold each line's short-lived objects), and runs no full
collection until the block ends; `collected()` runs a worker's task inside it, and the one
full collection that frees the task's documents (one walk of what the task made) runs when
the worker's next task starts, off the build's critical path. A task that lays out several
documents one after another (the contents fit's steps, the furniture laid out again) frees
each it is done with before the next (`dropped`), so they are not all alive at once. The
thresholds and the freeze are restored on the way out, exception or not.
"""

from __future__ import annotations

import dataclasses
import gc
import multiprocessing
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any, TypeVar, cast

T = TypeVar("T")
YOUNG = 10_000  # allocations between young collections (CPython's default: 700)
NEVER = 1_000_000  # young collections before a full one: none during a layout

_lock = threading.Lock()
_state: dict[str, Any] = {"inside": 0, "threshold": None, "froze": False}


@contextmanager
def _held(thresholds: Callable[[tuple[int, int, int]], tuple[int, int, int]], only_unfrozen: bool) -> Iterator[None]:
    """The process's collector under one policy while any block of either kind is inside:
    the first to enter (of any thread) freezes what is alive (unless something froze objects
    already: that freeze is its owner's) and sets `thresholds(old)`; later ones only join;
    the last to leave restores both. `only_unfrozen`: a first block leaves everything alone
    when objects are frozen already or the collector is off."""
    with _lock:
        first = _state["inside"] == 0
        joined = not (first and only_unfrozen and (gc.get_freeze_count() or not gc.isenabled()))
        if joined and first:
            threshold = _state["threshold"] = gc.get_threshold()
            _state["froze"] = gc.get_freeze_count() == 0
            if _state["froze"]:
                gc.freeze()
            gc.set_threshold(*thresholds(threshold))
        _state["inside"] += joined
    try:
        yield
    finally:
        if joined:
            with _lock:
                _state["inside"] -= 1
                if _state["inside"] == 0:
                    gc.set_threshold(*_state["threshold"])
                    if _state["froze"]:
                        gc.unfreeze()
                    _state.update(threshold=None, froze=False)


def collecting_less() -> AbstractContextManager[None]:
    """No full collection inside the block, the objects alive at its start frozen (unless
    something froze objects already: that freeze is its owner's). The collector is the
    process's: blocks inside at once in several threads (and a one pass's
    `fewer_full_collections`) share one policy, set by the first to enter and restored by
    the last to leave."""
    return _held(lambda t: (t[0] and max(t[0], YOUNG), t[1], NEVER), only_unfrozen=False)  # 0: off, as it was


def dropped() -> None:
    """A task inside `collecting_less` has let go of a document it laid out and lays out
    another: free the first now (one full collection), not at the task's end. The contents fit
    lays the front out two to four times in one task; on the 4-week volume each layout was
    kept until the next task began, and the worker's peak grew by them (session 11: 361 -> 553
    MB). Outside that policy the collector's own thresholds free it: nothing to do."""
    if gc.isenabled() and gc.get_threshold()[2] >= NEVER:
        gc.collect()


_left: dict[str, bool] = {"garbage": False}  # a task ran in this process since its last full collection


def collected(task: Callable[..., T], *args: Any) -> T:
    """`task(*args)` in a worker, with no full collection while it lays out. The one full
    collection that frees a task's documents runs when the worker's next task starts, not
    when this one ends: the result goes back at once, so the build's last chunk and its
    furniture hand over without waiting for a collection (on the benchmark week about 0.2 s
    each, on the build's critical path). The task's `WorkerRecord` (its own, or its
    layout's `worker`) starts where the collection started: it is this worker's time. A pool
    worker freezes what it holds before its first task (the forked copy of the build
    process's heap, a large part of it at four weeks), so no collection walks that again
    (nor copies its pages on write), as the freeze inside `collecting_less` did before."""
    began = time.time()
    if _left["garbage"] and gc.isenabled():
        gc.collect()  # what a worker froze before its first task is not walked again
    if not _left["garbage"] and multiprocessing.parent_process() is not None and gc.get_freeze_count() == 0:
        gc.freeze()  # a pool worker's copy of the build process's heap: out of every collection for its life
    with collecting_less():
        result = task(*args)
    _left["garbage"] = True
    holder = result if hasattr(result, "pid") else getattr(result, "worker", None)
    if holder is not None and hasattr(holder, "started"):
        widened = dataclasses.replace(holder, started=min(holder.started, began))
        if holder is result:
            return cast(T, widened)
        result.worker = widened  # type: ignore[attr-defined]
    return result


# While a one pass runs, a full collection waits for this many younger ones instead of Python's 10
# (a one pass is as long as its volume, so it still collects: a worker's task collects at its end).
FULL_COLLECTION_EVERY = 100


def fewer_full_collections() -> AbstractContextManager[None]:
    """Python's full garbage collections made cheaper and rarer while a pass runs: what lives
    before it (modules, the model, templates, parsed stylesheets) is frozen, so a full
    collection scans only what the pass makes, and one runs after 100 younger collections, not
    10. On the 8-page volume the pass's three full collections cost about 0.12-0.19 s of CPU
    (a twelfth of the pass); frozen, with the longer interval, none runs. A long pass still
    collects every 100 (memory stays bounded). Left alone when something else froze objects or
    turned the collector off; shares `collecting_less`'s owner count and lock (two one passes
    in threads of one process, as on a Dask worker, cannot leave each other's threshold)."""
    return _held(lambda t: (t[0], t[1], max(t[2], FULL_COLLECTION_EVERY)), only_unfrozen=True)
