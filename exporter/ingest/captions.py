"""A picture's caption and credit as a figure keeps them.

The reader finds a credit on the line that carries it (`fields.split_credit`); a credit in
brackets that wrapped onto the caption's next line (`……献上白菊花。（晚报记者 林` / `浩 摄）`)
is whole only in the joined caption, so the figure looks again there. A pointer to the
picture in front of its caption (`■昨日清晨……`, `▲消防局昨日……`) is layout, not caption
text. Whatever is taken off (brackets, 摄, the pointer) is counted as dropped, so every
character of the page still ends up in exactly one place.
"""

from __future__ import annotations

from collections import Counter

import regex

from ..model import Figure
from . import fields
from .layout import visible

POINTER = regex.compile(r"^[■▲△▼▽◀▶←→↑↓][ \u3000]*(?=\S)")


def figure(src: str | None, caption: str, credit: str | None, dropped: Counter[str]) -> Figure:
    """The figure for a caption (joined from its lines) and the credit found on its lines."""
    text = caption
    pointer = POINTER.match(text)
    if pointer:
        text = text[pointer.end() :]
    if credit is None:
        split = fields.split_credit(text)
        if split is not None and split[0].strip():
            text, credit = split
    dropped.update(visible(caption) - visible(text) - visible(credit or ""))
    return Figure(src=src, caption=text, credit=credit)
