"""Theme CSS for e-readers: the theme chain's `all` + `epub` files, with custom
properties resolved, because many reading systems ignore `var()`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import regex

from ...limits import MAX_THEME_FILE_BYTES
from ...safe_files import read_bytes
from ...themes import Theme
from ..css import font_stack, theme_variables
from .css_urls import Resource, confine_css

_DECLARATION = regex.compile(r"--([A-Za-z0-9_-]+)\s*:\s*([^;{}]+);")
_UNSAFE = regex.compile(r"[^A-Za-z0-9._-]+")
CSS_DIR = "css"
VARIABLES = f"{CSS_DIR}/variables.css"
FONTS = f"{CSS_DIR}/fonts.css"


@dataclass(frozen=True)
class Stylesheet:
    """One CSS file of the package: its name inside the book, its final text, the theme
    files it references, and the references that were removed (see css_urls)."""

    name: str
    text: str
    resources: tuple[Resource, ...] = ()
    refused: tuple[str, ...] = ()


def theme_values(theme: Theme, font_overrides: dict[str, list[str]] | None = None) -> dict[str, str]:
    """The custom properties the theme defines (`accent` -> `#9b1c1c`), with the font
    stacks of roles whose fonts are embedded replaced."""
    values = {m[1]: m[2].strip() for m in _DECLARATION.finditer(theme_variables(theme))}
    for role, families in (font_overrides or {}).items():
        values[f"font-{role}"] = font_stack(families)
    return values


def resolve_vars(css: str, values: dict[str, str]) -> str:
    """Replace every `var(--name[, fallback])` by the value, else the fallback; a variable
    with neither is left as written."""
    out, pos = [], 0
    while (start := css.find("var(", pos)) != -1:
        end = _closing_paren(css, start + 3)
        if end == -1:
            break
        name, fallback = _split_var(css[start + 4 : end])
        value = values.get(name[2:]) if name.startswith("--") else None
        if value is None and fallback is not None:
            value = fallback
        out.append(css[pos:start])
        out.append(resolve_vars(value, values) if value is not None else css[start : end + 1])
        pos = end + 1
    out.append(css[pos:])
    return "".join(out)


def _closing_paren(text: str, open_at: int) -> int:
    depth = 0
    for i in range(open_at, len(text)):
        if text[i] == "(":
            depth += 1
        elif text[i] == ")":
            depth -= 1
            if depth == 0:
                return i
    return -1


def _split_var(inner: str) -> tuple[str, str | None]:
    """'--a, 1px' -> ('--a', '1px'); the first comma at depth 0 separates the fallback."""
    depth = 0
    for i, ch in enumerate(inner):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "," and depth == 0:
            return inner[:i].strip(), inner[i + 1 :].strip()
    return inner.strip(), None


def _theme_files(theme: Theme) -> list[tuple[str, Path, Path]]:
    """(name in the book, source file, theme folder) of each theme's `all` and `epub` CSS,
    ancestors first."""
    files = []
    for t in reversed(theme.lineage()):
        s = t.config.stylesheets
        folder = _UNSAFE.sub("-", t.name).strip("-.") or "theme"
        files += [(f"{CSS_DIR}/{folder}/{_UNSAFE.sub('-', css)}", t.path / css, t.path) for css in (*s.all, *s.epub)]
    return files


def stylesheet_names(theme: Theme, embed_fonts: bool) -> list[str]:
    """What every page links, in cascade order, known before the CSS text is final."""
    return [VARIABLES, *([FONTS] if embed_fonts else []), *(name for name, _, _ in _theme_files(theme))]


def theme_stylesheets(theme: Theme, values: dict[str, str]) -> list[Stylesheet]:
    """The generated variables, then the theme files with `var()` resolved to `values`;
    references to anything but data: URIs and the theme's own files are removed."""
    root = ":root {\n" + "".join(f"  --{k}: {v};\n" for k, v in values.items()) + "}\n"
    sheets = [_confined(VARIABLES, root)]
    for name, path, folder in _theme_files(theme):
        sheets.append(_confined(name, resolve_vars(
            read_bytes(path, folder, MAX_THEME_FILE_BYTES, "stylesheet").decode("utf-8"), values), path, folder))
    return sheets


def _confined(name: str, text: str, source: Path | None = None, root: Path | None = None) -> Stylesheet:
    css = confine_css(text, name.rpartition("/")[0], source, root)
    return Stylesheet(name, css.text, css.resources, css.refused)


def generated_content(sheets: list[Stylesheet]) -> str:
    """The strings CSS puts on the page (`content: "■ "`), so embedded fonts keep them."""
    return "".join(m[1] for s in sheets for m in regex.finditer(r"content\s*:\s*\"([^\"]*)\"", s.text))
