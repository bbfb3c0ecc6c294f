"""Brief lists with run-in heads (exporter/ingest/briefs.py): each item its own article, the
list's label set aside, and what is not a list left alone; column labels over a headline
(exporter/ingest/labels.py) set aside, kickers and two-line headlines kept."""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter

from rich.console import Console

from exporter.ingest import ingest_texts
from exporter.ingest.layout import visible
from exporter.ingest.report import print_report

DAY = dt.date(2025, 3, 1)
STORY = ("全市部署全年重点工作\n\n"
         "  本报讯（记者 王芳）3月1日，市里召开会议，部署全年工作。会议要求各\n"
         "部门抓好落实，确保各项任务按期完成。\n\n")


def _heads(page: str) -> list[tuple[str | None, str | None]]:
    result = ingest_texts([("page1.txt", page)], "青川日报", DAY)
    return [(a.kicker, a.headline) for a in result.edition.articles]


def test_bulleted_run_in_heads_are_each_a_brief_and_the_label_is_set_aside() -> None:
    page = STORY + ("县内简讯\n\n"
                    "  ■县图书馆开展读书月活动 全县\n"
                    "各图书馆本月开展读书月活动，举办讲座二十场。\n"
                    "  ■岚溪镇举办农民技能培训班　梅\n"
                    "子坳村党支部书记介绍，村里成立了志愿服务队。\n")
    result = ingest_texts([("page1.txt", page)], "青川日报", DAY)
    arts = result.edition.articles
    assert [(a.kicker, a.headline) for a in arts[1:]] == [
        (None, "县图书馆开展读书月活动"), (None, "岚溪镇举办农民技能培训班")]
    assert arts[2].blocks[0].text == "梅子坳村党支部书记介绍，村里成立了志愿服务队。"
    assert any(item.text == "县内简讯" for _, item in result.furniture)


def test_bracketed_and_own_line_bulleted_titles_start_briefs() -> None:
    bracketed = STORY + ("  【黑沙环街市下周一恢复\n营业】议员认为，当局应同步检视区内泊车位不足的问题。\n"
                         "  【望厦体育中心暂停开放\n两日】有居民向本报反映，早上繁忙时段人车争路。\n")
    assert _heads(bracketed)[1:] == [(None, "黑沙环街市下周一恢复营业"), (None, "望厦体育中心暂停开放两日")]
    own_line = STORY + ("警  情  通  报\n\n▶小区车库电动车充电起火\n11月15日凌晨，城西区某小区地下\n车库内一辆电动自行车起火。\n\n"
                        "▶男子盗窃共享充电宝被拘\n男子周某多次盗窃商场内的共享\n充电宝，已被依法行政拘留。\n")
    assert _heads(own_line)[1:] == [(None, "小区车库电动车充电起火"), (None, "男子盗窃共享充电宝被拘")]


def test_a_title_over_its_dateline_line_is_cut_off() -> None:
    page = STORY + ("【地方短波】\n\n竹东图书馆夜间延长开放\n【竹东】竹东镇立图书馆即日起\n周三至周五延长开放至晚间9时。\n"
                    "湖口老街周末封街\n【湖口】湖口老街本周六、周日\n下午举办市集，实施交通管制。\n")
    assert [h for _, h in _heads(page)[1:]] == ["竹东图书馆夜间延长开放", "湖口老街周末封街"]


def test_author_boxes_datelines_and_single_items_are_not_briefs() -> None:
    """A box byline (■本报记者 X, ◎王文彦（社区志工）), a bracketed dateline (【本报消息】) and a
    lone bulleted line stay what they were: the rule needs a list of titles."""
    page = STORY + ("社区食堂推出“半份菜”\n\n■本报记者 李明\n"
                    "  【本报消息】为减少浪费，河西区8家社区食堂本月起推出“半份菜”。\n"
                    "  【本报消息】不少老人表示，半份菜让他们能多点几样菜。\n")
    result = ingest_texts([("page1.txt", page)], "青川日报", DAY)
    second = result.edition.articles[1]
    assert second.headline == "社区食堂推出“半份菜”" and second.authors == ["李明"]
    assert not any("本报消息" in (a.headline or "") for a in result.edition.articles)
    lone = STORY + "  ■金价回落　现货金价昨日回落至每\n盎司2,318美元。\n"
    assert [h for _, h in _heads(lone)] == ["全市部署全年重点工作"]


def test_nothing_is_lost_from_a_brief_list() -> None:
    page = STORY + ("财 经 快 讯\n  ■金价回落　现货金价昨日回落至每\n盎司2,318美元，较上周下跌。\n"
                    "  ■楼价指数跌0.3%　最新数据显示，10\n月私人住宅售价指数按月跌0.3%。\n"
                    "  【美元转弱亚洲货币喘定】美元指数两日累跌1.3%。\n  【港股连升三日成交回升】港股昨日延续升势。\n")
    result = ingest_texts([("page1.txt", page)], "青川日报", DAY)
    kept = Counter()
    for a in result.edition.articles:
        kept.update(visible(" ".join(filter(None, (a.kicker, a.headline, a.subheadline, a.byline, a.dateline)))))
        for b in a.blocks:
            kept.update(visible(getattr(b, "text", "") or ""))
    for _, item in result.furniture:
        kept.update(visible(item.text))
    assert kept + result.dropped == visible(page)


