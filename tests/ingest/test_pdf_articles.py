"""Articles lost or cut apart on page PDFs by other engines (session 14): grids of wider
cells set far apart read column by column, and a vertical headline left of its text read
with another column between them (development pages of ingest-blind6, ingest-blind8 and
ingest-blind9)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from exporter.ingest import ingest
from exporter.ingest.pdf import read_pdf

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _lines(corpus: str, name: str) -> list[str]:
    return [t.strip() for page in read_pdf(FIXTURES / corpus / name) for t in page.text.split("\n") if t.strip()]


def test_a_grid_of_wide_cells_set_far_apart_is_read_row_by_row() -> None:
    """Cells wider than a price table's (`湖滨社区卫生服务中心`, ten Han glyphs; `Shanghai
    Composite`) or columns set 13 to 17 ems apart across the page are still a table when
    the columns line up row under row: one line a row (Chromium and reportlab pages of
    blind6 and blind9), not one column after another."""
    rows = {("ingest-blind6", "cr-jianglin-h2.pdf"): ["接种点  地址  接种时间",
                                                      "湖滨社区卫生服务中心  湖滨路118号  周一至周六 8:00-11:30"],
            ("ingest-blind6", "cr-ningport-a1a3.pdf"): ["Index  Close  Change", "Shanghai Composite  3,412.56  +0.42%"],
            ("ingest-blind9", "cr-donggang-a1.pdf"): ["航线  船名  航次  预抵  预离", "东南亚线  东港远航  2612E  12/07  12/08"],
            ("ingest-blind9", "rl-xingjiang-a16.pdf"): ["玩法  期号  开奖号码", "星彩7  2026141  03 11 17 22 28 31 + 09"]}
    for (corpus, name), want in rows.items():
        lines = _lines(corpus, name)
        assert want[0] in lines, name
        assert lines[lines.index(want[0]) + 1] == want[1], name


def test_a_line_beside_a_grid_on_a_rows_baseline_is_not_its_cell() -> None:
    """A poem's lines right of a listings grid share some rows' baselines and line up with
    one another, but their column holds other lines between the grid's rows: they stay the
    poem's (blind9's opera page)."""
    lines = _lines("ingest-blind9", "mu-yangcheng-o3.pdf")
    assert "日期  剧目  剧团  剧场" in lines
    assert "12月12日  《搜书院》  羊城粤剧团  江南大戏院" in lines
    assert "月照小艇摇，" in lines and "妾意如春潮，" in lines


def test_running_text_side_by_side_is_no_grid() -> None:
    """Columns of a story set side by side line up too, but their lines fill the columns,
    with gutters narrower than a grid's gaps: no table on blind6's jianglin page but the
    vaccination points."""
    (page,) = read_pdf(FIXTURES / "ingest-blind6" / "cr-jianglin-h2.pdf")
    rows = [t for t in page.text.split("\n") if "  " in t.strip()]
    assert all("社区卫生服务中心" in t or t.strip().startswith("接种点") for t in rows)


def _text(article) -> str:  # noqa: ANN001 - an Article
    """Its text in reading order, headline aside."""
    return "".join(t for t in article.texts if t != article.headline)


def test_a_vertical_headline_left_of_its_text_heads_it() -> None:
    """A vertical headline printed just left of its story, the story's top level with the
    head's, heads that story though the cuts read the column left of the head between them
    (a table and a boxed notice on blind6's property page, a puzzle corner on blind8's
    youth page); its byline stacked under the text moves with it."""
    result = ingest([FIXTURES / "ingest-blind6" / "cr-dongao-p9.pdf"], "东澳商报", dt.date(2025, 3, 20))
    car = next(a for a in result.edition.articles if a.headline == "冬季用车，先给电池“体检”")
    assert "气温降低，新能源车续航会明显缩水" in _text(car) and "邝嘉乐" in (car.byline or "")
    assert not any((a.headline or "").startswith("未归类") for a in result.edition.articles)
    result = ingest([FIXTURES / "ingest-blind8" / "mu-youth-y3.pdf"], "小海燕少年报", dt.date(2025, 3, 20))
    tips = next(a for a in result.edition.articles if a.headline == "冬季安全小提示")
    assert "一、不在结冰的河面和池塘上玩耍" in _text(tips)
    puzzle = next(a for a in result.edition.articles if a.headline == "动脑筋 猜一猜")
    assert "什么东西越洗越脏" in _text(puzzle)


def test_a_source_line_under_a_table_is_its_last_line() -> None:
    """A source line in small type right under a table's last row (`（数据来源：……）`, set
    right and running past the rows) closes the table, not opens the next story as its
    head (blind6's jianglin page, where it took the place of `献血屋推出夜间服务`)."""
    lines = _lines("ingest-blind6", "cr-jianglin-h2.pdf")
    at = lines.index("城北社区卫生服务中心  北环路302号  周二、周四全天")
    assert lines[at + 1] == "（数据来源：江临市疾病预防控制中心）"
    result = ingest([FIXTURES / "ingest-blind6" / "cr-jianglin-h2.pdf"], "江临晚报", dt.date(2025, 3, 20))
    table = next(a for a in result.edition.articles if a.headline == "本周流感疫苗接种点")
    assert _text(table).endswith("（数据来源：江临市疾病预防控制中心）")
    assert not any("数据来源" in (a.headline or "") for a in result.edition.articles)
