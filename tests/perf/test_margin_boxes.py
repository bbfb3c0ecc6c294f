"""Equal page-margin boxes are measured and laid out once (weasyprint_ext/margin_boxes.py):
the same PDF as stock WeasyPrint, fewer margin-box layouts, and none reused where the
content or the style differs."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, nullcontext

import pytest
import weasyprint.layout.page as page_layout
from weasyprint import HTML

from exporter.weasyprint_ext.margin_boxes import MARGIN_BOXES
from exporter.weasyprint_ext.patches import patched
from exporter.weasyprint_ext.pin import supported

# Running heads from string-set (the same over several pages, then another), a page number
# that differs on every page, page sides and :first with their own margin rules, an
# :nth() page, a running element, quotes and a margin box whose content is an image (none
# of the last three is reused), and a font size set in a page's margin box only on the left.
_PAGE = ("@page { size: A7; margin: 14mm 10mm;"
         " @top-left { content: string(part) } @top-center { content: string(head, start) }"
         " @top-right { content: 'p. ' counter(page) } @bottom-center { content: counter(page) '/' counter(pages) }"
         " @bottom-left { content: element(foot) } @bottom-right { content: open-quote 'q' close-quote }"
         " @left-middle { content: url(data:image/gif;base64,R0lGODlhAQABAIAAAP///wAAACwAAAAAAQABAAACAkQBADs=) } }"
         " @page :left { @top-left { font-size: 7pt } } @page :first { @top-center { content: none } }"
         " @page :nth(4) { @top-left { color: red } }"
         " h1 { string-set: part content() } h2 { string-set: head content() } .foot { position: running(foot) }")
_HTML = (f"<style>{_PAGE} section {{ break-before: page }}</style>"
         + "".join(f"<section><h1>Part {p}</h1><div class='foot'>Foot {p}</div>"
                   + "".join(f"<h2>Head {p}.{h}</h2><p>{'Words of the part. ' * 40}</p>" for h in range(3))
                   + "</section>" for p in range(3)))


@contextmanager
def _counting() -> Iterator[list[str]]:
    """The margin boxes WeasyPrint itself lays out (margin_box_content_layout), by keyword."""
    laid: list[str] = []
    original = page_layout.margin_box_content_layout

    def margin_box_content_layout(context: object, page: object, box: object) -> object:
        laid.append(box.at_keyword)  # type: ignore[attr-defined]
        return original(context, page, box)

    page_layout.margin_box_content_layout = margin_box_content_layout
    try:
        yield laid
    finally:
        page_layout.margin_box_content_layout = original


def _pdf(memo: bool) -> tuple[bytes, list[str]]:
    with _counting() as laid, patched(MARGIN_BOXES) if memo else nullcontext():
        return HTML(string=_HTML).write_pdf(), laid


@pytest.mark.skipif(not supported(), reason="stock layout on an unchecked WeasyPrint")
def test_equal_margin_boxes_are_laid_out_once_and_the_pdf_is_the_same() -> None:
    stock, stock_laid = _pdf(memo=False)
    ours, ours_laid = _pdf(memo=True)
    assert ours == stock
    pages = stock_laid.count("@bottom-center")
    assert pages >= 12
    # every page number differs; the running element, the quotes and the image are never reused
    for keyword in ("@bottom-center", "@bottom-left", "@bottom-right", "@left-middle", "@top-right"):
        assert ours_laid.count(keyword) == stock_laid.count(keyword) == pages
    # the running heads repeat: a part's (and a left page's) laid out once, a head's once per head
    assert ours_laid.count("@top-left") <= 2 * 3 + 1 < stock_laid.count("@top-left") == pages
    assert ours_laid.count("@top-center") <= 3 * 3 < stock_laid.count("@top-center")
