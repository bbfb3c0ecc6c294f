"""Conventions that recur across the development families of session 10: bylines the
rules missed, signatures that close a story, datelines and jump lines in more forms.
Each page here is written for the test (no corpus text)."""

from __future__ import annotations

import datetime as dt

import pytest

from exporter.ingest import fields, ingest_texts
from exporter.ingest.repair import undouble
from exporter.model import Article, Paragraph


def _ingest(page: str) -> list[Article]:
    return ingest_texts([("page3.txt", page)], "东江晚报", dt.date(2025, 3, 1)).edition.articles


def _paras(article: Article) -> list[str]:
    return [b.text for b in article.blocks if isinstance(b, Paragraph)]


@pytest.mark.parametrize(("line", "names"), [
    ("报道：黄敏仪　摄影：陈家豪", ["黄敏仪", "陈家豪"]),
    ("作者：林一舟", ["林一舟"]),
    ("文·图：卜凡", ["卜凡"]),
    ("文/东江都市报记者 何思敏 通讯员 陈路", ["何思敏", "陈路"]),
    ("李国栋 报道", ["李国栋"]),
    ("苏小满 著", ["苏小满"]),
])
def test_labelled_bylines(line: str, names: list[str]) -> None:
    found = fields.own_line_byline(line)
    assert found is not None and found[1] == names


def test_a_role_before_the_name_is_not_read_as_a_name() -> None:
    found = fields.own_line_byline("本报记者 谢慧玲 报道")
    assert found is not None and found[1] == ["谢慧玲"]


@pytest.mark.parametrize(("line", "names"), [
    ("晚报记者 叶澜", ["叶澜"]),
    ("读者 李国平", ["李国平"]),
    ("河东区 马玉珍（72岁）", ["马玉珍"]),
    ("（县农技推广中心 韦丽萍）", ["韦丽萍"]),
    ("Margaret Yip, Wo Lok", ["Margaret Yip"]),
])
def test_signatures(line: str, names: list[str]) -> None:
    found = fields.signature(line)
    assert found is not None and found[1] == names


def test_bare_names_in_closing_brackets() -> None:
    assert fields.trailing_byline("只能请亲友帮忙。（王丽珠）") == ("只能请亲友帮忙。", "王丽珠", ["王丽珠"])
    assert fields.trailing_byline("故事还没有讲完。（未完待续）") is None
    assert fields.trailing_byline("新华社消息。（新华）") is None


@pytest.mark.parametrize(("text", "dateline", "byline"), [
    ("本报讯 记者 沈逸 从下周一起，地铁加开列车。", "本报讯", "记者 沈逸"),
    ("【本報專訊】記者麥綺雯報道：新股市場回暖。", "本報專訊", "記者麥綺雯報道"),
    ("（新山12日讯）柔佛州政府宣布兴建巴士枢纽。", "新山12日讯", None),
    ("（本报曼谷讯）曼谷轻轨延长段通车。", "本报曼谷讯", None),
    ("【本報消息】運輸工務司昨日宣佈。", "本報消息", None),
])
def test_more_openings(text: str, dateline: str, byline: str | None) -> None:
    o = fields.opening(text)
    assert (o.dateline, o.byline) == (dateline, byline)


def test_an_unbracketed_opening_needs_a_space_after_the_name() -> None:
    assert fields.opening("本报讯 昨天下午，市区举行活动。").byline is None


def test_jump_lines_with_a_bare_page_code() -> None:
    assert fields.JUMP_TO.search("他呼吁河边居民提高警惕，（转B3）")["to"] == "B3"
    assert fields.JUMP_TO.search("（續見A2）")["to"] == "A2"
    assert fields.JUMP_FROM.match("（接B1）今天")["to"] == "B1"
    assert fields.JUMP_TO.search("编号（A3）") is None


def test_a_bullet_printed_once_before_fake_bold() -> None:
    assert undouble("●周周美美华华当当选选劳劳模模") == "●周美华当选劳模"
    assert undouble("●周美华当选劳模") is None


SIGNED = """\
港仔街老船王辞世

  鹭城造船业先驱苏怀远先生于11月
11日在家中安详辞世，享年95岁。
  晚年，他把大部分积蓄捐给家乡，
建起了三所小学和一座渔民医院。
                   晚报记者 叶澜
  港仔街的老街坊自发来到苏怀远先
生家门前，献上白菊花。
"""


def test_a_right_set_byline_signs_and_closes_the_story_above() -> None:
    arts = _ingest(SIGNED)
    assert arts[0].headline == "港仔街老船王辞世" and arts[0].authors == ["叶澜"]
    assert _paras(arts[0])[-1] == "晚年，他把大部分积蓄捐给家乡，建起了三所小学和一座渔民医院。"
    assert len(arts) == 2 and _paras(arts[1]) == ["港仔街的老街坊自发来到苏怀远先生家门前，献上白菊花。"]


JUMPED = """\
全会召开审议规划建议

  本报讯（记者 汪启明）11月13日，全会在市会议中心召开。
  全会强调，要加快建设先进制造业基地，（下转第2版）

评
论
员
文
章
把把规规划划蓝蓝图图变变为为施施工工图图
  市委全会描绘了未来五年的发展蓝图。蓝图已经绘就，关键在于落实。
"""


def test_a_jump_line_ends_a_run_on_paragraph() -> None:
    arts = _ingest(JUMPED)
    assert arts[0].continued_to == "第2版" and arts[0].authors == ["汪启明"]
    assert (arts[1].kicker, arts[1].headline) == ("评论员文章", "把规划蓝图变为施工图")
    assert _paras(arts[1]) == ["市委全会描绘了未来五年的发展蓝图。蓝图已经绘就，关键在于落实。"]


KICKER_AND_HEAD = """\
城市足球联赛  东东湖湖楚楚风风主主场场逆逆转转岭岭州州海海港港

  4月19日晚，城市足球联赛第8轮在东湖体育中心打响，东湖楚风队逆转取胜。
"""


def test_a_plain_kicker_and_a_bold_headline_on_one_line() -> None:
    arts = _ingest(KICKER_AND_HEAD)
    assert (arts[0].kicker, arts[0].headline) == ("城市足球联赛", "东湖楚风主场逆转岭州海港")
