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
