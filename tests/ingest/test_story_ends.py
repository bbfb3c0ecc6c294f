"""Where a story ends on a text page (session 15, text15cut): a sign-off on its own line ends
it, so display type under it heads the next story; a caption run in with its credit under
a story's last line is a photo of its own; a caption that points at its photo (▲…。) is a
standalone caption; a kicker framed in dashes, and fake bold whose Latin or digits were
read once, are display type; a rule drawn as a line of one glyph is a blank line;
a newsletter's 【本刊訊】 opens a story. The lines are from the development corpora
(ingest-blind10 alumni-a1, alumni-a4, lamplight-d2, mining-k1, motor-m1, produce-p1;
ingest-blind8 power-p1, youth-y1, gazette-g3; ingest-blind5 sportsdaily-a3; ingest-blind
sports-1; ingest-blind4 citydaily-a10)."""

from __future__ import annotations

import datetime as dt

from exporter.ingest import fields, ingest_texts
from exporter.ingest.frames import unframe
from exporter.ingest.layout import Caption, Head, Para, lay_out_page
from exporter.ingest.repair import undouble

DAY = dt.date(2026, 12, 7)

ORANGES = """\
产产地地直直击击    沙沙糖糖桔桔上上市市量量增增价价稳稳
本报讯（记者 韦振华 通讯员 覃丽）12月上旬，桂东各地沙糖桔进入集中采摘期
。记者在石龙镇收购点看到，果农的
三轮车排起长队，一筐筐金黄的桔子
过秤后直接装车，运往北方城市。
  收购商黄志勇说，今年果子糖度高、
果面干净，北方客户订单比往年来得
早。
石龙镇收购点，果农排队交售沙糖桔。  覃丽 摄
"""

ROBOTS = """\
——安安全全生生产产百百日日攻攻坚坚——
井井下下智智能能巡巡检检机机器器人人
在在北北翼翼采采区区上上岗岗
  本报讯（通讯员 贾晓峰 田野）
12月3日，两台智能巡检机器人在
集团公司龙泉矿北翼采区正式上岗，
替代人工完成皮带巷道的日常巡检。
"""

MATCH = """\
  目前青石河以61分暂列积分榜第
8位，下轮将客场挑战老对手。
  下半场易边再战，西山火车头加
强了边路进攻，多次制造威胁。

图／卜凡
3月8日，临海海港队球员在进球后庆祝。
"""

ALUMNI = """\
的老榕樹下合影。主辦人、化
工系校友吳振宏說，五十年前
的約定，今天終於實現。
▲七六級校友在文學院前的老榕樹下合影。

十 一 月 份 捐 款 芳 名 錄
"""

RIDDLES = """\
（小记者 陈可心 摄）
～～～～～～～～～～～
    动脑筋　猜一猜
1.什么东西越洗越脏？
        （答案见下期）
～～～～～～～～～～～

◎冬冬季季安安全全小小提提示示
"""


def _articles(page: str) -> list:
    return ingest_texts([("page1.txt", page)], "晨报", DAY).edition.articles


def _text(article) -> str:
    return "".join(article.lead + [b.text for b in article.blocks if b.type == "paragraph"])


def test_a_caption_run_in_with_its_credit_under_a_story_is_a_photo_of_its_own() -> None:
    """`…来得早。` / `石龙镇收购点…。  覃丽 摄`: the credit, set off by two spaces after the
    caption's stop, makes the line a caption; it neither joins the paragraph above nor
    turns the story (a dateline, two paragraphs) into a photo story."""
    assert fields.split_credit("石龙镇收购点，果农排队交售沙糖桔。  覃丽 摄") == ("石龙镇收购点，果农排队交售沙糖桔。", "覃丽")
    arts = _articles(ORANGES)
    story = next(a for a in arts if a.kind == "article")
    assert story.dateline == "本报讯" and _text(story).endswith("北方客户订单比往年来得早。")
    photo = next(a for a in arts if a.kind == "photo")
    assert photo.blocks[0].caption == "石龙镇收购点，果农排队交售沙糖桔。" and photo.blocks[0].credit == "覃丽"


