"""What real reading systems need beyond EPUBCheck: colours left to the reader (night
mode), a package language, jump lines that link, headings on every page at the level of
the navigation, truthful volume metadata, generated words in the book's language, and
vertical writing for CJK editions."""

from __future__ import annotations

from pathlib import Path

import pytest
import tinycss2

from exporter.api import BuildOptions, build
from exporter.labels import dateline_sep
from exporter.writers.epub.colours import fixed_colours, reader_colours
from exporter.themes import builtin_themes

from ..conftest import EN_EXAMPLE, EXAMPLES, ZH_EXAMPLE
from .book import NS, ROOT, Book
from ..samples import write_sample

TW_EXAMPLE = EXAMPLES / "nanwan-evening.json"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _book(source: Path, theme: str, out: Path) -> Book:
    (path,) = build(source, "epub", theme, BuildOptions(outdir=out / theme))
    return Book(path)


@pytest.fixture(scope="module")
def books(epub_of) -> dict[str, Book]:
    """The session's shared builds (tests/epub/conftest.py): the same books EPUBCheck and Ace check."""
    return {
        "en": Book(epub_of(EN_EXAMPLE, "digest")),
        "zh": Book(epub_of(ZH_EXAMPLE, "broadsheet")),
        "weekly": Book(epub_of(EXAMPLES / "weekly.toml", "broadsheet")),
        "tw-vertical": Book(epub_of(TW_EXAMPLE, "vertical")),
        "en-vertical": Book(epub_of(EN_EXAMPLE, "vertical")),
    }


# -- night mode ---------------------------------------------------------------------------

@pytest.mark.parametrize("theme", sorted(builtin_themes()))
def test_no_builtin_theme_fixes_text_or_background_colours_in_epub(theme: str, tmp_path: Path) -> None:
    """Reader night modes turn the text light: a fixed dark text colour or a white box
    becomes unreadable. Only colour-scheme media queries may set colours."""
    book = _book(write_sample(tmp_path / "src"), theme, tmp_path)
    sheets = {n: d.decode() for n, d in book.files.items() if n.endswith(".css")}
    assert sheets
    for name, css in sheets.items():
        assert fixed_colours(css) == [], f"{theme}: {name} fixes colours"
        for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
            assert rule.type != "error", f"{name}: {rule}"
    notice = "".join(sheets.values())
    assert ".notice" in notice and "currentColor" in notice


def test_the_colour_filter_keeps_scheme_queries_and_everything_but_colours() -> None:
    css = (".a { color: #1a1a1a; margin: 0 } .b { background: #fff; border: 1px solid #888 } "
           ".c { color: currentColor; background: transparent } .d { background: rgb(0 0 0 / 0) } "
           ".e { background-color: currentColor } .f { color: transparent } "
           "@media screen { .g { color: red; font-weight: 700 } } "
           "@media (prefers-color-scheme: dark) { .h { color: #eee; background: #111 } }")
    assert fixed_colours(css) == [".a { color: #1a1a1a }", ".b { background: #fff }",
                                  ".e { background-color: currentColor }", ".f { color: transparent }", ".g { color: red }"]
    out = reader_colours(css)
    assert fixed_colours(out) == []
    for kept in ("margin: 0", "border: 1px solid #888", "font-weight: 700", ".c { color: currentColor",
                 "color: #eee; background: #111"):
        assert kept in out


# -- the package --------------------------------------------------------------------------

def test_package_language_conformance_and_ncx_depth(books: dict[str, Book]) -> None:
    for key, lang, depth in (("en", "en-GB", 2), ("zh", "zh-CN", 2), ("weekly", "zh-CN", 3)):
        book = books[key]
        assert book.opf.get(XML_LANG) == lang
        assert book.meta("dcterms:conformsTo") == ["EPUB Accessibility 1.1 - WCAG 2.1 Level AA"]
        (summary,) = book.opf.iterfind("opf:metadata/opf:meta[@property='schema:accessibilitySummary']", NS)
        assert summary.get(XML_LANG) == "en" and "not each book by a person" in summary.text
        (meta,) = [m for m in book.xml("toc.ncx").iter(f"{{{NS['ncx']}}}meta") if m.get("name") == "dtb:depth"]
        assert meta.get("content") == str(depth)


