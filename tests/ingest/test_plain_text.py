"""Pages typed or copied rather than extracted from a column layout: a headline right
above its dateline with no blank line, paragraphs set apart by blank lines instead of
indents, every line indented by the same margin, one paragraph a line."""

from __future__ import annotations

import datetime as dt

from exporter.ingest import ingest_texts


def _articles(text: str) -> list[tuple[str | None, list[str], list[str]]]:
    result = ingest_texts([("p.txt", text)], "T", dt.date(2025, 1, 1))
    return [(a.headline, a.authors, [b.text for b in a.blocks]) for a in result.edition.articles]


def test_headline_right_above_its_dateline() -> None:
    page = ("市政府召开常务会议\n本报讯（记者 王芳）5月6日，市政府召开常务会议，研究部署近期重点工作。\n"
            "会议强调，要抓好安全生产，确保群众生命财产安全。\n\n全市春耕生产有序推进\n"
            "本报讯（记者 李明）连日来，全市各地抢抓农时，春耕生产有序推进。\n目前，全市已完成春播面积120万亩。\n")
    assert _articles(page) == [
        ("市政府召开常务会议", ["王芳"], ["5月6日，市政府召开常务会议，研究部署近期重点工作。",
                                          "会议强调，要抓好安全生产，确保群众生命财产安全。"]),
        ("全市春耕生产有序推进", ["李明"], ["连日来，全市各地抢抓农时，春耕生产有序推进。", "目前，全市已完成春播面积120万亩。"]),
    ]


def test_paragraphs_set_apart_by_blank_lines() -> None:
    page = ("City Council Approves Budget\n\nBy Jane Doe\n\n"
            "The city council approved a $12 million budget on Monday after a long debate.\n\n"
            "Council members said the plan would fund road repairs and two new parks.\n\n"
            "Library Hours Extended\n\nBy Sam Lee\n\n"
            "The public library will stay open until 9 p.m. on weekdays starting in June.\n\n"
            "Officials said the change responds to requests from students.\n")
    (a, b) = _articles(page)
    assert a[0] == "City Council Approves Budget" and a[1] == ["Jane Doe"] and len(a[2]) == 2
    assert b[0] == "Library Hours Extended" and b[1] == ["Sam Lee"] and len(b[2]) == 2


def test_a_margin_every_line_shares_is_no_indent() -> None:
    page = "\t市政府召开常务会议\n\n\t本报讯（记者 王芳）5月6日，市政府召开常务会议。\n"
    assert _articles(page) == [("市政府召开常务会议", ["王芳"], ["5月6日，市政府召开常务会议。"])]


def test_a_signature_typed_flush_left() -> None:
    page = ("关于开展春季植树活动的通知\n\n　　各镇（街道）、各部门：\n"
            "　　为改善城乡生态环境，现就开展春季植树活动有关事项通知如下：\n　　一、活动时间：3月12日至3月31日。\n"
            "　　特此通知。\n青川县人民政府\n2025年3月1日\n")
    result = ingest_texts([("p.txt", page)], "T", dt.date(2025, 1, 1))
    (notice,) = result.edition.articles
    assert notice.kind == "notice" and notice.notice is not None
    assert (notice.notice.issuer, notice.notice.date) == ("青川县人民政府", "2025年3月1日")
    assert notice.blocks[-1].text == "特此通知。"


def test_a_page_line_with_one_folio_signal_at_the_top_is_furniture() -> None:
    page = "第3版　要闻\n\n市政府召开常务会议\n\n　　本报讯（记者 王芳）5月6日，市政府召开常务会议。\n"
    result = ingest_texts([("p.txt", page)], "T", dt.date(2025, 1, 1))
    (article,) = result.edition.articles
    assert article.kicker is None and article.headline == "市政府召开常务会议"
    assert [(item.text, item.reason) for _, item in result.furniture] == [("第3版\u3000要闻", "page line")]


def test_a_byline_line_under_the_last_paragraph_closes_the_story() -> None:
    page = ("市民公园焕新开放\n\n　　5月6日，经过半年改造，市民公园焕新开放。\n　　据介绍，此次改造新增绿地3万平方米。\n"
            "　　本报记者　王芳\n\n全市春耕生产有序推进\n\n　　连日来，全市各地抢抓农时，春耕生产有序推进。\n"
            "　　通讯员　李明　记者　赵强\n")
    assert [(h, a, len(b)) for h, a, b in _articles(page)] == [
        ("市民公园焕新开放", ["王芳"], 2), ("全市春耕生产有序推进", ["李明", "赵强"], 1)]


def test_an_english_deck_under_its_headline_without_a_blank_line() -> None:
    page = ("Storm Damage Closes Coastal Road\nRepairs could take weeks, officials say\n\nBy ANN LEE\n\n"
            "PORTHAVEN — The coastal road will stay closed after the storm washed out a section.\n")
    result = ingest_texts([("p.txt", page)], "T", dt.date(2025, 1, 1))
    (article,) = result.edition.articles
    assert (article.headline, article.subheadline) == ("Storm Damage Closes Coastal Road",
                                                       "Repairs could take weeks, officials say")


def test_a_credit_after_two_ideographic_spaces() -> None:
    page = ("老街区焕发新活力\n\n　　本报讯（记者 王芳）今年以来，我市加快推进老旧小区改造。\n\n"
            "　　图为改造后的幸福里小区。　　本报记者 赵强 摄\n")
    photo = ingest_texts([("p.txt", page)], "T", dt.date(2025, 1, 1)).edition.articles[-1]
    assert photo.kind == "photo" and photo.authors == ["赵强"]
