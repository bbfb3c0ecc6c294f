"""Notices, paragraphs and captions on page PDFs of other engines (session 17, pdf17body),
each on a real page of a development corpus."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pymupdf
import pytest

from exporter.ingest import ingest, ingest_texts
from exporter.ingest.layout import Hints, Para, Signature, lay_out_page
from exporter.model import Paragraph

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.mark.parametrize(("corpus", "page", "issuer", "date"), [
    # shaped on blind12's MuPDF pages; the same spacing on MuPDF pages of blind8 and blind11
    # and on a reportlab page of blind3
    ("ingest-blind12", "mu-ecovol-g1.pdf", "蓝湾环保志愿者协会", "2026年12月7日"),
    ("ingest-blind12", "mu-elders-e1.pdf", "大巴窑乐龄活动中心", "2026年12月7日"),
    ("ingest-blind10", "mu-radio-r1.pdf", "江城广播电视台", "2026年12月7日"),
    ("ingest-blind8", "mu-jakarta-a2.pdf", "泗水福清同乡会", "2026年12月3日"),
    ("ingest-blind3", "rl-valley-p1-en.pdf", "Ashby Valley District Council", "8 August 2025"),
])
def test_an_issuer_set_apart_from_its_date_signs_the_notice(corpus: str, page: str, issuer: str, date: str) -> None:
    """Some engines space every line of a notice apart, so the issuer set right stands in a
    block of its own over the date's: it is the notice's signer, not the headline of a
    notice of its own (which took the date and left the notice unsigned)."""
    result = ingest([FIXTURES / corpus / page], "P", dt.date(2025, 3, 15))
    signed = [a for a in result.edition.articles if a.notice is not None and a.notice.date == date]
    assert len(signed) == 1
    notice = signed[0]
    assert notice.notice.issuer == issuer
    assert notice.headline != issuer and notice.blocks  # the notice's own title and text
    assert not any(a.headline == issuer for a in result.edition.articles)


def test_a_right_set_line_over_a_date_after_a_headline_alone_stays_as_read() -> None:
    """Only a short line set right (deep indent, no sentence's end) joins the date under it;
    a paragraph in the body's measure over a date line set apart does not."""
    text = "通告\n\n　　本中心将于下周一起暂停开放，敬请留意。\n\n" + " " * 30 + "2026年12月7日\n"
    laid = lay_out_page("t", text, Hints())
    signature = [p for p in laid.pieces if isinstance(p, Signature)]
    assert len(signature) == 1 and signature[0].issuer is None and signature[0].date == "2026年12月7日"
    assert any(isinstance(p, Para) and "暂停开放" in p.raw for p in laid.pieces)


@pytest.mark.parametrize(("corpus", "page", "foot"), [
    # shaped on blind12's reportlab pages; the same on a MuPDF page of blind7
    ("ingest-blind12", "rl-tides-t1.pdf", "ADVERTISEMENT Peninsula Marine Supplies"),
    ("ingest-blind7", "mu-jianan-b5.pdf", "本版廣告 嘉南旅行社"),
])
def test_a_foot_line_far_under_the_stories_is_furniture(corpus: str, page: str, foot: str) -> None:
    """An advertisement strip printed at the page's foot, under a page whose stories end
    half-way down, is set aside: it joined the last paragraph read (or an unplaced article)."""
    result = ingest([FIXTURES / corpus / page], "P", dt.date(2025, 3, 15))
    assert any(line.text.startswith(foot) for _, line in result.furniture)
    assert not any(foot in b.text for a in result.edition.articles for b in a.blocks if isinstance(b, Paragraph))


def test_a_story_under_a_gap_at_the_foot_stays_a_story() -> None:
    """mu-wenshi's last brief stands 9 ems under the text over it, in the page's foot band:
    nearer than a foot line stands apart, so it stays a story with its paragraph."""
    result = ingest([FIXTURES / "ingest-blind12" / "mu-wenshi-w1.pdf"], "P", dt.date(2025, 3, 15))
    brief = [a for a in result.edition.articles if a.headline == "民国地图揭示老街走向"]
    assert len(brief) == 1 and "清晰标出了十二条老街的走向和名称" in brief[0].blocks[0].text


def test_a_short_story_printed_low_under_a_chart_stays_a_story(tmp_path: Path) -> None:
    """review17: a brief headed in display type at the page's foot, far under a chart drawn as
    paths (no text, no image), is a story, not a foot line set aside with its text."""
    page_pdf = tmp_path / "foot.pdf"
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((50, 60), "Council approves new riverside park", fontname="hebo", fontsize=20)
    sentence = "The city council voted on Tuesday to approve a new riverside park on the old freight yard."
    for i in range(8):
        page.insert_text((50, 90 + 12 * i), sentence, fontname="helv", fontsize=9)
    for i, bar in enumerate((120, 200, 160, 240)):  # a bar chart drawn as paths
        page.draw_rect(pymupdf.Rect(80 + i * 100, 660 - bar, 150 + i * 100, 660), color=(0, 0, 0), fill=(0.5, 0.5, 0.5))
    page.insert_text((50, 730), "Library hours extended", fontname="hebo", fontsize=12)
    page.insert_text((50, 746), "The central library will stay open until 9pm on weekdays from next month.",
                     fontname="helv", fontsize=9)
    page.insert_text((50, 758), "Saturday hours are unchanged.", fontname="helv", fontsize=9)
    doc.save(page_pdf)
    result = ingest([page_pdf], "P", dt.date(2025, 3, 15), language="en")
    brief = [a for a in result.edition.articles if a.headline == "Library hours extended"]
    assert len(brief) == 1 and "Saturday hours are unchanged." in " ".join(b.text for b in brief[0].blocks)
    assert not result.furniture


def test_a_headline_over_a_date_alone_is_no_issuer() -> None:
    """review17: a centred headline with a date set right alone under it, over the story's text,
    does not sign the date as its issuer: an issuer block follows a notice's text."""
    text = (" " * 20 + "新路桥下周通车\n\n" + " " * 40 + "2026年12月7日\n\n"
            "　　新路桥经过两年建设，将于下周一正式通车。市交通局表示，通车后\n市民往返两岸的时间将缩短一半。\n"
            "　　届时公交线路也将相应调整。\n")
    result = ingest_texts([("p.txt", text)], "T", dt.date(2024, 5, 8))
    assert not any(a.notice is not None and a.notice.issuer == "新路桥下周通车" for a in result.edition.articles)
    assert any(a.headline == "新路桥下周通车" for a in result.edition.articles)


@pytest.mark.parametrize(("corpus", "page", "title", "note"), [
    # shaped on blind12's mu-elders and rl-freight; the same on a Chromium page of blind10
    ("ingest-blind12", "mu-elders-e1.pdf", "本周社区活动", "（活动免费，名额有限，请提前报名）"),
    ("ingest-blind10", "cr-hospital-h1.pdf", None, "（如遇公眾假期，門診暫停，敬請留意。）"),
])
def test_a_bracketed_note_in_small_type_under_a_table_stays_with_it(corpus: str, page: str, title: str | None,
                                                                     note: str) -> None:
    """A note of clauses wholly in brackets, in type smaller than the body, under a table is
    the table's last paragraph: it read as a headline (short, no sentence's end inside the
    brackets) and opened an article of its own."""
    result = ingest([FIXTURES / corpus / page], "P", dt.date(2025, 3, 15))
    assert not any(a.headline == note for a in result.edition.articles)
    owner = [a for a in result.edition.articles if any(isinstance(b, Paragraph) and b.text == note for b in a.blocks)]
    assert len(owner) == 1 and len(owner[0].blocks) > 1
    if title is not None:
        assert owner[0].headline == title
