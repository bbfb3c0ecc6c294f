"""Bylines, credits and signatures on unseen papers (session 16, byline16): every line here
is a real line of a development corpus (ingest-blind8, ingest-blind11, …), and the whole-page
tests read the development pages themselves."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from collections import Counter

from exporter.ingest import english, fields, ingest_texts
from exporter.ingest.api import lay_out
from exporter.ingest.layout import Para
from exporter.ingest.notes import Notes
from exporter.model import Article, Figure

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _page(corpus: str, name: str) -> list[Article]:
    text = (FIXTURES / corpus / name).read_text(encoding="utf-8")
    return ingest_texts([(name, text)], "Test", dt.date(2026, 12, 7)).edition.articles


def _credited(text: str) -> list[tuple[str, str]]:
    """The paragraphs that carry a photo credit: (their text, the credit)."""
    return [("".join(line.text for line in p.lines), p.credit) for p in lay_out(text, "p.txt", Notes(), Counter()).pieces
            if isinstance(p, Para) and p.credit]


def test_a_credit_under_a_boxed_table_credits_the_caption_under_it_not_the_table() -> None:
    """blind11 tea-t1: a price table in a box, then a credit set right over a photo's caption."""
    text = ("┏━━━━━━━━━━━━━┓\n┃水仙　一级　210┃\n┃（岩溪茶叶市场管委会提供，仅供参考）┃\n┗━━━━━━━━━━━━━┛\n\n"
            "            本报记者 卓文清 摄\n12月3日深夜，岩溪镇一家老茶坊\n里，焙茶师傅翻动焙笼，查看火候。\n"
            "一批岩茶要经过三到四次炭焙，历\n时两个多月。\n")
    assert _credited(text) == [("12月3日深夜，岩溪镇一家老茶坊里，焙茶师傅翻动焙笼，查看火候。一批岩茶要经过三到四次炭焙，历时两个多月。",
                                "本报记者 卓文清")]


def test_a_credit_under_a_photo_title_credits_the_caption_under_it() -> None:
    """blind8 extra-h1: the photo's title (doubled: fake bold), the credit set right, the caption."""
    text = ("不不眠眠之之夜夜\n              本报记者 白露 摄\n当晚，数万名球迷涌上江滨路庆祝，\n交警部门临时封闭部分路段。\n")
    assert _credited(text) == [("当晚，数万名球迷涌上江滨路庆祝，交警部门临时封闭部分路段。", "本报记者 白露")]


def test_a_credit_under_its_caption_still_credits_the_caption_above() -> None:
    """blind8 extra-h2: the usual order, the caption then its credit set right."""
    text = "终场哨响后，海鹰队队员将主\n教练何昌平抛向空中。\n          本报记者 沈星 摄\n"
    assert _credited(text) == [("终场哨响后，海鹰队队员将主教练何昌平抛向空中。", "本报记者 沈星")]


@pytest.mark.parametrize(("corpus", "name", "headline", "author"), [
    ("ingest-blind11", "tea-t1.txt", "炭焙坊里不眠夜", "卓文清"),
    ("ingest-blind8", "extra-h1.txt", "不眠之夜", "白露"),
])
def test_a_photo_story_with_its_credit_over_the_caption(corpus: str, name: str, headline: str, author: str) -> None:
    photo = next(a for a in _page(corpus, name) if a.headline == headline)
    assert photo.kind == "photo" and photo.authors == [author]
    assert isinstance(photo.blocks[0], Figure) and photo.blocks[0].credit.endswith(author)


def test_the_boxed_table_over_the_credit_names_nobody() -> None:
    """blind11 tea-t1: the credit under the price table had made its photographer the table's writer."""
    table = next(a for a in _page("ingest-blind11", "tea-t1.txt") if a.headline == "本周毛茶收购参考价")
    assert table.authors == []


@pytest.mark.parametrize("line", [
    "ASK THE VET",  # blind11 kenya-k2: a column's label set centred under a story
    "AROUND THE COUNTY",  # blind9 irish-e1
    "HEALTH AND AGEING",  # blind4 singapore-b2
    "NOTICE OF PUBLIC HEARING",  # blind courts-2
])
def test_a_phrase_in_capitals_is_no_name(line: str) -> None:
    assert not english.is_name(line)


@pytest.mark.parametrize("line", ["Brian Otieno", "ALAN FISHER", "Vincent Low Teck Meng", "Ciarán Lynch", "Ludwig van Dyke",
                                  "PER NILSSON", "Per Mertesacker"])  # Per: a given name (review16)
def test_names_stay_names(line: str) -> None:
    assert english.is_name(line)


def test_a_column_label_under_a_story_signs_nothing() -> None:
    """blind11 kenya-k2: `ASK THE VET` set centred after the volleyball story had made the
    column's label the story's second writer."""
    story = next(a for a in _page("ingest-blind11", "kenya-k2.txt") if a.headline == "KIAMBONI QUEENS LIFT COUNTY VOLLEYBALL TITLE")
    assert story.authors == ["Brian Otieno"]


