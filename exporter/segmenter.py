"""The Chinese word segmenter, loaded on the second core while a build starts.

rjieba builds its dictionary when imported: about 0.13 s of CPU, holding the GIL (a thread
beside it gains nothing), and the first headline a template wraps (`words.word_spans`) waits
for it. `beside(needed)` forks a process when a PDF build starts (writers/pdf/writer.py; a
chunked build too, whose heaviest chunk's render would otherwise wait for the dictionary)
that imports rjieba and then cuts text for this process over a pipe, while this process stages
the theme, compiles the templates and forks its layout workers (which drop their copies of the
pipes). The cuts are rjieba's own, so the words are the same; if
the process cannot be made or dies, this process loads rjieba itself (`cut` falls back).

The process serves only the process that started it (a forked layout worker has its pipes
closed at fork and loads rjieba itself if it needs it), ends when the writer has rendered its
markup (`stop`; while it lives, every page of memory the two share is copied when either
writes to it) or when the block ends (a quit message, or the end of its pipe if the build
dies), and is reaped, so its CPU counts in the build's.
"""

from __future__ import annotations

import functools
import gc
import json
import os
import select
import signal
import struct
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

_HEADER = struct.Struct("!I")
# A reply slower than this (the process stopped, or stuck in its import) retires the process:
# the build then loads rjieba itself rather than wait for it
REPLY_SECONDS = 30.0


@functools.cache
def _in_process() -> Callable[[str], list[str]]:
    """rjieba's cut, loaded here on first use (about 0.13 s of CPU)."""
    import rjieba

    return rjieba.cut


def _read(fd: int, seconds: float | None = None) -> bytes | None:
    """One message from pipe `fd`, or None at its end; TimeoutError after `seconds`."""
    data = b""
    size: int | None = None
    deadline = None if seconds is None else time.monotonic() + seconds
    while size is None or len(data) < size:
        if size is None and len(data) >= _HEADER.size:
            size, data = _HEADER.unpack(data[:_HEADER.size])[0], data[_HEADER.size:]
            continue
        if deadline is not None and not select.select([fd], [], [], max(0.0, deadline - time.monotonic()))[0]:
            raise TimeoutError(f"no reply from the segmenter in {seconds} s")
        chunk = os.read(fd, max(65536, (size or 0) - len(data)))
        if not chunk:
            return None
        data += chunk
    return data


def _write(fd: int, data: bytes) -> None:
    view = memoryview(_HEADER.pack(len(data)) + data)
    while view:
        view = view[os.write(fd, view):]


def _serve(requests: int, replies: int) -> None:
    """The forked process: import rjieba, then cut each text asked until told to stop."""
    cut = _in_process()
    while (text := _read(requests)) is not None and text:
        _write(replies, json.dumps(cut(text.decode("utf-8")), ensure_ascii=False).encode("utf-8"))


class _Beside:
    """A forked process that cuts text with rjieba for the process that made it."""

    def __init__(self) -> None:
        to_child, from_parent = os.pipe()
        to_parent, from_child = os.pipe()
        pid = os.fork()
        if pid == 0:  # the segmenter: never returns into the build's code
            code = 1
            try:
                gc.disable()  # a collection would touch (and so copy) every page it shares with the build
                os.close(from_parent)
                os.close(to_parent)
                _serve(to_child, from_child)
                code = 0
            finally:
                os._exit(code)
        os.close(to_child)
        os.close(from_child)
        self.pid, self.owner = pid, os.getpid()
        self.requests, self.replies = from_parent, to_parent
        self.lock = threading.Lock()

    def cut(self, text: str) -> list[str] | None:
        """rjieba's cut of `text`, or None if the process is gone, stopped or too slow (it is
        then retired: a reply left in the pipe would answer the next text)."""
        with self.lock:
            if self.requests < 0:
                return None
            try:
                _write(self.requests, text.encode("utf-8"))
                reply = _read(self.replies, REPLY_SECONDS)
            except BaseException:
                self._close_pipes()
                os.kill(self.pid, signal.SIGKILL)
                reply = None
                if not isinstance(sys.exc_info()[1], OSError):
                    raise
        return None if reply is None else json.loads(reply)

    def close(self) -> None:
        """Tell the process to stop and reap it (its CPU then counts in this process's
        children); one that does not end at once is killed."""
        with self.lock:
            try:
                _write(self.requests, b"")
            except OSError:
                pass
            self._close_pipes()
        deadline = time.monotonic() + 2.0
        while os.waitpid(self.pid, os.WNOHANG) == (0, 0):
            if time.monotonic() > deadline:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
                return
            time.sleep(0.005)

    def _close_pipes(self) -> None:
        for fd in (self.requests, self.replies):
            try:
                os.close(fd)
            except OSError:
                pass
        self.requests = self.replies = -1

    def drop_in_child(self) -> None:
        """In a process forked from the owner: close its copies of the pipes (so the segmenter
        sees the end of its pipe when the owner closes it), without stopping the process."""
        self._close_pipes()


_current: _Beside | None = None


def _after_fork_in_child() -> None:
    global _current
    if _current is not None:
        _current.drop_in_child()
        _current = None


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)


@contextmanager
def beside(needed: bool) -> Iterator[None]:
    """Within the block, `cut` asks a forked process that loads rjieba at once (when `needed`,
    rjieba is not loaded here yet and this process can fork: it runs no other thread, whose
    locks a forked process would inherit held)."""
    global _current
    if not needed or _current is not None or _in_process.cache_info().currsize or not hasattr(os, "fork") \
            or threading.active_count() > 1:
        yield
        return
    from .workers import held_off  # the pool's module: loaded only when a build forks

    started: _Beside | None = None
    try:
        with held_off():  # a signal between the fork and `_current` would leave the process unreaped
            try:
                started = _Beside()
            except OSError:  # no fork (resource limits): rjieba is loaded here when first needed
                pass
            _current = started
        yield
    finally:
        if started is not None and _current is started:
            stop()


def stop() -> None:
    """End the process beside now (when a build has cut all its headings: while it lives,
    each page of this process it shares is copied when either writes to it); later cuts load
    rjieba here."""
    global _current
    server, _current = _current, None
    if server is not None and server.owner == os.getpid():
        server.close()


def serving() -> bool:
    """Whether a process beside loads rjieba (or cuts) for this process now."""
    return _current is not None and _current.owner == os.getpid()


def cut(text: str) -> list[str]:
    """rjieba's words of `text`: from the process beside, if one serves this process."""
    server = _current
    if server is not None and server.owner == os.getpid():
        words = server.cut(text)
        if words is not None:
            return words
    return _in_process()(text)
