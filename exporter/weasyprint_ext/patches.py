"""The one door to WeasyPrint's internals: `patched()`.

An extension is a `Patch`: functions of WeasyPrint to replace, each with a factory that
wraps the original. WeasyPrint's functions are module globals, so a patch is seen by every
thread; `patched()` therefore installs each patch once (under a lock, counted across
threads, removed when the last user leaves) as a switch that runs the extension only in a
thread that is inside `patched()` for it, and the stock function elsewhere. Entering again
in the same thread (nesting) changes nothing, and two threads never wrap twice.

On a WeasyPrint other than the checked versions (pin.py) nothing is patched: the PDF is
laid out by stock WeasyPrint (no CJK inter-character justification), and the PDF writer
says so once per build.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from .pin import supported


@dataclass(frozen=True)
class Patch:
    """One extension: (owner, attribute, wrap) for each WeasyPrint function it replaces,
    where wrap(original) returns the replacement."""

    name: str
    targets: tuple[tuple[Any, str, Callable[[Callable[..., Any]], Callable[..., Any]]], ...]


_lock = threading.Lock()
_users: dict[str, int] = {}  # patch name -> threads inside patched() for it
_originals: dict[str, list[tuple[Any, str, Any]]] = {}
_local = threading.local()


def active(patch: Patch) -> bool:
    """Whether this thread is inside `patched()` for `patch`."""
    return getattr(_local, "depth", {}).get(patch.name, 0) > 0


def _switch(patch: Patch, original: Callable[..., Any], replacement: Callable[..., Any]) -> Callable[..., Any]:
    name = patch.name

    def switch(*args: Any, **kwargs: Any) -> Any:
        # active(patch), inlined: this runs on every box and line WeasyPrint lays out
        depth = getattr(_local, "depth", None)
        return (replacement if depth and depth.get(name, 0) > 0 else original)(*args, **kwargs)

    switch.__wrapped__ = original  # type: ignore[attr-defined]
    return switch


def _install(patch: Patch) -> None:
    saved = []
    for owner, attribute, wrap in patch.targets:
        original = owner.__dict__[attribute] if isinstance(owner, type) else getattr(owner, attribute)
        saved.append((owner, attribute, original))
        setattr(owner, attribute, _switch(patch, original, wrap(original)))
    _originals[patch.name] = saved


def _uninstall(patch: Patch) -> None:
    for owner, attribute, original in reversed(_originals.pop(patch.name)):
        setattr(owner, attribute, original)


@contextmanager
def patched(*patches: Patch) -> Iterator[None]:
    """Lay out and write PDFs inside this block with the given extensions (by default CJK
    justification, line endings and column reuse, what every print layout uses)."""
    if not patches:
        from .layout import LAYOUT

        patches = LAYOUT
    if not supported():
        yield
        return
    depth: dict[str, int] = _local.__dict__.setdefault("depth", {})
    with _lock:
        for patch in patches:
            _users[patch.name] = _users.get(patch.name, 0) + 1
            if _users[patch.name] == 1:
                _install(patch)
    for patch in patches:
        depth[patch.name] = depth.get(patch.name, 0) + 1
    try:
        yield
    finally:
        for patch in patches:
            depth[patch.name] -= 1
        with _lock:
            for patch in patches:
                _users[patch.name] -= 1
                if _users[patch.name] == 0:
                    _uninstall(patch)
