"""The `@page` rules and column settings of a PDF build, from the theme's `[page]` and the CLI.

Page geometry is data (theme.toml, the page_size and profile options), so it is generated here rather
than written in theme CSS; values are validated because themes may come from users.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...errors import InputError
from ...themes import Theme, page_size_css
from .options import PROFILES

DEFAULT_BLEED = "3mm"


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


def page_setup(theme: Theme, profile: str, size_override: str | None) -> PageSetup:
    """Merge the theme's [page] (checked when the theme loaded) with the options; `print`
    adds bleed (theme's, else 3 mm) and marks."""
    if profile not in PROFILES:
        raise InputError.option("profile", f"unknown profile '{profile}' (use print or screen)")
    page = theme.page
    if size_override:
        try:
            size = page_size_css(size_override)
        except ValueError as error:
            raise InputError.option("page_size", str(error)) from None
    else:
        size = page_size_css(page.get("size", "A4"))
    return PageSetup(
        size=size,
        margin=page.get("margin", "20mm").strip(),
        columns=int(page.get("columns", 1)),
        column_gap=page.get("column_gap", "6mm").strip(),
        bleed=page.get("bleed", DEFAULT_BLEED).strip() if profile == "print" else None,
    )
