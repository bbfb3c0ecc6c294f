"""Reproducible bytes and each known ebooklib pitfall, guarded (EPUBCheck runs for the
SVG case are in test_epubcheck.py)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from exporter.api import BuildOptions, build
from exporter.errors import RenderError

from ..conftest import ZH_EXAMPLE
from ..samples import write_sample
from .book import NS, Book

SVG_MASTHEAD = """<header class="masthead">
<svg xmlns="http://www.w3.org/2000/svg" class="masthead-rule" role="img" aria-label="rule" viewBox="0 0 100 2"><title>rule</title><rect width="100" height="2"/></svg>
<h1 class="masthead-title">{{ edition.title }}</h1>
</header>
"""


def svg_theme(folder: Path) -> Path:
    """A user theme whose masthead override draws with inline SVG."""
    (folder / "templates" / "partials").mkdir(parents=True)
    (folder / "theme.toml").write_text('name = "svgtest"\nextends = "digest"\n', encoding="utf-8")
    (folder / "templates" / "partials" / "masthead.html").write_text(SVG_MASTHEAD, encoding="utf-8")
    return folder


def test_two_builds_are_byte_identical(tmp_path: Path, epub_of) -> None:
    a = epub_of(ZH_EXAMPLE, "broadsheet")
    (b,) = build(ZH_EXAMPLE, "epub", "broadsheet", BuildOptions(outdir=tmp_path / "b"))
    assert a.read_bytes() == b.read_bytes()


def test_source_date_epoch_sets_modified_and_zip_times(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01T00:00:00Z
    (a,) = build(ZH_EXAMPLE, "epub", "digest", BuildOptions(outdir=tmp_path / "a"))
    (b,) = build(ZH_EXAMPLE, "epub", "digest", BuildOptions(outdir=tmp_path / "b"))
    assert a.read_bytes() == b.read_bytes()
    book = Book(a)
    assert book.meta("dcterms:modified") == ["2026-01-01T00:00:00Z"]
    with zipfile.ZipFile(a) as z:
        assert {i.date_time for i in z.infolist()} == {(2026, 1, 1, 0, 0, 0)}


def test_two_authors_get_distinct_creator_ids(tmp_path: Path) -> None:
    (path,) = build(write_sample(tmp_path / "src"), "epub", "digest", BuildOptions(outdir=tmp_path))
    creators = Book(path).opf.findall("opf:metadata/dc:creator", NS)
    assert [c.text for c in creators] == ["王晓明", "李华"]
    assert len({c.get("id") for c in creators}) == 2


def test_inline_svg_is_declared_in_the_manifest(tmp_path: Path) -> None:
    theme = svg_theme(tmp_path / "theme")
    (path,) = build(write_sample(tmp_path / "src"), "epub", str(theme), BuildOptions(outdir=tmp_path))
    props = {i.get("href"): (i.get("properties") or "").split() for i in Book(path).manifest.values()}
    assert "svg" in props["title.xhtml"]
    assert "svg" not in props["contents.xhtml"]


def test_user_cover_wins_over_the_generated_one(tmp_path: Path) -> None:
    (path,) = build(write_sample(tmp_path / "src", cover=True), "epub", "digest", BuildOptions(outdir=tmp_path))
    book = Book(path)
    (cover,) = [i for i in book.manifest.values() if "cover-image" in (i.get("properties") or "")]
    assert cover.get("media-type") == "image/jpeg" and cover.get("href").startswith("images/")
    assert "EPUB/images/cover.png" not in book.files
    img = book.xml("cover.xhtml").find(".//x:img", NS)
    assert (img.get("src"), img.get("width"), img.get("height")) == (cover.get("href"), "600", "900")


def test_empty_edition_fails_cleanly_and_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "out" / "edition.epub"
    target.parent.mkdir()
    target.write_bytes(b"previous build")
    with pytest.raises(RenderError, match="no articles"):
        build(write_sample(tmp_path / "src", articles=False), "epub", "digest", BuildOptions(outdir=target.parent))
    assert target.read_bytes() == b"previous build"
    assert [p.name for p in target.parent.iterdir()] == ["edition.epub"], "a partial file was left behind"


def test_a_page_rendered_empty_is_an_error_not_a_truncated_book(tmp_path: Path) -> None:
    theme = tmp_path / "theme"
    (theme / "templates" / "epub").mkdir(parents=True)
    (theme / "theme.toml").write_text('name = "blank"\nextends = "digest"\n', encoding="utf-8")
    (theme / "templates" / "epub" / "article.xhtml").write_text("", encoding="utf-8")
    out = tmp_path / "out"
    with pytest.raises(RenderError, match="not well-formed|empty"):
        build(write_sample(tmp_path / "src"), "epub", str(theme), BuildOptions(outdir=out))
    assert not out.exists() or not any(out.iterdir())
