"""The benchmark's claim "same pages and text per page as the baseline" is checked, not assumed."""

from __future__ import annotations

from pathlib import Path

from weasyprint import HTML

from benchmarks.__main__ import same_text_layer

PAGES = '<p lang="zh" style="{style}">第一页 {first}</p><p style="break-before: page">第二页</p>'


def _pdf(path: Path, first: str = "青川日报", style: str = "") -> None:
    HTML(string=PAGES.format(first=first, style=style)).write_pdf(path)


def test_spaced_glyphs_are_the_same_text_and_other_words_are_not(tmp_path: Path) -> None:
    _pdf(tmp_path / "baseline.pdf")
    _pdf(tmp_path / "pdf.pdf", style="letter-spacing: 3pt")  # justified lines space glyphs apart
    _pdf(tmp_path / "single.pdf", first="港湾公报")
    assert same_text_layer(tmp_path) == {"pdf": True, "single": False}


def test_without_a_baseline_nothing_is_claimed(tmp_path: Path) -> None:
    _pdf(tmp_path / "pdf.pdf")
    assert same_text_layer(tmp_path) == {}
