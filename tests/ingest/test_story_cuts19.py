"""Story boundaries and head groups on text pages (session 19, text19cut). Every page here is
lines of a development corpus (ingest-blind14, shaped on; see docs/ingest.md for the corpora
each rule gained on): an English head over its story measured in one unit (a line set right
no longer widens the column); a brief's fake-bold title after a `◎` or `◇` bullet with its
text run in. text19para fixed the same two errors on its own branch (`layout._wrapping`,
`layout._LEADIN`), merged first: these tests, text19cut's, hold on the merged code; text19cut's
own code and its sentence-case deck (no score moved) stayed on branch text19cut."""

from __future__ import annotations

from collections import Counter

from exporter.ingest.layout import read_lines
from exporter.ingest.weights import SHIPPED
from tests.ingest.test_story_cuts18 import FIXTURES, _articles


def _text(article) -> str:  # noqa: ANN001 - an Article
    return " ".join(getattr(b, "text", None) or getattr(b, "caption", None) or "" for b in article.blocks)


# rescue-m2 (blind14): a notice whose lines open with capitals, its issuer and date set right
NOTICE = """\
PUBLIC NOTICE

            ANNUAL GENERAL MEETING

   Notice is hereby given that the Annual
General Meeting of the Derwent Fell Rescue
Team will be held at the Keswick base on
Friday, January 15, 2027, at 7.30pm.
   Members wishing to propose a motion should
send it to the secretary by January 4.
                 Derwent Fell Rescue Team
                            7 December 2026

Honister path repairs finish early

Rob Dacre
  Work to rebuild the eroded path from
Honister to Dale Head has finished three
weeks ahead of schedule, thanks to a dry
spell in October.
"""


def test_a_line_set_right_does_not_widen_the_column_a_head_is_measured_against() -> None:
    """The issuer set right (17 spaces, then 24 letters) measured 29 cells when spaces counted
    whole and letters half: the notice's lines then left room for the next line's first word,
    each was cut off as a headline, and `Team will be held at the Keswick base on` became the
    kicker of the next story."""
    articles = _articles(NOTICE, "en-GB")
    notice = next(a for a in articles if a.kind == "notice")
    assert "Rescue Team will be held at the Keswick base on Friday" in _text(notice)
    story = next(a for a in articles if a.headline == "Honister path repairs finish early")
    assert story.kicker is None and "Keswick" not in _text(story)


# ceramics-c2 (blind14): briefs with a `◎` bullet, the title's text run in after a gap
BRIEFS = """\
                                   2026年12月7日
◎陶陶瓷瓷学学院院学学生生作作品品获获国国际际铜铜奖奖  日
前，瓷源陶瓷学院大三学生邹子墨的作品《听窑》在一
项国际陶艺竞赛中获得铜奖。（通讯员 陈露）
◎老老城城区区窑窑砖砖小小巷巷完完成成修修缮缮  历
时八个月，老城区十二条窑砖小巷修缮完工，沿巷三十
多户老宅同步完成外立面整治。（邱兰）
"""


def test_a_brief_title_after_a_ring_bullet_keeps_its_text_whole() -> None:
    """`◎` was no run-in lead's bullet: the line was read as an author box, and the text's
    first glyph (`日`, `历`) went with it."""
    lines = [line for line in read_lines(BRIEFS, Counter(), SHIPPED) if line is not None]
    assert [(line.text, line.bold, line.leadin) for line in lines[1:3]] == [
        ("陶瓷学院学生作品获国际铜奖", True, True), ("日", False, False)]
    articles = _articles(BRIEFS)
    award = next(a for a in articles if "听窑" in _text(a))
    assert award.headline == "陶瓷学院学生作品获国际铜奖"
    assert _text(award).startswith("日前，瓷源")
    lanes = next(a for a in articles if "窑砖小巷修缮完工" in _text(a))
    assert lanes.headline == "老城区窑砖小巷完成修缮" and _text(lanes).startswith("历时八个月")


def test_a_photo_title_after_a_ring_bullet_heads_its_photo() -> None:
    """mining-k1 (blind10, not looked at while shaping): `◎巡巡检检机机器器人人  巡检机器人在…（田野 摄）`,
    the photo's title run in with its caption."""
    page = (FIXTURES / "ingest-blind10" / "mining-k1.txt").read_text(encoding="utf-8")
    photo = next(a for a in _articles(page) if a.kind == "photo")
    assert photo.headline == "巡检机器人" and photo.authors == ["田野"]
