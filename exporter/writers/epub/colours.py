"""Colours in e-books belong to the reader: night, sepia and high-contrast modes set the
text and page colours, and a fixed dark text colour or white box then becomes unreadable.

So the EPUB stylesheets carry no fixed text or background colour outside
`@media (prefers-color-scheme: …)`: the theme's colour options resolve to `currentColor`
(ink, muted, accent, rules: lines follow the text colour) and `transparent` (paper, notice
background), and any `color`/`background` declaration still holding a fixed colour is
dropped, for built-in and user themes alike.
"""

from __future__ import annotations

import tinycss2
import tinycss2.color3

# theme option (CSS custom property name) -> what it resolves to in an EPUB
READER_VALUES = {
    "ink": "currentColor", "muted": "currentColor", "accent": "currentColor", "rule": "currentColor",
    "paper": "transparent", "notice-bg": "transparent",
}
TEXT = ("color",)
BACKGROUND = ("background", "background-color")


def _colours(tokens: list) -> list[object]:  # type: ignore[type-arg]
    """Every colour value among `tokens` ('currentColor' or an RGBA), nested ones included."""
    found = []
    for token in tokens:
        colour = tinycss2.color3.parse_color(token)
        if colour is not None:
            found.append(colour)
        elif token.type == "function":
            found += _colours(token.arguments)
    return found


def is_fixed(name: str, value: list) -> bool:  # type: ignore[type-arg]
    """A declaration that sets a colour of its own: text in anything but currentColor, or a
    background in anything that is not fully transparent."""
    name = name.lower()
    colours = _colours(value)
    if name in TEXT:
        return any(c != "currentColor" for c in colours)
    if name in BACKGROUND:
        return any(c == "currentColor" or c.alpha > 0 for c in colours)  # type: ignore[union-attr]
    return False


def _scheme_media(rule: object) -> bool:
    return (getattr(rule, "type", "") == "at-rule" and rule.lower_at_keyword == "media"  # type: ignore[attr-defined]
            and "prefers-color-scheme" in tinycss2.serialize(rule.prelude).lower())  # type: ignore[attr-defined]


def _walk(css: str, on_fixed: list[str]) -> str:
    """The stylesheet with fixed colours removed; what was removed is appended to `on_fixed`."""
    out = []
    for rule in tinycss2.parse_stylesheet(css, skip_comments=False, skip_whitespace=False):
        if rule.type == "qualified-rule":
            decls = tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True)
            fixed = [d for d in decls if d.type == "declaration" and is_fixed(d.lower_name, d.value)]
            if not fixed:
                out.append(rule.serialize())
                continue
            selector = tinycss2.serialize(rule.prelude).strip()
            on_fixed += [f"{selector} {{ {d.name}: {tinycss2.serialize(d.value).strip()} }}" for d in fixed]
            kept = [d for d in decls if d not in fixed]
            out.append(tinycss2.serialize(rule.prelude) + "{ " + " ".join(f"{d.serialize()};" for d in kept) + " }")
        elif rule.type == "at-rule" and rule.lower_at_keyword in ("media", "supports") and rule.content is not None \
                and not _scheme_media(rule):
            inner = _walk(tinycss2.serialize(rule.content), on_fixed)
            out.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{inner}}}")
        else:
            out.append(rule.serialize())
    return "".join(out)


def fixed_colours(css: str) -> list[str]:
    """The declarations of `css` that fix a text or background colour outside a
    colour-scheme media query (empty for a stylesheet that leaves colours to the reader)."""
    found: list[str] = []
    _walk(css, found)
    return found


def reader_colours(css: str) -> str:
    """`css` without fixed text and background colours outside colour-scheme media queries."""
    return _walk(css, [])
