"""Text pages of papers the rules were not shaped on (session 13): a column label printed
on its headline's line, in plain type before the fake-bold headline. The lines are from the
development corpora (ingest-blind8 screen-e1, ingest-blind7 travel-t4, ingest-blind6 exam-e5)."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from exporter.ingest import ingest_texts
from exporter.ingest.layout import SHIPPED, Head, lay_out_page, read_lines

DAY = dt.date(2026, 12, 4)


def _articles(page: str) -> list:
    return ingest_texts([("page1.txt", page)], "維港晨報", DAY).edition.articles


def test_a_label_then_a_doubled_headline_on_one_line_is_two_heads() -> None:
    dropped: Counter[str] = Counter()
    lines = read_lines("亲子游  博博物物馆馆奇奇妙妙夜夜1122月月开开放放预预约约\n", dropped, SHIPPED)
    assert [(line.no, line.text, line.bold) for line in lines if line] == [
        (1, "亲子游", False), (1, "博物馆奇妙夜12月开放预约", True)]
    assert dropped == Counter("博物馆奇妙夜12月开放预约")  # the second copies


def test_a_label_and_its_headline_run_into_the_page_top_and_the_story() -> None:
    page = ("娛樂 E1\nENTERTAINMENT\n收視報告  《《海海港港人人家家》》大大結結局局破破三三十十點點\n"
            "　　（娛樂組報道）翡翠\n台長篇劇《海港人家》前\n晚播出大結局，平均收視\n\n"
            "31.4點，最高收視35點，\n是台方近三年來最高收視\n的電視劇。\n")
    heads = [p for p in lay_out_page("e1.txt", page).pieces if isinstance(p, Head)]
    assert [" ".join(line.text for line in h.lines) for h in heads][-2:] == ["收視報告", "《海港人家》大結局破三十點"]
    art = _articles(page)[-1]
    assert art.headline == "《海港人家》大結局破三十點"
    assert "".join(art.lead + [b.text for b in art.blocks if b.type == "paragraph"]).startswith("（娛樂組報道）翡翠台")


def test_a_label_in_front_of_running_text_or_a_doubled_lead_in_is_no_headline() -> None:
    dropped: Counter[str] = Counter()
    text = ("城市足球联赛  本周六晚在东湖体育中心举行。\n"  # the rest is plain
            "遗遗失失声声明明　东江市鑫达贸易有限公司遗失公章一枚\n"  # a notice's doubled lead-in
            "一项调查显示，  高高兴兴的孩子更爱读书。\n")  # a sentence, not a label
    lines = [line for line in read_lines(text, dropped, SHIPPED) if line]
    assert [line.text for line in lines if not line.leadin][0] == "城市足球联赛  本周六晚在东湖体育中心举行。"
    assert not any(line.bold and not line.leadin for line in lines)


def test_a_jump_line_run_into_the_continued_storys_doubled_headline() -> None:
    dropped: Counter[str] = Counter()
    text = "（接B1）加加帛帛区区两两村村落落水水患患\n百百年年米米糕糕（接B5）\n"
    lines = [line for line in read_lines(text, dropped, SHIPPED) if line]
    assert [(line.no, line.text, line.bold) for line in lines] == [
        (1, "加帛区两村落水患", True), (1, "（接B1）", False), (2, "百年米糕", True), (2, "（接B5）", False)]
    page = ("（上接第1版）北北岭岭至至松松原原高高铁铁完完成成全全线线联联调调联联试试\n\n"
            "同时还将带动沿线冰雪旅游和\n农产品物流发展。\n")
    art = _articles(page)[0]
    assert (art.headline, art.continued_from) == ("北岭至松原高铁完成全线联调联试", "第1版")
    assert [b.text for b in art.blocks] == ["同时还将带动沿线冰雪旅游和农产品物流发展。"]


def test_a_bracket_that_is_no_jump_line_stays_in_the_text() -> None:
    lines = [line for line in read_lines("（接上文）加加帛帛区区两两村村落落水水患患\n", Counter(), SHIPPED) if line]
    assert [(line.text, line.bold) for line in lines] == [("（接上文）加加帛帛区区两两村村落落水水患患", False)]


# ingest-blind4 citydaily-a10: a reporter's notes with its headline printed under the text
TOLD_AFTER = """\
问：家长最关心的是什么？
答：还是成绩。我们每学期开两次家长
会，不能让孩子只会刷题。

  采访那天，葛守义修一只怀表修了整
整一个上午。他说，修表急不得，一急
就出错。
  在这个什么都讲究“快”的时代，这样
一间慢吞吞的小铺子，反倒让人心里踏
实。
慢慢下下来来的的手手艺艺
■记者手记
                             苗 佳

全全市市非非遗遗代代表表性性传传承承人人增增至至112266人人
  本报讯 记者从市文化和旅游局获悉，
日前公布的第六批市级非物质文化遗产
代表性传承人名单中，新增传承人22名。
"""


def test_a_headline_printed_under_its_story_heads_that_story() -> None:
    pieces = lay_out_page("a10.txt", TOLD_AFTER).pieces
    heads = [k for k, p in enumerate(pieces) if isinstance(p, Head)]
    first = pieces[heads[0]]
    assert first.lines[0].text == "慢下来的手艺" and first.no == 11
    assert pieces[heads[0] + 1].lines[0].text.startswith("采访那天")  # the story follows its headline
    assert [line.no for line in first.lines] == [11]


def test_a_display_line_under_a_story_that_has_a_headline_stays_the_next_storys() -> None:
    page = ("全全市市非非遗遗代代表表性性传传承承人人增增至至112266人人\n"
            "  本报讯 记者从市文化和旅游局获悉，新增传承人22名。\n\n"
            "  采访那天，葛守义修一只怀表修了整个上午。\n"
            "慢慢下下来来的的手手艺艺\n\n"
            "  他说，修表急不得，一急就出错。\n")
    pieces = lay_out_page("a10.txt", page).pieces
    assert [p.lines[0].text for p in pieces if isinstance(p, Head)] == ["全市非遗代表性传承人增至126人", "慢下来的手艺"]
    assert [p.no for p in pieces] == sorted(p.no for p in pieces)  # nothing moved: no display block follows
