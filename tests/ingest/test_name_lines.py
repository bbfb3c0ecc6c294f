"""Writers' names printed with no role word, sign-offs and signatures (session 15, byline15):
every line here is a real line of a development corpus (ingest-blind2 … ingest-blind10), and
the whole-page tests read the development pages themselves."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from exporter.ingest import fields, ingest, ingest_texts, stacks
from exporter.ingest.layout import Byline, Head, lay_out_page
from exporter.model import Article

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _page(corpus: str, name: str) -> list[Article]:
    text = (FIXTURES / corpus / name).read_text(encoding="utf-8")
    return ingest_texts([(name, text)], "Test", dt.date(2026, 12, 7)).edition.articles


def _bylines(text: str) -> list[tuple[str, list[str]]]:
    return [(p.text, p.names) for p in lay_out_page("p.txt", text).pieces if isinstance(p, Byline)]


@pytest.mark.parametrize(("line", "names"), [
    ("龙泉矿机电队 郭小川", ["郭小川"]),  # blind10 mining-k4: what the writer is, then the name
    ("城南实验小学五（2）班\u3000林小雨", ["林小雨"]),  # blind2 campus-1
    ("行政書士 陳美玲", ["陳美玲"]),  # blind9 tokyo-j1
    ("林 启 明", ["林启明"]),  # blind2 theory-1: letter-spaced
    ("林一苇", ["林一苇"]),  # blind10 lamplight-d1: a poet under the poem's title
])
def test_a_name_line_with_no_role_word(line: str, names: list[str]) -> None:
    found = fields.name_line(line)
    assert found is not None and found[1] == names


@pytest.mark.parametrize("line", [
    "本报记者 柯蓝",  # a role word: the byline grammar's, not a bare name's
    "冒充客服“退款” 三天骗走六万元",  # blind6 courts-f4: a headline's two parts
    "反诈宣传进校园",  # blind6 courts-f4: a photo's title
    "冬\u3000至",  # blind10 lamplight-d1: a poem's title, letter-spaced (冬 is no common surname)
    "本人周福林，1968年",  # blind8 veterans-v1: text
])
def test_no_name_line(line: str) -> None:
    assert fields.name_line(line) is None


def test_a_name_under_a_headline_in_another_letter_case_opens_the_story() -> None:
    """blind10 prairie-w1, after a photo's credit: the credit ends the caption, a headline in
    capitals, the writer's name in Title Case, then the story under its dateline."""
    text = ("Grade 3 students from Prairie View School\nskate during the rink's test night on Thurs-\nday.\n"
            "JESS OUELLETTE / LEADER-POST\n\nCOUNCIL HOLDS TAX INCREASE TO 2.9 PER CENT\nOwen Pasqua\n"
            "   WHEATLAND - City council approved a 2026\noperating budget on Monday night that\n"
            "raises the municipal property tax by 2.9\nper cent.\n")
    assert _bylines(text) == [("Owen Pasqua", ["Owen Pasqua"])]
    heads = [p for p in lay_out_page("p.txt", text).pieces if isinstance(p, Head)]
    assert [h.raw for h in heads] == ["COUNCIL HOLDS TAX INCREASE TO 2.9 PER CENT"]


def test_a_name_in_capitals_over_the_writers_address() -> None:
    """blind8 tasman-a1: PRIYA NAND over her e-mail address, under a sentence-case deck."""
    text = ("HIRA WINS MAYORALTY BY 212 VOTES\nRecount likely as runner-up weighs options\nPRIYA NAND\n"
            "priya.nand@waimatuacourier.example.nz\nFirst-term councillor Aroha Hira will be\n"
            "Waimatua's next mayor, the results show.\n")
    assert [names for _, names in _bylines(text)] == [["Priya Nand"]]


def test_the_same_letter_case_or_no_text_under_it_is_no_name() -> None:
    """A second headline line in the headline's case, and a name over a date (a notice's
    signer, blind8 veterans-v1) or over a byline (an interview's subject in the deck,
    blind10 alumni-a4), are no story's byline."""
    assert _bylines("FERRY TERMINAL REBUILD\nGETS GREEN LIGHT\n\nThe harbour board approved it.\n") == []
    signer = "特此启事。\n    原北疆军区某部三连\n       退伍战士 周福林\n         2026年12月3日\n"
    assert not any("周福林" in names for _, names in _bylines(signer))
    deck = "從從實實驗驗室室到到稻稻田田\n 專訪農藝系校友 邱雅婷\n文／蔡宗翰（校友中心）\n邱雅婷二〇〇九年自農藝系\n畢業。\n"
    assert [names for _, names in _bylines(deck)] == [["蔡宗翰"]]


def test_a_chinese_name_under_a_headline_on_a_page() -> None:
    """blind10 mining-k4: 龙泉矿机电队 郭小川 under 父亲的矿灯; blind2 theory-2: 沈 知 远, a
    block of its own under the headline."""
    assert "郭小川" in next(a for a in _page("ingest-blind10", "mining-k4.txt") if "矿灯" in (a.headline or "")).authors
    assert any(a.authors == ["沈知远"] for a in _page("ingest-blind2", "theory-2.txt"))


def test_a_signature_inside_a_letters_box() -> None:
    """blind10 mu-lamplight-d1: （读者 朱文英）set right under the letter's text, both in the
    page's ruled box, signs the letter."""
    result = ingest([FIXTURES / "ingest-blind10" / "mu-lamplight-d1.pdf"], "夜光", dt.date(2026, 12, 7))
    assert any(a.authors == ["朱文英"] for a in result.edition.articles)


