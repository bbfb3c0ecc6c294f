"""Printed conventions met on the fresh families (each first failed on pages written
after the rules were frozen): bylines, jumps, credits and furniture lines."""

from __future__ import annotations

from collections import Counter

import pytest

from exporter.ingest import english, fields, furniture
from exporter.ingest.layout import lay_out_page
from exporter.ingest.repair import join_wrapped


@pytest.mark.parametrize(("line", "names"), [
    ("文/ 洪海涛", ["洪海涛"]),
    ("文／王芳 李明", ["王芳", "李明"]),
    ("记者 Karen Lee 通讯员 陈美玲", ["Karen Lee", "陈美玲"]),
    ("本报记者 程丽华  实习生 韦一鸣", ["程丽华", "韦一鸣"]),
])
def test_bylines_on_their_own_line(line: str, names: list[str]) -> None:
    found = fields.own_line_byline(line)
    assert found is not None and found[1] == names


def test_byline_not_found_in_running_text() -> None:
    assert fields.own_line_byline("文件要求各地加快推进。") is None
    assert fields.split_credit("图/文 王芳") is None  # words and pictures: a byline, not a photo credit


def test_opening_bylines() -> None:
    o = fields.opening("【本報訊】記者 Karen Lee 報道：7月25日，荃灣")
    assert (o.dateline, o.byline) == ("本報訊", "記者 Karen Lee 報道")
    assert fields.authors(o.byline)[1] == ["Karen Lee"]
    o = fields.opening("【記者林志豪／台北報導】市府今天宣布")
    assert o.byline == "記者林志豪／台北報導" and fields.authors(o.byline)[1] == ["林志豪"]


def test_a_bracketed_byline_standing_alone_closes_the_story() -> None:
    found = fields.trailing_byline("（記者 陳美玲）")
    assert found is not None and found[0] == "" and found[2] == ["陳美玲"]


def test_english_bylines_and_jumps() -> None:
    assert english.byline("By DOLORES RUIZ | The Lakeshore Daily News") == (
        "DOLORES RUIZ | The Lakeshore Daily News", ["Dolores Ruiz"])  # names in name case
    m = fields.JUMP_TO.search("Please see LIBRARY, A6")
    assert m is not None and fields.jump_page(m) == "page A6"
    assert fields.JUMP_TO.search("The A6 road, see the map") is None


def test_credit_labels_and_editor_lines() -> None:
    assert fields.split_credit("图/本报记者 王芳") == ("", "本报记者 王芳")
    assert furniture.folio("本版编辑　程晓　校对　韦宁")
    assert not furniture.folio("本版编辑部门今天发布通知。")


def test_credits_in_corner_and_lenticular_brackets() -> None:
    """Taiwan papers close a caption with 〔記者林冠廷攝〕; others with 【记者 王芳／摄】."""
    assert fields.split_credit("欣賞夕陽沒入台灣海峽的美景。〔記者林冠廷攝〕") == ("欣賞夕陽沒入台灣海峽的美景。", "記者林冠廷")
    assert fields.split_credit("市民赏荷。【记者 王芳／摄】") == ("市民赏荷。", "记者 王芳")


def test_a_teaser_strip_naming_two_pages_is_a_folio_line() -> None:
    assert furniture.folio("要闻导读　　全市新增3个15分钟便民生活圈　A04　　|　　长江江城段水位回落　A06")
    assert not furniture.folio("详见A04版。")


def test_ad_labels() -> None:
    """The label an ad carries: alone, or bracketed at a line's start or end (not a licence
    number that happens to start with 广告)."""
    assert furniture.ad_label("客服热线 95599　（广告）") and furniture.ad_label("【廣告】全館五折") and furniture.ad_label("广告")
    assert not furniture.ad_label("广告许可证：江工商广字001号") and not furniture.ad_label("这则（广告）违规")
    assert furniture.advert(["江城银行", "客服热线 95599　（广告）"])


def test_english_folio_lines_and_mastheads() -> None:
    """A weekday and a date are two folio signals, and so is an issue number (Vol. 138,
    No. 11); a line of running text that names a date is not a folio."""
    assert furniture.folio("Vol. 138, No. 11 | Thursday, March 13, 2025 | $1.50")
    assert furniture.folio("THE ISLAND HERALD | SATURDAY, MARCH 15, 2025")
    assert not furniture.folio("On Tuesday, March 4, 2025, the council said")
    laid = lay_out_page("p.txt", "The Millbrook Sentinel\nServing Millbrook since 1887\n"
                                 "Vol. 138, No. 11 | Thursday, March 13, 2025\n\nCouncil passes budget\n")
    assert [f.reason for f in laid.furniture] == ["folio line"] * 3


