"""Printed conventions met on the fresh families (each first failed on pages written
after the rules were frozen): bylines, jumps, credits and furniture lines."""

from __future__ import annotations

import pytest

from exporter.ingest import english, fields, furniture


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
        "DOLORES RUIZ | The Lakeshore Daily News", ["DOLORES RUIZ"])
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
