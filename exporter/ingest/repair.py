"""Repairs of extraction damage that need only one line or one paragraph.

Each repair is local on purpose: whether a line is fake bold or letter-spaced is a
property of that line, so a decision never depends on text far away. Characters a
repair drops are counted in a ledger, so conservation can be checked.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import regex

from ..text import CJK_CLASS, is_cjk
from .hyphens import keeps_hyphen

PAD = " \t\u3000"
_LETTER = regex.compile(r"[\p{L}\p{N}]")
# A run of at least four single CJK glyphs or digits, each followed by one space.
_SPACED_RUN = regex.compile(rf"(?:(?:{CJK_CLASS}|\d) ){{3,}}(?:{CJK_CLASS}|\d)")
_DOUBLED_PUNCT = regex.compile(r"([，。、；：,;])\1+")
_HYPHEN_END = regex.compile(r"[\p{L}\p{N}][-\u2010]$")  # a hyphen, or the one (U+2010) a browser's hyphenation draws
_HAN = regex.compile(r"\p{scx=Han}")
_DASHES = "—―─"
_FRAMED = regex.compile(r"(?<=[^—―─])[—―─]{2}$")  # a line that ends in one pair of dashes
# A dash pair or a bullet printed once in front of doubled text: ——北北湖湖, ●周周美美华华
_SINGLE_DASHES = regex.compile(r"^(?:[—―─]{2}|[●◎■□◆◇▲△○★☆▶►][ \u3000]?)(?=(\S)\1)(?![—―─●◎■□◆◇▲△○★☆▶►])")


def indent_cells(line: str) -> float:
    """Leading white space in layout cells: an ideographic space is as wide as two."""
    width = 0.0
    for ch in line:
        if ch == " ":
            width += 1
        elif ch == "\u3000":
            width += 2
        elif ch == "\t":
            width += 4
        else:
            break
    return width


def undouble(text: str, short_ok: Callable[[str], bool] = lambda _: False) -> str | None:
    """Collapse a fake-bold line (every glyph printed twice), or None if it is not one.

    Fake bold is a whole-line property: every glyph pairs with its twin and the collapsed
    line keeps at least three letters (or is a known short label, `short_ok`), so
    reduplication such as 高高兴兴 inside ordinary text never qualifies (its neighbours are
    not doubled). A leading `——` the extractor read once (it is one glyph to some fonts),
    or a brief's bullet (●, ◎) set once before its bold headline, stays whole; so do the
    `——` closing a kicker framed in dashes (——安安全全生生产产——), read once as its opening pair was.
    """
    lead = _SINGLE_DASHES.match(text)
    start, seed = (lead.end(), [lead.group()]) if lead else (0, [])
    out = _pairs(text, start, seed[:], strict=True)
    if out is None:  # a Han line whose Latin, digits or punctuation were read once (岚岚途途X5混混动动…4.8升升)
        han = _pairs(text, start, seed[:], strict=False)
        ink, kept = len(regex.sub(r"\s", "", text)), len(regex.sub(r"\s", "", "".join(han or [])))
        glyphs = len(_HAN.findall("".join(han or [])))
        # most of the line doubled: its Han glyphs, as many at least as the glyphs read once (kept - (ink - kept))
        out = han if han is not None and glyphs >= max(FAKE_BOLD_HAN, 2 * kept - ink) else None
    if out is None:
        return None
    if lead and lead.group()[0] in _DASHES and _FRAMED.search(text):
        # the closing pair was read once, as the opening one: put it back whole, and keep what
        # the last piece holds before it (a run read once, `X——`, is one piece in the lenient path)
        out[-1] = out[-1].rstrip(_DASHES) + text[-2:]
    collapsed = "".join(out)
    letters = len(_LETTER.findall(collapsed))
    return collapsed if letters >= 3 or (letters and short_ok(collapsed)) else None


FAKE_BOLD_HAN = 3  # Han glyphs, every one doubled, a fake-bold line with single glyphs of other scripts has


def _pairs(text: str, i: int, out: list[str], strict: bool) -> list[str] | None:
    """Collapse doubled glyphs from `i` on, or None where a glyph has no twin. Unless
    `strict`, a run of glyphs that are no Han may stand single (its font was read once):
    it is collapsed only when it is doubled whole (22002266, but 500 and X5 stay)."""
    while i < len(text):
        ch = text[i]
        if ch in PAD:
            out.append(ch)
            i += 1
        elif not strict and not _HAN.match(ch):
            run = _OTHER_RUN.match(text, i).group()
            twins = len(run) % 2 == 0 and all(run[k] == run[k + 1] for k in range(0, len(run), 2))
            out.append(run[::2] if twins else run)
            i += len(run)
        elif i + 1 < len(text) and text[i + 1] == ch:
            out.append(ch)
            i += 2
        else:
            return None
    return out


_OTHER_RUN = regex.compile(r"[^\p{scx=Han} \t\u3000]+")  # glyphs of other scripts and marks, up to a Han or a gap


_GAPS = regex.compile(r"[ \u3000]+")
_GLYPH = regex.compile(rf"^(?:{CJK_CLASS}|\d)$")
_PUNCT = regex.compile(r"[，。、；：！？,;:!?]")
SPACED_GLYPHS = 4  # a letter-spaced display line has at least this many glyphs


def spaced_line(text: str) -> str | None:
    """A whole line of single glyphs set apart by spaces (酒 驾 撞 上 护 栏, 开   庭   公   告,
    健  康  快  讯) with no sentence or clause punctuation: letter-spaced display type, as
    fake bold is. Returns it without its narrowest gaps (the letter-spacing; wider ones
    are phrase spaces and stay), or None. Running text that an extractor spaced out keeps
    its commas and stops (帮 助 缺 劳 力 的 农 户 耕 种 。)."""
    glyphs = _GAPS.split(text.strip())
    if len(glyphs) < SPACED_GLYPHS or _PUNCT.search(text) or not all(_GLYPH.match(g) for g in glyphs):
        return None
    gaps = _GAPS.findall(text.strip())
    narrow = min(indent_cells(g) for g in gaps)
    return glyphs[0] + "".join(("" if indent_cells(g) == narrow else g) + c for g, c in zip(gaps, glyphs[1:]))


def unspace(text: str) -> str:
    """Remove letter-spacing (进 一 步 提 振) from runs of single CJK glyphs; Latin words
    and deliberate phrase spaces (聚焦项目建设 激发发展动能) are left alone."""
    return _SPACED_RUN.sub(lambda m: m.group().replace(" ", ""), text)


def collapse_punctuation(text: str, dropped: Counter[str]) -> str:
    """Collapse doubled sentence punctuation (。。 → 。); —— and …… are single marks."""

    def one(m: regex.Match[str]) -> str:
        dropped[m.group(1)] += len(m.group()) - 1
        return m.group(1)

    return _DOUBLED_PUNCT.sub(one, text)


def fix_brackets(text: str) -> str:
    """Give a mismatched bracket pair (（…) or (…）) full width when it touches Han text.

    Matched half-width pairs are the author's choice and stay; a lone half-width bracket
    next to Han text becomes full width.
    """
    chars = list(text)
    stack: list[int] = []
    for i, ch in enumerate(chars):
        if ch in "(（":
            stack.append(i)
        elif ch in ")）":
            if stack:
                j = stack.pop()
                if (chars[j] == "(") != (ch == ")") and _touches_han(chars, j, i):
                    chars[j], chars[i] = "（", "）"
            elif ch == ")" and i and _HAN.match(chars[i - 1]):
                chars[i] = "）"
    for j in stack:
        if chars[j] == "(" and j + 1 < len(chars) and _HAN.match(chars[j + 1]):
            chars[j] = "（"
    return "".join(chars)


def _touches_han(chars: list[str], open_at: int, close_at: int) -> bool:
    around = chars[max(0, open_at - 1) : open_at + 2] + chars[close_at - 1 : close_at + 2]
    return any(_HAN.match(c) for c in around)


# Joining looks only this far back (a hyphenated word longer than this is not a compound),
# so a page of a million short lines joins in linear time.
_TAIL = 64


_DROP_CAP = regex.compile(r"(?:^|\s)[B-HJ-Z]")  # A and I are words of their own


def join_wrapped(lines: list[str], dropped: Counter[str]) -> tuple[str, list[int]]:
    """Join hard-wrapped lines and return the text with the offsets where lines began.

    No space where either side is CJK (quotes, dashes and ellipses included), one space
    between Latin words; a word hyphenated across the break is rejoined, without its
    hyphen unless the halves read as a compound (state- / owned).
    The offsets let bylines tell a name split by the wrap from two names.
    """
    parts: list[str] = []
    starts: list[int] = []
    size, tail = 0, ""  # tail: the last characters joined, all the tests below look at
    for line in lines:
        line = line.strip(PAD)
        if not line:
            continue
        if parts:
            if _HYPHEN_END.search(tail) and _LETTER.match(line):
                if not keeps_hyphen(tail, line):
                    dropped[tail[-1]] += 1
                    parts[-1], size, tail = parts[-1][:-1], size - 1, tail[:-1]
            elif _DROP_CAP.fullmatch(tail[-2:] if len(tail) > 1 else " " + tail) and parts[-1] == tail.strip() \
                    and line[0].islower():
                pass  # a drop cap (T / he council voted): the word's first letter, printed large
            elif not (is_cjk(tail[-1]) or is_cjk(line[0])):
                parts.append(" ")
                size, tail = size + 1, tail + " "
        starts.append(size)
        parts.append(line)
        size, tail = size + len(line), (tail + line[-_TAIL:])[-_TAIL:]
    return "".join(parts), starts
