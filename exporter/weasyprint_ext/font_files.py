"""A face's whole font file copied only if something reads it.

WeasyPrint's `Font.__init__` copies the face's whole file into Python bytes
(`get_hb_object_data(hb_face)`) when `write_pdf` draws its first glyph: the 8-page volume's
four Noto CJK collections are 20–27 MB each, about 0.07 s of CPU in the drawing thread. A
face that HarfBuzz subsets never reads that copy: `Font._harfbuzz_subset` subsets the face
itself and replaces `file_content` with the subset. Inside `patched(LAZY_FONT_FILES)` a
`Font` made in this thread has no `file_content` until it is read: the first read (the
fontTools fallback, a variable or colour face, a bitmap face, full widths for a form) makes
the same copy from the same face, in any thread. The PDF is byte for byte the same.

pin.py pins `Font.__init__` (it reads nothing of `file_content` after setting it),
`get_hb_object_data` (a whole-face call has neither colour argument) and the readers above.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from weasyprint.pdf import fonts
from weasyprint.text import fonts as text_fonts

from .patches import Patch

_local = threading.local()
_UNREAD = object()  # what Font.__init__ stores while this thread makes a lazy Font


def _lazy_file(original: Callable[..., Any]) -> Callable[..., Any]:
    """`Font.__init__` that leaves `file_content` unset, to be read on first use."""
    def init(self: Any, *args: Any, **kwargs: Any) -> None:
        _local.making = True
        try:
            original(self, *args, **kwargs)
        finally:
            _local.making = False
        if self.__dict__.get("file_content") is _UNREAD:
            del self.file_content  # __getattr__ reads it when asked

    return init


def _deferred_read(original: Callable[..., Any]) -> Callable[..., Any]:
    """`get_hb_object_data` answering Font.__init__'s whole-face read with a marker."""
    def get_hb_object_data(hb_object: Any, ot_color: Any = None, glyph: Any = None) -> Any:
        if ot_color is None and getattr(_local, "making", False):
            return _UNREAD
        return original(hb_object, ot_color, glyph)

    return get_hb_object_data


def _file_content(font: Any, name: str) -> Any:
    """`Font.__getattr__`: a lazy Font's file, copied on first read (only a missing attribute
    gets here, so any other Font is untouched)."""
    if name != "file_content" or "hb_face" not in font.__dict__:
        raise AttributeError(f"{type(font).__name__!r} object has no attribute {name!r}")
    content = font.file_content = text_fonts.get_hb_object_data(font.hb_face)
    return content


# Installed once, for good: a lazy Font may outlive the block (Document.fonts keeps them), and
# WeasyPrint 70's Font has no __getattr__ of its own.
if "__getattr__" not in fonts.Font.__dict__:
    fonts.Font.__getattr__ = _file_content  # type: ignore[attr-defined]

LAZY_FONT_FILES = Patch("lazy font files", (
    (fonts.Font, "__init__", _lazy_file),
    (fonts, "get_hb_object_data", _deferred_read),
))
