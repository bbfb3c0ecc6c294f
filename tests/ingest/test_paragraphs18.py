"""Paragraph breaks on text pages, round five (session 18, text18para): a CJK sentence end a
glyph short of its column before a Han glyph, and the lines set out left of an indented
numbered item. The lines are from the development corpora: ingest-blind13 kidsci-k1 and
parish-m1 (the pages the rules were shaped on), ingest-blind2 hongkong-1 and the raw corpus's
rawtext-3 (pages they gain on), ingest-blind12 auction-a2 and ingest-blind5 hkfinance-a3 (the
false breaks a first version made)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from exporter.ingest.layout import Line, Para, lay_out_page
from exporter.ingest.paragraphs import outdented
from exporter.ingest.weights import SHIPPED, Weights


def _paras(page: str, weights: Weights | None = None) -> list[str]:
    laid = lay_out_page("page1.txt", page, weights=weights)
    return [piece.raw for piece in laid.pieces if isinstance(piece, Para)]


# ingest-blind13 kidsci-k1: an answer of two flush paragraphs in a column of 18 glyphs
ANSWER = ("答：企鹅腿上的血管排得很巧妙，流向脚\n的热血和流回身体的冷血紧紧挨着，热量\n在半路就传给了回流的血液，脚上的温度\n"
          "只比冰面高一两度，热量散失得很少。\n另外，企鹅脚上几乎没有肌肉，主要是骨\n头和筋，不怕冷。冷得厉害时，它们还会\n"
          "用脚后跟和尾巴撑着站立，让脚掌尽量少\n碰冰面。\n")


def test_a_sentence_end_a_glyph_short_before_a_han_glyph_ends_its_paragraph() -> None:
    paras = _paras(ANSWER)
    assert len(paras) == 2
    assert paras[0].endswith("热量散失得很少。") and paras[1].startswith("另外，企鹅脚上")


def test_the_glyph_rule_is_a_weight() -> None:
    assert len(_paras(ANSWER, replace(SHIPPED, glyph_short=2.0))) == 1  # two glyphs short asked: it runs on as before


def test_a_glyph_short_in_a_column_of_thirteen_ends_a_paragraph_too() -> None:
    # ingest-blind2 hongkong-1: two figures take one glyph's room
    page = ("天文台預測，受華南沿岸的偏\n東氣流影響，本港明日天氣大\n致天晴，最高氣溫約24度。\n"
            "天文台提醒市民，早晚溫差較\n大，長者及體弱人士應注意保\n暖。\n")
    assert _paras(page) == ["天文台預測，受華南沿岸的偏東氣流影響，本港明日天氣大致天晴，最高氣溫約24度。",
                            "天文台提醒市民，早晚溫差較大，長者及體弱人士應注意保暖。"]


def test_a_line_as_wide_as_the_line_above_it_runs_on() -> None:
    # ingest-blind12 auction-a2: the answer's lines are 15 glyphs, the question over it 16
    page = ("問：家中有一套祖父留下的酸枝椅，\n近年表面開始乾裂，應該怎樣保養？\n\n"
            "答：酸枝木怕乾也怕潮，冷氣房內\n最好放一盆清水，避免陽光直射。\n表面可用軟布蘸少量核桃油輕擦。\n")
    assert _paras(page)[-1] == "答：酸枝木怕乾也怕潮，冷氣房內最好放一盆清水，避免陽光直射。表面可用軟布蘸少量核桃油輕擦。"


def test_half_a_glyph_short_runs_on() -> None:
    # ingest-blind5 hkfinance-a3: figures leave half a glyph's room at a wrap
    page = ("  差餉物業估價署最新數據顯示，10\n月私人住宅售價指數按月跌0.3%，連\n跌兩個月；租金指數則按月升0.5%，\n"
            "創歷史新高。\n牌的美心餐飲控股公開發售部分僅獲\n1.8倍超額認購，一手中籤率100%。\n"
            "該股每股招股價定於2.18元，為招股\n範圍下限。\n")
    assert _paras(page)[-1].endswith("一手中籤率100%。該股每股招股價定於2.18元，為招股範圍下限。")


def test_a_line_set_out_left_of_an_indented_item_ends_the_item() -> None:
    # ingest-blind13 parish-m1: the agenda's items are set in three spaces, the paragraph under them flush
    page = ("The Annual General Meeting of the Kilbra-\nnagh Community Hall Committee will be\n"
            "held in the hall on Thursday, 17 December\n2026 at 8pm.\n   1. Minutes of the 2025 AGM.\n"
            "   2. Treasurer's report and accounts.\n   3. Election of officers for 2027.\n"
            "Nominations must reach the Secretary by 10\nDecember.\n")
    paras = _paras(page)
    assert paras[-2] == "3. Election of officers for 2027."
    assert paras[-1].startswith("Nominations must reach the Secretary by 10")


def test_the_closing_line_under_a_notices_last_item_is_its_own() -> None:
    # the raw corpus's rawtext-3: 特此公告。 under the last numbered item
    page = ("为做好滨江新区乡村公路提升项目前期工作，广泛听取群众意见，现将有关事项公告如下：\n"
            "一、征求意见时间：2025年3月5日至3月19日，共15天。\n二、意见反馈方式：可将意见建议书面送至区卫生健康委办公室。\n"
            "特此公告。\n")
    assert _paras(page)[-1] == "特此公告。"


def test_outdented_reads_only_a_numbered_item_set_in() -> None:
    item, under = Line(1, 3.0, "3. Election of officers for 2027."), Line(2, 0.0, "Nominations must reach the Secretary by 10")
    assert outdented(under, [item])
    assert not outdented(under, [Line(1, 3.0, "The Annual General Meeting of the Kilbra-")])  # a paragraph's indent
    assert not outdented(Line(2, 3.0, "Storage LLC for a special permit to"), [item])  # a hanging indent


def _page_paras(path: str, *opening: str) -> list[str]:
    text = (Path(__file__).parent.parent / "fixtures" / path).read_text(encoding="utf-8")
    return [p.raw for p in lay_out_page("page1.txt", text).pieces if isinstance(p, Para) and p.raw.startswith(opening)]


def test_a_latin_line_printed_across_the_columns_sets_no_measure() -> None:
    # ingest-blind4 weekly-a6: the police log's note under it, 39 cells wide in a column of 18;
    # measured against it no entry's line was full, so the entries' hanging lines opened paragraphs
    paras = _page_paras("ingest-blind4/weekly-a6.txt", "March 6", "resident", "stolen")
    assert paras == ["March 6, 9:14 a.m.: A Hollis Avenueresident reported a packagestolen from a porch."]


def test_a_sign_off_across_the_columns_makes_no_line_short() -> None:
    # ingest-blind10 prairie-w4: `Arrangements entrusted to …`, 29.5 cells in a column of 19.5
    paras = _page_paras("ingest-blind10/prairie-w4.txt", "A memorial", "nity", "12, at")
    assert len(paras) == 1 and "Saturday, Dec.12, at 2 p.m." in paras[0]


def test_the_across_line_is_a_weight() -> None:
    page = (Path(__file__).parent.parent / "fixtures" / "ingest-blind10/prairie-w4.txt").read_text(encoding="utf-8")
    laid = lay_out_page("page1.txt", page, weights=replace(SHIPPED, wide_share=4.0))  # no line left out
    assert any(isinstance(p, Para) and p.raw.startswith("12, at 2 p.m.") for p in laid.pieces)