def test_a_credit_alone_over_a_caption_cuts_no_story() -> None:
    """A credit line over its caption (图／卜凡) goes to the paragraph above it, as before:
    the rule above takes a credit on the caption's own line only."""
    arts = _articles(MATCH)
    assert len([a for a in arts if "下半场易边再战" in _text(a) or any(
        "下半场易边再战" in (b.caption or "") for b in a.blocks if b.type == "figure")]) == 1
    assert any("目前青石河" in _text(a) or any("目前青石河" in (b.caption or "") for b in a.blocks
                                            if b.type == "figure") for a in arts)


def test_a_caption_pointing_at_its_photo_is_a_standalone_caption() -> None:
    """`▲…合影。` after a finished paragraph: a caption (the pointer is layout), not an
    author box that would make the story a feature and take the next head as its subhead."""
    pieces = lay_out_page("page1.txt", ALUMNI).pieces
    captions = [p for p in pieces if isinstance(p, Caption)]
    assert [c.raw for c in captions] == ["七六級校友在文學院前的老榕樹下合影。"]
    arts = _articles(ALUMNI)
    assert not any("十一月份" in _text(a) for a in arts)


def test_a_kicker_framed_in_dashes_heads_its_story() -> None:
    assert undouble("——安安全全生生产产百百日日攻攻坚坚——") == "——安全生产百日攻坚——"
    assert undouble("——安安全全生生产产百百日日攻攻坚坚————") == "——安全生产百日攻坚——"
    story = next(a for a in _articles(ROBOTS) if a.kind == "article")
    assert story.kicker == "安全生产百日攻坚" and story.headline == "井下智能巡检机器人在北翼采区上岗"


def test_fake_bold_whose_latin_and_digits_were_read_once() -> None:
    """Every Han glyph doubled, a run of Latin, digits or marks read once (motor-m1,
    power-p1, lamplight-d2); a run doubled whole still collapses; ordinary text, and a
    line mostly read once, stay as they are."""
    assert undouble("岚岚途途X5混混动动版版：：城城市市通通勤勤每每百百公公里里4.8升升") == "岚途X5混动版：城市通勤每百公里4.8升"
    assert undouble("迎迎峰峰度度冬冬  500千千伏伏岭岭西西输输变变电电工工程程投投运运") == "迎峰度冬  500千伏岭西输变电工程投运"
    assert undouble("读读者者来来信信：谢谢谢谢那那位位不不知知名名的的医医生生") == "读者来信：谢谢那位不知名的医生"
    assert undouble("关关于于表表彰彰22002266年年度度") == "关于表彰2026年度"
    assert undouble("谢谢你们的帮助") is None
    assert undouble("高高兴兴 123") is None
    assert undouble("Hello 好好好好好好") is None


def test_a_label_set_one_ideographic_space_from_its_headline() -> None:
    pieces = lay_out_page("page1.txt", "超级联赛第30轮　东东港港海海鸥鸥22∶∶11逆逆转转北北湾湾雄雄狮狮\n"
                                       "——提前两轮锁定亚冠资格\n").pieces
    assert [p.raw for p in pieces if isinstance(p, Head)][:2] == ["超级联赛第30轮", "东港海鸥2∶1逆转北湾雄狮"]


def test_a_rule_of_one_glyph_stands_where_a_blank_line_would() -> None:
    """The rules go (counted as dropped) and leave blank lines, so the riddles' title under
    one is no line of the caption's credit above it. They mark no box: a box's lines sign
    nothing (segment._signatures), and a letter's 读者 line under its text must."""
    framed = unframe(RIDDLES)
    assert framed.dropped["～"] == 22 and "～" not in framed.text and framed.boxes == {}
    assert framed.text.split("\n")[1] == "" and framed.text.split("\n")[5] == ""
    assert unframe("——提前两轮锁定亚冠资格\n正文。\n").text == "——提前两轮锁定亚冠资格\n正文。\n"  # a deck's dashes
    heads = [p.raw for p in lay_out_page("page1.txt", framed.text).pieces if isinstance(p, Head)]
    assert "～" not in "".join(heads)


def test_a_newsletters_own_dateline() -> None:
    assert fields.DATELINE.match("【本刊訊】瀾溪縣政府一站式為民服務中心").group() == "【本刊訊】"
    assert fields.DATELINE.match("【月刊】本期") is None
    assert isinstance(lay_out_page("page1.txt", "　　【本刊訊】瀾溪縣政府一站\n式為民服務中心12月1日啟用。\n").pieces[0], Para)
