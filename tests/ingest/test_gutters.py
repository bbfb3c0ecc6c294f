"""Columns printed side by side (`pdftotext -layout`) are read one after another."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from exporter.ingest import ingest_texts
from exporter.ingest.gutters import split_columns

BLIND2 = Path(__file__).resolve().parent.parent / "fixtures" / "ingest-blind2"

LEFT = ["　　市政府昨日召开常务会议，研究部署",
        "春季农业生产和防汛准备工作，要求各",
        "地抓紧落实责任。",
        "　　会议指出，今年全市将新建高标准",
        "农田五万亩，并加快水利设施建设。"]
RIGHT = ["　　本报讯 市图书馆新馆昨日开馆，",
         "首日接待读者六千余人次。新馆藏书",
         "一百二十万册，设有少儿阅览区。",
         "　　馆长表示，新馆将延长开放时间，",
         "满足市民的阅读需求。"]


def _pad(text: str, at: int) -> str:
    """Text padded with spaces to display cell `at` (a CJK glyph is two cells)."""
    width = sum(2 if ord(c) > 0x2E80 else 1 for c in text)
    return text + " " * (at - width)


def _side_by_side(left: list[str], right: list[str], at: int) -> list[str]:
    return [_pad(a, at) + b for a, b in zip(left, right, strict=True)]


def test_two_cjk_columns_are_read_in_turn() -> None:
    page = ["                 市政新闻", "", *_side_by_side(LEFT, RIGHT, 42), ""]
    cols = split_columns("\n".join(page))
    assert cols is not None
    lines = cols.text.split("\n")
    assert lines[lines.index(LEFT[0]):][:5] == LEFT
    assert lines[lines.index(RIGHT[0]):][:5] == RIGHT
    assert lines.index(RIGHT[0]) > lines.index(LEFT[-1])
    assert cols.source[lines.index(RIGHT[0]) + 1] == 3  # the right column's first line is the file's line 3


def test_three_columns_come_out_left_to_right() -> None:
    mid = [t[:12] for t in RIGHT]
    rows = [_pad(_pad(a, 40) + b, 70) + c for a, b, c in zip([t[:18] for t in LEFT], mid, [t[:10] for t in LEFT], strict=True)]
    cols = split_columns("\n".join(rows))
    assert cols is not None
    lines = [t for t in cols.text.split("\n") if t]
    assert lines[0] == LEFT[0][:18] and lines[5] == mid[0] and lines[10] == LEFT[0][:10]


def test_a_table_is_not_split_into_columns() -> None:
    rows = ["代码    名称      收盘价   涨跌幅", "600300  东港物流  40.49  -4.19%", "600301  海峡新材  6.48  +2.95%",
            "600302  南方智造  6.73  -7.32%", "600303  金沙电子  23.20  -9.24%"]
    assert split_columns("\n".join(rows)) is None


def test_a_headline_across_both_columns_ends_the_stretch() -> None:
    page = [*_side_by_side(LEFT[:3], RIGHT[:3], 42), "    全市推进城乡环境整治工作取得阶段性成效全面启动新一轮行动", "",
            *_side_by_side(LEFT[2:], RIGHT[2:], 42)]
    cols = split_columns("\n".join(page))
    assert cols is not None
    lines = cols.text.split("\n")
    head = next(i for i, t in enumerate(lines) if "城乡环境" in t)
    assert lines.index(RIGHT[0]) < head < lines.index(LEFT[3]) < lines.index(RIGHT[3])


def test_plain_text_is_left_alone() -> None:
    assert split_columns("\n".join(["标题", "", *LEFT, "", *RIGHT])) is None


def test_layout_pages_of_the_second_blind_corpus_score() -> None:
    """The essay page printed with `-layout` (two columns side by side) keeps its
    paragraphs and numbered subheads; nothing of the page is lost."""
    from benchmarks.ingest_families import score

    text = (BLIND2 / "theory-2.txt").read_text(encoding="utf-8")
    result = ingest_texts([("theory-2.txt", text)], "北原日报", dt.date(2025, 3, 11))
    s = score(BLIND2 / "theory-2.truth.json", result.edition.model_dump(mode="json", exclude_none=True))
    assert s["f1"] >= 0.8 and s["subheads"] == s["subheads_n"], s


def test_tables_in_text_are_articles_with_a_paragraph_per_row() -> None:
    """A results list and a standings table (rows of short cells set apart by spaces) are
    content: each row a paragraph of its own, as printed, under the table's title; nothing
    is set aside as furniture and no row becomes a headline."""
    text = (Path(__file__).resolve().parent.parent / "fixtures" / "ingest-blind" / "sports-1.txt").read_text(encoding="utf-8")
    result = ingest_texts([("sports-1.txt", text)], "临海日报", dt.date(2025, 3, 9))
    assert not [item for _, item in result.furniture if item.reason == "table"]
    paragraphs = ["".join(b.text.split()) for a in result.edition.articles for b in a.blocks if getattr(b, "text", None)]
    assert "临海海港2：0江州城" in paragraphs and "排名球队场次胜平负积分" in paragraphs
    assert "1临海海港20202" in paragraphs
    heads = [a.headline for a in result.edition.articles]
    assert not any(h and (h.startswith(("临海海港 2", "排名", "1 ")) or "场次" in h) for h in heads)
