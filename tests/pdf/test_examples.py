"""Every example in both themes: all source text in the text layer, fonts embedded and subset,
no .notdef glyph, a bookmark per article, and contents page numbers where articles start."""

from __future__ import annotations

import subprocess

import pytest
import regex
from pypdf import PdfReader
from pypdf.generic import ContentStream

from exporter.labels import long_date
from tests.conftest import ALL_EXAMPLES, THEMES

from .helpers import outline, pdftotext, squeeze

CASES = [pytest.param((src, theme), id=f"{src.stem}-{theme}") for src in ALL_EXAMPLES for theme in THEMES]


@pytest.fixture(scope="module", params=CASES)
def case(request: pytest.FixtureRequest, build_pdf):
    return build_pdf(*request.param)


def body_text(loaded, pdf) -> str:
    """The text layer in content-stream order (WeasyPrint draws in document order), with each
    page's running head and page number (drawn last on the page) removed, whitespace squeezed."""
    edition = loaded.edition
    heads = [edition.title, long_date(edition.date, edition.language),
             *(s.name for s in edition.sections_in_order() if s.name)]
    # list markers are drawn after the page's text too
    margin = regex.compile("^(?:" + "|".join(regex.escape(squeeze(h)) for h in heads) + r"|\d+|•)+$")
    pages = []
    for page in pdftotext(pdf, "-raw").split("\f"):
        lines = page.splitlines()
        while lines and margin.match(squeeze(lines[-1]) or "0"):
            lines.pop()
        pages.append("".join(lines))
    return squeeze("".join(pages))


def test_text_layer_has_every_paragraph(case) -> None:
    loaded, pdf = case
    text = body_text(loaded, pdf)
    missing = [t for art in loaded.edition.articles for t in art.texts if squeeze(t) not in text]
    assert not missing


def test_fonts_embedded_and_subset(case) -> None:
    _, pdf = case
    rows = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    fonts = [line.split() for line in rows.splitlines()[2:]]
    assert fonts
    for row in fonts:
        name, emb, sub = row[0], row[-5], row[-4]
        assert (emb, sub) == ("yes", "yes"), row
        assert regex.match(r"^[A-Z]{6}\+", name), f"{name} is not a subset"


def _glyph_ids(reader: PdfReader) -> set[int]:
    """Glyph ids shown by Tj/TJ on every page (WeasyPrint uses 2-byte Identity-H codes)."""
    used: set[int] = set()
    for page in reader.pages:
        for operands, op in ContentStream(page.get_contents(), reader).operations:
            strings = operands[0] if op == b"TJ" else operands if op == b"Tj" else []
            for s in strings:
                raw = getattr(s, "original_bytes", None)
                if raw is not None:
                    used |= {int.from_bytes(raw[i:i + 2], "big") for i in range(0, len(raw) - 1, 2)}
    return used


def test_no_notdef_glyph(case) -> None:
    _, pdf = case
    assert 0 not in _glyph_ids(PdfReader(pdf))


def test_bookmark_for_every_section_and_article(case) -> None:
    loaded, pdf = case
    marks = outline(pdf)
    titles = [t for _, t, _ in marks]
    for section in loaded.edition.sections_in_order():
        assert section.name is None or section.name in titles
        for article in section.articles:
            assert article.title in titles, article.title
    assert {level for level, _, _ in marks} <= {1, 2}


def test_contents_page_numbers_match_article_pages(case) -> None:
    loaded, pdf = case
    marks = [(title, page) for level, title, page in outline(pdf) if level == 2 or title not in
             {s.name for s in loaded.edition.sections_in_order()}]
    first_article_page = min(page for _, page in marks)
    # spaces and hyphens removed, line ends kept: a page number ends its line, after the leader;
    # an edition's first article runs on under its contents, on the same page
    contents = regex.sub(r"[^\S\n]+|[-\u2010]", "", pdftotext(pdf, "-f", "1", "-l", str(first_article_page)))
    pages = [page.extract_text() for page in PdfReader(pdf).pages]
    for title, page in marks:  # multi-column contents read out of order: match each title alone
        # a cut title's "…" is not printed: the leader's dots continue it (themes/base/print.css)
        pattern = "\n?".join(regex.escape(ch) for ch in squeeze(title.rstrip("…"))) + r"[.…\n]*(\d+)\n"
        listed = {int(m[1]) for m in regex.finditer(pattern, contents)}
        assert page in listed, f"contents lists {title} on {listed or 'no page'}, bookmark says {page}"
        assert squeeze(title.rstrip("…")) in squeeze(pages[page - 1]), f"{title} not on page {page}"


def test_metadata(case) -> None:
    loaded, pdf = case
    reader = PdfReader(pdf)
    assert reader.metadata.title.startswith(loaded.edition.title)
    for author in loaded.edition.authors:
        assert author in (reader.metadata.author or "")
    assert reader.trailer["/Root"]["/Lang"] == loaded.edition.language
