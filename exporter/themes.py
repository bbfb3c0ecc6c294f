"""Themes are data: a folder with `theme.toml`, CSS, and optional template overrides.

A theme may `extends` another; stylesheets accumulate parent-first, templates are
searched child-first, and `[fonts]`, `[page]`, `[options]` merge with the child winning.
Themes are found by path, among the built-ins, or through the `exporter.themes`
entry-point group (a third-party package cannot take a built-in theme's name).
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any, Literal

import regex
from pydantic import BaseModel, ConfigDict, Field, create_model, field_validator

from .errors import InputError
from .readers.toml_file import read_typed_toml
from .limits import MAX_THEME_FILE_BYTES, Limits
from .resources import data_dir
from .safe_files import checked, inside
from .writers import FORMATS

MAX_DEPTH = 8

# `[stylesheets]`: `all`, and one list per format of the registry.
Stylesheets = create_model(
    "Stylesheets", __config__=ConfigDict(extra="forbid"),
    all=(list[str], Field(default_factory=list)),
    **{name: (list[str], Field(default_factory=list)) for name in FORMATS},  # type: ignore[call-overload]
)


class Fonts(BaseModel):
    """Font family stacks (CSS names, first wins) for body text, headlines and small type."""

    model_config = ConfigDict(extra="forbid")
    body: list[str] | None = None
    heading: list[str] | None = None
    ui: list[str] | None = None
    latin: list[str] | None = None  # Latin-script editions: before body in print; the body face of EPUB (html:lang(en) …)
    latin_heading: list[str] | None = None  # put before heading and ui for them


PAGE_SIZES = {"a4": "A4", "a3": "A3", "b5": "B5", "letter": "letter", "tabloid": "11in 17in"}
_LENGTH = r"(?:\d+(?:\.\d+)?(?:mm|cm|in|pt|px|pc|q)|0)"
_DIMENSIONS = regex.compile(rf"^\s*({_LENGTH})\s*[x×]\s*({_LENGTH})\s*$", regex.IGNORECASE)
_NAMED = regex.compile(r"^\s*(\w+)(?:\s+(portrait|landscape))?\s*$", regex.IGNORECASE)
_LENGTHS = regex.compile(rf"^{_LENGTH}(?:\s+{_LENGTH}){{0,3}}$", regex.IGNORECASE)


MM_PER_UNIT = {"mm": 1.0, "cm": 10.0, "q": 0.25, "in": 25.4, "pt": 25.4 / 72, "pc": 25.4 / 6, "px": 25.4 / 96}
_AMOUNT = regex.compile(r"^(\d+(?:\.\d+)?)([a-z]*)$")


def page_size_css(spec: str) -> str:
    """A4/A3/B5/Letter/Tabloid (optionally 'landscape') or WxH such as 210mmx297mm, as CSS;
    ValueError for anything else, and for sides outside the page-size limits."""
    if m := _DIMENSIONS.match(spec):
        limits = Limits.current()
        for length in (m[1], m[2]):
            if not limits.page_min_mm <= _mm(length) <= limits.page_max_mm:
                raise ValueError(f"page size '{spec}' is out of range: each side must be from "
                                 f"{limits.page_min_mm:g} mm to {limits.page_max_mm:g} mm")
        return f"{m[1].lower()} {m[2].lower()}"
    m = _NAMED.match(spec)
    if m and m[1].lower() in PAGE_SIZES:
        return PAGE_SIZES[m[1].lower()] + (f" {m[2].lower()}" if m[2] else "")
    names = ", ".join(n.capitalize() if len(n) > 2 else n.upper() for n in PAGE_SIZES)
    raise ValueError(f"unknown page size '{spec}' (use {names}, or WxH such as 210mmx297mm)")


def _mm(length: str) -> float:
    """'210mm', '8.5in', '0' in millimetres."""
    number, unit = _AMOUNT.match(length.lower()).groups()  # type: ignore[union-attr]
    return float(number) * MM_PER_UNIT.get(unit, 0.0)


class PageSettings(BaseModel):
    """Print page settings, checked when the theme (or compilation) loads; the PDF writer
    reads them, and its page_size option may override the size."""

    model_config = ConfigDict(extra="forbid")
    size: str | None = None
    margin: str | None = None
    columns: int | None = Field(default=None, ge=1, le=3)
    column_gap: str | None = None
    bleed: str | None = None
    # Where a new page starts: a new part (a volume's day or section group; an edition's
    # sections all run on), every section, or only after the front matter.
    breaks: Literal["part", "section", "none"] | None = None

    @field_validator("size")
    @classmethod
    def _size(cls, value: str | None) -> str | None:
        if value is not None:
            page_size_css(value)
        return value

    @field_validator("margin", "column_gap", "bleed")
    @classmethod
    def _lengths(cls, value: str | None) -> str | None:
        if value is not None and not _LENGTHS.match(value.strip()):
            raise ValueError(f"'{value}' is not a CSS length list such as '20mm 16mm'")
        return value


class ThemeConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    description: str = ""
    extends: str | None = None
    stylesheets: Stylesheets = Field(default_factory=Stylesheets)
    fonts: Fonts = Field(default_factory=Fonts)
    page: PageSettings = Field(default_factory=PageSettings)
    options: dict[str, str | int | float | bool] = Field(default_factory=dict)


@dataclass(frozen=True)
class Theme:
    """A loaded theme with its parents resolved."""

    config: ThemeConfig
    path: Path
    parent: Theme | None = None
    origin: str = "built-in"

    @property
    def name(self) -> str:
        return self.config.name

    def lineage(self) -> list[Theme]:
        """This theme and its ancestors, child first."""
        out, node = [], self
        while node is not None:
            out.append(node)
            node = node.parent
        return out

    def stylesheets(self, target: str) -> list[Path]:
        """CSS files for a target, ancestors first, so a child theme overrides its parent."""
        files: list[Path] = []
        for theme in reversed(self.lineage()):
            s = theme.config.stylesheets
            files += [theme.path / f for f in (*s.all, *getattr(s, target))]
        return files

    def template_dirs(self) -> list[Path]:
        return [t.path / "templates" for t in self.lineage() if (t.path / "templates").is_dir()]

    def _merged(self, attr: str) -> dict[str, Any]:
        merged: dict[str, Any] = {}
        for theme in reversed(self.lineage()):
            value = getattr(theme.config, attr)
            merged.update(value if isinstance(value, dict) else value.model_dump(exclude_none=True))
        return merged

    @property
    def fonts(self) -> dict[str, list[str]]:
        return self._merged("fonts")

    @property
    def page(self) -> dict[str, Any]:
        return self._merged("page")

    @property
    def options(self) -> dict[str, Any]:
        return self._merged("options")


def builtin_themes() -> dict[str, Path]:
    root = data_dir("themes")
    return {p.name: p for p in sorted(root.iterdir()) if (p / "theme.toml").is_file()}


def plugin_themes() -> dict[str, Path]:
    """Themes from installed packages: entry point value -> a module whose __path__ or
    THEME_PATH names the theme folder."""
    found: dict[str, Path] = {}
    builtins = builtin_themes()
    for ep in entry_points(group="exporter.themes"):
        if ep.name in builtins:
            continue
        obj = ep.load()
        path = getattr(obj, "THEME_PATH", None) or Path(next(iter(getattr(obj, "__path__", [])), ""))
        if (Path(path) / "theme.toml").is_file():
            found[ep.name] = Path(path)
    return found


def available_themes() -> dict[str, tuple[Path, str]]:
    """Every theme by name with its folder and where it came from."""
    out = {n: (p, "built-in") for n, p in builtin_themes().items()}
    for n, p in plugin_themes().items():
        out.setdefault(n, (p, "plugin"))
    return out


def load_theme(spec: str | Path, _seen: tuple[Path, ...] = (), _base: Path | None = None) -> Theme:
    """Load a theme by name or path, resolving `extends` (cycles and depth are errors)."""
    path, origin = _find(str(spec), _base)
    real = path.resolve()
    if real in _seen:
        names = " -> ".join(p.name for p in (*_seen, real))
        raise InputError.single(path / "theme.toml", f"theme inheritance cycle: {names}", "extends")
    if len(_seen) >= MAX_DEPTH:
        raise InputError.single(path / "theme.toml", f"themes extend each other more than {MAX_DEPTH} deep", "extends")
    config = read_typed_toml(path / "theme.toml", ThemeConfig, real)
    for target in FORMATS:
        for css in [*config.stylesheets.all, *getattr(config.stylesheets, target)]:
            if inside(path / css, real) is None or not (path / css).exists():
                raise InputError.single(path / "theme.toml", f"stylesheet '{css}' not found in the theme folder", "stylesheets")
            checked(path / css, real, MAX_THEME_FILE_BYTES, "stylesheet")
    parent = load_theme(config.extends, (*_seen, real), path) if config.extends else None
    return Theme(config, real, parent, origin)


def _find(spec: str, base: Path | None) -> tuple[Path, str]:
    candidates = [Path(spec)] if base is None else [base / spec, Path(spec)]
    for cand in candidates:
        if (cand / "theme.toml").is_file():
            return cand, "path"
    themes = available_themes()
    if spec in themes:
        return themes[spec]
    names = ", ".join(themes)
    raise InputError.single(spec, f"no such theme (available: {names}; or give a folder with theme.toml)")
