"""Page PDFs laid out by Chromium (tests/fixtures/ingest-pdf): scored against their truth,
photos extracted with their captions, pages numbered, a page without text refused."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pymupdf
import pytest

from exporter.ingest import ingest
from exporter.model import Figure
from exporter.readers.markdown_folder import read_folder
from benchmarks.ingest_families import score
from tests.conftest import run_cli
from tests.ingest.test_corpus import CORPUS as TEXT_CORPUS

PDFS = Path(__file__).resolve().parent.parent / "fixtures" / "ingest-pdf"
PAPERS = sorted(p.stem for p in PDFS.glob("*.pdf"))


def _score(pdf: Path, tmp_path: Path) -> dict[str, float]:
    result = ingest([pdf], "corpus", dt.date(2025, 3, 1), image_dir=tmp_path / "images")
    return score(pdf.with_suffix(".truth.json"), result.edition.model_dump(mode="json", exclude_none=True))


def test_scorer_is_the_corpus_one() -> None:
    assert (TEXT_CORPUS / "score.py").is_file() and len(PAPERS) >= 7


@pytest.mark.parametrize("paper", PAPERS)
def test_pdf_pages_meet_the_targets(paper: str, tmp_path: Path) -> None:
    s = _score(PDFS / f"{paper}.pdf", tmp_path)
    assert s["segmented"] >= 0.95 * s["articles"] and s["titles"] >= 0.95 * s["articles"], s
    assert s["f1"] >= 0.98, s
    assert s["captions"] == s["captions_n"], s


def test_photos_are_extracted_with_their_captions(tmp_path: Path) -> None:
    result = ingest([PDFS / "zh-daily.pdf"], "江岭日报", dt.date(2025, 3, 12), image_dir=tmp_path / "images")
    figures = [b for a in result.edition.articles for b in a.blocks if isinstance(b, Figure)]
    assert len(figures) == 2
    for fig in figures:
        assert fig.src and (tmp_path / fig.src).is_file() and fig.caption and fig.credit
    assert (tmp_path / figures[0].src).read_bytes().startswith(b"\x89PNG")


def test_captions_without_credits_get_their_photos(tmp_path: Path) -> None:
    """Small italic type under a picture, or beside it, is the picture's caption though no
    credit closes it: a photo article with the extracted image."""
    result = ingest([PDFS / "fresh-zh-harbour.pdf"], "北港商报", dt.date(2025, 6, 3), image_dir=tmp_path / "images")
    photos = [a for a in result.edition.articles if a.kind == "photo"]
    assert [a.page for a in photos] == [1, 1, 2]
    for photo in photos:
        (fig,) = photo.blocks
        assert isinstance(fig, Figure) and fig.src and (tmp_path / fig.src).is_file()
        assert "志愿者在河畔步道旁种下新树苗" in fig.caption and fig.credit is None
    assert "caption type" in " ".join(result.notes.evidence[photos[0].id])


def test_a_ruled_intro_box_under_a_headline_stays_with_its_story() -> None:
    """The intro printed in a drawn box between the headline and the byline is the story's
    opening, not an article of its own (the byline under it would otherwise start one)."""
    truth = json.loads((PDFS / "fresh-en-tribune.truth.json").read_text(encoding="utf-8"))["articles"][0]
    result = ingest([PDFS / "fresh-en-tribune.pdf"], "The Northport Tribune", dt.date(2025, 6, 4))
    first = result.edition.articles[0]
    assert first.headline == truth["headline"] and first.authors == truth["authors"]
    assert first.blocks[0].text == truth["lead"][0]


def test_a_frame_drawn_by_weasyprint_is_a_box_too(tmp_path: Path) -> None:
    """WeasyPrint fills a border between two rectangles instead of stroking one: the intro
    in such a frame still opens the story under its headline."""
    import weasyprint

    body = "".join(f"<p>Paragraph {k} of the story runs on for a while, as stories do, until it ends here.</p>"
                   for k in range(1, 5))
    html = ("<html><body style='font: 10pt serif; width: 90mm'><h1 style='font-size: 18pt'>Harbour Wall Repairs Begin</h1>"
            "<div style='border: 1pt solid black; padding: 2mm'><p>The first stones of the new sea wall were laid "
            "on Monday, two years after the storm.</p></div><p>By Ada Marsh</p>" + body + "</body></html>")
    weasyprint.HTML(string=html).write_pdf(tmp_path / "frame.pdf")
    result = ingest([tmp_path / "frame.pdf"], "Test", dt.date(2025, 6, 4))
    (article,) = result.edition.articles
    assert article.headline == "Harbour Wall Repairs Begin" and article.authors == ["Ada Marsh"]
    assert article.blocks[0].text.startswith("The first stones") and len(article.blocks) == 5
    assert any("intro box" in e for e in result.notes.evidence[article.id])


def test_multi_page_pdf_numbers_its_pages_and_sets_aside_the_margins() -> None:
    result = ingest([PDFS / "zh-daily.pdf"], "江岭日报", dt.date(2025, 3, 12))
    pages = [a.page for a in result.edition.articles]
    assert pages == sorted(pages) and set(pages) == {1, 2}
    assert [a.id for a in result.edition.articles][:1] == ["p1-01"]
    margins = [item.text for _, item in result.furniture if item.reason == "page margin"]
    assert any("第3版" in t for t in margins) and any("责任编辑" in t for t in margins)
    # fake bold came out once: no headline holds a doubled glyph pair where the truth has none
    assert result.edition.articles[0].headline == "市教育局部署乡村公路提升"
    assert result.dropped.total() > 0


def test_vertical_headline_is_read_as_one_headline() -> None:
    result = ingest([PDFS / "zh-daily.pdf"], "江岭日报", dt.date(2025, 3, 12))
    truth = json.loads((PDFS / "zh-daily.truth.json").read_text(encoding="utf-8"))["articles"]
    assert truth[4]["headline"] in [a.headline for a in result.edition.articles]


def test_a_page_without_text_is_refused(tmp_path: Path) -> None:
    doc = pymupdf.open()
    doc.new_page()
    doc.save(tmp_path / "scan.pdf")
    res = run_cli("ingest", tmp_path / "scan.pdf", "-o", tmp_path / "out.json")
    assert res.code == 2
    assert "no text layer; OCR is not supported" in res.err and "scan.pdf" in res.err
    assert "Traceback" not in res.err and not (tmp_path / "out.json").exists()


def test_a_damaged_pdf_is_bad_input(tmp_path: Path) -> None:
    (tmp_path / "bad.pdf").write_bytes(b"%PDF-1.7\nnot really\n")
    res = run_cli("ingest", tmp_path / "bad.pdf")
    assert res.code == 2 and "bad.pdf" in res.err and "Traceback" not in res.err


def test_cli_writes_images_beside_the_edition_and_reports_positions(tmp_path: Path) -> None:
    res = run_cli("ingest", PDFS / "tw-weekly.pdf", "--publication", "南投時報", "--date", "2025-03-14",
                  "-o", tmp_path / "ed" / "edition.json", "--report")
    assert res.code == 0, res.err
    edition = json.loads((tmp_path / "ed" / "edition.json").read_text(encoding="utf-8"))
    srcs = [b["src"] for a in edition["articles"] for b in a["blocks"] if b.get("type") == "figure" and b.get("src")]
    assert srcs and all((tmp_path / "ed" / s).is_file() for s in srcs)
    assert "tw-weekly.pdf#p1 (" in res.err  # evidence points to a PDF position
    assert "headline at" in res.err and "set aside (page margin)" in res.err


def test_markdown_folder_from_a_pdf_keeps_its_images(tmp_path: Path) -> None:
    res = run_cli("ingest", PDFS / "en-courier.pdf", "--publication", "The Harbour Courier", "--date", "2025-03-04",
                  "--language", "en", "--to", "md", "-o", tmp_path / "md")
    assert res.code == 0, res.err
    edition = read_folder(tmp_path / "md").edition
    figures = [b for a in edition.articles for b in a.blocks if isinstance(b, Figure) and b.src]
    assert figures and all((tmp_path / "md" / f.src).is_file() for f in figures)
