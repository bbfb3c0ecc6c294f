"""Whether a hyphen at the end of a wrapped line belongs to the word or to the wrap.

Typesetters hyphenate long words at line ends (vis- / itors) but also break compounds at
their own hyphen (state- / owned). Without a dictionary the rule is conservative: the
hyphen is kept only where the halves read as a compound: a number or an upper-case
start on either side, a number word before a unit (two- / day, not Sun- / day), a
second half that is itself hyphenated (five- / year-old), a common second element
(-owned, -based, -term, …), or a common first element (well-, self-, …) before a second
half of four letters or more that is not a mere suffix (self- / less is selfless).
Halves that are a prefix (un-, re-, …) or a suffix join.
"""

from __future__ import annotations

import regex

_FIRST = frozenset("well self state cross world half full".split())
_SECOND = frozenset(
    "owned known term based old run led backed funded made built related style wide scale level speed class "
    "free friendly like long range size sized point million billion storey story member round called income "
    "driven elect oriented".split()
)
# Units join a number word (two- / day) but also end plain words (Sun-day, holi-day).
_NUMBERS = frozenset("one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty "
                     "hundred".split())
_UNITS = frozenset("year years month months week weeks day days hour hours minute minutes mile miles".split())
_PREFIXES = frozenset("un re in im ir il dis pre pro mis de non sub inter trans over under out co".split())
_SUFFIXES = frozenset("s es ed er ers est ing ings ly ness ity ment ments ful less ish age en ern ward way".split())
_LEFT = regex.compile(r"(\p{L}+|\p{N}+)[-\u2010]$")
_RIGHT = regex.compile(r"^(\p{L}+)(-?)")


def keeps_hyphen(before: str, after: str) -> bool:
    """True when the `-` ending `before` is part of a compound continued by `after`."""
    left, right = _LEFT.search(before), _RIGHT.match(after)
    if left is None or right is None:
        return True
    first, second = left.group(1).lower(), right.group(1)
    if left.group(1).isdigit() or not second.islower() or right.group(2):
        return True
    if first in _PREFIXES or second in _SUFFIXES:
        return False
    if first in _NUMBERS and second in _UNITS:
        return True
    return second in _SECOND or (first in _FIRST and len(second) >= 4)
