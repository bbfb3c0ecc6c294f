"""Pictures on the column grid: widths in mm for the print page's columns.

A photo story's picture spans whole columns (`k` columns and the `k - 1` gaps between them)
chosen by its shape, and its caption takes the columns left beside it; several pictures of
one story stand side by side, a column (or an equal share of the measure) each. Widths are
computed here from the page geometry because WeasyPrint has no `column-span: 2` and a
picture's width must land on the grid exactly. Inline blocks, not floats, so the column
layout stays reusable (column_reuse.py) and the caption cannot slide under the picture.
"""

from __future__ import annotations

from .page_css import PageSetup, margins_mm, to_mm

# ISO and US sizes in mm, portrait (the names themes.page_size_css accepts)
PAGE_MM = {"a4": (210.0, 297.0), "a3": (297.0, 420.0), "b5": (176.0, 250.0), "letter": (215.9, 279.4)}
SLACK_MM = 2.0  # the word space between two inline blocks of the template's markup
# On a one-column page, the share of the measure a lone picture takes, by shape
ONE_COLUMN_SHARE = {"landscape": 0.64, "square": 0.5, "portrait": 0.4}


def page_width_mm(size: str) -> float:
    """The width of a CSS page size as page_css.page_setup writes it."""
    words = size.split()
    if words[0].lower() in PAGE_MM:
        width, height = PAGE_MM[words[0].lower()]
        return height if words[-1].lower() == "landscape" else width
    return to_mm(words[0])


def columns_spanned(shape: str, columns: int) -> int:
    """How many of `columns` a photo story's lone picture spans: a landscape all but one
    (its caption takes the last), a square half of them, a portrait one."""
    if shape == "landscape":
        return max(1, columns - 1)
    if shape == "square":
        return max(1, columns // 2)
    return 1


def grid_css(setup: PageSetup) -> str:
    """Width rules for photo-story pictures and their captions on this page's grid."""
    _, right, _, left = margins_mm(setup.margin)
    measure = page_width_mm(setup.size) - left - right
    n, gap = setup.columns, to_mm(setup.column_gap)
    column = (measure - (n - 1) * gap) / n
    rules = []
    for shape, share in ONE_COLUMN_SHARE.items():
        if n == 1:
            width = measure * share
        else:
            k = columns_spanned(shape, n)
            width = k * column + (k - 1) * gap
        caption = measure - width - gap - SLACK_MM
        rules.append(f".kind-photo .figure.{shape}:only-of-type img {{ width: {width:.2f}mm; }}\n"
                     f".kind-photo .figure.{shape}:only-of-type figcaption {{ width: {caption:.2f}mm; margin-left: {gap:.2f}mm; }}\n")
    # Side by side: two or three to a row, each a column when the grid has that many.
    for count in (2, 3):
        each = column if n == count else (measure - (count - 1) * gap) / count
        selector = (f".kind-photo .figure:first-of-type:nth-last-of-type({count}), "
                    f".kind-photo .figure:first-of-type:nth-last-of-type({count}) ~ .figure")
        rules.append(f"{selector} {{ width: {each:.2f}mm; }}\n")
    rules.append(f".kind-photo .figure:not(:only-of-type):not(:last-of-type) {{ margin-right: {gap - SLACK_MM:.2f}mm; }}\n")
    return "".join(rules)
