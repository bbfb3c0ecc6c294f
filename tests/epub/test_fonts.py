"""--embed-fonts: the theme's fonts, subset to the characters the book shows."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from exporter.api import BuildOptions, build
from exporter.fonts import needs_glyph

from ..conftest import ZH_EXAMPLE
from .book import Book

LIMIT = 2 * 1024 * 1024


@pytest.fixture(scope="module")
def embedded(tmp_path_factory: pytest.TempPathFactory) -> Book:
    (path,) = build(ZH_EXAMPLE, "epub", "digest", BuildOptions(outdir=tmp_path_factory.mktemp("fonts"), embed_fonts=True))
    return Book(path)


def fonts_of(book: Book) -> dict[str, bytes]:
    return {n: d for n, d in book.files.items() if n.endswith(".woff2")}


def test_fonts_are_subset_and_small(embedded: Book) -> None:
    fonts = fonts_of(embedded)
    assert len(fonts) == 2, "digest: a serif body face and a sans heading/ui face"
    total = sum(len(d) for d in fonts.values())
    print(f"embedded fonts: {', '.join(f'{n} {len(d) / 1024:.0f} KB' for n, d in fonts.items())}; total {total / 1024:.0f} KB")
    assert total < LIMIT
    text = "".join("".join(doc.itertext()) for doc in embedded.documents().values())
    shown = {ord(c) for c in text if needs_glyph(c)}
    for name, data in fonts.items():
        cmap = set(TTFont(BytesIO(data)).getBestCmap())
        assert shown <= cmap, f"{name} lacks {sorted(chr(c) for c in shown - cmap)[:10]}"
        assert len(cmap) < len(shown) + 300, f"{name} is not subset ({len(cmap)} characters)"


def test_css_declares_and_uses_the_embedded_families(embedded: Book) -> None:
    css = embedded.files["EPUB/css/fonts.css"].decode()
    for name in fonts_of(embedded):
        assert f'url("../{name.removeprefix("EPUB/")}") format("woff2")' in css
    variables = embedded.files["EPUB/css/variables.css"].decode()
    assert '--font-body: "Noto Serif CJK SC (embedded)", "Noto Serif CJK SC"' in variables
    base = embedded.files["EPUB/css/base/base.css"].decode()
    assert 'font-family: "Noto Serif CJK SC (embedded)"' in base
    media = {i.get("href"): i.get("media-type") for i in embedded.manifest.values()}
    assert all(media[n.removeprefix("EPUB/")] == "font/woff2" for n in fonts_of(embedded))


def test_without_the_flag_nothing_is_embedded(tmp_path: Path) -> None:
    (path,) = build(ZH_EXAMPLE, "epub", "digest", BuildOptions(outdir=tmp_path))
    book = Book(path)
    assert not fonts_of(book) and "EPUB/css/fonts.css" not in book.files
