"""Reading order and story boundaries in page PDFs (session 16, pdf16order): a rule drawn
across a strip of the page separates rows of stories however thin the band it stands in, and
columns of running text set far apart are no table (development pages of ingest-blind10 and
ingest-blind11: PyMuPDF pages of other papers)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from exporter.ingest import ingest
from exporter.ingest.pdf import _Box, _xycut, read_pdf

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _articles(corpus: str, name: str) -> dict[str, list[str]]:
    """headline → its paragraphs' texts"""
    result = ingest([FIXTURES / corpus / name], "corpus", dt.date(2025, 3, 15))
    return {a.headline: [b.text for b in a.blocks if getattr(b, "text", None)] for a in result.edition.articles}


def _line(x: float, y: float, text: str, width: float = 100) -> list[_Box]:
    return [_Box(x, y, x + width, y + 10, text, 10.0)]


def test_a_ruled_band_is_cut_before_a_gutter_that_a_wider_band_would_lose_to() -> None:
    """Two columns over a line that runs across both: no gutter runs down the strip, and the
    band between each column's two lines (12 points) is wider than the ruled band over the
    line (4 points). Without the rule the cuts read across the columns line by line; the rule
    drawn across the strip makes the band a row's end, so each column is read down first."""
    blocks = [_line(0, 0, "L1"), _line(112, 0, "R1"), _line(0, 22, "L2"), _line(112, 22, "R2"),
              _line(0, 36, "under both", 212)]
    assert [b[0].text for b, _ in _xycut(blocks, 10.0)] == ["L1", "R1", "L2", "R2", "under both"]
    rule = (0.0, 212.0, 34.0)
    assert [b[0].text for b, _ in _xycut(blocks, 10.0, ruled=[rule])] == ["L1", "L2", "R1", "R2", "under both"]


def test_a_rule_short_of_the_strip_cuts_nothing() -> None:
    """A rule under one column only (a head's underline) is no row's end."""
    blocks = [_line(0, 0, "L1"), _line(112, 0, "R1"), _line(0, 22, "L2"), _line(112, 22, "R2"),
              _line(0, 36, "under both", 212)]
    rule = (0.0, 100.0, 34.0)
    assert [b[0].text for b, _ in _xycut(blocks, 10.0, ruled=[rule])] == ["L1", "R1", "L2", "R2", "under both"]


def test_an_interview_beside_a_sidebar_over_a_ruled_row_stays_whole() -> None:
    """blind11's book page: an interview whose head group stands beside a column of book
    notes, over a row ruled off under both (a letter and a boxed notice crossing the gutter
    between them). The interview's questions stay with their answers, and the book note
    `《老街的灯》` is its own story, not the interview's tail."""
    arts = _articles("ingest-blind11", "mu-shulin-r7.pdf")
    interview = arts["写小镇，就是写我们每个人的来处"]
    assert interview[0].startswith("《河湾纪事》出版两个月")
    assert [p[:3] for p in interview[1:]] == ["记者：", "沈默：", "记者：", "沈默：", "记者：", "沈默："]
    assert arts["《老街的灯》"][0].startswith("作家许之远的散文集")


def test_a_story_ruled_off_from_the_row_under_it_keeps_its_text() -> None:
    """blind10's literary supplement (which shaped no rule): the essay over the ruled-off row
    is read whole, its last paragraph included, rather than merged with the next row's text."""
    arts = _articles("ingest-blind10", "mu-lamplight-d1.pdf")
    essay = arts["弄堂口的修鞋摊"]
    assert essay[0].startswith("我家弄堂口原先有个修鞋摊")
    assert essay[-1].startswith("前年旧区改造")


def test_columns_of_text_with_wide_gutters_are_read_column_by_column() -> None:
    """blind11's stamp paper sets its lead story in four columns three ems apart, every line
    on one baseline across them: a grid of wide cells by its gaps, but each column goes on
    above or below the rows in lines of the same measure, so it is running text read down
    each column (not one row across the four)."""
    arts = _articles("ingest-blind11", "mu-xiangjiang-s1.pdf")
    body = "".join(arts["六二年錯體郵票以八十六萬元成交"])
    assert "拍賣行上周六在灣仔舉行冬季拍賣會，共推出郵品一千二百餘項，成交率約七成。" in body


def test_grids_with_wide_gaps_stay_tables() -> None:
    """The grids of other papers whose columns stand far apart (a lottery draw, shipping and
    opera listings, a league table) are still read row by row."""
    text = "".join(p.text for p in read_pdf(FIXTURES / "ingest-blind9" / "rl-xingjiang-a16.pdf"))
    assert any(line.split()[:2] == ["玩法", "期号"] for line in text.splitlines())
    text = "".join(p.text for p in read_pdf(FIXTURES / "ingest-blind9" / "cr-donggang-a1.pdf"))
    assert any(line.split()[:3] == ["航线", "船名", "航次"] for line in text.splitlines())


def test_a_vertical_head_at_a_rows_right_end_heads_only_the_text_beside_it() -> None:
    """blind11's stamp paper: `郵學會新春聯歡會接受報名` set vertically at the right end of a
    row, beside its one paragraph, with a boxed table and another story (its own headline
    larger than the vertical head) further left in the row. The head is read before its own
    paragraph, not before the whole row: the story to its left keeps its last paragraph."""
    arts = _articles("ingest-blind11", "mu-xiangjiang-s1.pdf")
    assert arts["郵學會新春聯歡會接受報名"][0].startswith("香江郵學會明年一月十日晚")
    assert arts["從一本舊郵冊說起"][-1].endswith("其實並不重要。")


def test_a_vertical_head_still_heads_the_columns_left_of_it_under_a_smaller_label() -> None:
    """blind7's tourism page: `雾凇岛上看“树挂”` stands right of its two columns, under which
    its label `冬游推荐` (smaller than the head) is printed; the head is still read before them
    and the label stays in its head group (which role it takes there is the head group's
    business, not the reading order's)."""
    result = ingest([FIXTURES / "ingest-blind7" / "cr-yungang-t2.pdf"], "corpus", dt.date(2025, 3, 15))
    story = next(a for a in result.edition.articles if a.headline == "雾凇岛上看“树挂”")
    assert "冬游推荐" in (story.kicker, story.subheadline)
    assert next(b.text for b in story.blocks if getattr(b, "text", None)).startswith("每年12月到次年2月")
