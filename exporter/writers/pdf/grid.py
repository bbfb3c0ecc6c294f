"""Pictures on the column grid: widths in mm for the print page's columns.

A photo story's picture spans whole columns (`k` columns and the `k - 1` gaps between them)
chosen by its shape, and its caption takes the columns left beside it, or stands under it
when the picture spans them all; several pictures of one story stand side by side, a column
(or an equal share of the measure) each. A picture in an article's columns that spans more
than one column but not all of them by its shape (a landscape on three: two) leaves the
columns (`column-span: all`) and is set the same way, its caption in the column beside it and
the text balanced in the columns above and below it. Widths are
computed here from the page geometry because WeasyPrint has no `column-span: 2` and a
picture's width must land on the grid exactly. Inline blocks, not floats, so the column
layout stays reusable (column_reuse.py) and the caption cannot slide under the picture.

A photo story without a picture (a caption-only brief) is set in the body's columns, at the
measure of its text, not across the page (`caption-brief`, print_sections.html).
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
    """How many of `columns` a lone picture spans: a landscape all but one (its caption
    takes the last), a square half of them, a portrait one. (A landscape across both
    columns of an A4 page was tried in session 8: the week went from 17 to 19 pages.)"""
    if shape == "landscape":
        return max(1, columns - 1)
    if shape == "square":
        return max(1, columns // 2)
    return 1


def grid_css(setup: PageSetup) -> str:
    """Width rules for lone pictures and their captions on this page's grid: photo-story
    pictures, and pictures in an article's columns that span more than one."""
    _, right, _, left = margins_mm(setup.margin)
    measure = page_width_mm(setup.size) - left - right
    n, gap = setup.columns, to_mm(setup.column_gap)
    column = (measure - (n - 1) * gap) / n
    # `narrow` (fill.py): a picture that did not fit across the columns at a page foot
    body = ".article:not(.kind-photo):not(.kind-notice) > .article-body > .figure:not(.narrow)"
    rules = []
    for shape, share in ONE_COLUMN_SHARE.items():
        k = columns_spanned(shape, n)
        width = measure * share if n == 1 else k * column + (k - 1) * gap
        # in an article's columns a picture leaves them only for some of them, the caption
        # beside it: across a whole page of two it would be a photo story's picture
        across = 1 < k < n
        selectors = [f".kind-photo .figure.{shape}:only-of-type"] + ([f"{body}.{shape}"] if across else [])
        if 1 < k:  # `narrow` (fill.py): a picture that did not fit at a page foot goes down to one column
            selectors[0] = f".kind-photo .figure.{shape}:not(.narrow):only-of-type"
            # marked as across the columns, as the fill pass recognises a picture it may narrow
            # (the story's body is one column: it changes nothing there)
            rules.append(f"{selectors[0]} {{ column-span: all; }}\n")
            one = f".kind-photo .figure.{shape}.narrow:only-of-type"
            rules.append(f"{one} img {{ width: {column:.2f}mm; }}\n"
                         f"{one} figcaption {{ width: {measure - column - gap - SLACK_MM:.2f}mm; margin-left: {gap:.2f}mm; }}\n")
        for selector in selectors:
            rules.append(f"{selector} img {{ width: {width:.2f}mm; }}\n")
            if 1 < k == n:  # across the page: the caption under it
                rules.append(f"{selector} figcaption {{ display: block; width: auto; margin: 0.35em 0 0; }}\n")
            else:
                caption = measure - width - gap - SLACK_MM
                rules.append(f"{selector} figcaption {{ width: {caption:.2f}mm; margin-left: {gap:.2f}mm; }}\n")
        if shape == "landscape" and k < n:  # `wide` (fill.py): across the measure where the part keeps its pages
            wide = f".kind-photo .figure.{shape}.wide:only-of-type"
            rules.append(f"{wide} {{ column-span: all; }}\n{wide} img {{ width: {measure:.2f}mm; }}\n"
                         f"{wide} figcaption {{ display: block; width: auto; margin: 0.35em 0 0; }}\n")
        if across:
            rules.append(f"{body}.{shape} {{ column-span: all; margin: 1mm 0 4mm; }}\n"
                         f"{body}.{shape} img {{ display: inline-block; vertical-align: top; max-height: none; }}\n"
                         f"{body}.{shape} figcaption {{ display: inline-block; vertical-align: top; margin-top: 0; }}\n")
    # Side by side: two or three to a row, each a column when the grid has that many.
    for count in (2, 3):
        each = column if n == count else (measure - (count - 1) * gap) / count
        selector = (f".kind-photo .figure:first-of-type:nth-last-of-type({count}), "
                    f".kind-photo .figure:first-of-type:nth-last-of-type({count}) ~ .figure")
        rules.append(f"{selector} {{ width: {each:.2f}mm; }}\n")
    rules.append(f".kind-photo .figure:not(:only-of-type):not(:last-of-type) {{ margin-right: {gap - SLACK_MM:.2f}mm; }}\n")
    if n > 1:
        # An article's head keeps at least three lines of its text: on one column, three
        # (print.css); across columns, two in each (the page foot fills them in turn, so
        # four or more). With three in each, a two-column body held its head off a hole
        # that took two lines a column (the week in digest, A4: 20 Nov, page 11 at 0.49).
        rules.append(".article .article-body > p:first-child { orphans: 2; }\n")
    if n > 2:  # a caption-only brief in the body's columns where a line across would be too long
        # to read (three columns: ~70 em). WeasyPrint keeps its lines in the first column (it
        # does not balance them, orphans and widows 1 or 2 alike), so on two columns (~50 em)
        # it stays across: in a column it took two lines more and cost the week a page (17 -> 18)
        rules.append(f".caption-brief .kind-photo .article-body {{ column-count: {n}; }}\n"
                     ".caption-brief .figure.caption-only { break-inside: auto; }\n")
    return "".join(rules)
