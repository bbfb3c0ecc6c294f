"""The benchmark's claim "same pages and text per page as the baseline" is checked, not assumed."""

from __future__ import annotations

from pathlib import Path

from weasyprint import HTML

from benchmarks.__main__ import same_text_layer
from benchmarks.corpus import change_one_edition, volume

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


def test_the_rebuild_edit_works_on_a_one_edition_corpus(tmp_path: Path) -> None:
    """The 8p benchmark volume has one edition of six articles: the rebuild's late correction
    goes to its last article with a paragraph, not to a fourth edition that is not there."""
    volume(tmp_path, 0, 1, 6)
    [edition] = (tmp_path / "editions").glob("*.json")
    before = edition.read_text(encoding="utf-8")
    change_one_edition(tmp_path)
    after = edition.read_text(encoding="utf-8")
    assert after != before and after.count("更正：") == before.count("更正：") + 1
