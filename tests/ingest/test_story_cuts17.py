"""Story boundaries on text pages (session 17, text17cut): an author box that names the
writer's role over a line of running text is the story's byline, not a headline. The lines
are from the development corpora (ingest-blind10 hospital-h2, ingest-blind3 county-p1); the
rule was shaped on ingest-blind12 freight-f1, whose page it moves only together with a vertical
head's quote marks (not admitted, see docs/ingest.md)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from exporter.ingest import ingest_texts

DAY = dt.date(2026, 12, 7)

# hospital-h2 (blind10): a two-line fake-bold headline, a ■ role box, the story's indented
# first line glued to the box (a blank line falls after the first two lines of text)
HOSPITAL = """\
  建議先到家庭醫生處評估，
並記錄兩星期的睡眠日誌。
睡前一小時避免使用手機，
下午三時後不喝咖啡及濃茶，
往往已有改善。

◆流流感感季季節節前前
院院方方呼呼籲籲高高危危人人士士接接種種疫疫苗苗
■記者 黃靜儀
  本院感染控制組提醒，本
澳每年一月至三月為流感高

峰期，六十五歲以上長者、
慢性病患者及孕婦屬高危人
士，應盡早接種季節性流感
疫苗。
"""

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _articles(page: str, language: str = "zh-HK") -> list:
    return ingest_texts([("page1.txt", page)], "晨报", DAY, language).edition.articles


def test_a_role_box_over_running_text_is_the_byline_not_a_headline() -> None:
    story = next(a for a in _articles(HOSPITAL) if "感染控制組" in "".join(b.text or "" for b in a.blocks))
    assert story.authors == ["黃靜儀"]
    assert "記者" not in (story.headline or "") and "本院" not in (story.headline or "")
    assert story.blocks[0].text.startswith("本院感染控制組提醒")


def test_a_role_box_over_display_lines_stays_over_its_headline() -> None:
    """county-p1 (blind3): ■通讯员 罗小川 记者 曾雯 over 县城新增两处 / “口袋公园”."""
    page = (FIXTURES / "ingest-blind3" / "county-p1.txt").read_text(encoding="utf-8")
    heads = [a.headline or "" for a in _articles(page, "zh-CN")]
    assert any(h.endswith("县城新增两处“口袋公园”") for h in heads)  # the box and its headline stay one head
