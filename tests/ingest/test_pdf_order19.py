"""Reading order in page PDFs, session 19 (pdf19order). Real pages of ingest-blind14 (which
shaped the rules) and of the other development corpora where the rules moved or must not move
a page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from exporter.ingest import ingest
from exporter.ingest.pdf import read_pdf

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _lines(corpus: str, name: str) -> list[str]:
    return [line.strip() for line in read_pdf(FIXTURES / corpus / name)[0].text.splitlines() if line.strip()]


def _story(corpus: str, name: str, headline: str) -> list[str]:
    result = ingest([FIXTURES / corpus / name], "corpus", dt.date(2025, 3, 15))
    story = next(a for a in result.edition.articles if a.headline == headline)
    return [b.text for b in story.blocks]


def test_a_vertical_head_with_its_text_on_its_right_passes_no_headed_story_on_its_left() -> None:
    """blind14's fire-brigade page sets `老屋電線走火 義消三分鐘到場` upright between a boxed
    story under its own head (`冬季用火五要點`) and its own byline and text, which start
    right beside its top. The head moved before the boxed story (vertical type reads from the
    right), which then ran on into the head's text; it now stays after the boxed story, and its
    byline and text follow it. blind12's elders page (`八旬夫妇…`, a letter under its own head
    on its left) reads so too."""
    lines = _lines("ingest-blind14", "cr-fire-f1.pdf")
    assert lines.index("五、家中裝設住宅用火災警報器。") < lines.index("老")
    assert lines[lines.index("場") + 1: lines.index("場") + 3] == ["記者 廖振宇／報導", "龍潭區一處三合院五日清晨電線"]
    assert _story("ingest-blind14", "cr-fire-f1.pdf", "冬季用火五要點")[-1] == "五、家中裝設住宅用火災警報器。"
    lines = _lines("ingest-blind12", "mu-elders-e1.pdf")
    assert lines.index("——林亚福（宏茂桥）") < lines.index("八")
    assert lines[lines.index("里") + 1: lines.index("里") + 3] == ["本报记者 吴伟强", "八十一岁的张国"]


def test_a_stop_hung_into_the_gutter_ends_its_columns_line() -> None:
    """reportlab hangs a line's closing `。` or `，` past the column's measure, its em-wide box
    a hair from the next column's first glyph: blind14's rubber page read `…无法开割。胶树感染…`
    as one line across two columns, blind10's motoring page and blind2's theory page did the
    same. The mark's ink ends half an em into its box, and the lines above or below in its
    column end where its box begins: the gap is a gutter."""
    lines = _lines("ingest-blind14", "rl-rubber-u1.pdf")
    assert {"带来连日降雨，不少胶农已经两周无法开割。", "胶树感染病害，只能等天晴再说。"} <= set(lines)
    assert "上周，本刊试驾组从南岭城区出发，" in _lines("ingest-blind10", "rl-motor-m1.pdf")


def test_a_stretched_gap_after_a_comma_inside_a_column_stays() -> None:
    """Chromium justifies a line by widening the gap after a comma (`第二，  免稅儲蓄賬戶`,
    blind8's maple page), and a story's line may stand beside the text of the next column
    with no line of its own column around it: neither is a hung stop, so the line stays whole."""
    lines = _lines("ingest-blind8", "cr-maple-c2.pdf")
    assert {"第二，免稅儲蓄賬戶", "球代表隊，是該隊今年唯一的華裔球", "活動免費，但家長須提前兩天在網上登"} <= set(lines)


def test_narrow_columns_of_running_text_are_no_table() -> None:
    """blind13's village page sets a diary in two narrow columns on one baseline grid, lines
    filling one measure: running text, read column by column as before."""
    lines = _lines("ingest-blind13", "mu-qingcen-x2.pdf")
    assert lines.index("12月2日夜") + 1 == lines.index("里，山上下起了")
    assert "我和村医老" in lines
