"""Worker processes that never outlive the build that started them.

A PDF worker holds a layout of 150–300 MB. Killed with SIGKILL, a parent cannot clean up,
and its workers used to be re-parented to PID 1 and wait on their pipe for ever. So each
worker asks the kernel to kill it when its parent dies (PR_SET_PDEATHSIG on Linux) and,
where that is not available, watches its parent id; workers are forked into the parent's
process group, so Ctrl-C in a terminal reaches them too. On SIGTERM the parent terminates
its workers itself and unwinds (stage folders and partial outputs are removed).

The unwinding (`Terminated` on SIGTERM, `Interrupted` on Ctrl-C, raised by the handlers in the
main thread) never starts inside the pool's own bookkeeping: the pool is made, handed jobs
(which forks its workers) and shut down with it held off (`held_off`), and raised when that
step ends. Raised half-way through `multiprocessing`'s `Process.start`, it left a `Finalize`
without its key (a traceback at exit) or a pool whose shutdown waited for ever. A worker
signalled before it has put SIGTERM back to its default ends as by default. A signal whose
exception falls in a finalizer (printed and dropped by Python) is delivered again.
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
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from multiprocessing.context import BaseContext
from types import FrameType
from typing import Any, TypeVar

T = TypeVar("T")
PR_SET_PDEATHSIG = 1
WATCH_SECONDS = 1.0


class Terminated(BaseException):
    """SIGTERM arrived: unwind like Ctrl-C (a BaseException, so no `except Exception` stops it)."""


class Interrupted(KeyboardInterrupt):
    """Ctrl-C while a command runs. Not a plain KeyboardInterrupt: CPython 3.11 marks one that
    is raised inside code run by a string `exec`/`eval` (cssselect2 compiles every CSS
    selector so, namedtuple and dataclasses make methods so) as unhandled even when it is
    caught, and `python -m exporter` then kills itself with SIGINT after printing
    `interrupted` instead of exiting 130. Its check is for that exact type."""


class _Pool(ProcessPoolExecutor):
    """A process pool that SIGTERM's unwinding never interrupts inside its own steps (`held_off`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        with held_off():
            super().__init__(*args, **kwargs)

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        with held_off():  # the first submit forks the workers (multiprocessing's Process.start)
            return super().submit(fn, *args, **kwargs)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        with held_off():
            super().shutdown(wait=wait, cancel_futures=cancel_futures)


def worker_pool(jobs: int, context: BaseContext | None = None) -> ProcessPoolExecutor:
    """A process pool whose workers die with this process. A forked worker watches this
    process; one started by a fork server watches the server, which exits when this
    process does (its "alive" pipe closes), so the chain holds either way."""
    method = (context or multiprocessing.get_context()).get_start_method()
    parent = os.getpid() if method == "fork" else None
    return _Pool(max_workers=jobs, mp_context=context, initializer=_die_with_parent, initargs=(parent,))


def _die_with_parent(parent: int | None) -> None:
    """Runs first in every worker; `parent` None: whoever started it (a fork server)."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a forked worker inherits the parent's handler
    parent = os.getppid() if parent is None else parent
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)
    threading.Thread(target=_watch, args=(parent,), daemon=True, name="parent-watch").start()


def _watch(parent: int) -> None:
    """The portable fallback: a worker whose parent is gone exits."""
    while os.getppid() == parent:
        time.sleep(WATCH_SECONDS)
    os._exit(1)


_terminated = False
# the process whose handlers they are, its main thread's held_off blocks, and what to raise at their end
_held: dict[str, Any] = {"owner": 0, "depth": 0, "pending": None, "again": False}


def terminated() -> bool:
    """Whether SIGTERM arrived: then whatever error the build ends with (a worker pool
    broken by the kill, or Terminated swallowed where Python ignores exceptions) is the
    consequence, and the command reports `terminated`."""
    return _terminated


def _kill_workers() -> None:
    for child in multiprocessing.active_children():
        child.kill()


def _on_sigterm(signum: int, frame: FrameType | None) -> None:
    """Kill the workers at once; unwind now, or when the held-off step under way ends. In a
    process forked before it put SIGTERM back to its default (a worker in its first lines,
    which the pool terminates when another worker dies): end as by default, quietly."""
    global _terminated
    if os.getpid() != _held["owner"]:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.raise_signal(signal.SIGTERM)
        return
    _terminated = True
    _kill_workers()
    _unwind(Terminated)


def _on_sigint(signum: int, frame: FrameType | None) -> None:
    """Ctrl-C: unwind now, or when the held-off step under way ends; in a forked process
    (the workers, which a terminal's Ctrl-C reaches too), as Python's own handler does."""
    if os.getpid() != _held["owner"]:
        raise KeyboardInterrupt
    _unwind(Interrupted)


def _unwind(kind: type[BaseException]) -> None:
    if _held["again"]:  # inside the hook that sends the signal again when it returns
        return
    if _held["depth"]:
        _held["pending"] = kind
        return
    raise kind


@contextmanager
def held_off() -> Iterator[None]:
    """SIGTERM's and Ctrl-C's unwinding waits for the end of the block (SIGTERM kills the workers at once): for
    steps that must not stop half-way, such as the pool's forks, whose bookkeeping an exception
    inside leaves broken. Python runs signal handlers in the main thread only, so the block
    holds nothing off in another thread."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    _held["depth"] += 1
    try:
        yield
    finally:
        _held["depth"] -= 1
        if not _held["depth"] and (kind := _held["pending"]) is not None:
            _held["pending"] = None
            if kind is Terminated:
                _kill_workers()  # any forked since the signal
            raise kind


def _deliver_again(signum: int) -> None:
    """The signal once more, from a thread once the hook that reports the lost exception has
    returned (raised inside the hook, it would be lost again; a signal that comes meanwhile
    raises nothing, this one follows). Should it fall in a finalizer again, it is sent again."""
    def send() -> None:
        while _held["again"]:
            time.sleep(0.001)
        time.sleep(0.001)  # the few steps left of the hook
        os.kill(os.getpid(), signum)

    _held["again"] = True
    try:
        threading.Thread(target=send, daemon=True, name="signal-again").start()
    finally:
        _held["again"] = False


@contextmanager
def signals_unwind() -> Iterator[None]:
    """While a command runs: SIGTERM kills the workers and unwinds the build (exit 143), and
    Ctrl-C (SIGINT, unless ignored) unwinds it as `Interrupted` (exit 130). Either, raised
    where Python can only print it (a weakref callback or a finalizer, which run often during
    a layout), is not lost: the signal is delivered again, to unwind at the next step."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    _held["owner"] = os.getpid()
    hook = sys.unraisablehook
    previous = {signal.SIGTERM: signal.signal(signal.SIGTERM, _on_sigterm)}
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        previous[signal.SIGINT] = signal.signal(signal.SIGINT, _on_sigint)

    def again(unraisable: Any) -> None:
        if isinstance(unraisable.exc_value, Terminated):
            _deliver_again(signal.SIGTERM)
        elif isinstance(unraisable.exc_value, KeyboardInterrupt) and signal.SIGINT in previous:
            _deliver_again(signal.SIGINT)
        else:
            hook(unraisable)

    sys.unraisablehook = again
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        sys.unraisablehook = hook