def test_landmarks_heading_and_cover_alt_speak_the_books_language(books: dict[str, Book]) -> None:
    nav = books["zh"].xml("nav.xhtml").find(".//x:nav[@epub:type='landmarks']", NS)
    assert nav.find("x:h2", NS).text == "导览"
    alt = books["zh"].xml("cover.xhtml").find(".//x:img", NS).get("alt")
    assert alt.startswith("封面：青川日报，") and "。" in alt and ", " not in alt and "; " not in alt
    en = books["en"].xml("cover.xhtml").find(".//x:img", NS).get("alt")
    assert en.startswith("Cover: The Harbour Gazette, ")


def test_weekly_volume_gives_its_date_range_and_each_subject_once(books: dict[str, Book]) -> None:
    weekly = books["weekly"]
    assert weekly.dc("title") == ["青川日报 · 一周合订本 · 2026年11月16日\u2009–\u200921日"]
    assert weekly.dc("date") == ["2026-11-16"] and weekly.dc("coverage") == ["2026-11-16/2026-11-21"]
    subjects = weekly.dc("subject")
    assert subjects == list(dict.fromkeys(subjects)) and set(subjects) == {"要闻", "经济", "社会", "文化", "公告"}
    title = weekly.xml("title.xhtml")
    assert title.find(".//x:p[@class='masthead-date']", NS).text.startswith("共")
    assert title.find(".//x:time", NS) is None, "an edition count is not a <time>"
    css = weekly.files[ROOT + "css/base/epub.css"].decode()
    assert ".contents-part {" in css, "the day headings of the contents are styled"


# -- jump lines ---------------------------------------------------------------------------

def test_jump_line_links_to_the_continuation_and_back(books: dict[str, Book]) -> None:
    book = books["en"]
    first = book.xml("article-fish-market.xhtml")
    link = first.find(".//x:p[@class='jump jump-to']/x:a", NS)
    assert link is not None and link.text == "Continued on page 4"
    page, _, anchor = link.get("href").partition("#")
    assert page in book.spine
    target = book.xml(page)
    (landing,) = target.xpath("//*[@id=$id]", id=anchor)
    assert landing.get("class") == "jump jump-from"
    assert target.find(".//x:article", NS).get("id") == "fish-market-continued"
    back = landing.find("x:a", NS)
    assert back.text == "Continued from page 1"
    page_back, _, anchor_back = back.get("href").partition("#")
    assert page_back == "article-fish-market.xhtml" and first.xpath("//*[@id=$id]", id=anchor_back)


def test_contents_and_navigation_list_a_jumped_article_once(books: dict[str, Book]) -> None:
    book = books["en"]
    headline = "Fish market plans face fresh objections"
    contents = "".join(book.xml("contents.xhtml").itertext())
    assert contents.count(headline) == 1
    labels = [label for _, _, kids in book.nav_toc() for _, label in kids]
    assert labels.count(headline) == 1
    assert "article-fish-market-continued.xhtml" in book.spine, "the continuation stays in the reading order"


def test_merged_continuations_show_no_jump_line(books: dict[str, Book]) -> None:
    merged = {"青川江大桥通过荷载试验", "青川数字经济产业园首批32家企业入驻", "5.2万辆次车辆跨江通行"}
    seen = set()
    for page, doc in books["weekly"].documents().items():
        headline = doc.find(".//x:article//x:h3", NS)
        text = "".join(headline.itertext()) if headline is not None else None  # words are in spans
        if page.startswith("article-") and text in merged:
            seen.add(text)
            assert doc.find(".//x:p[@class='jump jump-to']", NS) is None, page
            assert doc.find(".//x:p[@class='jump jump-from']", NS) is None, page
    assert seen == merged


