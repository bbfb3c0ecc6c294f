"""Session 18's review findings (review18a), each on the smallest page that shows it: a chain of
columns that must end, an ad label that needs a colon or a gap, a framed head with nothing in
its frame. None of these shapes is on a development page; they guard the session's new rules."""

from __future__ import annotations

import datetime as dt

from exporter.ingest import furniture, ingest_texts, pdf

B = pdf._Box


def test_a_column_of_no_width_ends_the_chain_of_columns_under_a_head() -> None:
    """`_next_column` once offered a column of no width (glyphs set at 0 % horizontal scale) as
    its own next column, and `_heads_under` looped for ever; the chain now only moves right."""
    first = [B(0, 0, 100, 11, "第一行正文", size=10, base=10), B(0, 12, 100, 23, "第二行正文", size=10, base=22)]
    head = [B(0, 25, 100, 40, "标题", size=16, bold=True, base=38)]
    flat = [B(150, 0, 150, 11, "文文", size=10, base=10), B(150, 12, 150, 23, "文文", size=10, base=22)]
    out = pdf._heads_under([(first, (0,)), (head, (0,)), (flat, (1,))], 10.0)
    assert sorted(b[0].text for b, _ in out) == ["文文", "标题", "第一行正文"]


def test_an_ad_label_opens_an_ad_only_with_a_colon_or_a_gap() -> None:
    """`广告　不能任性` (a headline with one ideographic phrase space) is a story about ads, not
    an ad; `广告：…` and `ADVERTISEMENT  …` (every ad line on the development pages) are ads."""
    assert not furniture.advert(["广告\u3000不能任性"])
    assert furniture.advert(["广告：华联超市年终大促 全场八折"])
    assert furniture.advert(["ADVERTISEMENT  Ashby Games Shop: board games, cards, puzzles"])
    page = "广告\u3000不能任性\n\n\u3000\u3000本报讯 市场监管局近日查处一批虚假广告，涉及保健品、医疗等领域，罚款共计三十万元。\n"
    result = ingest_texts([("page1.txt", page)], "Test", dt.date(2024, 5, 8))
    assert [a.headline for a in result.edition.articles] == ["广告\u3000不能任性"]


def test_a_frame_with_nothing_in_it_stays_the_head_as_printed() -> None:
    """A head `【 】` framed nothing: dropping its brackets left a blank headline and the page
    was refused (exit 2). It is kept as printed, and the story with it."""
    for blank in (" ", "\u3000"):
        page = f"【{blank}】\n\n\u3000\u3000本报讯 市总工会职工书屋近日新增图书2000册，欢迎职工借阅。\n"
        (article,) = ingest_texts([("page1.txt", page)], "Test", dt.date(2024, 5, 8)).edition.articles
        assert article.headline == f"【{blank}】" and "图书2000册" in article.blocks[0].text
