"""The line memo (exporter/weasyprint_ext/line_memo.py) hands out copies of lines laid out
before: every box of every page, and every page's drawing, must be those of laying each line
out again, with fewer line layouts."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from weasyprint import HTML
from weasyprint.layout import inline

from exporter.weasyprint_ext.layout import LAYOUT
from exporter.weasyprint_ext.line_memo import LINE_MEMO
from exporter.weasyprint_ext.patches import patched
from tests.conftest import ZH_EXAMPLE
from tests.pdf.test_column_reuse import HOSTILE, HOSTILE_BODIES
from tests.pdf.test_lazy_lines import _document

WITHOUT = tuple(patch for patch in LAYOUT if patch is not LINE_MEMO)


def _boxes(document: Any) -> list[tuple[Any, ...]]:
    out: list[tuple[Any, ...]] = []

    def walk(box: Any, page: int) -> None:
        layout = getattr(box, "pango_layout", None)
        out.append((page, type(box).__name__, box.position_x, box.position_y, box.width, box.height,
                    box.margin_left, box.margin_right, getattr(box, "baseline", None), getattr(box, "text", None),
                    getattr(box, "justification_spacing", None),
                    layout and (getattr(layout, "halt_first", False), getattr(layout, "halt_last", False))))
        for child in box.all_children():
            walk(child, page)

    for number, page in enumerate(document.pages):
        walk(page._page_box, number)
    return out


def _render(html: str, base_url: str | None, memo: bool,
            monkeypatch: pytest.MonkeyPatch) -> tuple[list[tuple[Any, ...]], list[str], int]:
    """The boxes, each page's content stream (md5) and the lines laid out."""
    count = [0]
    with monkeypatch.context() as m:
        original = inline.get_next_linebox

        def counting(*args: Any) -> Any:
            count[0] += 1
            return original(*args)

        m.setattr(inline, "get_next_linebox", counting)
        with patched(*(LAYOUT if memo else WITHOUT)):
            document = HTML(string=html, base_url=base_url).render(presentational_hints=False)
            pdf = document.write_pdf()
    streams = [hashlib.md5(page.get_contents().get_data()).hexdigest() for page in PdfReader(io.BytesIO(pdf)).pages]
    return _boxes(document), streams, count[0]


def _same(html: str, base_url: str | None, monkeypatch: pytest.MonkeyPatch) -> tuple[int, int]:
    fresh, fresh_streams, fresh_lines = _render(html, base_url, False, monkeypatch)
    kept, kept_streams, kept_lines = _render(html, base_url, True, monkeypatch)
    assert len(kept) == len(fresh)
    assert [box for box, other in zip(kept, fresh) if box != other][:3] == []
    assert kept_streams == fresh_streams
    return fresh_lines, kept_lines


def test_balanced_chinese_columns_are_the_same_with_fewer_line_layouts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Justified Chinese in balanced columns, with what the line extensions change after a
    line is laid out: pulled-in loose lines, no-break units laid out breakable (a style
    copied for one layout), one-character endings, opening brackets set half-width."""
    html = _document().replace("column-fill: auto; height: 74mm", "column-fill: balance")
    cut = [i for i in range(len(html)) if html.startswith("<section", i)][4]  # four pages of it
    fresh, kept = _same(html[:cut] + "</body></html>", None, monkeypatch)
    assert kept < 0.8 * fresh


def test_ragged_lines_opening_with_a_bracket_are_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    """A ragged line that opens with a bracket gives its blank half back after the layout
    (`trim_line` marks the text box's Pango layout): a copy handed out later is not marked."""
    titles = "".join(f"《{'青川日报晚报周刊'[:n]}》" for n in range(2, 9)) * 3
    body = "".join(f"<p>{titles[k:]}</p>" for k in range(0, 40, 3))
    html = ('<html lang="zh-CN"><head><style>@page { size: 110mm 90mm; margin: 8mm }'
            ' body { font: 10pt/1.5 Noto Serif CJK SC; margin: 0 }'
            ' div { columns: 2; column-gap: 5mm; column-fill: balance }'
            ' p { margin: 0 0 2pt; text-align: left }</style></head><body><div>' + body + "</div></body></html>")
    fresh, kept = _same(html, None, monkeypatch)
    assert kept < fresh


@pytest.mark.parametrize("body", HOSTILE_BODIES[:6], ids=["plain", "float", "absolute", "fixed", "footnote",
                                                         "column-span"])
def test_floats_and_out_of_flow_boxes_are_left_to_weasyprint(body: str, monkeypatch: pytest.MonkeyPatch) -> None:
    _same(HOSTILE % body, None, monkeypatch)


def test_first_letters_and_first_lines_are_laid_out_each_time(monkeypatch: pytest.MonkeyPatch) -> None:
    html = (HOSTILE % HOSTILE_BODIES[0]).replace(
        "</style>", "p::first-letter { font-size: 200% } p::first-line { letter-spacing: 1pt }</style>")
    _same(html, None, monkeypatch)


@pytest.mark.slow
def test_the_chinese_example_is_the_same(build_pdf: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    _, pdf = build_pdf(ZH_EXAMPLE, "broadsheet")  # the build test_column_reuse makes too
    stage: Path = pdf.with_suffix(".print")
    fresh, kept = _same((stage / "print.html").read_text(encoding="utf-8"), str(stage / "print.html"), monkeypatch)
    assert kept < fresh
