"""CSS generated from theme data: font stacks and options become custom properties."""

from __future__ import annotations

import regex

from ..themes import Theme

GENERIC_FAMILIES = {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui", "math"}
_SAFE_KEY = regex.compile(r"[^a-z0-9-]+")
_SAFE_VALUE = regex.compile(r"^[^;{}<>\\]*$")


def font_stack(families: list[str]) -> str:
    return ", ".join(f if f in GENERIC_FAMILIES else '"' + f.replace('"', "") + '"' for f in families)


def theme_variables(theme: Theme) -> str:
    """`:root { --font-body: …; --accent: …; }` from `[fonts]` and `[options]`."""
    lines = [f"/* generated from theme '{theme.name}' (theme.toml) */", ":root {"]
    for role, families in theme.fonts.items():
        lines.append(f"  --font-{role}: {font_stack(families)};")
    for key, value in theme.options.items():
        if isinstance(value, bool) or not _SAFE_VALUE.match(str(value)):
            continue
        lines.append(f"  --{_SAFE_KEY.sub('-', key.lower())}: {value};")
    lines.append("}")
    return "\n".join(lines) + "\n"
