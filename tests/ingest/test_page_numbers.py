"""Pages from several files in one run: every page gets its own number, so articles' ids never
collide (an e-paper is usually one PDF per page: A01.pdf, A02.pdf …)."""

from __future__ import annotations

import json
from pathlib import Path

from exporter.ingest import ingest
from tests.conftest import run_cli

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
PDFS = [FIXTURES / "ingest-blind7" / "cr-yungang-t2.pdf", FIXTURES / "ingest-blind7" / "cr-wexcombe-a1a5.pdf",
        FIXTURES / "ingest-pdf4" / "m-daily.pdf"]


def test_one_page_pdfs_and_a_two_page_pdf_in_one_run_are_numbered_in_order(tmp_path: Path) -> None:
    out = tmp_path / "edition.json"
    result = run_cli("ingest", *map(str, PDFS), "-o", str(out), "--publication", "X", "--date", "2025-03-20")
    assert result.code == 0, result.err
    articles = json.loads(out.read_text(encoding="utf-8"))["articles"]
    assert sorted({a["page"] for a in articles}) == [1, 2, 3, 4]  # yungang 1, wexcombe 2–3, daily 4
    assert len({a["id"] for a in articles}) == len(articles)
    alone = ingest([PDFS[2]], "X").edition.articles  # a PDF read alone keeps its own numbers
    assert {a.page for a in alone} == {1}
    assert [a.get("headline") for a in articles if a["page"] == 4] == [a.headline for a in alone]


def test_two_text_pages_that_claim_one_page_number_are_told_apart(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "page-1.txt").write_text(
            f"{folder}城新建口袋公园\n\n  本报讯 （记者 周安然）3月1日，{folder}城三座口袋公园同时开放。\n", encoding="utf-8")
    result = ingest([tmp_path / "a" / "page-1.txt", tmp_path / "b" / "page-1.txt"], "X")
    assert sorted({a.page for a in result.edition.articles}) == [1, 2]
    assert len({a.id for a in result.edition.articles}) == len(result.edition.articles)
    assert any("page number 1 is taken" in w for w in result.notes.warnings)
