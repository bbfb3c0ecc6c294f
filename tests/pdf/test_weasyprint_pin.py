"""The one door to WeasyPrint's internals: the pin table, `patched()` and its guards."""

from __future__ import annotations

import io
import logging
import threading
import tomllib
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
import weasyprint
from packaging.requirements import Requirement
from packaging.version import Version
from pypdf import PdfReader
from weasyprint import HTML
from weasyprint.layout import block, column, inline
from weasyprint.pdf import fonts
from weasyprint.text import line_break

from exporter.api import BuildOptions, build
from exporter.weasyprint_ext.cjk_justify import CJK_JUSTIFY
from exporter.weasyprint_ext.font_subsets import DEFERRED_FONT_SUBSETS
from exporter.weasyprint_ext.layout import LAYOUT
from exporter.weasyprint_ext.patches import patched
from exporter.weasyprint_ext.pin import REQUIREMENTS, VERSIONS, changed_internals

from .helpers import pdftotext

ROOT = Path(__file__).resolve().parents[2]
PATCHED = ((inline, "count_expandable_spaces"), (inline, "justify_line"), (line_break.Layout, "reactivate"),
           (block, "block_box_layout"), (block, "columns_layout"), (column, "columns_layout"), (fonts.Font, "clean"))
# One justified CJK paragraph in a narrow column (the case where nesting used to move the edge).
JUSTIFIED = """<html lang="zh-CN"><style>@page { size: 90mm 120mm; margin: 10mm }
p { font: 10pt 'Noto Serif CJK SC'; text-align: justify; width: 62mm }</style>
<p>青川江大桥今日正式通车。大桥连接江北新区与江南老城，主桥全长3.5公里，为双向六车道城市快速路，设计时速80公里。
通车后，两岸之间的车程将由原来的40分钟缩短至8分钟。</p></html>"""


def _stock() -> list[Any]:
    return [owner.__dict__[name] if isinstance(owner, type) else getattr(owner, name) for owner, name in PATCHED]


def _right_edges() -> list[float]:
    """Where each drawn line of the paragraph ends, in pt (nesting the old context moved
    these from 210.0 to 207.1–209.4)."""
    with pdfplumber.open(io.BytesIO(HTML(string=JUSTIFIED).write_pdf())) as pdf:
        lines: dict[int, float] = {}
        for char in pdf.pages[0].chars:
            # a closing mark ending a line is set half-width (clreq, cjk_justify.py): its
            # advance is half its em box, which pdfplumber's x1 does not know
            end = char["x0"] + char["size"] / 2 if char["text"] in "，。、；：！？" else char["x1"]
            lines[round(char["top"])] = max(lines.get(round(char["top"]), 0), end)
    return [round(x, 1) for _, x in sorted(lines.items())]


def test_installed_weasyprint_is_pinned_and_its_internals_unchanged() -> None:
    assert weasyprint.__version__ in VERSIONS
    changed = changed_internals()
    assert not changed, f"WeasyPrint internals the extensions rely on changed; re-check them: {changed}"


def test_pyproject_carries_the_pinned_requirements() -> None:
    declared = {Requirement(spec).name: spec
                for spec in tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]}
    for name, spec in REQUIREMENTS.items():
        assert declared[name] == spec
        requirement = Requirement(spec)
        assert requirement.specifier.contains(Version(__import__(name).__version__))
        assert any(s.operator == "<" for s in requirement.specifier), f"{name} must be capped"
    for version in VERSIONS:
        assert Requirement(REQUIREMENTS["weasyprint"]).specifier.contains(Version(version))


def test_patched_is_contained_and_nesting_changes_nothing() -> None:
    stock = _stock()
    plain = _right_edges()
    with patched():
        once = _right_edges()
        with patched(), patched(CJK_JUSTIFY):
            nested = _right_edges()
            assert _stock()[0].__wrapped__ is stock[0]  # wrapped once
    assert _stock() == stock
    assert nested == once
    assert max(once[:-1]) - min(once[:-1]) <= 0.2 and once != plain  # justified: full lines end flush


def test_two_threads_share_one_wrapping_and_a_thread_outside_sees_stock_weasyprint() -> None:
    stock, plain = _stock(), _right_edges()
    with patched():
        expected = _right_edges()
    barrier, results, wrapped = threading.Barrier(2), {}, {}

    def work(name: str) -> None:
        with patched(*LAYOUT, DEFERRED_FONT_SUBSETS):
            barrier.wait()
            wrapped[name] = _stock()
            results[name] = _right_edges()
            barrier.wait()

    threads = [threading.Thread(target=work, args=(n,)) for n in "ab"]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == {"a": expected, "b": expected}
    assert wrapped["a"] == wrapped["b"]
    assert all(getattr(f, "__wrapped__", None) is s for f, s in zip(wrapped["a"], stock, strict=True))
    assert _stock() == stock

    # While another thread is inside patched(), this one lays out with stock WeasyPrint.
    inside, leave = threading.Event(), threading.Event()

    def hold() -> None:
        with patched():
            inside.set()
            leave.wait()

    holder = threading.Thread(target=hold)
    holder.start()
    inside.wait()
    try:
        assert _right_edges() == plain
    finally:
        leave.set()
        holder.join()


def test_an_unknown_weasyprint_gets_stock_layout_not_patches(monkeypatch: pytest.MonkeyPatch) -> None:
    stock = _stock()
    monkeypatch.setattr(weasyprint, "__version__", "99.0")
    with patched(*LAYOUT, DEFERRED_FONT_SUBSETS):
        assert _stock() == stock


@pytest.mark.slow
@pytest.mark.parametrize("chunked", [False, True], ids=["one-pass", "chunks"])
def test_an_unknown_weasyprint_builds_a_correct_pdf_with_a_warning(
        monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, small_source: Path, tmp_path: Path,
        chunked: bool) -> None:
    monkeypatch.setattr(weasyprint, "__version__", "70.1")
    options = BuildOptions(outdir=tmp_path, jobs=1, cache_dir=tmp_path / "cache" if chunked else None,
                           parallel_min_characters=0)
    with caplog.at_level(logging.WARNING, logger="exporter"):
        [pdf] = build(small_source, "pdf", options=options)
    assert [r.getMessage() for r in caplog.records if "CJK inter-character justification is off" in r.getMessage()] \
        == ["WeasyPrint 70.1 is not a version the layout extensions were checked on (70.0): CJK inter-character "
            "justification is off, the PDF has WeasyPrint's stock layout"]
    text = pdftotext(pdf)
    assert len(PdfReader(pdf).pages) >= 2 and "大桥今日通车" in text and "青川市自来水有限公司" in text
    reader = PdfReader(pdf)
    for page in reader.pages:  # every font embedded for real: no stub left by deferred subsets
        for font in (page["/Resources"].get("/Font") or {}).values():
            descriptor = font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"] \
                if "/DescendantFonts" in font.get_object() else font.get_object().get("/FontDescriptor")
            if descriptor is not None:
                program = descriptor.get_object().get("/FontFile3") or descriptor.get_object().get("/FontFile2")
                assert program is None or b"newsprint-exporter" not in program.get_object().get_data()[:80]
