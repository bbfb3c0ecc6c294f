"""Story boundaries and head groups on text pages (session 18, text18cut). Every page here is
lines of a development corpus (ingest-blind13, shaped on; see docs/ingest.md for the corpora
each rule gained on): a question under a letter-spaced label is a headline, not a caption;
a head group that opens its block over a deck in dashes; a brief's fake-bold title whose last
glyphs open its text; a column label over a headline that wraps; a one-line ad that opens with
its label; a head framed whole in 【】."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

from exporter.ingest import ingest_texts
from exporter.ingest.layout import lay_out_page, read_lines
from exporter.ingest.weights import SHIPPED

DAY = dt.date(2026, 12, 7)
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _articles(page: str, language: str = "zh-CN") -> list:
    return ingest_texts([("page1.txt", page)], "晨报", DAY, language).edition.articles


def _text(article) -> str:  # noqa: ANN001 - an Article
    return "".join(getattr(b, "text", None) or getattr(b, "caption", None) or "" for b in article.blocks)


# kidsci-k1 (blind13): a kicker letter-spaced over a two-line fake-bold headline
KIDSCI = """\
小火花科学报    2026年12月7日 星期一
第48期（总第1216期）  每份1.00元  第2版

冬 至 快 到 了
为为什什么么冬冬天天白白
天天短短黑黑夜夜长长

  再过两个星期就是冬至了。这几天放学
回家，很多同学发现，还没走到小区门口，
路灯就已经亮了。冬天的白天为什么这么
短呢？
  原来，地球绕着太阳转的时候，身子是
斜着的，地轴和公转轨道面之间有一个大
约66.5度的夹角。
                 （科普作家 叶知秋）
"""


def test_letter_spaced_display_type_is_told_from_fake_bold() -> None:
    """Both are display type (bold); the reader keeps which it was, for the caption rule below
    (cutting a head where the two types meet was tried and left out: blind9 lost two titles)."""
    lines = [line for line in read_lines(KIDSCI, Counter(), SHIPPED) if line is not None]
    assert [(line.text, line.bold, line.spaced) for line in lines[2:5]] == [
        ("冬至快到了", True, True), ("为什么冬天白", True, False), ("天短黑夜长", True, False)]
    story = next(a for a in _articles(KIDSCI) if "冬至了" in _text(a))
    assert "为什么冬天白天短黑夜长" in (story.kicker or "") + (story.headline or "")


def test_a_question_under_a_letter_spaced_label_heads_its_story_not_a_caption() -> None:
    """zoo-z1 (blind13): `保 育 員 信 箱` over `冬冬天天動動物物們們怎怎麼麼保保暖暖？？`, a Q&A
    under it: read as a bold caption, it left the Q&A to run on into the story above."""
    page = (FIXTURES / "ingest-blind13" / "zoo-z1.txt").read_text(encoding="utf-8")
    articles = _articles(page, "zh-TW")
    letter = next(a for a in articles if "寒流來了" in _text(a))
    assert (letter.headline or "").endswith("冬天動物們怎麼保暖？")
    assert letter.kind == "article" and letter.authors == ["林品妤"]
    assert not any("栗子" in _text(a) and "寒流" in _text(a) for a in articles)  # the two stories stay apart


# union-u1 (blind13): kicker and two-line headline in fake bold over a deck in dashes, one block
UNION = """\
江陵职工报   江陵市总工会主办
2026年12月7日 星期一  第4版  维权服务

冬冬季季送送温温暖暖
市市总总工工会会为为332200
00名名户户外外劳劳动动者者送送去去棉棉衣衣
——全市新建“爱心驿站”46个

  本报讯（记者 章一帆 通讯员 贺
岚）12月4日，江陵市总工会“冬送温
暖”活动在城南环卫所启动。

          法 律 信 箱
加加班班费费应应该该怎怎样样计计算算

问：我在一家物流公司上班，经常周
末加班，这样合法吗？（读者 毛
先生）
答：根据劳动法，应支付不低于工资
200%的报酬。
 （江陵市职工法律援助中心律师 邵文博）
