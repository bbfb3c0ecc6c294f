"""Print text marks, added to the rendered, autoescaped print HTML as spans (never as
characters, so text copied out of the PDF stays exactly as written):

- Han–Latin/digit spacing: a small gap (about 1/8 em, set in CSS) between Chinese
  characters and Latin words or numbers, as margins on `<span class="autospace-l|r|lr">`
  (WeasyPrint lacks text-autospace).
- No-break units: a number with its unit, a range or a date (`80公里/小时`, `17:00—19:00`,
  `3.5%`, `2026年11月19日`) in `<span class="nobr">` (white-space: nowrap).
- Punctuation compression (W3C clreq §3.1.6, JLREQ 3.1.4): the first of two consecutive
  full-width marks in `<span class="halt">`, which CSS sets with the font's half-width
  forms (OpenType `halt`), so the advance is the font's and justification stays exact.
- In CJK text only: Latin words (`WiFi`, `iPhone 15`, an address, a name) get the class
  `latin`, which CSS sets in the theme's Latin face; a 2-em dash (`——`, also typed `———`)
  goes in `<span class="dash">` (no break inside, no justification space between its halves;
  of three dashes the first two are drawn overlapping, `dash-squeeze`, so they take the two
  em clreq asks for).

It works on text nodes: in the body, text sits between `>` and `<` (autoescape turns both
into entities everywhere else), and entities are left whole.
"""

from __future__ import annotations

from typing import Any

import regex

from ..words import NOBREAK

CLASS_PREFIX = "autospace-"
_HAN = r"[\p{sc=Han}\p{sc=Hira}\p{sc=Kana}]"
_RUN = regex.compile(
    rf"(?<=(?P<before>{_HAN})?)"
    r"(?P<run>[A-Za-z0-9](?:[A-Za-z0-9.,:%+/'’\-]|\s(?=[A-Za-z0-9]))*[A-Za-z0-9%]|[A-Za-z0-9])"
    rf"(?=(?P<after>{_HAN})?)"
)
_FULL_WIDTH = "（「『“‘《〈【〔〖、，。；：！？）」』”’》〉】〕〗"
_PAIR = regex.compile(rf"[{_FULL_WIDTH}](?=[{_FULL_WIDTH}])")
# A pair split by markup (a word span ends after "，", the next starts with "《"), found
# after the pairs inside text nodes are marked: a mark marked already is left alone.
_PAIR_ACROSS_TAGS = regex.compile(rf'(?<!<span class="halt">)([{_FULL_WIDTH}])((?:<[^>]+>)+)(?=[{_FULL_WIDTH}])')
_TEXT_NODE = regex.compile(r">([^<]+)<")
_DASH = regex.compile(r"[—―]{2,}")
_LETTERS = regex.compile(r"[A-Za-z]")
_BIDI_CONTROLS = regex.compile(r"[\u202a-\u202e\u2066-\u2069]")  # a span would cut an override in two
_RAW = regex.compile(r"(<(style|script|svg)\b.*?</\2>)", regex.S | regex.I)  # not text to mark
_LANG = regex.compile(r'<html\b[^>]*?\slang="([^"]*)"')
_ENTITY = regex.compile(r"(&#?[A-Za-z0-9]+;)")


def _autospace(match: regex.Match[str], latin: bool) -> str:
    sides = ("l" if match["before"] else "") + ("r" if match["after"] else "")
    classes = [f"{CLASS_PREFIX}{sides}"] if sides else []
    if latin and _LETTERS.search(match["run"]):
        classes.append("latin")
    if not classes:
        return match["run"]
    return f'<span class="{" ".join(classes)}">{match["run"]}</span>'


