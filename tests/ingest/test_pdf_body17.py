"""Notices, paragraphs and captions on page PDFs of other engines (session 17, pdf17body),
each on a real page of a development corpus."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from exporter.ingest import ingest
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
