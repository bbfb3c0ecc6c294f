"""The `@page` rules and column settings of a PDF build, from the theme's `[page]` and the CLI.

Page geometry is data (theme.toml, --page-size, --profile), so it is generated here rather
than written in theme CSS; values are validated because themes may come from users.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ...errors import InputError
from ...limits import Limits
from ...themes import Theme

PAGE_SIZES = {"a4": "A4", "a3": "A3", "b5": "B5", "letter": "letter", "tabloid": "11in 17in"}
_LENGTH = r"(?:\d+(?:\.\d+)?(?:mm|cm|in|pt|px|pc|q)|0)"
_DIMENSIONS = regex.compile(rf"^\s*({_LENGTH})\s*[x×]\s*({_LENGTH})\s*$", regex.IGNORECASE)
_NAMED = regex.compile(r"^\s*(\w+)(?:\s+(portrait|landscape))?\s*$", regex.IGNORECASE)
_LENGTHS = regex.compile(rf"^{_LENGTH}(?:\s+{_LENGTH}){{0,3}}$", regex.IGNORECASE)
DEFAULT_BLEED = "3mm"
PROFILES = ("print", "screen")
MM_PER_UNIT = {"mm": 1.0, "cm": 10.0, "q": 0.25, "in": 25.4, "pt": 25.4 / 72, "pc": 25.4 / 6, "px": 25.4 / 96}
_AMOUNT = regex.compile(r"^(\d+(?:\.\d+)?)([a-z]*)$")


@dataclass(frozen=True)
class PageSetup:
    """Resolved page geometry of one build."""

    size: str
    margin: str
    columns: int
    column_gap: str
    bleed: str | None  # None: screen profile, no bleed and no marks

    def css(self) -> str:
        """The generated stylesheet: page box, bleed and marks, and the body columns."""
        bleed = f"  bleed: {self.bleed};\n  marks: crop cross;\n" if self.bleed else "  bleed: 0;\n  marks: none;\n"
        return (
            "/* generated from theme.toml [page] and the command line */\n"
            f"@page {{\n  size: {self.size};\n  margin: {self.margin};\n{bleed}}}\n"
            f":root {{ --columns: {self.columns}; --column-gap: {self.column_gap}; }}\n"
            f".article-body {{ column-count: {self.columns}; column-gap: {self.column_gap}; }}\n"
        )


def page_size(spec: str, where: str) -> str:
    """A4/A3/B5/Letter/Tabloid (optionally 'landscape') or WxH such as 210mmx297mm, as CSS."""
    if m := _DIMENSIONS.match(spec):
        limits = Limits.current()
        for length in (m[1], m[2]):
            if not limits.page_min_mm <= _mm(length) <= limits.page_max_mm:
                raise InputError.single(where, f"page size '{spec}' is out of range: each side must be from "
                                               f"{limits.page_min_mm:g} mm to {limits.page_max_mm:g} mm")
        return f"{m[1].lower()} {m[2].lower()}"
    m = _NAMED.match(spec)
    if m and m[1].lower() in PAGE_SIZES:
        return PAGE_SIZES[m[1].lower()] + (f" {m[2].lower()}" if m[2] else "")
    names = ", ".join(n.capitalize() if len(n) > 2 else n.upper() for n in PAGE_SIZES)
    raise InputError.single(where, f"unknown page size '{spec}' (use {names}, or WxH such as 210mmx297mm)")


def _mm(length: str) -> float:
    """'210mm', '8.5in', '0' in millimetres."""
    number, unit = _AMOUNT.match(length.lower()).groups()  # type: ignore[union-attr]
    return float(number) * MM_PER_UNIT.get(unit, 0.0)


def _lengths(value: str, where: str) -> str:
    if not _LENGTHS.match(value.strip()):
        raise InputError.single(where, f"'{value}' is not a CSS length list such as '20mm 16mm'")
    return value.strip()


def page_setup(theme: Theme, profile: str, size_override: str | None) -> PageSetup:
    """Merge the theme's [page] with the CLI; `print` adds bleed (theme's, else 3 mm) and marks."""
    if profile not in PROFILES:
        raise InputError.single("--profile", f"unknown profile '{profile}' (use print or screen)")
    page = theme.page
    toml = f"{theme.path / 'theme.toml'}"
    size = page_size(size_override, "--page-size") if size_override else page_size(page.get("size", "A4"), toml)
    return PageSetup(
        size=size,
        margin=_lengths(page.get("margin", "20mm"), toml),
        columns=int(page.get("columns", 1)),
        column_gap=_lengths(page.get("column_gap", "6mm"), toml),
        bleed=_lengths(page.get("bleed", DEFAULT_BLEED), toml) if profile == "print" else None,
    )