def test_a_display_run_opening_a_block_is_cut_off() -> None:
    """A fake-bold headline run into its byline and body with no blank line is a block of
    its own; a numbered fake-bold subhead stays in its text."""
    laid = lay_out_page("p.txt", "柑柑橘橘春春梢梢期期管管理理要要点点\n■本报通讯员 黄志强\n  春梢是柑橘当年的主要结果母枝，\n"
                                 "春梢期管理好坏直接影响全年产量。\n")
    assert [type(p).__name__ for p in laid.pieces][:2] == ["Head", "BoxByline"]
    assert laid.pieces[0].raw == "柑橘春梢期管理要点"


def test_an_english_headline_over_its_story_without_a_blank_line() -> None:
    """A headline the story's first lines restate, or one that leaves room for the next
    line's first word, is cut off its story; a column's ordinary line is not."""
    page = ("The Cedar Falls library will open a new\nwing for children on Monday, staff said.\n\n"
            "Hollis girls reach state semifinal\nThe Hollis High girls basketball\nteam beat Brandt Valley 61-54 on\n"
            "Saturday to reach the state Class B\nsemifinals for the first time since\n2009.\n")
    laid = lay_out_page("p.txt", page)
    assert [type(p).__name__ for p in laid.pieces] == ["Para", "Head", "Para"]
    plain = ("Council members Ray Pruitt and Helen\nOyelaran voted against the plan,\narguing that the town should have\n"
             "drawn more from its reserve fund.\n")
    assert [type(p).__name__ for p in lay_out_page("p.txt", plain).pieces] == ["Para"]


def test_english_bylines_over_a_role_line() -> None:
    laid = lay_out_page("p.txt", "By Tom Haverford\nSentinel Correspondent\nNeed a ladder for one weekend?\n")
    assert laid.pieces[0].names == ["Tom Haverford"]
    laid = lay_out_page("p.txt", "Daniel Seah\nFor The Island Herald\nWhen we talk about void decks, we\n")
    assert laid.pieces[0].names == ["Daniel Seah"]


def test_a_drop_cap_joins_its_word() -> None:
    assert join_wrapped(["T", "he Millbrook Town Council voted"], Counter())[0] == "The Millbrook Town Council voted"
    assert join_wrapped(["Team", "B", "wins"], Counter())[0] == "Team B wins"


def test_brief_items_and_notice_titles_are_cut_off_their_text() -> None:
    """A bulleted brief's title runs to the dateline that opens its text; a notice title
    set right over its text is a block of its own."""
    laid = lay_out_page("p.txt", "● 省高院发布十起涉老年人权益典\n型案例 本报讯（记者 周一帆）3\n月13日，省高级人民法院发布案例。\n"
                                 "● 岭州破获一起跨省电信诈骗案\n本报讯 近日，岭州市公安局破获一起诈骗案。\n")
    heads = [p.raw for p in laid.pieces if type(p).__name__ == "Head"]
    assert heads == ["省高院发布十起涉老年人权益典型案例", "岭州破获一起跨省电信诈骗案"]
    assert laid.dropped["●"] == 2
    laid = lay_out_page("p.txt", "减资公告\n  珠岸鸿图建材有限公司经股东会决议，注册资本减少。\n")
    assert [type(p).__name__ for p in laid.pieces] == ["Head", "Para"]


def test_a_browsers_hyphen_at_a_break_is_rejoined() -> None:
    dropped: Counter[str] = Counter()
    assert join_wrapped(["will gua\u2010", "rantee it"], dropped)[0] == "will guarantee it"
    assert dropped["\u2010"] == 1


def test_displaced_subheads_before_one_line_paragraphs_do_not_divide_by_zero() -> None:
    """Two displaced subheads whose only places are two one-paragraph sections: every choice
    is as even as another, and the choice must not fail (a blind page crashed here, exit 1)."""
    from exporter.ingest.layout import Line, Para
    from exporter.ingest.segment import _imbalance

    paras = [Para([Line(no, 2.0, text)], gap_before=no > 1) for no, text in enumerate(["导语。", "甲。", "乙。"], 1)]
    assert _imbalance(paras, {1, 2}) == 0.0
    assert _imbalance([Para([Line(1, 0.0, "")]), Para([Line(2, 0.0, "")])], {0, 1}) == 0.0
    assert _imbalance(paras, {1}) == 0.0  # one section: nothing to compare
