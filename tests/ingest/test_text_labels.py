"""Text pages of papers the rules were not shaped on (session 13): a column label or a jump
line printed on its headline's line, a headline printed under its story, a question as a
headline, and heads set right over their text. The lines are from the
development corpora (ingest-blind8 screen-e1, ingest-blind7 travel-t4 and railway-r4, ingest-blind5 borneo-b3,
ingest-blind4 citydaily-a10 and -a11)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

from exporter.ingest import ingest_texts
from exporter.ingest.layout import SHIPPED, Head, lay_out_page, read_lines

DAY = dt.date(2026, 12, 4)
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


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


# ingest-blind4 citydaily-a11: an editor's note with no head, then letters each headed by
# a fake-bold line set right over its text (one a question)
LETTERS = """\
编者按：您身边有哪些烦心事、暖心事？欢迎来信来电。本版将选登部分来信，并联系有关部门答复。

小小区区门门口口的的共共享享单单车车谁谁来来管管？？
  我家住在河西区柳岸花园，小区南门
口每天早晚都堆满了共享单车，有时连
人行道都堵死了。希望有关部门和单车
企业能加强管理，及时清运。
                       读者 刘建国

回回音音壁壁
区区城城管管局局答答复复：：已已设设电电子子围围栏栏
  接到读者来信后，河西区城管局立即
联系辖区三家共享单车企业，在柳岸花
园南门外设置了电子围栏停放区。
"""


def test_a_question_in_display_type_over_its_story_is_its_headline() -> None:
    pieces = lay_out_page("a11.txt", LETTERS).pieces
    assert isinstance(pieces[1], Head) and pieces[1].lines[0].text == "小区门口的共享单车谁来管？"


def test_heads_set_right_over_their_text_head_the_story_below() -> None:
    """The whole page: an editor's note with no head opens it, and one letter's headline is
    printed under it; the others stand right over their text (no blank line) with a blank
    line above, so none is taken by the story above it (every head shifted a slot)."""
    page = (FIXTURES / "ingest-blind4" / "citydaily-a11.txt").read_text(encoding="utf-8")
    arts = ingest_texts([("citydaily-a11.txt", page)], "北津都市报", DAY).edition.articles
    opening = {a.headline: "".join(a.lead + [b.text for b in a.blocks if b.type == "paragraph"])[:6] for a in arts}
    assert opening["小区门口的共享单车谁来管？"] == "我家住在河西"
    assert opening["区城管局答复：已设电子围栏"] == "接到读者来信"
    assert opening["一位公交司机的善举"] == "上周三傍晚，"  # printed under its letter
    assert opening["老年人办事能否多留个人工窗口"] == "现在去银行、"


def test_an_interview_question_in_display_type_stays_a_turn() -> None:
    page = ("问问：：演演唱唱會會有有甚甚麼麼驚驚喜喜？？\n麥：我會唱幾首從未公開\n的歌，都是病中寫的。\n")
    heads = [p for p in lay_out_page("e1.txt", page).pieces if isinstance(p, Head)]
    assert heads == []


def test_a_folio_printed_over_short_lines_at_the_page_top_is_set_aside() -> None:
    page = ("B6　美食．生活\n中華民國115年12月4日\n\n百百年年米米糕糕（接B5）\n"
            "「寧可少賣，也不能讓客人吃\n到放涼的米糕。」\n")  # ingest-blind7 food-f6
    laid = lay_out_page("f6.txt", page)
    assert [(f.no, f.reason) for f in laid.furniture] == [(1, "folio line"), (2, "folio line")]
    arts = _articles(page)
    assert (arts[0].kind, arts[0].headline, arts[0].continued_from) == ("article", "百年米糕", "B5")


def test_a_short_block_with_one_folio_signal_or_inside_the_page_stays() -> None:
    story = "  记者从市文化和旅游局获悉，新增传承人22名。\n"
    laid = lay_out_page("p.txt", "美食．生活\n中華民國115年12月4日\n\n" + story)  # a date alone: one signal
    assert laid.furniture == []
    laid = lay_out_page("p.txt", story + "\nB6　美食．生活\n中華民國115年12月4日\n\n" + story)
    assert laid.furniture == []  # between two stories: no page edge


def test_a_titled_table_under_a_story_is_an_article_of_its_own() -> None:
    """ingest-blind8 screen-e2: a box-office table under its fake-bold title, after a
    photo's caption: the title heads the table, not a section of the story above."""
    page = (FIXTURES / "ingest-blind8" / "screen-e2.txt").read_text(encoding="utf-8")
    arts = ingest_texts([("screen-e2.txt", page)], "維港晨報", DAY).edition.articles
    table = next(a for a in arts if a.headline == "上週末香港票房")
    assert [b.text for b in table.blocks][:2] == ["排名電影票房（港元）", "1 天涯追兇 612萬"]
    assert not any(b.type == "heading" for a in arts for b in a.blocks)


