"""Story boundaries and head groups on text pages (session 16, text16cut): a block that is one
whole head group (plain lines over and under a fake-bold run) is cut into heads; heads set
with no blank line one over the other stay one group; a table's short cells are no column of
text; `PHOTO | NAME` credits a photo; a full stop after figures ends a sentence; a notice
never continues a feature. The lines are from the development corpora (ingest-blind11
airline-a1, stamps-s1, kenya-k1, fishing-h3, teochew-m2; ingest-blind9 tokyo-j3)."""

from __future__ import annotations

import datetime as dt

from exporter.ingest import fields, ingest_texts
from exporter.ingest.gutters import split_columns
from exporter.ingest.layout import Head, Para, closed, lay_out_page

DAY = dt.date(2026, 12, 7)

# airline-a1: a kicker in plain type, a two-line fake-bold headline, a —— deck, one block
AIRLINE = """\
全年运输旅客突破1800万人次
云云翔翔航航空空实实现现连连续续
安安全全飞飞行行三三百百万万小小时时
——机队规模增至86架，新开国际航线5条

  本报讯（通讯员 欧阳帆）12月2日零
时，随着YX8857航班平稳降落在昆明长
水国际机场，云翔航空实现连续安全飞
行300万小时，成为区域内首家达到这
一安全里程的航空公司。
"""

# stamps-s1: the issuer's name centred over a notice's fake-bold title, under a photo's credit
STAMPS = """\
藏家在預展會上用放大鏡細看拍品。
（圖：簡文軒）

     香江郵品拍賣行有限公司
春春季季拍拍賣賣會會徵徵集集拍拍品品通通告告

  本行二〇二七年春季拍賣會現已開
始徵集拍品，截止日期為二〇二七年
一月三十一日。
     香江郵品拍賣行有限公司 謹啟
            二〇二六年十二月三日
"""

# tokyo-j3 (blind9): a kicker glued over its headline under a table with its own title
TOKYO = """\
■今日匯率（12月3日，日圓）
幣種      買入      賣出
人民幣    21.35     21.95
港幣      19.20     19.80
新台幣    4.71      4.89
美元      149.30    151.30
      （資料來源：東邦銀行）

華裔家長重視母語教育
週週末末中中文文班班一一位位難難求求
  在橫濱中華街附近開辦週末中
文班的鄭淑芬，最近每天都會接
到家長的查詢電話。
"""

# kenya-k1: a photo caption credited `PHOTO | NAME`, then a table with its title
KENYA = """\
Ward representative Joseph Mutua urged
residents to report any contractor who
delivers substandard murram.

Pupils of Kiamboni Primary School plant
tree seedlings in the school compound on
Friday as part of a county greening
drive.
                 PHOTO | OTIENO ODHIAMBO

NEW MATATU FARES

Route                 Old (Sh)  New (Sh)
Kiamboni - Naivasha   100       120
Kiamboni - Nakuru     250       280
Kiamboni - Mai Mahiu  150       170
Source: Kiamboni Matatu Owners Sacco
"""

# fishing-h3: a brief that ends on a telephone number, then the next story's headline
FISHING = """\
GALA DAY: The Brackhaven Harbour
Gala committee has set the date for
next year's gala as Saturday, July
17. Volunteers for the fish-gutting
demonstration and the raft race
should contact Ann Cowie on 01542
830 114.

Sixty seconds with the new ice plant manager

Graeme Tait took over the harbour's
ice plant in November after fifteen
years at sea.
"""

# teochew-m2: a feature under its author box, then a notice of thanks under a spaced title
TEOCHEW = """\
潮潮州州話話班班迎迎來來第第十十屆屆學學員員

文／陳秀梅
　　本會潮州話班創辦於二〇
一六年，每週六下午上課。今
年報名的二十六名學員中，有
一半是在毛里求斯出生的第三、
四代華裔。
◎把鄉音留給下一代
　　學員黃文傑的祖父來自潮
安，他說想學會潮州話，將來
能看懂族譜，也能到祖父的家
鄉走一走。

          鳴  謝

　　先慈林府蔡太夫人不幸仙
逝，治喪期間，承蒙本會理事
及各界親友親臨弔唁、致送花
圈，隆情厚誼，沒齒難忘。謹
此鳴謝。
 故林府蔡太夫人孝眷 同泣謝
    二〇二六年十一月三十日
"""