"""


def test_a_head_group_opening_its_block_over_a_dashed_deck_heads_the_story_under_it() -> None:
    page = lay_out_page("page1.txt", UNION)
    heads = [[line.no for line in p.lines] for p in page.pieces if type(p).__name__ == "Head"]
    assert [4, 5, 6] in heads and [7] in heads
    articles = _articles(UNION)
    news = next(a for a in articles if "冬送温暖" in _text(a))
    assert news.subheadline == "全市新建“爱心驿站”46个"
    assert "棉衣" in (news.headline or "")
    letter = next(a for a in articles if "物流公司" in _text(a))
    assert letter.headline == "加班费应该怎样计算"  # no headline shifted down a story


# township-x1 (blind13): brief titles in fake bold whose last glyphs open the brief's text
BRIEFS = """\
         乡 镇 简 讯
■马马坪坪乡乡开开展展冬冬季季
义义诊诊 县人民医院12名医生日
前来到马坪乡，为300多名群众免
费体检，送去常用药品20余种。
（龙彬）
■溪溪口口镇镇首首座座桥桥梁梁
护护栏栏完完工工 溪口镇跨河大
桥护栏加固工程近日完工，消除了
村民出行的一大安全隐患。（覃小
梅）
"""


def test_a_brief_title_wrapped_into_its_text_is_one_headline() -> None:
    heads = [a.headline for a in _articles(BRIEFS)]
    assert "马坪乡开展冬季义诊" in heads
    assert "溪口镇首座桥梁护栏完工" in heads
    first = next(a for a in _articles(BRIEFS) if a.headline == "马坪乡开展冬季义诊")
    assert _text(first).startswith("县人民医院12名医生")


# union-u2 (blind13): a column label in fake bold over a headline that wraps after four glyphs
LABEL = """\
第5版  劳模风采  责任编辑：蒲一凡

       劳劳模模风风采采
       ““焊焊花花””里里
     绽绽放放的的青青春春

□ 本报记者 邬思思
  在江陵重工的车间里，29岁的焊
工蒲晓燕戴着面罩，焊枪下火花四
溅。
"""


def test_a_column_label_over_a_wrapped_headline_is_set_aside() -> None:
    result = ingest_texts([("page1.txt", LABEL)], "晨报", DAY, "zh-CN")
    story = next(a for a in result.edition.articles if "焊枪" in _text(a))
    assert story.headline == "“焊花”里绽放的青春"
    assert any(item.text == "劳模风采" and "label" in item.reason for _, item in result.furniture)


def test_a_one_line_ad_that_opens_with_its_label_is_set_aside() -> None:
    """puzzles-p2 (blind13): the page's foot line `ADVERTISEMENT: …` is no photo's title."""
    page = ("                     Picture: Helen Cobb\n\n"
            "ADVERTISEMENT: Ashby Games Shop, 14 Bath Street - chess sets from GBP 12\n")
    result = ingest_texts([("page1.txt", "Grandmaster Ruth Kilby plays 24 pupils\nat once.\n" + page)],
                          "Courier", DAY, "en")
    assert any(item.reason == "advertisement" and item.text.startswith("ADVERTISEMENT:") for _, item in result.furniture)
    assert not any("Ashby Games" in (a.headline or "") for a in result.edition.articles)


def test_a_head_framed_whole_in_lenticular_brackets_loses_them() -> None:
    """union-u2 (blind13): `【职工书屋新增图书2000册】` over its brief; the brackets are counted
    as dropped layout, so every other character is kept."""
    page = ("【职工书屋新增图书2000册】\n  市总工会近日为全市30家企业职\n工书屋配送新书2000册，涵盖技能\n"
            "培训、文学、健康等门类。（贺岚）\n")
    result = ingest_texts([("page1.txt", page)], "晨报", DAY, "zh-CN")
    assert [a.headline for a in result.edition.articles] == ["职工书屋新增图书2000册"]
    assert result.dropped["【"] >= 1 and result.dropped["】"] >= 1
