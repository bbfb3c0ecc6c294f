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
collection until the block ends; `collected()` runs a worker's task inside it and then
collects once, freeing the task's documents in one walk of what the task made. The
thresholds and the freeze are restored on the way out, exception or not.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")
YOUNG = 10_000  # allocations between young collections (CPython's default: 700)
NEVER = 1_000_000  # young collections before a full one: none during a layout

_lock = threading.Lock()
_state: dict[str, Any] = {"inside": 0, "threshold": None, "froze": False, "collect": False}


@contextmanager
def collecting_less(collect: bool = False) -> Iterator[None]:
    """No full collection inside the block, the objects alive at its start frozen (unless
    something froze objects already: that freeze is its owner's); `collect`: one full
    collection at the end (for a caller whose documents are dropped by then). The collector
    is the process's: threads inside at once (a Dask worker's tasks) share one policy, set
    by the first to enter and restored by the last to leave."""
    with _lock:
        if _state["inside"] == 0:
            threshold = _state["threshold"] = gc.get_threshold()
            _state["froze"] = gc.get_freeze_count() == 0
            if _state["froze"]:
                gc.freeze()
            gc.set_threshold(threshold[0] and max(threshold[0], YOUNG), threshold[1], NEVER)  # 0: off, as it was
        _state["inside"] += 1
        _state["collect"] = _state["collect"] or collect
    try:
        yield
    finally:
        with _lock:
            _state["inside"] -= 1
            if _state["inside"] == 0:
                gc.set_threshold(*_state["threshold"])
                if _state["collect"] and gc.isenabled():
                    gc.collect()
                if _state["froze"]:
                    gc.unfreeze()
                _state.update(threshold=None, froze=False, collect=False)


def collected(task: Callable[..., T], *args: Any) -> T:
    """`task(*args)` in a worker, with no full collection while it lays out, then one."""
    with collecting_less(collect=True):
        return task(*args)


# While a one pass runs, a full collection waits for this many younger ones instead of Python's 10
# (a one pass is as long as its volume, so it still collects: a worker's task collects at its end).
FULL_COLLECTION_EVERY = 100


@contextmanager
def fewer_full_collections() -> Iterator[None]:
    """Python's full garbage collections made cheaper and rarer while a pass runs: what lives
    before it (modules, the model, templates, parsed stylesheets) is frozen, so a full
    collection scans only what the pass makes, and one runs after 100 younger collections, not
    10. On the 8-page volume the pass's three full collections cost about 0.12-0.19 s of CPU
    (a twelfth of the pass); frozen, with the longer interval, none runs. A long pass still
    collects every 100 (memory stays bounded). Left alone when something else froze objects or
    turned the collector off."""
    if not gc.isenabled() or gc.get_freeze_count():
        yield
        return
    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(threshold[0], threshold[1], max(threshold[2], FULL_COLLECTION_EVERY))
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()