def test_an_english_issuer_as_wide_as_a_chinese_one_signs_its_notice() -> None:
    """blind courts-2: `North Vale Department of Public Works` is 37 letters but 18.5 cells
    wide; set right over its date it is the notice's issuer."""
    bid = next(a for a in _page("ingest-blind", "courts-2.txt") if a.headline == "INVITATION TO BID")
    assert bid.notice is not None
    assert (bid.notice.issuer, bid.notice.date) == ("North Vale Department of Public Works", "March 4, 2025")


def test_a_latin_field_label_before_the_issuer_is_no_part_of_it() -> None:
    """blind9 irish-e4: `Signed: Brendan and Aoife Hogan` over `3 December 2026`."""
    assert fields.notice_issuer("Signed: Brendan and Aoife Hogan") == ("Brendan and Aoife Hogan", "Signed:")
    assert fields.notice_issuer("采购人：珠岸市第三人民医院") == ("珠岸市第三人民医院", "采购人：")
    assert fields.notice_issuer("Tel: 04-200 8800") == ("Tel: 04-200 8800", "")  # a number follows: no label


def test_text_left_unplaced_still_closes_on_its_writer() -> None:
    """blind9 opera-o4's brief `▶ 老戏迷捐赠百张唱片`, its lines alone: the layout takes the
    doubled title and the lines under it for heads no article can take, and the unplaced text
    still ends `…112张。（梁韵仪）`. (On the whole page the retrained models of session 16 place
    the brief's lines elsewhere.)"""
    page = "▶ 老老戏戏迷迷捐捐赠赠百百张张唱唱片片\n82岁戏迷邓伯昌日前向市粤剧艺\n术博物馆捐赠个人收藏的黑胶唱\n片112张。（梁韵仪）\n"
    result = ingest_texts([("opera-o4.txt", page)], "T", dt.date(2026, 12, 1))
    brief = result.edition.articles[0]
    assert result.notes.evidence[brief.id][1] == "headline-like blocks no article could take (see the warnings)"
    assert brief.authors == ["梁韵仪"] and brief.byline == "梁韵仪"
    assert not any("（梁韵仪）" in getattr(b, "text", "") for b in brief.blocks)


def test_the_issuer_label_is_linear_on_a_long_line() -> None:
    line = "Signed" + "a" * 10_000 + ":" + " B" * 5_000
    assert fields.notice_issuer(line)[0] == line.strip()


def test_a_second_credit_under_a_credited_caption_keeps_its_own_line() -> None:
    """review16: a credit over a caption that ends no sentence, then another credit under it:
    the first credits the caption and the second is kept apart, never written over it."""
    text = "Photo: Jo Bloggs\nFarmers sort tea at the market in Kericho\nPhoto: Ann Lee\n"
    assert _credited(text) == [("Farmers sort tea at the market in Kericho", "Jo Bloggs"), ("", "Ann Lee")]
    articles = ingest_texts([("p.txt", text)], "Test", dt.date(2026, 12, 7)).edition.articles
    assert "Jo Bloggs" in " ".join(t for a in articles for t in a.texts)
    assert "Ann Lee" in " ".join(t for a in articles for t in a.texts)


@pytest.mark.parametrize("page", [
    # a photo between head and story: its credit, then the story's indented paragraphs under a dateline
    "Tea growers face a hard winter\n\nPhoto: Jo Bloggs\n"
    "  KERICHO — The price of tea fell again this week, growers said on\n"
    "Tuesday, and the auction in Mombasa closed early for the third week.\n"
    "  Growers in the highlands said the rains had come late and the\n"
    "leaf was poor, so buyers paid less for it than in any year since 2019.\n"
    "  The board will meet in March to hear their case.\n",
    # the same without the dateline: the story's second paragraph still opens on its indent
    "Tea growers face a hard winter\n\nPhoto: Jo Bloggs\n"
    "The price of tea fell again this week, growers said on Tuesday, and\n"
    "the auction in Mombasa closed early for the third week.\n"
    "  Growers in the highlands said the rains had come late and the\n"
    "leaf was poor, so buyers paid less for it than in any year since 2019.\n",
])
def test_a_credit_under_a_headline_leaves_the_story_a_story(page: str) -> None:
    """review16: a credit right under a headline, over a story of several paragraphs, credits
    no caption: the story's paragraphs stay paragraphs, none becomes a photo's caption."""
    assert _credited(page) == [("", "Jo Bloggs")]
    articles = ingest_texts([("p.txt", page)], "Test", dt.date(2026, 12, 7)).edition.articles
    assert not any(isinstance(block, Figure) for a in articles for block in a.blocks)
    assert sum(1 for a in articles for t in a.texts if t.startswith("Growers in the highlands")) == 1
