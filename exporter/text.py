"""Whitespace care for mixed CJK/Latin text: no stray spaces in Chinese, one space in English."""

from __future__ import annotations

from collections.abc import Container

import regex

# Characters that sit in CJK text without spaces around them. \p{scx=Han} covers Han and
# marks such as 。、《》; East Asian Wide/Fullwidth adds ，（） and kana/hangul; the
# ambiguous-width quotes, dashes, ellipsis and middle dot are CJK in Chinese text.
CJK_CLASS = r"[\p{scx=Han}\p{scx=Hira}\p{scx=Kana}\p{scx=Hang}\p{Ea=F}\p{Ea=W}“”‘’—…·]"
_CJK = regex.compile(CJK_CLASS)
_SPACE_BETWEEN_CJK = regex.compile(rf"(?<={CJK_CLASS})[ \t\r\n\u3000]+(?={CJK_CLASS})")
_WS_RUN = regex.compile(r"[ \t\r\n]+")
_EDGE_WS = regex.compile(r"^[\s\u3000]+|[\s\u3000]+$")


def is_cjk(ch: str) -> bool:
    """True for a character that joins its neighbours without a space in CJK text."""
    return bool(_CJK.match(ch))


def join_lines(lines: list[str]) -> str:
    """Join wrapped lines: nothing between CJK characters, one space between Latin words."""
    out = ""
    for line in lines:
        line = line.strip(" \t\u3000")
        if not line:
            continue
        if out and not (is_cjk(out[-1]) or is_cjk(line[0])):
            out += " "
        out += line
    return out


def clean_title(text: str) -> str:
    """Normalise a headline-like line: join wrapped lines, fold space runs, keep the
    deliberate space that separates phrases in Chinese headlines (奋进新征程 建功新时代)."""
    return _WS_RUN.sub(" ", join_lines(text.splitlines()))


def clean_text(text: str) -> str:
    """Normalise whitespace only: trim, drop spaces between CJK characters, fold runs to one.

    Never changes any other character (no NFKC: full-width punctuation is kept).
    """
    text = _EDGE_WS.sub("", text)
    text = _SPACE_BETWEEN_CJK.sub("", text)
    return _WS_RUN.sub(" ", text)


def unique_name(candidate: str, taken: Container[str]) -> str:
    """`candidate`, or `candidate-2`, `candidate-3` … whichever `taken` does not hold yet
    (generated article ids, a run's image names)."""
    name, n = candidate, 2
    while name in taken:
        name, n = f"{candidate}-{n}", n + 1
    return name
