"""Bylines, authors and notices' issuers in the forms the development corpora print them
(session 14): every line here is a real line of ingest-blind3 … ingest-blind9, and the
whole-page tests read the development pages themselves."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from exporter.ingest import english, fields, ingest_texts
from exporter.model import Article, Paragraph

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _page(corpus: str, name: str) -> list[Article]:
    text = (FIXTURES / corpus / name).read_text(encoding="utf-8")
    return ingest_texts([(name, text)], "Test", dt.date(2026, 11, 14)).edition.articles


def _headed(articles: list[Article], headline: str) -> Article:
    return next(a for a in articles if a.headline == headline)


@pytest.mark.parametrize(("issuer", "want", "formula"), [
    ("槟城慈云寺理事会 谨启", "槟城慈云寺理事会", "谨启"),  # blind9 temple-t3
    ("孝男 周家聲孝女 周家慧暨全體家屬 泣告", "孝男 周家聲孝女 周家慧暨全體家屬", "泣告"),  # blind6 uschinese-c4
    ("陳志強\u3000陳志恆率\u3000子孫等\u3000同叩謝", "陳志強\u3000陳志恆率\u3000子孫等", "同叩謝"),  # blind7 memorial-m2
    ("瀾溪縣政府行政處\u3000敬啟", "瀾溪縣政府行政處", "敬啟"),  # blind8 gazette-g1
    ("采购人：珠岸市第三人民医院", "珠岸市第三人民医院", "采购人："),  # blind3 notices-a18
    ("江宁市自来水公司", "江宁市自来水公司", ""),
])
def test_a_notices_closing_formula_and_field_label_are_not_its_issuer(issuer: str, want: str, formula: str) -> None:
    assert fields.notice_issuer(issuer) == (want, formula)


def test_a_signed_notice_loses_its_closing_formula() -> None:
    arts = _page("ingest-blind9", "temple-t3.txt")
    notice = next(a for a in arts if a.notice is not None and a.notice.issuer)
    assert (notice.notice.issuer, notice.notice.date) == ("槟城慈云寺理事会", "2026年12月5日")


def test_a_signature_run_into_a_lost_and_found_notice() -> None:
    """blind5 classified-c2: `…声明作废。梁晓婷 2026年11月13日`, the issuer on the last line
    after the sentence (or a line of its own) and the date after it."""
    assert fields.run_in_signature("…证书编号：138921202405001276，声明作废。梁晓婷 2026年11月13日") == (
        "…证书编号：138921202405001276，声明作废。", "梁晓婷", "2026年11月13日")
    assert fields.run_in_signature("今天开会。") is None
    notices = [a for a in _page("ingest-blind5", "classified-c2.txt") if a.notice is not None]
    signed = {(a.notice.issuer, a.notice.date) for a in notices}
    assert {("东江市鑫达五金经营部", "2026年11月13日"), ("梁晓婷", "2026年11月13日")} <= signed
    lost = next(a for a in notices if a.notice.issuer == "梁晓婷")
    assert [b.text for b in lost.blocks if isinstance(b, Paragraph)][-1].endswith("声明作废。")


@pytest.mark.parametrize(("byline", "names"), [
    ("記者葉詠欣報道", ["葉詠欣"]),  # blind8 maple-c1: the name run into 報道
    ("記者陳嘉欣、李志強報道", ["陳嘉欣", "李志強"]),  # blind2 hongkong-2, over a line break
    ("記者林志豪／竹山報導", ["林志豪"]),  # the place after ／ stays no name
    ("本报记者 吕思思 整理", ["吕思思"]),  # blind6 exam-e2
    ("本报特派记者 严子航 发自东港", ["严子航"]),  # blind5 sportsdaily-a3
    ("记者手记", []),  # blind4 citydaily-a10
])
def test_what_the_writer_did_is_no_name(byline: str, names: list[str]) -> None:
    assert fields.authors(byline)[1] == names


@pytest.mark.parametrize(("box", "names"), [
    ("馬評人 勞振邦", ["勞振邦"]),  # blind9 racing-r1: who the writer is, then the name
    ("职业七段 方寒江", ["方寒江"]),  # blind9 weiqi-g1
    ("实验小学三年级 王子涵", ["王子涵"]),  # blind8 youth-y5
    ("本报评论员", ["本报评论员"]),  # blind3 opinion-p7, blind5 partyfront-p1: the collective writer
    ("本报记者 覃林", ["覃林"]),
    ("钟 离", ["钟离"]),
])
def test_an_author_boxs_writer(box: str, names: list[str]) -> None:
    assert fields.box_writers(box)[1] == names


def test_the_layouts_author_box_test_is_unchanged_by_the_writers_rules() -> None:
    """The layout asks box_authors whether a box names someone; box_writers' two rules
    only decide the article's authors, so the blocks the models see stay the same."""
    assert fields.box_authors("本报评论员")[1] == [] and fields.box_authors("职业七段 方寒江")[1] == []


