"""CSS generated from theme data: font stacks and options become custom properties."""

from __future__ import annotations

import regex

from ..themes import Theme

GENERIC_FAMILIES = {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui", "math"}
LATIN_ROLES = {"body": "latin", "heading": "latin_heading", "ui": "latin_heading"}
_SAFE_KEY = regex.compile(r"[^a-z0-9-]+")
_SAFE_VALUE = regex.compile(r"^[^;{}<>\\]*$")


def font_stack(families: list[str]) -> str:
    return ", ".join(f if f in GENERIC_FAMILIES else '"' + f.replace('"', "") + '"' for f in families)


def theme_variables(theme: Theme, latin: bool = True) -> str:
    """`:root { --font-body: …; --accent: …; }` from `[fonts]` and `[options]`, and with
    `latin` the stacks Latin-script editions use."""
    lines = [f"/* generated from theme '{theme.name}' (theme.toml) */", ":root {"]
    for role, families in theme.fonts.items():
        lines.append(f"  --font-{role}: {font_stack(families)};")
    for key, value in theme.options.items():
        if isinstance(value, bool) or not _SAFE_VALUE.match(str(value)):
            continue
        lines.append(f"  --{_SAFE_KEY.sub('-', key.lower())}: {value};")
    lines.append("}")
    # Latin-script editions: the theme's Latin faces first, so Latin quotes, apostrophes and
    # hyphens come from a Latin font, not full-width from the CJK one ("Saturday’ s").
    latin_stacks = {role: theme.fonts[source] + theme.fonts[role] for role, source in LATIN_ROLES.items()
                    if source in theme.fonts and role in theme.fonts}
    if latin and latin_stacks:
        lines.append(":root:not(:lang(zh)):not(:lang(ja)):not(:lang(ko)) {")
        lines += [f"  --font-{role}: {font_stack(families)};" for role, families in latin_stacks.items()]
        lines.append("}")
    return "\n".join(lines) + "\n"