def test_report_names_a_photo_story_whose_text_comes_before_its_picture() -> None:
    """--report used to fail (AttributeError) on a photo story opening with a paragraph."""
    page = STORY + ("反诈宣传进校园\n\n      11月17日，民警在海平三中向学生讲解常见电信诈骗手法。  记者 周舟 摄\n")
    result = ingest_texts([("page1.txt", page)], "青川日报", DAY)
    out = io.StringIO()
    print_report(result, Console(file=out, width=200), report=True)
    assert "p1-01" in out.getvalue()


BODY = ("  本报讯（记者 王芳）市民反映的问题已经解决，区里在公园\n"
        "门口增设了电子围栏，共享单车乱停现象明显减少。\n")


def test_a_column_label_over_a_headline_is_furniture_not_a_kicker() -> None:
    for page in (STORY + "回音壁\n区城管局答复已设电子围栏\n\n" + BODY,
                 STORY + "读者来函\n\n区城管局答复已设电子围栏\n\n" + BODY,
                 STORY + "◎影人访谈\n区城管局答复已设电子围栏\n\n" + BODY):
        result = ingest_texts([("page1.txt", page)], "青川日报", DAY)
        second = result.edition.articles[1]
        assert (second.kicker, second.headline) == (None, "区城管局答复已设电子围栏"), page
        assert any("column label" in item.reason for _, item in result.furniture)


def test_kickers_and_two_line_headlines_are_not_labels() -> None:
    kicker = STORY + "通勤族叫好\n\n区城管局答复已设电子围栏\n\n" + BODY
    assert _heads(kicker)[1] == ("通勤族叫好", "区城管局答复已设电子围栏")
    two_lines = STORY + "偏乡长照\n人力才是关键\n\n" + BODY
    assert "".join(filter(None, _heads(two_lines)[1])).replace(" ", "") == "偏乡长照人力才是关键"


def test_a_headless_body_takes_its_headline_like_opening_line() -> None:
    """A body the headline assignment left without a group, opening with a line that reads as
    a headline, is headed by it rather than by 未归类; a lone such line heads the headless
    body after it (a jumped story's repeated head over its continuation line)."""
    from exporter.ingest.layout import Line, Para
    from exporter.ingest.notes import Notes
    from exporter.ingest.segment import Body, _headless
    from exporter.ingest.weights import SHIPPED

    def para(no: int, text: str) -> Para:
        return Para([Line(no, 0, text)], gap_before=True)

    opening = Body([para(1, "榴梿季提前来临"), para(2, "今年雨水充足，诗河一带榴梿提早上市。")])
    (body,) = _headless([opening], Notes(), "p", SHIPPED)
    assert body.group is not None and body.group.headline.raw == "榴梿季提前来临"
    assert [p.raw for p in body.paras] == ["今年雨水充足，诗河一带榴梿提早上市。"]
    alone, jumped = Body([para(1, "全县春耕备耕有序推进")]), Body([para(3, "（上接第1版）目前，全县已调运储备农资。")])
    (body,) = _headless([alone, jumped], Notes(), "p", SHIPPED)
    assert body is jumped and body.group is not None and body.group.headline.raw == "全县春耕备耕有序推进"
    sentence = Body([para(1, "今年雨水充足，诗河一带榴梿提早上市。"), para(2, "果农说产量比去年多三成。")])
    assert _headless([sentence], Notes(), "p", SHIPPED)[0].group is None


def test_a_labelled_paragraph_inside_a_story_stays_in_it() -> None:
    """【链接】 and 【背景】 opening long paragraphs of a story are labels of its own text, not
    datelines starting articles of their own."""
    page = ("市民公园今起免费开放\n\n"
            "  本报讯（记者 张明）市民公园改造工程历时两年，今天上午正式向市民免费开放。园内新增步道三公里。\n\n"
            "  市园林局负责人介绍，公园开放时间为每天早上六点至晚上十点，节假日延长至十一点。\n\n"
            "  【链接】市民公园始建于1958年，是本市历史最悠久的综合性公园，曾于1998年进行过一次大规模改造。\n\n"
            "  【背景】近年来，我市持续推进公园城市建设，累计新建改建各类公园一百二十余座，人均公园绿地面积达到十五平方米。\n")
    arts = ingest_texts([("page1.txt", page)], "青川日报", DAY).edition.articles
    assert [a.headline for a in arts] == ["市民公园今起免费开放"]
    text = "".join(b.text for b in arts[0].blocks)
    assert "【链接】市民公园始建于1958年" in text and "【背景】近年来" in text
