"""A face's whole font file is copied only if read (`LAZY_FONT_FILES`): the same PDF bytes,
and no copy of a CJK collection for faces HarfBuzz subsets."""

from __future__ import annotations

from typing import Any

import pytest
from weasyprint import HTML
from weasyprint.pdf import fonts
from weasyprint.text import fonts as text_fonts

from exporter.weasyprint_ext.font_files import LAZY_FONT_FILES
from exporter.weasyprint_ext.font_subsets import DEFERRED_FONT_SUBSETS
from exporter.weasyprint_ext.patches import patched
from exporter.weasyprint_ext.subsets_side_by_side import SUBSETS_SIDE_BY_SIDE

_HTML = ('<html lang="zh-CN"><body style="font: 11pt Noto Serif CJK SC">'
         '<p>港口新航线今日开通，首批货轮靠岸。</p><p style="font-weight: bold">夜间施工 22:00 开始</p>'
         '<p style="font-family: Noto Serif">Harbour works begin on the north quay.</p></body></html>')
BIG = 5_000_000  # bytes: a Noto CJK collection is 20–30 MB, a subset of a few glyphs far less


def _written(monkeypatch: pytest.MonkeyPatch, *patches: Any, html: str = _HTML, **options: Any) -> tuple[bytes, list[int]]:
    """The PDF and the sizes of the whole-face copies made while writing it."""
    sizes: list[int] = []
    read = fonts.get_hb_object_data
    with monkeypatch.context() as m:
        def recording(hb_object: Any, ot_color: Any = None, glyph: Any = None) -> Any:
            data = read(hb_object, ot_color, glyph)
            if ot_color is None and data:
                sizes.append(len(data))
            return data

        m.setattr(fonts, "get_hb_object_data", recording)
        m.setattr(text_fonts, "get_hb_object_data", recording)  # where a lazy read goes
        document = HTML(string=html).render()
        with patched(*patches):
            return document.write_pdf(**options), sizes


def test_the_same_pdf_without_copying_the_collections(monkeypatch: pytest.MonkeyPatch) -> None:
    stock, stock_sizes = _written(monkeypatch)
    lazy, lazy_sizes = _written(monkeypatch, LAZY_FONT_FILES)
    side, _ = _written(monkeypatch, SUBSETS_SIDE_BY_SIDE, LAZY_FONT_FILES)
    assert lazy == stock and side == stock
    assert max(stock_sizes) > BIG  # stock WeasyPrint copies each CJK collection whole
    assert lazy_sizes and max(lazy_sizes) < BIG  # only the subsets are read


def test_a_face_read_later_gets_its_whole_file(monkeypatch: pytest.MonkeyPatch) -> None:
    """Full fonts (no subsetting) read the face's file after drawing: the lazy read gives what
    the eager one did (a Latin face: a small file to embed whole)."""
    latin = '<p style="font-family: Noto Serif">Harbour works begin on the north quay.</p>'
    stock, stock_sizes = _written(monkeypatch, html=latin, full_fonts=True)
    lazy, sizes = _written(monkeypatch, LAZY_FONT_FILES, html=latin, full_fonts=True)
    assert lazy == stock
    assert sizes == stock_sizes  # the one whole file, read once, later


def test_a_font_made_outside_the_block_is_stock() -> None:
    document = HTML(string=_HTML).render()
    document.write_pdf()
    assert all("file_content" in font.__dict__ for font in document.fonts.values())


def test_a_chunks_stubbed_faces_need_no_file_either(monkeypatch: pytest.MonkeyPatch) -> None:
    """With a chunk's deferred subsets (stubs named by the face's tables) the PDF is the same
    and no whole file is read: the patch can go round a chunk's write_pdf too."""
    stock, _ = _written(monkeypatch, DEFERRED_FONT_SUBSETS)
    lazy, sizes = _written(monkeypatch, DEFERRED_FONT_SUBSETS, LAZY_FONT_FILES)
    assert lazy == stock
    assert max(sizes, default=0) < BIG
