"""The book's structure, read back from the zip: nav, spine, cover, metadata, pages."""

from __future__ import annotations

import re
import uuid
import zipfile
from pathlib import Path

import pytest

from exporter.readers import load
from exporter.jumps import pair_jumps
from exporter.writers.epub.meta import CONFORMANCE, identifier
from exporter.writers.epub.pages import article_file, section_file

from ..conftest import ALL_EXAMPLES, EN_EXAMPLE, THEMES, ZH_EXAMPLE
from .book import NS, Book

BUILDS = [(ZH_EXAMPLE, "broadsheet"), (EN_EXAMPLE, "digest")]


@pytest.fixture(scope="module")
def books(epub_of) -> dict[tuple[Path, str], Book]:
    return {(source, theme): Book(epub_of(source, theme)) for source, theme in BUILDS}


@pytest.fixture(params=BUILDS, ids=lambda b: f"{b[0].stem}-{b[1]}")
def book(request: pytest.FixtureRequest, books: dict) -> tuple[Book, object]:
    source, _ = request.param
    return books[request.param], load(source).edition


def test_nav_lists_sections_then_articles_in_spine_order(book) -> None:
    epub, edition = book
    toc = epub.nav_toc()
    sections = edition.sections_in_order()
    jumps = pair_jumps(edition.articles)
    assert jumps.back, "the examples have a continuation, reached from its first part and not listed again"
    assert [href for href, _, _ in toc] == [section_file(s) for s in sections]
    assert [[h for h, _ in kids] for _, _, kids in toc] == [
        [article_file(a) for a in s.articles if jumps.listed(a)] for s in sections]
    flat = [h for href, _, kids in toc for h in (href, *(k for k, _ in kids))]
    assert flat == [h for h in epub.spine if h in flat], "nav order differs from the spine"
    assert epub.spine[:3] == ["cover.xhtml", "title.xhtml", "contents.xhtml"]
    continuations = [h for h in epub.spine[3:] if h not in flat]
    assert continuations == [article_file(a) for a in jumps.to.values()]
    assert [h for h in epub.spine[3:] if h in flat] == flat, "the reading order is section page, then its articles"
    ncx = [c.get("src") for c in epub.xml("toc.ncx").iterfind(".//ncx:content", NS)]
    assert ncx == flat


def test_landmarks_and_no_page_list(book) -> None:
    epub, _ = book
    assert epub.landmarks() == {"cover": "cover.xhtml", "toc": "contents.xhtml", "bodymatter": epub.spine[3]}
    # ebooklib's default page-list collects any element with epub:type and id; it must be off
    assert epub.xml("nav.xhtml").find(".//x:nav[@epub:type='page-list']", NS) is None


def test_cover_image_and_page(book) -> None:
    epub, edition = book
    (cover,) = [i for i in epub.manifest.values() if "cover-image" in (i.get("properties") or "")]
    assert cover.get("href") == "images/cover.png" and cover.get("media-type") == "image/png"
    assert epub.files["EPUB/images/cover.png"].startswith(b"\x89PNG")
    img = epub.xml("cover.xhtml").find(".//x:img", NS)
    assert img.get("src") == "images/cover.png"
    assert edition.title in img.get("alt")
    assert epub.spine[0] == "cover.xhtml"


def test_metadata_identity_and_accessibility(book) -> None:
    epub, edition = book
    (ident,) = epub.dc("identifier")
    assert ident == identifier(edition)
    assert uuid.UUID(ident.removeprefix("urn:uuid:")).version == 5
    assert epub.dc("language") == [edition.language]
    assert epub.dc("date") == [edition.date.isoformat()]
    assert epub.dc("title")[0].startswith(edition.title)
    assert epub.dc("subject") == [s.name for s in edition.sections_in_order() if s.name]
    assert epub.dc("creator") == edition.authors
    assert epub.meta("dcterms:modified") == [f"{edition.date.isoformat()}T00:00:00Z"]
    assert sorted(epub.meta("schema:accessMode")) == ["textual", "visual"]
    assert "textual" in epub.meta("schema:accessModeSufficient")
    features = set(epub.meta("schema:accessibilityFeature"))
    assert {"structuralNavigation", "tableOfContents", "readingOrder", "alternativeText"} <= features
    assert epub.meta("schema:accessibilityHazard") == ["none"]
    assert epub.meta("schema:accessibilitySummary")[0]
    assert epub.meta("dcterms:conformsTo") == [CONFORMANCE]
    ids = re.findall(rb'\sid="([^"]+)"', epub.files["EPUB/content.opf"])
    assert len(ids) == len(set(ids)), "duplicate ids in the package document"


def test_every_page_keeps_its_head_and_every_image_has_alt(book) -> None:
    epub, _ = book
    css = {i.get("href") for i in epub.manifest.values() if i.get("media-type") == "text/css"}
    for name, doc in epub.documents().items():
        title = doc.find("x:head/x:title", NS)
        assert title is not None and title.text.strip(), f"{name} lost its <title>"
        if name != "nav.xhtml":
            links = {link.get("href") for link in doc.iterfind("x:head/x:link[@rel='stylesheet']", NS)}
            assert links and links <= css, f"{name} lost its stylesheet links"
            assert "target-epub" in doc.get("class")
        for img in doc.iter(f"{{{NS['x']}}}img"):
            assert (img.get("alt") or "").strip(), f"image without alt text in {name}"
            assert f"EPUB/{img.get('src')}" in epub.files


def test_packaged_css_has_no_custom_properties_left(book) -> None:
    epub, _ = book
    for name, data in epub.files.items():
        if name.endswith(".css") and not name.endswith("variables.css"):
            assert b"var(" not in data, f"{name} still uses var()"


def test_notice_is_a_boxed_insert_with_issuer_and_date(book) -> None:
    epub, edition = book
    notices = [a for a in edition.articles if a.kind == "notice"]
    assert notices, "the example should have a notice"
    for notice in notices:
        doc = epub.xml(article_file(notice))
        (aside,) = doc.findall(".//x:aside[@class='notice']", NS)
        assert "".join(aside.find(".//x:h2", NS).itertext()) == notice.headline  # h1 is the section page's; words are in spans
        assert aside.find(".//x:p[@class='notice-issuer']", NS).text == notice.notice.issuer
        assert aside.find(".//x:p[@class='notice-date']", NS).text == notice.notice.date


def test_section_pages_list_headline_byline_and_summary(book) -> None:
    epub, edition = book
    section = edition.sections_in_order()[0]
    doc = epub.xml(section_file(section))
    entries = doc.findall(".//x:li[@class]", NS)
    assert len(entries) == len([a for a in section.articles if pair_jumps(edition.articles).listed(a)])
    first = entries[0]
    assert doc.find(".//x:h1", NS).text == section.name
    assert first.find(".//x:h2/x:a", NS).get("href") == article_file(section.articles[0])
    assert first.find(".//x:p[@class='section-entry-summary']", NS) is not None


def test_zip_layout_mimetype_first_and_stored(book) -> None:
    epub, _ = book
    with zipfile.ZipFile(epub.path) as z:
        first = z.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
        assert z.read("mimetype") == b"application/epub+zip"
        rest = [i.filename for i in z.infolist()[1:]]
        assert rest == sorted(rest)


@pytest.mark.parametrize("theme", THEMES)
def test_identifier_is_the_same_for_every_theme(theme: str, epub_of) -> None:
    assert Book(epub_of(ALL_EXAMPLES[0], theme)).dc("identifier") == [identifier(load(ALL_EXAMPLES[0]).edition)]
