"""Body lines on text pages, session 19 (text19para): a notice's line that runs on under a
signature set right is no headline, and a paragraph carried over a column break into a block
that ends with a jump line and a photo's caption goes on. The fragments are from
ingest-blind14 rescue-m2 and tram-w1 (the pages the fixes were shaped on)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from exporter.ingest import fields
from exporter.ingest.frames import unframe
from exporter.ingest.layout import Head, Line, Para, lay_out_page

# ingest-blind14 rescue-m2: a notice under its title, its signature set right under the text
NOTICE = ("PUBLIC NOTICE\n\n            ANNUAL GENERAL MEETING\n\n"
          "   Notice is hereby given that the Annual\nGeneral Meeting of the Derwent Fell Rescue\n"
          "Team will be held at the Keswick base on\nFriday, January 15, 2027, at 7.30pm.\n"
          "   Members wishing to propose a motion should\nsend it to the secretary by January 4.\n"
          "                 Derwent Fell Rescue Team\n                            7 December 2026\n\n"
          "Honister path repairs finish early\n\n  Work to rebuild the eroded path from\n"
          "Honister to Dale Head has finished three\nweeks ahead of schedule.\n")


def test_a_notice_line_stays_in_its_paragraph_under_a_signature_set_right() -> None:
    laid = lay_out_page("page1.txt", NOTICE)
    paras = [piece.raw for piece in laid.pieces if isinstance(piece, Para)]
    heads = [piece.raw for piece in laid.pieces if isinstance(piece, Head)]
    assert paras[0] == ("Notice is hereby given that the AnnualGeneral Meeting of the Derwent Fell Rescue"
                        "Team will be held at the Keswick base onFriday, January 15, 2027, at 7.30pm.")
    assert not any("Keswick" in head for head in heads)


# ingest-blind14 tram-w1: the story's paragraph runs over a column break into a block that
# ends with its jump line, then a photo's caption and credit, then the photo's headline
TRAM = ("HERITAGE FLEET\nW-class 681 rolls out of Hawthorn workshop\n\nBy PRIYA NATARAJAN\n"
        "  MELBOURNE: After three years and more\nthan eleven thousand volunteer hours,\n"
        "W-class tram 681 has left the Hawthorn\nworkshop under its own power.\n"
        "  The tram's original timber saloon was\nstripped back to the frame, and forty-two\n\n\n"
        "window sashes were rebuilt by hand. The\nsociety's restoration manager, Dot\n"
        "Ferreira, said the hardest part was\n                    Continued on Page 4\n"
        "A Z-class tram crosses Princes Bridge on\nthe final service of the evening.\n"
        "                     PHOTO: ALICE CHEN\n\nLast run of the night\n")


def test_a_paragraph_goes_on_over_a_column_break_above_a_jump_line_and_a_caption() -> None:
    laid = lay_out_page("page1.txt", TRAM)
    paras = [piece for piece in laid.pieces if isinstance(piece, Para)]
    carried = next(p for p in paras if "forty-two" in p.raw)
    assert carried.raw.endswith("said the hardest part was")
    assert "window sashes were rebuilt by hand." in carried.raw


def test_the_line_under_a_jump_line_opens_the_caption() -> None:
    laid = lay_out_page("page1.txt", TRAM)
    paras = [piece for piece in laid.pieces if isinstance(piece, Para)]
    jump = next(p for p in paras if "Continued on Page 4" in p.raw)
    caption = next(p for p in paras if "Princes Bridge" in p.raw)
    assert jump is not caption and jump.credit is None
    assert caption.raw.startswith("A Z-class tram") and caption.credit == "ALICE CHEN"


def test_the_tram_page_reads_as_printed() -> None:
    from benchmarks.ingest_families import edition
    page = Path(__file__).parents[1] / "fixtures" / "ingest-blind14" / "tram-w1.txt"
    arts = edition(page, date=dt.date(2025, 3, 15))["articles"]
    story = next(a for a in arts if a.get("subheadline") == "W-class 681 rolls out of Hawthorn workshop")
    texts = [b.get("text") for b in story["blocks"] if b["type"] == "paragraph"]
    assert texts[-1].startswith("The tram's original timber saloon") and texts[-1].endswith("the hardest part was")
    assert not any(b["type"] == "figure" for b in story["blocks"])
    photo = next(a for a in arts if a.get("headline") == "Last run of the night")
    assert [b.get("caption") for b in photo["blocks"] if b["type"] == "figure"] == [
        "A Z-class tram crosses Princes Bridge on the final service of the evening."]


def test_a_subhead_sheds_its_bullet_as_a_headline_does() -> None:
    # ingest-blind14 bees-h1: ■第第一一关关：：饲饲料料关关 heads a section of the story
    from benchmarks.ingest_families import edition
    page = Path(__file__).parents[1] / "fixtures" / "ingest-blind14" / "bees-h1.txt"
    arts = edition(page, date=dt.date(2025, 3, 15))["articles"]
    story = next(a for a in arts if a.get("headline") == "蜂群越冬要过三道关")
    assert [b["text"] for b in story["blocks"] if b["type"] == "heading"] == ["第一关：饲料关", "第二关：保温关", "第三关：防病关"]


# ingest-blind14 tax-t1: a table ruled with bars alone, no border over or under it
BARS = ("十　二　月　办　税　日　历\n\n│项目│申报期限│备注│\n│增值税│12月1日至15日│按月申报│\n"
        "│个人所得税│12月1日至15日│扣缴申报│\n（遇节假日顺延。咨询电话：12366）\n")


def test_a_table_ruled_with_bars_alone_sheds_them() -> None:
    framed = unframe(BARS)
    assert framed.text.split("\n")[2:5] == ["项目  申报期限  备注", "增值税  12月1日至15日  按月申报",
                                             "个人所得税  12月1日至15日  扣缴申报"]
    assert framed.dropped["│"] == 12 and not framed.boxes


def test_its_rows_and_the_note_under_them_are_paragraphs_of_their_own() -> None:
    laid = lay_out_page("page1.txt", unframe(BARS).text)
    assert [p.raw for p in laid.pieces if isinstance(p, Para)][-2:] == [
        "个人所得税  12月1日至15日  扣缴申报", "（遇节假日顺延。咨询电话：12366）"]


def test_one_line_between_bars_and_a_box_s_bars_are_left_to_the_box() -> None:
    assert unframe("│一行字│\n正文\n").text == "│一行字│\n正文\n"
    boxed = unframe("┌────┐\n│停水通知│\n│明日停水。│\n└────┘\n")
    assert boxed.text.split("\n")[1:3] == ["  停水通知", "  明日停水。"] and boxed.boxes


def test_a_run_in_title_a_label_or_a_pointer_is_no_dateline() -> None:
    for text in ("GALA DAY: The harbour opens", "NOTICE: GARDEN REFUSE COLLECTION", "INSIDE: Letters 12 | Sport 30-32",
                 "INSIDE: Parish notes 12 | Property 20", "WEATHER: Cloudy, 9-15C.",
                 # review19a: an interview's speakers and a label opening a paragraph (the colon
                 # dateline that read them was taken out at the merge)
                 "MAIL: What surprised you about the job", "UPDATE: The harbour board met"):
        assert fields.DATELINE.match(text) is None, text


def test_a_periodical_s_own_dateline_before_its_byline() -> None:
    # ingest-blind14 rubber-u1: 本刊讯（通讯员 陈国良）本周国际胶价…
    opened = fields.opening("本刊讯（通讯员 陈国良）本周国际胶价连续三天回升")
    assert opened.dateline == "本刊讯" and opened.byline == "通讯员 陈国良"


def test_a_brief_s_run_in_title_after_a_ring_bullet_gives_its_text_back() -> None:
    # ingest-blind14 ceramics-c2: the brief's first glyph stands after its fake-bold title, the
    # rest of its text on the lines under it
    page = ("◎陶陶瓷瓷学学院院学学生生作作品品获获国国际际铜铜奖奖  日\n前，瓷源陶瓷学院大三学生邹子墨的作品《听窑》在一\n"
            "项国际陶艺竞赛中获得铜奖。（通讯员 陈露）\n")
    laid = lay_out_page("page1.txt", page)
    assert [p.raw for p in laid.pieces if isinstance(p, Para)] == [
        "日前，瓷源陶瓷学院大三学生邹子墨的作品《听窑》在一项国际陶艺竞赛中获得铜奖。（通讯员 陈露）"]
    assert any(line.bold and line.text == "陶瓷学院学生作品获国际铜奖" for p in laid.pieces if isinstance(p, Head) for line in p.lines)


def test_the_page_s_last_line_with_an_e_mail_address_is_its_foot_line() -> None:
    # ingest-blind14 tax-t2: the page's foot line under the last story
    from benchmarks.ingest_families import edition
    page = Path(__file__).parents[1] / "fixtures" / "ingest-blind14" / "tax-t2.txt"
    arts = edition(page, date=dt.date(2025, 3, 15))["articles"]
    texts = [b.get("text", "") for a in arts for b in a["blocks"]]
    assert not any("swzc@ycwb.example" in t for t in texts)


def test_a_foot_line_is_one_line_under_a_blank_line() -> None:
    from exporter.ingest.segment import _foot_line
    foot = Para([Line(9, 0.0, "纳税服务热线 12366   投稿邮箱 swzc@ycwb.example")], gap_before=True)
    assert _foot_line(foot) and not _foot_line(Para([Line(9, 0.0, "Write to me at a@b.example, she said.")]))
    assert not _foot_line(Para([Line(9, 0.0, "纳税服务热线 12366"), Line(10, 0.0, "投稿邮箱 swzc@ycwb.example")], gap_before=True))
    # review19a: a story's last paragraph, indented, alone after a column break
    assert not _foot_line(Para([Line(9, 3.0, "Readers may send readings to ferry@okains.example.nz")], gap_before=True))
