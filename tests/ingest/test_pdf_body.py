"""The PDF reader's body rules of session 12 (reading order, lines, jump lines, subheads,
tables), each on a real page of a development corpus laid out by another engine."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pymupdf

from exporter.ingest import fields, ingest
from exporter.ingest.pdf import read_pdf
from exporter.model import Heading

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _lines(corpus: str, name: str, page: int = 0) -> list[str]:
    return [t.strip() for t in read_pdf(FIXTURES / corpus / name)[page].text.split("\n") if t.strip()]


def test_a_justified_line_at_a_columns_top_is_not_cut_at_its_word_spaces() -> None:
    """Chromium justifies `moment money becomes` across a narrow column with gaps wider than
    a gutter; no text of the lines around starts at the far side of those gaps, so they are
    word spaces, not the edge of a next column (cr-wexcombe)."""
    assert "moment money becomes" in _lines("ingest-blind7", "cr-wexcombe-a1a5.pdf")


def test_a_gutter_after_a_word_space_is_still_cut_where_the_next_column_starts() -> None:
    """reportlab keeps the word space at a line's end; the gap after it at the top of a
    column, where the next column's lines start, is still a gutter (pdf-metro)."""
    lines = _lines("ingest-blind2", "pdf-metro-1.pdf")
    assert "WASHINGTON (AP) — The" in lines and "guidance within 90 days if the bill" in lines


def test_a_jump_line_printed_apart_is_the_storys_jump_not_a_head() -> None:
    """`Turn to Page 5` (Chromium, small type) and `See BUSES, Page A6` (bold) printed apart
    under a story's last paragraph end that story and become its jump field; neither is a
    headline, nor does the photo caption after the jump line join the story."""
    wexcombe = ingest([FIXTURES / "ingest-blind7" / "cr-wexcombe-a1a5.pdf"], "W", dt.date(2025, 3, 20))
    bypass = next(a for a in wexcombe.edition.articles if a.headline == "BYPASS PLAN BACK ON THE TABLE")
    assert bypass.continued_to == "page 5"
    assert not any("Singers from Wexcombe" in (b.text or "") for b in bypass.blocks if hasattr(b, "text"))
    millbrook = ingest([FIXTURES / "ingest-blind4" / "cr-millbrook-a1a6.pdf"], "M", dt.date(2025, 3, 20))
    assert any(a.continued_to == "page A6" for a in millbrook.edition.articles)
    assert not any("See BUSES" in (a.headline or "") for a in millbrook.edition.articles)


def test_a_plain_body_line_at_a_columns_top_is_no_english_headline() -> None:
    """`The 38-kilometer line links the`, a column's first line after a finished sentence, is
    set in plain body type: a PDF says it is running text, not a headline (cr-ningport)."""
    result = ingest([FIXTURES / "ingest-blind6" / "cr-ningport-a1a3.pdf"], "N", dt.date(2025, 3, 20))
    assert not any((a.headline or "").startswith("The 38-kilometer") for a in result.edition.articles)


def test_a_subhead_much_smaller_than_its_storys_headline_stays_inside_the_story() -> None:
    """A one-line display subhead 1.14 times the body under a 2.48-times headline (reportlab)
    interrupts the story instead of heading a story of its own."""
    result = ingest([FIXTURES / "ingest-blind3" / "rl-harbour-a1a2.pdf"], "H", dt.date(2025, 3, 20))
    story = next(a for a in result.edition.articles if a.headline == "大澳棚屋保育計劃展開")
    assert [b.text for b in story.blocks if isinstance(b, Heading)] == ["居民參與設計", "年輕人回流"]


def test_a_brief_title_as_large_as_the_one_before_is_the_next_brief() -> None:
    """Brief titles in a box (bold, body size) are siblings, never subheads of the brief
    before them (cr-zhongtai's 地方短波)."""
    result = ingest([FIXTURES / "ingest-blind6" / "cr-zhongtai-b6.pdf"], "Z", dt.date(2025, 3, 20))
    assert {"竹東圖書館夜間延長開放", "湖口老街週末封街"} <= {a.headline for a in result.edition.articles}


