"""A one-pass PDF's faces are subset in two threads (`SUBSETS_SIDE_BY_SIDE`): the file must be
byte for byte what WeasyPrint writes alone, and the faces cleaned off the main thread."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from weasyprint import HTML
from weasyprint.pdf import fonts

from exporter.weasyprint_ext.font_subsets import DEFERRED_FONT_SUBSETS, STUB_MARK
from exporter.weasyprint_ext.patches import patched
from exporter.weasyprint_ext.subsets_side_by_side import SUBSETS_SIDE_BY_SIDE

_HTML = ('<html lang="zh-CN"><body style="font: 11pt Noto Serif CJK SC">'
         '<p>港口新航线今日开通，首批货轮靠岸。</p><p style="font-weight: bold">夜间施工 22:00 开始</p>'
         '<p style="font-family: Noto Serif">Harbour works begin on the north quay.</p></body></html>')


def _written(monkeypatch: pytest.MonkeyPatch, *patches: Any, **options: Any) -> tuple[bytes, set[str]]:
    """The PDF and the names of the threads that cleaned its faces."""
    threads: set[str] = set()
    clean = fonts.Font.clean
    with monkeypatch.context() as m:
        def recording(self: Any, *args: Any) -> Any:
            threads.add(threading.current_thread().name)
            return clean(self, *args)

        m.setattr(fonts.Font, "clean", recording)
        document = HTML(string=_HTML).render()
        with patched(*patches):
            return document.write_pdf(**options), threads


def test_faces_are_subset_side_by_side_into_the_same_file(monkeypatch: pytest.MonkeyPatch) -> None:
    stock, stock_threads = _written(monkeypatch)
    side, side_threads = _written(monkeypatch, SUBSETS_SIDE_BY_SIDE)
    assert side == stock
    assert stock_threads == {threading.current_thread().name}
    assert side_threads and all(name.startswith("font-subset") for name in side_threads)


def test_a_chunks_deferred_faces_are_left_to_the_assembly(monkeypatch: pytest.MonkeyPatch) -> None:
    """Within DEFERRED_FONT_SUBSETS (a chunk) the faces are stubbed in this thread, as before."""
    pdf, threads = _written(monkeypatch, DEFERRED_FONT_SUBSETS, SUBSETS_SIDE_BY_SIDE, uncompressed_pdf=True)
    assert not any(name.startswith("font-subset") for name in threads)
    assert pdf.count(STUB_MARK) >= 2  # both CJK faces (regular, bold) left to the assembly