def test_a_notice_signature_over_several_lines_set_right_stays_the_notices() -> None:
    """blind7 memorial-m2: the lines over a signature block (族戚寅世友誼　哀此訃聞) sign no
    story, and the signature keeps its issuer."""
    notices = [a for a in _page("ingest-blind7", "memorial-m2.txt") if a.notice is not None and a.notice.issuer]
    assert any("何美玲" in a.notice.issuer for a in notices)


def test_a_date_run_into_its_sentence_signs_nothing() -> None:
    """review14: `会议时间定于2026年11月13日` ends a sentence with a date and no space before it;
    a date on a line of its own (东江市鑫达五金经营部 / 2026年11月13日, blind5 classified-c2) or
    set off by a space signs the notice."""
    assert fields.run_in_signature("会议时间定于2026年11月13日") is None
    assert fields.run_in_signature("…声明作废。东江市鑫达五金经营部2026年11月13日", date_apart=True) == (
        "…声明作废。", "东江市鑫达五金经营部", "2026年11月13日")
    assert fields.run_in_signature("…声明作废。梁晓婷 2026年11月13日") == ("…声明作废。", "梁晓婷", "2026年11月13日")
    page = "会议通知\n  各会员：\n  本会定于下月召开年会，会议时间定于2026年11\n月13日\n"  # the date starts no line
    notice = next(a for a in ingest_texts([("n.txt", page)], "Test", dt.date(2026, 11, 14)).edition.articles
                  if a.headline == "会议通知")
    assert notice.notice is None and notice.blocks[-1].text.endswith("会议时间定于2026年11月13日")


def test_the_new_patterns_read_10000_character_lines() -> None:
    """Every pattern this session added is linear on a 10,000-character line (no timing:
    a backtracking pattern would not return)."""
    for line in ("林 " * 5000, "。 - A" * 2000, "a. - " + "Ab " * 3300, "会议" * 5000 + "2026年11月13日"):
        assert fields.name_line(line) is None
        fields.run_in_signature(line)
        stacks.cuts([line, line.upper(), "George Town"], True)


def test_a_dash_after_the_last_sentence_signs_nothing() -> None:
    """review15: byline15's sign-off rule (dropped at the merge, it gained only on the corpora
    that shaped it) read any capitalised words after a dash as the writer."""
    assert fields.trailing_byline("he said. - Kuala Lumpur") is None
    assert fields.trailing_byline("…he said. - AFP PHOTO") is None


def test_a_two_word_deck_names_no_writer() -> None:
    """review15: a deck of two words whose second opens with a surname glyph (夜市 何时开,
    高楼 林立) is no writer; what a writer is before the name is a longer word (龙泉矿机电队)."""
    assert fields.name_line("夜市 何时开") is None
    assert fields.name_line("高楼 林立") is None
    assert fields.name_line("龙泉矿机电队 郭小川") == ("龙泉矿机电队 郭小川", ["郭小川"])
    assert fields.name_line("行政書士 陳美玲") == ("行政書士 陳美玲", ["陳美玲"])
    page = "老城区改造启动\n夜市 何时开\n　　本报讯 今天市民在公园里散步，河水清澈。老城区改造工程正式启动。\n"
    articles = ingest_texts([("p.txt", page)], "T", dt.date(2024, 5, 8)).edition.articles
    assert not any(a.authors for a in articles)


def test_a_run_of_pointed_lines_in_a_story_is_a_list() -> None:
    """review15: ▲ lines one under another in a story's body are a list, not photo captions."""
    page = ("市政府出台惠民新措施\n\n　　本报讯 昨日，市政府出台三项惠民新措施，主要内容如下。\n"
            "▲市民可通过网上平台办理居住证。\n▲老年人乘坐公交车一律免费。\n▲新建社区卫生服务中心五所。\n"
            "　　市政府有关负责人表示，新措施将于下月起实施，欢迎市民监督。\n")
    articles = ingest_texts([("p.txt", page)], "T", dt.date(2024, 5, 8)).edition.articles
    assert [a.kind for a in articles] == ["article"]
    assert any("居住证" in t for t in articles[0].texts)


def test_a_title_case_deck_under_a_headline_in_capitals_is_no_writer() -> None:
    """review15: COUNCIL HOLDS TAX INCREASE / Rates Rise Again: three Title Case words under
    capitals are the deck; two (Owen Pasqua, blind10 prairie-w1) still name the writer."""
    for deck in ("Rates Rise Again", "Harbour Works Delayed"):
        page = (f"COUNCIL HOLDS TAX INCREASE\n{deck}\nThe council voted on Tuesday to raise rates by four per cent.\n"
                "Residents said they were unhappy with the decision.\n")
        assert not any(a.authors for a in ingest_texts([("p.txt", page)], "T", dt.date(2024, 5, 8)).edition.articles)
    page = ("COUNCIL HOLDS TAX INCREASE\nOwen Pasqua\nThe council voted on Tuesday to raise rates by four per cent.\n"
            "Residents said they were unhappy with the decision.\n")
    assert any(a.authors == ["Owen Pasqua"] for a in ingest_texts([("p.txt", page)], "T", dt.date(2024, 5, 8)).edition.articles)
