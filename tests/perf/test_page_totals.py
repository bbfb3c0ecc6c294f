"""A page that prints page numbers is laid out once with them (weasyprint_ext/page_totals.py):
the same pages as stock WeasyPrint's loops, one layout fewer of each such page."""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext

import pytest
import weasyprint.layout.page as page_layout
from pypdf import PdfReader
from weasyprint import HTML

from exporter.weasyprint_ext.page_totals import PAGE_TOTALS
from exporter.weasyprint_ext.patches import patched
from exporter.weasyprint_ext.pin import supported

_SECTION = "<section id='s{n}'><h2>Section {n}</h2><p>{text}</p>{see}</section>"
# A contents of forward references, a back reference (s3 to s1) and a forward one from the
# body (s1 to s3), and the page total in the margin, as the print template has them.
_HTML = ("<style>@page { size: A6; margin: 12mm; @bottom-center { content: counter(page) '/' counter(pages) } }"
         " nav a { display: block } nav a::after { content: leader('.') target-counter(attr(href url), page) }"
         " .see::after { content: ' (p. ' target-counter(attr(href url), page) ')' } section { break-before: page }"
         "</style><nav>" + "".join(f"<a href='#s{n}'>Section {n}</a>" for n in range(1, 5)) + "</nav>"
         + "".join(_SECTION.format(n=n, text="Words of the section. " * (15 * n),
                                   see={1: "<a class='see' href='#s3'>see</a>", 3: "<a class='see' href='#s1'>see</a>"}.get(n, ""))
                   for n in range(1, 5)))


@contextmanager
def _counting() -> Iterator[Counter[int]]:
    """How often each page index is laid out (remake_page, as make_all_pages calls it)."""
    made: Counter[int] = Counter()
    original = page_layout.remake_page

    def remake_page(index: int, *args: object) -> object:
        made[index] += 1
        return original(index, *args)

    page_layout.remake_page = remake_page
    try:
        yield made
    finally:
        page_layout.remake_page = original


def _layout(totals: bool) -> tuple[list[bytes], Counter[int]]:
    """Stock WeasyPrint, or inside PAGE_TOTALS alone."""
    with _counting() as made, patched(PAGE_TOTALS) if totals else nullcontext():
        pdf = HTML(string=_HTML).write_pdf()
    return [page.get_contents().get_data() for page in PdfReader(io.BytesIO(pdf)).pages], made


@pytest.mark.skipif(not supported(), reason="stock layout on an unchecked WeasyPrint")
def test_pages_with_page_numbers_are_laid_out_once_with_them_and_come_out_the_same() -> None:
    stock, stock_made = _layout(totals=False)
    ours, ours_made = _layout(totals=True)
    assert len(ours) == len(stock) >= 5
    assert ours == stock  # every page's content stream, byte for byte
    assert stock_made[0] == 3 and ours_made[0] == 2  # the contents: first pass, then once with its numbers
    assert sum(ours_made.values()) < sum(stock_made.values())
