"""Bylines, credits and signatures on unseen papers (session 17, byline17): every line here is
a real line of a development corpus (ingest-blind6, ingest-blind9, ingest-blind10,
ingest-blind12, …), and the whole-page tests read the development pages themselves."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from exporter.ingest import fields, ingest, ingest_texts
from exporter.model import Article

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _page(corpus: str, name: str) -> list[Article]:
    path = FIXTURES / corpus / name
    if path.suffix == ".pdf":
        return ingest([path], "Test", dt.date(2026, 12, 7)).edition.articles
    return ingest_texts([(name, path.read_text(encoding="utf-8"))], "Test", dt.date(2026, 12, 7)).edition.articles


def _authors(articles: list[Article], headline: str) -> list[str]:
    return next(a.authors for a in articles if a.headline == headline)


@pytest.mark.parametrize(("line", "name"), [
    ("解答：內科專科醫生 蘇文浩", "蘇文浩"),  # blind10 hospital-h2
    ("解答：資深傢俬修復師  馮國棟", "馮國棟"),  # blind12 auction-a2
    ("答疑：宠物医院主治医师  唐力", "唐力"),  # blind12 pets-p1
])
def test_who_answers_a_question_after_a_field_label_is_a_writer(line: str, name: str) -> None:
    assert fields.name_line(line)[1] == [name]


@pytest.mark.parametrize("line", [
    "講者：註冊會計師 余佩珊 CPA",  # blind6 uschinese-c4: a talk's speaker, no name last
    "地點：華埠公共圖書館二樓（1135",  # blind6 uschinese-c4
    "日期：12月6日（星期六）下午2時至4時",
    "问：我家的泰迪犬一到冬天就发抖，需要给它穿衣服吗？（读者马丽）",  # blind12 pets-p1
])
def test_a_form_field_is_no_writer(line: str) -> None:
    assert fields.name_line(line) is None


@pytest.mark.parametrize(("corpus", "name", "headline", "author"), [
    ("ingest-blind12", "auction-a2.txt", "酸枝傢俬怎樣保養？", "馮國棟"),
    ("ingest-blind12", "ecovol-g2.txt", "海水为什么是咸的？", "孙博文"),
    ("ingest-blind12", "pets-p1.txt", "狗狗冬天需要穿衣服吗？", "唐力"),
    # a question's headline, then what the writer is and the name (no field label)
    ("ingest-blind9", "tokyo-j1.txt", "在留資格 Q & A經營管理簽證續簽要注意什麼？", "陳美玲"),
])
def test_a_question_headline_is_answered_by_the_writer_under_it(corpus: str, name: str, headline: str,
                                                                author: str) -> None:
    articles = _page(corpus, name)
    assert _authors(articles, headline) == [author]
    article = next(a for a in articles if a.headline == headline)
    assert not any(author in (getattr(b, "text", "") or "") for b in article.blocks)  # the line is the byline, no paragraph


def test_a_speaker_under_a_talks_topic_is_no_writer() -> None:
    """blind6 mu-nangang-e4: 家长课堂 / 主题：… / 主讲：…中心 杨蔓: a form's fields under the
    headline, the topic no deck and the speaker no author."""
    talk = next(a for a in _page("ingest-blind6", "mu-nangang-e4.pdf") if a.headline == "家长课堂")
    assert talk.authors == [] and talk.subheadline is None


@pytest.mark.parametrize("line", [" " * 10_000, "." + " " * 9_998 + "-", "。（" * 5_000, ". - " + "AB " * 3_332])
def test_trailing_bylines_are_read_in_linear_time_on_long_lines(line: str) -> None:
    """A run of spaces before no bracket was tried from every space (0.5 s on 10,000)."""
    assert fields.trailing_byline(line) is None
    assert fields.trailing_byline("。" + " " * 9_990 + "（王丽珠）") == ("。", "王丽珠", ["王丽珠"])


@pytest.mark.parametrize(("corpus", "name", "headline", "issuer", "date"), [
    ("ingest-blind10", "mu-radio-r1.pdf", "停播检修通告", "江城广播电视台", "2026年12月7日"),
    ("ingest-blind8", "mu-jakarta-a2.pdf", "讣告", "泗水福清同乡会", "2026年12月3日"),  # 泗水福清同乡会 敬告
    ("ingest-blind12", "mu-ecovol-g1.pdf", "“我与大海”摄影作品征集启事", "蓝湾环保志愿者协会", "2026年12月7日"),
])
def test_an_issuer_set_right_a_gap_over_its_date_signs_the_notice(corpus: str, name: str, headline: str, issuer: str,
                                                                  date: str) -> None:
    """PyMuPDF pages whose lines are spaced out: the issuer's line and the date are blocks
    of their own under the notice's text; the issuer was read as a notice of its own."""
    articles = _page(corpus, name)
    notice = next(a for a in articles if a.headline == headline)
    assert (notice.notice.issuer, notice.notice.date) == (issuer, date)
    assert not any(a.headline and a.headline.startswith(issuer) for a in articles)


def test_a_name_in_an_author_box_alone_under_its_headline_on_a_text_page_is_the_byline() -> None:
    """blind2 fukan-2: 雨夜读书记 / ■程砚 / the essay, each set apart by blank lines (a text page
    tells no type size, so the box must hold a name)."""
    essay = next(a for a in _page("ingest-blind2", "fukan-2.txt") if a.headline == "雨夜读书记")
    assert essay.authors == ["程砚"]
    assert essay.blocks[0].text.startswith("雨下了一夜")


def test_a_pointed_subhead_alone_under_a_headline_is_no_author_box() -> None:
    """blind12 hakka-h1's subhead (■舊磚編號 原位砌回) set apart under a headline: no name in it."""
    text = "百年菸樓修復完工\n\n■舊磚編號 原位砌回\n\n　　修復團隊保留了原有的土角牆與通風「太子樓」。\n"
    story = ingest_texts([("p.txt", text)], "Test", dt.date(2026, 12, 7)).edition.articles[0]
    assert story.authors == []
