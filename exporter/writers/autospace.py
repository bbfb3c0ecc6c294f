"""Han–Latin/digit spacing for print: a small gap (about 1/8 em, set in CSS) between Chinese
characters and Latin words or numbers, made with margins on a span, never with spaces,
so text copied out of the PDF stays exactly as written (WeasyPrint lacks text-autospace).

It works on the rendered, autoescaped HTML: in the body, text sits between `>` and `<`
(autoescape turns both into entities everywhere else), and entities are left whole.
"""

from __future__ import annotations

import regex

CLASS_PREFIX = "autospace-"
_HAN = r"[\p{sc=Han}\p{sc=Hira}\p{sc=Kana}]"
_RUN = regex.compile(
    rf"(?<=(?P<before>{_HAN})?)"
    r"(?P<run>[A-Za-z0-9](?:[A-Za-z0-9.,:%+/'’\-]|\s(?=[A-Za-z0-9]))*[A-Za-z0-9%]|[A-Za-z0-9])"
    rf"(?=(?P<after>{_HAN})?)"
)
_TEXT_NODE = regex.compile(r">([^<]+)<")
_ENTITY = regex.compile(r"(&#?[A-Za-z0-9]+;)")


def _wrap(match: regex.Match[str]) -> str:
    sides = ("l" if match["before"] else "") + ("r" if match["after"] else "")
    if not sides:
        return match["run"]
    return f'<span class="{CLASS_PREFIX}{sides}">{match["run"]}</span>'


def _text(node: str) -> str:
    parts = _ENTITY.split(node)
    return "".join(p if _ENTITY.fullmatch(p) else _RUN.sub(_wrap, p) for p in parts)


def autospace(html: str) -> str:
    """Wrap Latin/digit runs that touch Han or kana in <span class="autospace-l|r|lr">."""
    head, sep, body = html.partition("<body")
    if not sep:
        return html
    return head + sep + _TEXT_NODE.sub(lambda m: ">" + _text(m[1]) + "<", body)