def test_a_table_inside_a_story_with_no_title_stays_in_it() -> None:
    page = ("本本周周菜菜价价稳稳中中有有降降\n  据市价格监测中心数据，本周副食品价格总体平稳，\n"
            "18个监测品种中9个下降。\n品种   单位   本周均价   环比\n猪肉（后腿）   元/公斤   26.40   -1.9%\n"
            "鸡蛋   元/公斤   9.80   +2.1%\n大白菜   元/公斤   2.60   -7.1%\n")  # ingest-blind3 business-b2
    assert len(_articles(page)) == 1


def test_a_headline_under_its_jump_line_heads_the_continued_text() -> None:
    english_page = (FIXTURES / "ingest-blind8" / "tasman-a3.txt").read_text(encoding="utf-8")  # From A1 / HIRA …
    art = ingest_texts([("tasman-a3.txt", english_page)], "The Waimatua Courier", DAY).edition.articles[0]
    assert art.headline == "HIRA WINS MAYORALTY"  # `From A1` stays text: as a jump line it could open a sentence
    assert (art.lead + [b.text for b in art.blocks])[0].startswith("From A1 deciding whether to seek a judicial")
    chinese_page = ("（上接第1版）\n市市委委十十四四届届九九次次全全体体会会议议召召开开\n"
                    "打造区域性科技创新中心和内陆开放高地。\n　　全会号召，全市各级党组织和广大党员干\n"
                    "部要更加紧密地团结在一起。\n")  # ingest-blind5 partyfront-p2
    art = _articles(chinese_page)[0]
    assert (art.headline, art.continued_from) == ("市委十四届九次全体会议召开", "第1版")
    assert art.blocks[0].text.startswith("打造区域性")


def test_capitals_under_a_jump_line_over_a_new_sentence_stay_text() -> None:
    page = "From A1\nNASA SAID ON MONDAY\nThe launch will go ahead.\n"
    heads = [p for p in lay_out_page("p.txt", page).pieces if isinstance(p, Head)]
    assert "NASA SAID ON MONDAY" not in [h.lines[0].text for h in heads]


def test_a_section_line_between_two_folio_lines_at_the_top_is_furniture() -> None:
    page = ("2026年12月4日 星期五\n老兵故事  4\n责任编辑：杜海峰  版式：钱敏\n老兵回忆录\n"
            "雪  夜  护  送  电  报  员\n　　那年腊月，团部的电报员小杨突发高烧。\n")  # ingest-blind8 veterans-v4
    laid = lay_out_page("v4.txt", page)
    assert [f.no for f in laid.furniture] == [1, 2, 3]
    assert [p.lines[0].text for p in laid.pieces if isinstance(p, Head)] == ["老兵回忆录", "雪夜护送电报员"]
    laid = lay_out_page("v4.txt", "2026年12月4日 星期五\n老兵故事  4\n　　那年腊月，团部的电报员小杨突发高烧。\n")
    assert [f.no for f in laid.furniture] == [1]  # a short line under the folio, over no second one, stays


def test_a_bracketed_signature_line_under_a_finished_paragraph_closes_it() -> None:
    page = ("醉醉驾驾男男子子被被判判拘拘役役\n  海平市港北区人民法院以危险驾驶\n罪判处王某拘役三个月，并处罚金\n"
            "8000元。\n（法治报记者 姚晴）\n")  # ingest-blind6 courts-f3
    art = _articles(page)[0]
    assert art.authors == ["姚晴"]
    assert (art.lead + [b.text for b in art.blocks])[-1] == "海平市港北区人民法院以危险驾驶罪判处王某拘役三个月，并处罚金8000元。"