@pytest.mark.parametrize(("line", "names"), [
    ("文｜本报记者 秦书言", ["秦书言"]),  # blind7 scitech-s1
    ("文／梁志德（註冊會計師）", ["梁志德"]),  # blind8 maple-c1
    ("口述 / 李长顺  整理 / 本报记者 赵晓光", ["李长顺", "赵晓光"]),  # blind8 veterans-v4
    ("記者鍾宜庭／新竹報導", ["鍾宜庭"]),  # blind6 twlocal-b4
])
def test_bylines_on_their_own_line(line: str, names: list[str]) -> None:
    found = fields.own_line_byline(line)
    assert found is not None and found[1] == names


@pytest.mark.parametrize(("text", "names"), [
    ("恢复送电。（韦晓峰 唐佳）", ["韦晓峰", "唐佳"]),  # blind8 power-p1, the bracket wrapped
    ("寺院附设义诊所明年的运作经费。（报道：许慧心）", ["许慧心"]),  # blind9 temple-t1
    ("香氣四溢。（圖／記者江佩芸攝）", None),  # blind7 food-f5: a photo's credit, no end byline
    ("好。（全文完）", None),
])
def test_end_bylines(text: str, names: list[str] | None) -> None:
    found = fields.trailing_byline(text)
    assert (found[2] if found else None) == names


@pytest.mark.parametrize(("line", "credit"), [
    ("維多利亞公園昨日舉行花卉展覽預展，大批市民到場拍照。　記者黃偉明攝", "記者黃偉明"),  # blind2 hongkong-2
    ("3月18日，清溪镇农民驾驶插秧机在田间作业。　本报记者 邵飞 摄", "本报记者 邵飞"),  # blind2 pictorial-1
    ("11月18日，市民在东澳国际车展上参观新车。商报记者 苏曼青/摄", "商报记者 苏曼青"),  # blind6 property-p7
    ("他说。记者现场拍摄", None),  # a sentence about filming, no credit
])
def test_a_credit_run_in_after_the_captions_last_sentence(line: str, credit: str | None) -> None:
    found = fields.split_credit(line)
    assert (found[1] if found else None) == credit


def test_english_credits_and_signatures_name_the_person() -> None:
    assert english.credit_names("Eastern Tribune / Ivan Tsang") == ["Ivan Tsang"]  # blind5 hkenglish-a1
    assert english.credit_names("JO BLOGGS/STAFF") == ["Jo Bloggs"]
    assert fields.signature("                   ALAN FISHER") == ("ALAN FISHER", ["Alan Fisher"])  # blind7 shire-a5