def _articles(page: str, language: str = "zh-CN") -> list:
    return ingest_texts([("page1.txt", page)], "晨报", DAY, language).edition.articles


def _text(article) -> str:
    return "".join(b.text or "" for b in article.blocks)


def test_a_block_that_is_one_head_group_is_read_as_heads_not_a_paragraph() -> None:
    pieces = lay_out_page("page1.txt", AIRLINE).pieces
    assert [p.raw for p in pieces if isinstance(p, Head)] == [
        "全年运输旅客突破1800万人次", "云翔航空实现连续安全飞行三百万小时", "——机队规模增至86架，新开国际航线5条"]
    assert isinstance(pieces[3], Para) and pieces[3].raw.startswith("本报讯")
    story = _articles(AIRLINE)[0]
    assert (story.kicker, story.headline, story.subheadline) == (
        "全年运输旅客突破1800万人次", "云翔航空实现连续安全飞行三百万小时", "机队规模增至86架，新开国际航线5条")
    assert _text(story).startswith("12月2日零时")


def test_a_head_group_of_two_lines_stays_one_headline_block() -> None:
    """[kicker, headline] with no indent is headline-like as it stands: the rule leaves it
    (blind5 borneo-b1's 耗资RM1亿8千万 / 巴巴当当河河…)."""
    pieces = lay_out_page("page1.txt", "耗资RM1亿8千万\n巴巴当当河河大大桥桥明明年年初初通通车车\n\n  （诗河13日讯）耗资1亿8千万令\n"
                                       "吉的巴当河大桥工程已完成约92%。\n").pieces
    assert [len(p.lines) for p in pieces if isinstance(p, Head)] == [2]


def test_an_issuer_over_a_notice_title_heads_the_notice_not_the_photo_above() -> None:
    arts = _articles(STAMPS)
    photo, notice = arts[0], arts[1]
    assert photo.kind == "photo" and photo.headline is None
    assert notice.kind == "notice" and (notice.kicker, notice.headline) == ("香江郵品拍賣行有限公司", "春季拍賣會徵集拍品通告")


def test_a_kicker_glued_over_its_headline_goes_with_it() -> None:
    arts = _articles(TOKYO)
    assert [a.headline for a in arts] == ["今日匯率（12月3日，日圓）", "週末中文班一位難求"]
    assert arts[1].kicker == "華裔家長重視母語教育"


def test_a_table_with_short_cells_is_no_pair_of_columns() -> None:
    assert split_columns(KENYA) is None
    two = "\n".join(f"{left:<28}{right}" for left, right in [
        ("The county government", "Kiamboni Queens were"), ("has released Sh48 million", "crowned champions on"),
        ("for the gravelling of", "Saturday after beating"), ("six feeder roads.", "Naivasha Prisons 3-1.")])
    assert split_columns(two) is not None  # two columns of running text still split


def test_a_credit_set_off_by_a_bar_closes_its_caption() -> None:
    assert fields.split_credit("PHOTO | OTIENO ODHIAMBO") == ("", "OTIENO ODHIAMBO")
    arts = _articles(KENYA, "en")
    photo = next(a for a in arts if a.kind == "photo")
    assert photo.blocks[0].caption.startswith("Pupils of Kiamboni") and photo.blocks[0].credit
    table = next(a for a in arts if a.headline == "NEW MATATU FARES")
    assert "Kiamboni - Naivasha" in _text(table) and "Pupils" not in _text(table)


def test_a_full_stop_after_figures_ends_the_sentence() -> None:
    assert closed("should contact Ann Cowie on 01542 830 114.")
    assert closed("as Saturday, July 17.")
    assert not closed("1.")  # after one figure: an item's number
    arts = _articles(FISHING, "en")
    assert [a.headline for a in arts] == ["GALA DAY", "Sixty seconds with the new ice plant manager"]
    assert _text(arts[1]).startswith("Graeme Tait")


def test_a_notice_never_continues_a_feature_under_a_one_line_head() -> None:
    arts = _articles(TEOCHEW)
    assert [(a.kind, a.headline) for a in arts] == [("article", "潮州話班迎來第十屆學員"), ("notice", "鳴 謝")]
    assert "鳴" not in _text(arts[0])


def test_the_closing_regex_is_linear() -> None:
    assert not closed("1" * 10_000 + " ")
    assert closed("1" * 10_000 + ".")
