"""Which head of a group is the label, the kicker, the headline and the deck: the page
decoder's verdict per role, and a label over a headline set aside (development pages of
ingest-blind2, ingest-blind4 and ingest-blind5, text and PDF)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from exporter.ingest import ingest, ingest_texts
from exporter.ingest.layout import Head, Line
from exporter.ingest.segment import _label_shaped
from exporter.ingest.weights import SHIPPED

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _aside(result) -> dict[str, str]:  # noqa: ANN001 - an IngestResult
    return {item.text: item.reason for _, item in result.furniture}


def _groups(result) -> dict[str, tuple[str | None, str | None]]:  # noqa: ANN001 - an IngestResult
    return {a.headline: (a.kicker, a.subheadline) for a in result.edition.articles}


def test_a_topic_label_over_its_headline_is_furniture_not_the_headline() -> None:
    """`TECHNOLOGY`, `COURTS` and `COMMENT` in plain body-size capitals over bold sentence-case
    headlines (Chromium, an English page): the case rule alone reads each label as the
    headline with the real headline as its deck. Their type (plain capitals smaller than the
    bold head under them) sets each aside as a label, whatever the models read, and the
    headline stands alone."""
    result = ingest([FIXTURES / "ingest-blind5" / "cr-easterntribune-a3.pdf"], "Tribune", dt.date(2025, 3, 20),
                    language="en")
    groups, aside = _groups(result), _aside(result)
    for label, headline in (("TECHNOLOGY", "Start-up fund attracts 300 applications"),
                            ("COURTS", "Former manager jailed for HK$3m fraud"),
                            ("COMMENT", "Why our libraries still matter")):
        assert groups[headline] == (None, None)
        assert aside[label] == "a label over a headline: plain capitals in type smaller than the bold head under it"
        assert label not in groups


def test_a_column_label_over_a_chinese_headline_is_furniture() -> None:
    """`人间烟火` and `【书边闲话】` over a 副刊 page's essays, `讀者來電` over a reader's
    question (Chromium pages of two papers): labels, set aside; no kicker."""
    result = ingest([FIXTURES / "ingest-blind4" / "cr-xinghe-fukan-p8.pdf"], "星河", dt.date(2025, 3, 20))
    groups, aside = _groups(result), _aside(result)
    assert groups["巷口的修鞋摊"] == groups["慢读"] == (None, None)
    assert "人间烟火" in aside and "【书边闲话】" in aside
    result = ingest([FIXTURES / "ingest-blind4" / "cr-lianhai-a3.pdf"], "蓮海", dt.date(2025, 3, 20))
    assert _groups(result)["巴士站上蓋何時加建？"] == (None, None) and "讀者來電" in _aside(result)


def test_a_kicker_that_holds_a_figure_stays_the_kicker() -> None:
    """A phrase with a figure over its headline says something of the story (`最高补贴500元`,
    `126支队伍2000余名学生参赛`): a kicker, even where the page decoder reads it as no head."""
    result = ingest([FIXTURES / "ingest-blind4" / "cr-songcheng-a1.pdf"], "淞城", dt.date(2025, 3, 20))
    assert _groups(result)["电动自行车以旧换新补贴启动"] == ("最高补贴500元", None)
    result = ingest([FIXTURES / "ingest-blind5" / "cr-saichang-a1.pdf"], "赛场", dt.date(2025, 3, 20))
    assert _groups(result)["少年足球联赛决出八强"][0] == "126支队伍2000余名学生参赛"


def test_a_label_has_no_figure_and_no_clause() -> None:
    def head(text: str) -> Head:
        return Head([Line(1, 0.0, text)])

    assert _label_shaped(head("COURTS")) and _label_shaped(head("法 律 信 箱")) and _label_shaped(head("【书边闲话】"))
    assert not _label_shaped(head("最高补贴500元")) and not _label_shaped(head("Margaret Yip, Wo Lok"))
    assert not _label_shaped(head("（县农技推广中心 韦丽萍）")) and not _label_shaped(head("INSIDE: Page 12"))


def test_the_decoder_tells_a_deck_from_the_headline_over_it() -> None:
    """A fake-bold headline over a plain line with no dashes (a text page of a Hong Kong
    paper): the written rules read the pair as kicker and headline; the page decoder reads
    the first as the headline and the second as its deck, and with its per-role regret
    (`roles`) the group follows it."""
    path = FIXTURES / "ingest-blind2" / "hongkong-1.txt"
    pages = [(path.name, path.read_text(encoding="utf-8"))]
    read = ingest_texts(pages, "港聞報", dt.date(2025, 3, 17))
    assert _groups(read)["觀塘重建項目明年動工"] == (None, "提供逾千伙資助房屋")
    unaware = ingest_texts(pages, "港聞報", dt.date(2025, 3, 17), weights=replace(SHIPPED, roles=0.0))
    assert _groups(unaware)["提供逾千伙資助房屋"] == ("觀塘重建項目明年動工", None)
