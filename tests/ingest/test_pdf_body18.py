"""Notices' running lines and small-type notes on page PDFs of other engines (session 18,
pdf18body), each on a real page of a development corpus."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from exporter.ingest import furniture, ingest
from exporter.model import Paragraph

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.mark.parametrize(("corpus", "page", "date", "title"), [
    # shaped on blind13's mu-longcheng; the same on pages of blind5 and blind9 nobody read for it
    ("ingest-blind13", "mu-longcheng-w1.pdf", "2026年12月27日（星期日）", "第三十屆會員大會通告"),
    ("ingest-blind5", "cr-weigang-a1.pdf", "2026年12月5日（星期六）", "股東特別大會通告"),
    ("ingest-blind9", "cr-kasei-a2.pdf", "2027年1月16日（星期六）", "2027年新年聯歡會通知"),
    ("ingest-blind9", "mu-ciguang-t2.pdf", "2027年5月20日（星期四）", "2027年浴佛节庆典活动通告"),
    ("ingest-blind9", "mu-qiaosheng-f2.pdf", "2027年1月10日（星期日）", "第十二届理事会换届选举通告"),
])
def test_a_notices_line_with_a_date_and_its_weekday_stays_in_its_text(corpus: str, page: str, date: str,
                                                                     title: str) -> None:
    """A notice's running line that names the day of its meeting (`本會謹訂於2026年12月27日
    （星期日）上午十`) was set aside as a folio line (a date and a weekday are two folio
    signals): the notice lost its opening. A weekday in brackets right after a date, the
    sentence going on after it, is one date as prose writes it."""
    result = ingest([FIXTURES / corpus / page], "P", dt.date(2025, 3, 15))
    assert not any(date in line.text for _, line in result.furniture)
    owner = [a for a in result.edition.articles
             if any(isinstance(b, Paragraph) and date in b.text for b in a.blocks)]
    assert [a.headline for a in owner] == [title]


def test_a_folio_line_with_a_bracketed_weekday_is_still_a_folio() -> None:
    """The bracketed weekday counts as a signal of its own where no sentence goes on after it,
    as a folio line prints it."""
    assert furniture.folio("东湖日报 2026年12月5日（星期六）")
    assert furniture.folio("2026年12月5日（星期六）  第3版")
    assert furniture.folio("2026年12月5日 星期六 第3版 责任编辑：王芳")
    assert not furniture.folio("本會謹訂於2026年12月27日（星期日）上午十")
    assert not furniture.folio("定于2027年5月20日(星期四)举行浴佛节庆典，欢迎十方善信")


def test_a_small_type_note_naming_the_answerer_keeps_its_writer() -> None:
    """Audit of pdf17body's bracketed note in small type (shaped on blind12): on blind13's
    cr-xiaohuo, written before blind13 was read, the answerer's note under a question
    (`（答疑：动物学博士 范晓禾）`) is no headline, so the answer keeps its writer."""
    result = ingest([FIXTURES / "ingest-blind13" / "cr-xiaohuo-k3.pdf"], "P", dt.date(2025, 3, 15))
    answer = [a for a in result.edition.articles if a.headline == "企鹅的脚为什么不会冻僵"]
    assert len(answer) == 1 and answer[0].authors == ["范晓禾"]
