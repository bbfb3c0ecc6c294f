"""The `@page` rules and column settings of a PDF build, from the theme's `[page]` and the CLI.

Page geometry is data (theme.toml, the page_size and profile options), so it is generated here rather
than written in theme CSS; values are validated because themes may come from users.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...errors import InputError
from ...themes import MM_PER_UNIT, Theme, page_size_css
from .options import PROFILES

DEFAULT_BLEED = "3mm"
MARKS_ROOM_MM = 9.0  # paper outside the bleed that holds the crop marks (--profile print)
GUTTER_MM = 3.0  # moved from the outer to the inner margin of a bound (print) page
# Where pages break, by the `breaks` setting: a part or section starts a page, or runs on.
BREAKS = {
    "section": ".section, .part { break-before: page; }\n.part > .section:first-of-type { break-before: auto; }\n",
    "part": ".part { break-before: page; }\n",
    "none": "",
}
# An edition whose sections run on starts its first article under the masthead and
# contents, as a front page does; a volume's front matter keeps its own pages.
RUN_ON_FRONT = "body:not(.volume) .front { break-after: auto; margin-bottom: 6mm; }\n"


@dataclass(frozen=True)
class PageSetup:
    """Resolved page geometry of one build."""

    size: str
    margin: str
    columns: int
    column_gap: str
    bleed: str | None  # None: screen profile, no bleed and no marks
    breaks: str = "part"  # a key of BREAKS

    @property
    def mirrored(self) -> bool:
        """A print volume is bound: left and right pages mirror their margins."""
        return self.bleed is not None

    @property
    def mirror_shift_pt(self) -> float:
        """How much further right a right page's text area stands than a left page's."""
        if not self.mirrored:
            return 0.0
        _, right, _, left = margins_mm(self.margin)
        inner, outer = _inner_outer(left, right)
        return (inner - outer) * 72 / 25.4

    def css(self) -> str:
        """The generated stylesheet: page box, bleed and marks, margins (mirrored for print:
        the inner margin wider, the folio on the outer edge), page breaks and body columns.

        Crop marks are drawn by WeasyPrint from the paper's edge halfway to the trim, so the
        paper reaches the bleed plus MARKS_ROOM and the marks stay outside the bleed; the
        PDF's BleedBox is set to the bleed afterwards (boxes.py)."""
        bleed = (f"  bleed: {to_mm(self.bleed) + MARKS_ROOM_MM:g}mm;\n  marks: crop cross;\n" if self.bleed
                 else "  bleed: 0;\n  marks: none;\n")
        css = ("/* generated from theme.toml [page] and the command line */\n"
               f"@page {{\n  size: {self.size};\n  margin: {self.margin};\n{bleed}}}\n")
        if self.mirrored:
            _, right, _, left = margins_mm(self.margin)
            inner, outer = _inner_outer(left, right)
            folio = "content: counter(page); font: 8pt var(--font-ui); color: var(--muted); vertical-align: top; padding-top: 4mm;"
            css += (f"@page :right {{ margin-left: {inner:g}mm; margin-right: {outer:g}mm;"
                    f" @bottom-center {{ content: none; }} @bottom-right {{ {folio} }} }}\n"
                    f"@page :left {{ margin-left: {outer:g}mm; margin-right: {inner:g}mm;"
                    f" @bottom-center {{ content: none; }} @bottom-left {{ {folio} }} }}\n")
        return css + (
            BREAKS[self.breaks] + (RUN_ON_FRONT if self.breaks != "section" else "")
            + f":root {{ --columns: {self.columns}; --column-gap: {self.column_gap}; }}\n"
            f".article-body {{ column-count: {self.columns}; column-gap: {self.column_gap}; }}\n"
        )


def _inner_outer(left: float, right: float) -> tuple[float, float]:
    """Mirrored margins (mm) with the text area's width kept: GUTTER_MM moves inwards."""
    shift = min(GUTTER_MM, (left + right) / 2)
    return (left + right) / 2 + shift, (left + right) / 2 - shift


def to_mm(length: str) -> float:
    """A CSS length checked at theme load (themes._LENGTH) in millimetres."""
    length = length.strip().lower()
    for unit, factor in MM_PER_UNIT.items():
        if length.endswith(unit):
            return float(length[: -len(unit)]) * factor
    return float(length or 0)


def margins_mm(margin: str) -> tuple[float, float, float, float]:
    """CSS `margin` shorthand (1–4 lengths) as top, right, bottom, left in mm."""
    v = [to_mm(x) for x in margin.split()]
    top, right, bottom, left = {1: v * 4, 2: v * 2, 3: [*v, v[1]], 4: v}[len(v)]
    return top, right, bottom, left


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
        breaks=page.get("breaks") or "part",
    )
