"""The bundled week (examples/weekly.toml over six editions) in all three formats:
EPUBCheck clean, every paragraph of every edition exactly once in the PDF, the
continuations merged, the repeated notice printed once, and three-level navigation."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import lxml.html
import pytest
import regex
from lxml import etree
from pypdf import PdfReader

from exporter import build, load
from exporter.api import BuildOptions, load_source
from exporter.writers.epub.epubcheck import check_epub
from exporter.labels import long_date

ROOT = Path(__file__).resolve().parents[2]
WEEKLY = ROOT / "examples" / "weekly.toml"
EDITIONS = sorted((ROOT / "examples" / "week").glob("*.json")) + [ROOT / "examples" / "qingchuan-daily"]
# The whole example week as PDF, EPUB (with EPUBCheck) and HTML: not for the fast lane.
pytestmark = pytest.mark.slow


def squeeze(text: str) -> str:
    return regex.sub(r"[\s\-\u00ad\u2010]+", "", text)


@pytest.fixture(scope="module")
def week(tmp_path_factory, weekly_pdf):
    """The HTML and EPUB built here; the PDF (the same build) is shared with the make-up
    tests (tests/conftest.py weekly_pdf)."""
    out = tmp_path_factory.mktemp("week")
    loaded, theme = load_source(WEEKLY)
    paths = build(loaded, "html,epub", theme, BuildOptions(outdir=out))
    return loaded, {**dict(zip(["html", "epub"], paths, strict=True)), "pdf": weekly_pdf}


def source_texts(volume) -> list[str]:
    """Every visible text of every edition the compilation includes, with repeats; the
    repeated headline of a continuation merged into its first part is not printed again."""
    printed = {a.headline for a in volume.articles}
    texts = []
    for src in EDITIONS:
        for art in load(src).edition.articles:
            merged = art.continued_from and art.headline not in printed
            texts += [t for t in art.texts if not (merged and t == art.headline)]
    return texts


def pdf_body(loaded, pdf: Path) -> str:
    """The PDF's text after the cover and contents, without running heads and page numbers
    (margin lines end each page in content-stream order)."""
    reader = PdfReader(pdf)
    first = reader.get_destination_page_number(reader.outline[0])
    volume = loaded.edition
    heads = {volume.title, volume.edition or "", *(p.title for p in volume.parts() if p.title),
             *(s.name for s in volume.sections_in_order() if s.name)}
    heads |= {long_date(e.date, e.language) for e in (load(s).edition for s in EDITIONS)}
    # list markers (•) are drawn after the page's text too, when a list continues overleaf
    margin = regex.compile("^(?:" + "|".join(regex.escape(squeeze(h)) for h in heads if h) + r"|\d+|·|•)+$")
    pages = []
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for page in text.split("\f")[first:]:
        lines = page.splitlines()
        while lines and margin.match(squeeze(lines[-1]) or "0"):
            lines.pop()
        pages.append("".join(lines))
    return squeeze("".join(pages))


def test_every_paragraph_of_every_edition_exactly_once_in_the_pdf(week):
    loaded, paths = week
    body = pdf_body(loaded, paths["pdf"])
    texts = source_texts(loaded.edition)
    missing = [t for t in texts if squeeze(t) not in body]
    assert not missing
    long_ones = {squeeze(t) for t in texts if len(squeeze(t)) >= 30}
    repeated = [t for t in long_ones if body.count(t) != 1]
    assert not repeated, repeated[:3]


def test_repeated_notice_and_continuations_are_merged(week):
    loaded, _ = week
    volume = loaded.edition
    headlines = [a.headline for a in volume.articles]
    assert headlines.count("青川市公共交通集团有限公司关于开通K7路、K12路和N3路公交线路的公告") == 1
    assert headlines.count("青川江大桥通过荷载试验") == 1
    merged = next(a for a in volume.articles if a.headline == "古城二期改造方案交居民票选")
    assert merged.continued_to is None and merged.continued_from is None  # linked by `continues`
    orphan = next(a for a in volume.articles if a.headline == "青川国际陆港冷链仓储中心启用")
    assert orphan.continued_from == "11月17日1版，本书未收录"  # the newspaper's page of that day, in words
    assert any("not in this volume" in line and "冷链" in line for line in loaded.warnings)
    assert [p.title.split(" · ")[1] for p in volume.parts()] == [
        "第12341期", "第12342期", "第12343期", "第12344期", "第12345期", "第12346期"]


def test_epub_is_clean_and_navigates_parts_sections_articles(week):
    loaded, paths = week
    report = check_epub(paths["epub"])
    assert report.clean, report.messages
    with zipfile.ZipFile(paths["epub"]) as z:
        nav = etree.fromstring(z.read("EPUB/nav.xhtml"))
    ns = {"x": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops"}
    toc = nav.find(".//x:nav[@epub:type='toc']/x:ol", ns)
    parts = toc.findall("x:li", ns)
    assert [li.find("x:a", ns).text for li in parts] == [p.title for p in loaded.edition.parts()]
    articles = toc.findall("x:li/x:ol/x:li/x:ol/x:li/x:a", ns)
    assert len(articles) == len(loaded.edition.articles)


def test_pdf_bookmarks_are_parts_then_articles_and_contents_pages_match(week):
    loaded, paths = week
    reader = PdfReader(paths["pdf"])
    top = [o for o in reader.outline if not isinstance(o, list)]
    assert [o.title for o in top] == [p.title for p in loaded.edition.parts()]
    children = [c for o in reader.outline if isinstance(o, list) for c in o]
    assert len(children) == len(loaded.edition.articles)
    for child in children:
        page = reader.pages[reader.get_destination_page_number(child)].extract_text()
        assert squeeze(child.title.rstrip("…"))[:8] in squeeze(page)


def test_html_has_a_part_per_day_and_the_cover_counts_editions(week):
    _, paths = week
    doc = lxml.html.fromstring(paths["html"].read_bytes())
    assert len(doc.cssselect("section.part")) == 6
    assert doc.cssselect(".masthead-date")[0].text_content() == "共6期"
