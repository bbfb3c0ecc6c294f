"""The blind corpora blind5 to blind16 (tests/fixtures/ingest-blind5 … -blind16) are well formed.

Each corpus's own checker (check_truth.py) finds every truth string on its page, scores the truth
against itself perfect and re-runs the text generator; here also every truth validates as an
Edition and every PDF has its pages, one image per photo and only embedded TrueType fonts.  The
ingest is never run on them here: blind5 is development data since session 9, blind6 since
session 10, blind7 since session 11, blind8 since session 13, blind9 since session 14, blind10
since session 15, blind11 since session 16, blind12 since session 17, blind13 since session 18 and
blind14 since session 19 (each scored held out before it became development data;
benchmarks/ingest_train.py trains on all ten); blind15 (session 18) and blind16 (session 19) are held
out (scored by family in aggregate only).
Their scores are measured by `python -m benchmarks.ingest_blind --corpus $PWD/tests/fixtures/ingest-blindN`.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pymupdf
import pytest

from exporter.model import Edition

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SCORER = FIXTURES / "ingest-corpus" / "score.py"


@dataclass(frozen=True)
class Corpus:
    name: str
    date: dt.date
    two_pages: str  # the multi-page PDF
    min_pdfs: int
    min_pdf_families: int
    engines: frozenset[str] | None  # the name prefixes of the PDFs (cr Chromium, rl reportlab, mu PyMuPDF)
    timeout: int

    @property
    def root(self) -> Path:
        return FIXTURES / f"ingest-{self.name}"

    @property
    def manifest(self) -> dict:
        return json.loads((self.root / "manifest.json").read_text(encoding="utf-8"))

    def truth(self, page: str) -> dict:
        return json.loads((self.root / f"{Path(page).stem}.truth.json").read_text(encoding="utf-8"))

    def edition(self, items: list[dict]) -> dict:
        """The truth as an edition JSON, by the corpus's own checker."""
        spec = importlib.util.spec_from_file_location(f"{self.name}_check_truth", self.root / "check_truth.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module.edition(items)


ENGINES = frozenset({"cr", "rl", "mu"})
CORPORA = {c.name: c for c in (
    Corpus("blind5", dt.date(2026, 11, 14), "cr-chengchuan-p1p2.pdf", 7, 6, None, 120),
    Corpus("blind6", dt.date(2026, 11, 20), "cr-ningport-a1a3.pdf", 9, 9, ENGINES, 180),
    Corpus("blind7", dt.date(2026, 12, 4), "cr-wexcombe-a1a5.pdf", 8, 8, ENGINES, 180),
    Corpus("blind8", dt.date(2026, 12, 4), "cr-tasman-a1a3.pdf", 8, 8, ENGINES, 180),
    Corpus("blind9", dt.date(2026, 12, 7), "cr-cuicheng-b1b2.pdf", 9, 9, ENGINES, 180),
    Corpus("blind10", dt.date(2026, 12, 7), "cr-prairie-w1w4.pdf", 9, 9, ENGINES, 180),
    Corpus("blind11", dt.date(2026, 12, 7), "cr-brackhaven-p1p3.pdf", 9, 9, ENGINES, 180),
    Corpus("blind12", dt.date(2026, 12, 7), "cr-valleys-v1v5.pdf", 9, 9, ENGINES, 180),
    Corpus("blind13", dt.date(2026, 12, 7), "cr-stbrannoc-m1m2.pdf", 9, 9, ENGINES, 180),
    Corpus("blind14", dt.date(2026, 12, 7), "cr-ceramics-c1c2.pdf", 9, 9, ENGINES, 180),
    Corpus("blind15", dt.date(2026, 12, 7), "cr-northisles-l1l2.pdf", 9, 9, ENGINES, 180),
    Corpus("blind16", dt.date(2026, 12, 7), "cr-bamboo-b1b2.pdf", 9, 9, ENGINES, 180),
)}
PAGES = [(c, page) for c in CORPORA for page in sorted(CORPORA[c].manifest)]
PDFS = [(c, page) for c, page in PAGES if page.endswith(".pdf")]


@pytest.mark.parametrize("corpus", CORPORA)
def test_the_corpus_has_its_families_and_engines(corpus: str) -> None:
    c = CORPORA[corpus]
    manifest = c.manifest
    texts = [n for n in manifest if n.endswith(".txt")]
    pdfs = [n for n in manifest if n.endswith(".pdf")]
    assert len(texts) >= 18 and len({manifest[n]["family"] for n in texts}) >= 9
    assert len(pdfs) >= c.min_pdfs and len({manifest[n]["family"] for n in pdfs}) >= c.min_pdf_families
    if c.engines:
        assert {n.split("-")[0] for n in pdfs} == c.engines
    with pymupdf.open(c.root / c.two_pages) as doc:
        assert doc.page_count == 2


@pytest.mark.parametrize("corpus", CORPORA)
def test_check_truth_finds_no_problem(corpus: str) -> None:
    c = CORPORA[corpus]
    run = subprocess.run([sys.executable, str(c.root / "check_truth.py"), str(SCORER)],
                         capture_output=True, text=True, timeout=c.timeout)
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.strip().endswith("no problem")


@pytest.mark.parametrize(("corpus", "page"), PAGES)
def test_truth_validates_as_an_edition(corpus: str, page: str) -> None:
    c = CORPORA[corpus]
    meta, truth = c.manifest[page], c.truth(page)
    edition = Edition.model_validate({"title": meta["publication"], "date": c.date, "language": meta["language"],
                                      "articles": c.edition(truth["articles"])["articles"]})
    assert [a.id for a in edition.articles] == [a["id"] for a in truth["articles"]]


@pytest.mark.parametrize(("corpus", "pdf"), PDFS)
def test_every_photo_is_an_image_on_its_page(corpus: str, pdf: str) -> None:
    c = CORPORA[corpus]
    truth = c.truth(pdf)
    with pymupdf.open(c.root / pdf) as doc:
        for number, page in enumerate(doc, 1):
            photos = [a for a in truth["articles"] if a["kind"] in ("photo", "caption") and a.get("page", 1) == number]
            assert len(page.get_images()) == len(photos), (pdf, number)
        assert all(f[1] == "ttf" for p in doc for f in p.get_fonts()), pdf
