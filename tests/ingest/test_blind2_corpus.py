"""The second blind corpus (tests/fixtures/ingest-blind2) is well formed, and the ingest
keeps every character of its pages. Its scores are measured by
`python -m benchmarks.ingest_blind --corpus tests/fixtures/ingest-blind2`, never asserted
here: the corpus is held out from the ingest's rules. The checks are the first blind
corpus's, applied to this folder."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pymupdf
import pytest

from exporter.model import Edition
from tests.ingest.test_blind_corpus import _article, lost_from_page_pdf, lost_from_text_page

BLIND2 = Path(__file__).resolve().parent.parent / "fixtures" / "ingest-blind2"
MANIFEST = json.loads((BLIND2 / "manifest.json").read_text(encoding="utf-8"))
TEXT_PAGES = sorted(n for n in MANIFEST if n.endswith(".txt"))
PDF_PAGES = sorted(n for n in MANIFEST if n.endswith(".pdf"))


def test_every_page_has_a_truth_and_a_family() -> None:
    pages = {p.name for p in BLIND2.iterdir() if p.suffix in (".txt", ".pdf")}
    assert pages == set(MANIFEST)
    assert len(TEXT_PAGES) >= 16 and len({MANIFEST[n]["family"] for n in TEXT_PAGES}) >= 8
    assert len(PDF_PAGES) >= 5 and len({MANIFEST[n]["family"] for n in PDF_PAGES}) >= 5
    truths = {p.name.removesuffix(".truth.json") for p in BLIND2.glob("*.truth.json")}
    assert truths == {Path(n).stem for n in MANIFEST}
    for pdf in PDF_PAGES:
        assert (BLIND2 / pdf).stat().st_size < 300_000, pdf


def test_every_pdf_photo_is_an_image_on_its_page() -> None:
    for name in PDF_PAGES:
        truth = json.loads((BLIND2 / name).with_suffix(".truth.json").read_text(encoding="utf-8"))
        photos = sum(1 for a in truth["articles"] if a["kind"] in ("photo", "caption"))
        with pymupdf.open(BLIND2 / name) as doc:
            assert sum(len(p.get_images()) for p in doc) == photos, name


@pytest.mark.parametrize("page", sorted(MANIFEST))
def test_truth_validates_against_the_edition_model(page: str) -> None:
    truth = json.loads((BLIND2 / page).with_suffix(".truth.json").read_text(encoding="utf-8"))
    articles = [_article(a) for a in truth["articles"]]
    edition = Edition(title=MANIFEST[page]["publication"], date=dt.date(2025, 3, 15),
                      language=MANIFEST[page]["language"], articles=articles)
    assert len(edition.articles) == len(truth["articles"]) and len({a.id for a in articles}) == len(articles)


def test_generator_reproduces_the_text_pages(tmp_path: Path) -> None:
    subprocess.run([sys.executable, str(BLIND2 / "make_blind2.py"), str(tmp_path)], check=True, capture_output=True)
    for name in TEXT_PAGES:
        for made in (tmp_path / name, (tmp_path / name).with_suffix(".truth.json")):
            assert made.read_bytes() == (BLIND2 / made.name).read_bytes(), made.name
    assert json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8")) == MANIFEST


@pytest.mark.parametrize("page", TEXT_PAGES)
def test_ingest_keeps_every_character_of_a_text_page(page: str) -> None:
    lost = lost_from_text_page(BLIND2 / page, MANIFEST[page]["publication"])
    assert not lost, f"{page}: lost {dict(lost)}"


@pytest.mark.parametrize("page", PDF_PAGES)
def test_ingest_keeps_every_character_of_a_page_pdf(page: str, tmp_path: Path) -> None:
    lost = lost_from_page_pdf(BLIND2 / page, MANIFEST[page]["publication"], tmp_path)
    assert not lost, f"{page}: lost {dict(lost)}"