# -- headings -----------------------------------------------------------------------------

def _top_heading(doc) -> str:  # type: ignore[no-untyped-def]
    heads = [e for e in doc.iter() if isinstance(e.tag, str) and e.tag.split("}")[-1] in ("h1", "h2", "h3", "h4")]
    assert heads, "page without a heading"
    return heads[0].tag.split("}")[-1]


def test_every_page_has_a_heading_at_its_navigation_depth(books: dict[str, Book]) -> None:
    for key, levels in (("zh", {"section": "h1", "article": "h2"}),
                        ("weekly", {"part": "h1", "section": "h2", "article": "h3"})):
        book = books[key]
        for page, doc in book.documents().items():
            if page in ("cover.xhtml", "title.xhtml", "nav.xhtml"):
                continue
            kind = "contents" if page == "contents.xhtml" else page.split("-")[0]
            assert _top_heading(doc) == levels.get(kind, "h1"), f"{key}: {page}"


def test_a_photo_page_without_headline_gets_a_hidden_heading(books: dict[str, Book]) -> None:
    doc = books["en"].xml("article-lifeboat-launch.xhtml")
    (heading,) = doc.findall(".//x:h2", NS)
    assert heading.get("class") == "headline visually-hidden" and heading.text.startswith("The Porthaven lifeboat")


@pytest.mark.parametrize(("dateline", "byline", "sep", "expected"), [
    ("本报讯", "潍坊日报社全媒体记者 邵光耀", "", " "),
    ("本报讯", "（记者 张三）", "", ""),
    ("新华社北京11月20日电：", "记者 李四", "", ""),
    ("PORTHAVEN —", "By Eleanor Pike", " ", " "),
])
def test_dateline_and_byline_are_always_separated(dateline: str, byline: str, sep: str, expected: str) -> None:
    assert dateline_sep(dateline, byline, sep) == expected


# -- vertical writing ---------------------------------------------------------------------

def test_vertical_theme_sets_cjk_books_right_to_left_with_tate_chu_yoko(books: dict[str, Book]) -> None:
    book = books["tw-vertical"]
    spine = book.opf.find("opf:spine", NS)
    assert spine.get("page-progression-direction") == "rtl"
    css = book.files[ROOT + "css/vertical/vertical.css"].decode()
    assert "writing-mode: vertical-rl" in css and "text-combine-upright: all" in css
    doc = book.xml("article-light-rail.xhtml")
    tcy = [s.text for s in doc.iterfind(".//x:span[@class='tcy']", NS)]
    assert {"22", "18", "19", "12", "28", "6", "10", "25"} <= set(tcy)
    assert all(len(t) <= 2 and t.isdigit() for t in tcy)
    assert "LRV" in "".join(doc.itertext()) and doc.find(".//x:title", NS).find("x:span", NS) is None
    assert book.dc("language") == ["zh-TW"]


def test_vertical_theme_leaves_a_latin_script_book_horizontal(books: dict[str, Book]) -> None:
    book = books["en-vertical"]
    assert book.opf.find("opf:spine", NS).get("page-progression-direction") is None
    assert not any(b"class=\"tcy\"" in d for n, d in book.files.items() if n.endswith(".xhtml"))


def test_doctor_says_whether_kindle_conversion_is_available_without_failing_on_it(monkeypatch) -> None:
    import shutil

    from ..conftest import run_cli

    which = shutil.which
    monkeypatch.setattr(shutil, "which", lambda name: None if name == "ebook-convert" else which(name))
    missing = run_cli("doctor")
    line = next(x for x in missing.out.splitlines() if "calibre (Kindle)" in x)
    assert "optional" in line and "apt-get install" in line  # (rich wraps "calibre" onto the next line)
    monkeypatch.setattr(shutil, "which", which)
    assert run_cli("doctor").code == missing.code, "calibre is optional: it never changes doctor's verdict"
