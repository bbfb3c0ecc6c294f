"""The furniture's contents laid out once with its page numbers known beforehand
(weasyprint_ext/known_pages.py, furniture.layout_furniture): the same PDF as WeasyPrint's own
loop, fewer pages made, and a wrong guess laid out again, never printed."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from exporter.writers.pdf.chunks import layout_chunk
from exporter.writers.pdf.furniture import layout_furniture

# A contents whose entries point at anchors on later pages, as the furniture's front does at
# its ghost pages (the leader and target-counter() of themes/base/print.css).
HTML = """<html lang="en"><head><style>@page { size: 100mm 80mm; margin: 10mm }
body { font: 10pt 'DejaVu Sans' } .contents a { display: block }
.contents a::after { content: leader(".") target-counter(attr(href url), page) }
.page { break-before: page } .ghost { position: absolute; top: 5px }</style></head><body>
<nav class="contents"><a href="#one">One</a><a href="#two">Two</a><a href="#three">Three</a></nav>
<div class="page"><div class="ghost" id="one"></div></div>
<div class="page"><div class="ghost" id="two"></div><div class="ghost" id="three"></div></div>
<div class="page"></div></body></html>"""
RIGHT = {"one": 2, "two": 3, "three": 3}


@pytest.fixture
def pages_made(caplog: pytest.LogCaptureFixture):
    """How many times WeasyPrint made each page (its progress log; "up-to-date" pages are kept)."""
    caplog.set_level(logging.INFO, logger="weasyprint.progress")

    def made() -> list[str]:
        found = [r.getMessage().rpartition("Page ")[2] for r in caplog.records
                 if "Creating layout - Page" in r.getMessage() and "up-to-date" not in r.getMessage()]
        caplog.clear()
        return found

    return made


def test_known_pages_make_each_page_once_and_the_same_pdf(tmp_path: Path, pages_made) -> None:
    stock = layout_chunk(HTML, str(tmp_path))
    assert pages_made().count("1") > 1  # WeasyPrint alone makes the contents page again
    known = layout_furniture(HTML, str(tmp_path), RIGHT)
    assert pages_made() == ["1", "2", "3", "4"]
    assert known.pdf == stock.pdf
    assert [[a[0] for a in page.anchors] for page in known.pages] == [[], ["one"], ["two", "three"], []]


def test_a_wrong_guess_is_laid_out_again_with_the_pages_found(tmp_path: Path, pages_made) -> None:
    stock = layout_chunk(HTML, str(tmp_path))
    pages_made()
    wrong = layout_furniture(HTML, str(tmp_path), {name: page + 1 for name, page in RIGHT.items()})
    assert pages_made() == ["1", "2", "3", "4"] * 2  # the guess, then the pages found
    assert wrong.pdf == stock.pdf
