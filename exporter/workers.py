"""Worker processes that never outlive the build that started them.

A PDF worker holds a layout of 150–300 MB. Killed with SIGKILL, a parent cannot clean up,
and its workers used to be re-parented to PID 1 and wait on their pipe for ever. So each
worker asks the kernel to kill it when its parent dies (PR_SET_PDEATHSIG on Linux) and,
where that is not available, watches its parent id; workers are forked into the parent's
process group, so Ctrl-C in a terminal reaches them too. On SIGTERM the parent terminates
its workers itself and unwinds (stage folders and partial outputs are removed).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from multiprocessing.context import BaseContext
from types import FrameType
from typing import Any

PR_SET_PDEATHSIG = 1
WATCH_SECONDS = 1.0


class Terminated(BaseException):
    """SIGTERM arrived: unwind like Ctrl-C (a BaseException, so no `except Exception` stops it)."""


def worker_pool(jobs: int, context: BaseContext | None = None) -> ProcessPoolExecutor:
    """A process pool whose workers die with this process. A forked worker watches this
    process; one started by a fork server watches the server, which exits when this
    process does (its "alive" pipe closes), so the chain holds either way."""
    method = (context or multiprocessing.get_context()).get_start_method()
    parent = os.getpid() if method == "fork" else None
    return ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_die_with_parent,
                               initargs=(parent,))


def _die_with_parent(parent: int | None) -> None:
    """Runs first in every worker; `parent` None: whoever started it (a fork server)."""
    parent = os.getppid() if parent is None else parent
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a forked worker inherits the parent's handler
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)
    threading.Thread(target=_watch, args=(parent,), daemon=True, name="parent-watch").start()


def _watch(parent: int) -> None:
    """The portable fallback: a worker whose parent is gone exits."""
    while os.getppid() == parent:
        time.sleep(WATCH_SECONDS)
    os._exit(1)


_terminated = False


def terminated() -> bool:
    """Whether SIGTERM arrived: then whatever error the build ends with (a worker pool
    broken by the kill, or Terminated swallowed where Python ignores exceptions) is the
    consequence, and the command reports `terminated`."""
    return _terminated


def _on_sigterm(signum: int, frame: FrameType | None) -> None:
    global _terminated
    _terminated = True
    for child in multiprocessing.active_children():
        child.kill()
    raise Terminated


@contextmanager
def sigterm_unwinds() -> Iterator[None]:
    """While a command runs: SIGTERM kills the workers and unwinds the build (exit 143)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous, hook = signal.signal(signal.SIGTERM, _on_sigterm), sys.unraisablehook

    def quiet(unraisable: Any) -> None:
        """Terminated raised where Python can only print it (a finalizer) is no news."""
        if not isinstance(unraisable.exc_value, Terminated):
            hook(unraisable)

    sys.unraisablehook = quiet
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
        sys.unraisablehook = hook