def test_a_dateline_and_byline_printed_apart_open_the_story_under_them() -> None:
    """blind3 provincial-p2 (`本报讯 （记者 黎婷）` over the text) and blind5 partyfront-p1
    (`新华社北京11月13日电（记者 齐晓光）` over the doubled headline)."""
    trade = _headed(_page("ingest-blind3", "provincial-p2.txt"), "我省外贸进出口连续5个月正增长")
    assert (trade.dateline, trade.authors) == ("本报讯", ["黎婷"])
    water = _headed(_page("ingest-blind5", "partyfront-p1.txt"), "全国冬季农田水利建设全面启动")
    assert (water.dateline, water.authors) == ("新华社北京11月13日电", ["齐晓光"])
    assert [b.text for b in water.blocks if isinstance(b, Paragraph)][0].startswith("记者从水利部获悉")


def test_a_byline_whole_on_its_line_takes_no_drop_cap() -> None:
    """blind8 veterans-v4: `口述 / 李长顺  整理 / 本报记者 赵晓光`, then a drop cap `那`."""
    story = _headed(_page("ingest-blind8", "veterans-v4.txt"), "雪夜护送电报员")
    assert story.authors == ["李长顺", "赵晓光"]
    assert [b.text for b in story.blocks if isinstance(b, Paragraph)][0].startswith("那年腊月")


def test_a_writer_named_twice_is_one_author() -> None:
    """blind8 veterans-v1: `◎本报记者 韩冰` and `摄影 / 韩冰` under the same story."""
    assert all(len(a.authors) == len(set(a.authors)) for a in _page("ingest-blind8", "veterans-v1.txt"))


def test_a_buddhist_era_date_signs_a_notice() -> None:
    """blind7 bangkok-b2: `泰国海南同乡会 谨启` over `佛历2569年12月1日`, both set right."""
    assert fields.DATE_LINE.match("佛历2569年12月1日")
    notice = next(a for a in _page("ingest-blind7", "bangkok-b2.txt") if a.notice is not None)
    assert (notice.notice.issuer, notice.notice.date) == ("泰国海南同乡会", "佛历2569年12月1日")


@pytest.mark.parametrize(("corpus", "page", "issuer", "date"), [
    ("ingest-blind8", "extra-h1.txt", "中共汀州市委 汀州市人民政府", "2026年12月5日"),  # as wide as the column
    ("ingest-blind8", "power-p1.txt", "东岭电网雾岭供电公司", "2026年12月3日"),
    ("ingest-blind8", "maple-c3.txt", "列治文華人浸信會", "2026年12月4日"),  # at the margin, 謹啟 after it
])
def test_an_issuer_ending_where_its_date_ends_is_set_right(corpus: str, page: str, issuer: str, date: str) -> None:
    signed = {(a.notice.issuer, a.notice.date) for a in _page(corpus, page) if a.notice is not None}
    assert (issuer, date) in signed


def test_an_issuer_and_date_on_one_line_of_their_own() -> None:
    """blind4 legal-p6: `  岭州市岭东区人民法院 二〇二五年三月十一日` closing a court notice."""
    assert fields.run_in_signature("岭州市岭东区人民法院 二〇二五年三月十一日") == ("", "岭州市岭东区人民法院", "二〇二五年三月十一日")


def test_a_line_longer_than_any_byline_is_none() -> None:
    """A body line of role words (本报记者 repeated, 120 glyphs) is no byline alone on its line:
    it is longer than any byline (`BYLINE_CHARS`), and the byline patterns' nested repeats
    would backtrack on it for minutes (review14)."""
    assert fields.own_line_byline("本报记者" * 30) is None
    assert fields.own_line_byline("记者 赵明远 通讯员 蒋雪梅／报道") is not None


def test_a_field_label_before_a_number_is_kept_with_it() -> None:
    """A field label comes off an issuer only when a name follows it (采购人：…); before a
    phone number the label and the number stay together (review14)."""
    assert fields.notice_issuer("采购人：珠岸市第三人民医院") == ("珠岸市第三人民医院", "采购人：")
    assert fields.notice_issuer("联系电话：0571-88886661") == ("联系电话：0571-88886661", "")