def test_datelines_of_a_place_without_a_day_or_with_a_day_in_han_numerals() -> None:
    """（曼谷讯）, 澳門十四日電, 【竹東】 and 【本報悉尼訊】 opening a paragraph are datelines;
    （简讯）, and a bracketed label over a short headline, are not."""
    def dateline(text: str) -> str | None:
        m = fields.DATELINE.match(text)
        return m["dl"] if m else None

    assert dateline("（曼谷讯）受季风低压影响，曼谷东部多区") == "曼谷讯"
    assert dateline("澳門十四日電　公共圖書館轄下五間分館") == "澳門十四日電"
    assert dateline("【竹東】竹東鎮立圖書館即日起週三至週五延長開放至晚間9時，方便學生") == "竹東"
    assert dateline("【本報悉尼訊】Chatswood與Hurstville多家華人商場") == "本報悉尼訊"
    assert dateline("（简讯）本市") is None
    assert dateline("【財經】披索兌美元收報58.42") is None


def test_labels_and_news_words_in_brackets_are_no_datelines() -> None:
    """A label opening a long paragraph (【链接】, 【背景】) does not name its place again, and
    （新闻快讯）, （民生资讯） name a kind of news, not where it was filed: none is a dateline."""
    long = "市民公园始建于1958年，是本市历史最悠久的综合性公园，曾于1998年进行过一次大规模改造。"
    for label in ("链接", "背景", "提醒", "编后"):
        assert fields.DATELINE.match(f"【{label}】{long}") is None, label
    for word in ("新闻快讯", "校园快讯", "图文简讯", "民生资讯", "电子通讯"):
        assert fields.DATELINE.match(f"（{word}）{long}") is None, word


def test_a_tables_header_row_of_wide_cells_joins_the_table() -> None:
    """A header cell wider than a table's cell (`均价（元/平方米）`) over its column still heads
    the table, one line a row (cr-dongao)."""
    lines = _lines("ingest-blind6", "cr-dongao-p9.pdf")
    at = lines.index("区域  成交套数  均价（元/平方米）")
    assert lines[at + 1] == "滨海新区  1326  21450"


def test_a_tables_last_row_is_not_the_next_tables_header(tmp_path: Path) -> None:
    """Two grids of numbers stacked 30 pt apart (9 pt type, 12 pt rows): too far apart to
    be one table, and the first table's last row, already printed in it, is no header of
    the second: every character of the page is read once, each row a line."""
    path = tmp_path / "two-tables.pdf"
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((40, 60), "Market figures for the week, as reported by the exchange on Friday.", fontsize=10)
    grids = {100: [["1290", "6847", "7726"], ["5482", "7666", "4664"], ["8682", "7717", "1987"]],
             154: [["4030", "5107", "9184"], ["8347", "5904", "2214"], ["4634", "4641", "6973"]]}
    for top, rows in grids.items():
        for i, row in enumerate(rows):
            for j, cell in enumerate(row):
                page.insert_text((40 + j * 60, top + i * 12), cell, fontsize=9)
    source = Counter(c for c in page.get_text() if not c.isspace())
    doc.save(path)
    (read,) = read_pdf(path)
    assert Counter(c for c in read.text if not c.isspace()) == source
    lines = [t.strip() for t in read.text.split("\n") if t.strip()]
    assert ["  ".join(row) for rows in grids.values() for row in rows] == [t for t in lines if t[0].isdigit()]


def test_a_storys_column_ends_at_the_next_storys_head() -> None:
    """A head 1.29 times the body under a story whose headline is 1.53 times is the next
    story's, not a subhead: the first story's next column is read right after its text
    above that head (rl-minjiang, a mosaic)."""
    lines = _lines("ingest-blind6", "rl-minjiang-m6.pdf")
    assert lines[lines.index("隊伍將進行為期兩個月的比賽。") + 1].startswith("大會主席洪偉明表示")


def test_a_heads_standing_above_the_storys_text_is_no_subhead_of_it() -> None:
    """A table's title (1.25 times the body) at the top of the next column, level with the
    headline of the story (2.29 times) that ends at the foot of the column before, stands
    above that story's first text line: it heads the table, not a section of the story
    (cr-jianglin)."""
    result = ingest([FIXTURES / "ingest-blind6" / "cr-jianglin-h2.pdf"], "J", dt.date(2025, 3, 20))
    story = next(a for a in result.edition.articles if "抬起头" in (a.headline or ""))
    assert [b.text for b in story.blocks if isinstance(b, Heading)] == ["颈椎病越来越年轻", "每天三次，每次五分钟"]