def _nobreak_spans(text: str, runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Units and ranges to keep whole, widened to the autospace runs they touch (so spans nest)."""
    spans = []
    for m in NOBREAK.finditer(text):
        if m.end() - m.start() < 2 or m[0].isdigit():
            continue  # a bare number never breaks anyway
        start, end = m.span()
        for a, b in runs:
            if a < end and start < b:
                start, end = min(start, a), max(end, b)
        if spans and start < spans[-1][1]:
            start = spans.pop()[0]
        if (start, end) not in runs:  # one autospace span (3.5%) has no break inside already
            spans.append((start, end))
    return spans


def _marks(text: str, nobreak: bool, punctuation: bool, cjk: bool) -> str:
    runs = list(_RUN.finditer(text))
    out: list[str] = []
    opens = dict(_nobreak_spans(text, [m.span() for m in runs])) if nobreak else {}
    closes = set(opens.values())
    halts = {m.start() for m in _PAIR.finditer(text)} if punctuation else set()
    dashes = {m.start(): m for m in _DASH.finditer(text)} if cjk else {}
    run_at = {m.start(): m for m in runs}
    latin = cjk and not _BIDI_CONTROLS.search(text)
    i = 0
    while i < len(text):
        if i in closes:
            out.append("</span>")
        if i in opens:
            out.append('<span class="nobr">')
        if (m := run_at.get(i)) is not None:
            out.append(_autospace(m, latin))
            i = m.end()
            continue
        if (m := dashes.get(i)) is not None:
            dash = m[0] if len(m[0]) != 3 else f'<span class="dash-squeeze">{m[0][:2]}</span>{m[0][2]}'
            out.append(f'<span class="dash">{dash}</span>')
            i = m.end()
            continue
        out.append(f'<span class="halt">{text[i]}</span>' if i in halts else text[i])
        i += 1
    if len(text) in closes:
        out.append("</span>")
    return "".join(out)


def _text(node: str, nobreak: bool, punctuation: bool, cjk: bool) -> str:
    parts = _ENTITY.split(node)
    return "".join(p if _ENTITY.fullmatch(p) else _marks(p, nobreak, punctuation, cjk) for p in parts)


def autospace(html: str, nobreak: bool = True, punctuation: bool = False, memo: dict[str, str] | None = None) -> str:
    """Wrap Latin/digit runs that touch Han or kana in <span class="autospace-l|r|lr">, units
    and ranges in <span class="nobr"> and, with `punctuation`, the first of two consecutive
    full-width marks in <span class="halt">. In a CJK document (`<html lang>`, CJK when
    absent) Latin words get the class `latin` and 2-em dashes a `dash` span. `memo`: text nodes
    already marked up with the same options (one PDF build renders each node twice: in the whole
    print.html and in its chunk)."""
    head, sep, body = html.partition("<body")
    if not sep:
        return html
    lang = _LANG.search(head)
    cjk = lang is None or lang[1].lower().split("-")[0] in ("zh", "ja", "ko")
    parts = _RAW.split(body)  # [text, raw element, its tag name, text, …]
    memo = {} if memo is None else memo
    options = f"{nobreak:d}{punctuation:d}{cjk:d}"

    def marked(node: str) -> str:
        if (done := memo.get(options + node)) is None:
            done = memo[options + node] = _text(node, nobreak, punctuation, cjk)
        return done

    body = "".join(
        part if i % 3 else _TEXT_NODE.sub(lambda m: ">" + marked(m[1]) + "<", part)
        for i, part in enumerate(parts) if i % 3 != 2)
    if punctuation:  # "服务。”" + "“项目" in two word spans: 。 and ” are both set half-width
        body = _PAIR_ACROSS_TAGS.sub(r'<span class="halt">\1</span>\2', body)
    return head + sep + body


def compress_punctuation(context: dict[str, Any]) -> bool:
    """The theme's `[options] punctuation` ("clreq", the default, or "none"), for CJK editions."""
    language = str(getattr(context.get("edition"), "language", "")).lower().split("-")[0]
    return language in ("zh", "ja", "ko") and context.get("options", {}).get("punctuation", "clreq") != "none"
