"""Signatures set right wider than half the column and issuers' closing formulas on page PDFs
of other engines (session 19, pdf19body), on real pages of blind14, blind8 and blind13 (the
framed notices' paragraph rule is on branch `pdf19body-all`; the issuer ending in an
abbreviation and the table ruled cell by cell on branch `pdf19body`)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from exporter.ingest import fields, ingest
from exporter.model import Article, Paragraph

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ingest-blind14"


def _article(page: str, headline: str, corpus: Path = FIXTURES) -> Article:
    result = ingest([corpus / page], "P", dt.date(2025, 3, 15))
    found = [a for a in result.edition.articles if (a.headline or "").replace("\u2002", "").replace(" ", "") == headline]
    assert len(found) == 1
    return found[0]


def _paragraphs(article: Article) -> list[str]:
    return [b.text for b in article.blocks if isinstance(b, Paragraph)]


@pytest.mark.parametrize(("corpus", "page", "headline", "authors", "issuer"), [
    ("ingest-blind8", "mu-youth-y3.pdf", "我们的“故事爷爷”", ["王子涵"], None),
    ("ingest-blind13", "cr-tongshan-z1.pdf", "冬天動物們怎麼保暖？", ["林品妤"], None),
    ("ingest-blind13", "cr-stbrannoc-m1m2.pdf", "NOTICEOFANNUALGENERALMEETING", [], "Siobhán Grady, Secretary"),
])
def test_a_signature_set_right_wider_than_half_the_column_signs_its_story(
        corpus: str, page: str, headline: str, authors: list[str], issuer: str | None) -> None:
    """A writer's line or a notice's issuer set flush right at the text's edge, wider than half
    the column (pdf._set_right; shaped on blind14 rl-tram, these pages were not looked at): read
    as the signature, not as the story's last paragraph. (blind14 tram's `…Victoria Inc.` also
    needs its abbreviation read as no sentence's end: that rule stayed on branch pdf19body.)"""
    story = _article(page, headline, FIXTURES.parent / corpus)
    assert story.authors == authors
    assert (story.notice.issuer if story.notice else None) == issuer


def test_a_closing_formula_set_close_after_the_issuer_is_taken_off() -> None:
    """`港島書法研究會謹啟`: the formula signs off; the issuer is the society."""
    notice = _article("mu-brush-b1.pdf", "第十二屆全港青少年書法比賽徵稿啟事")
    assert notice.notice is not None and notice.notice.issuer == "港島書法研究會"
    assert fields.notice_issuer("港島書法研究會謹啟") == ("港島書法研究會", "謹啟")
    assert fields.notice_issuer("槟城慈云寺理事会 谨启") == ("槟城慈云寺理事会", "谨启")
    assert fields.notice_issuer("敬告") == (None, "敬告")  # alone it was taken before, as it still is
    assert fields.notice_issuer("某某公司") == ("某某公司", "")
