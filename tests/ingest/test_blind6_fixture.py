"""The sixth blind corpus (tests/fixtures/ingest-blind6) is well formed.  Its own checker
(check_truth.py) finds every truth string on its page, scores the truth against itself perfect
and re-runs the text generator; here also every truth validates as an Edition and every PDF has
its pages, one image per photo and only embedded TrueType fonts.  The ingest is never run on it
here: the corpus is held out, and its scores are measured by
`python -m benchmarks.ingest_blind --corpus $PWD/tests/fixtures/ingest-blind6`."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pymupdf
import pytest

from exporter.model import Edition

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
BLIND6 = FIXTURES / "ingest-blind6"
SCORER = FIXTURES / "ingest-corpus" / "score.py"
MANIFEST = json.loads((BLIND6 / "manifest.json").read_text(encoding="utf-8"))
PAGES = sorted(MANIFEST)
PDFS = [n for n in PAGES if n.endswith(".pdf")]


def _truth(page: str) -> dict:
    return json.loads((BLIND6 / f"{Path(page).stem}.truth.json").read_text(encoding="utf-8"))


def _edition(items: list[dict]) -> dict:
    spec = importlib.util.spec_from_file_location("blind6_check_truth", BLIND6 / "check_truth.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.edition(items)


def test_the_corpus_has_its_families_and_engines() -> None:
    texts = [n for n in PAGES if n.endswith(".txt")]
    assert len(texts) >= 18 and len({MANIFEST[n]["family"] for n in texts}) >= 9
    assert len(PDFS) >= 9 and len({MANIFEST[n]["family"] for n in PDFS}) >= 9
    assert {n.split("-")[0] for n in PDFS} == {"cr", "rl", "mu"}  # Chromium, reportlab, PyMuPDF
    with pymupdf.open(BLIND6 / "cr-ningport-a1a3.pdf") as doc:
        assert doc.page_count == 2


def test_check_truth_finds_no_problem() -> None:
    run = subprocess.run([sys.executable, str(BLIND6 / "check_truth.py"), str(SCORER)],
                         capture_output=True, text=True, timeout=180)
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.strip().endswith("no problem")


@pytest.mark.parametrize("page", PAGES)
def test_truth_validates_as_an_edition(page: str) -> None:
    meta, truth = MANIFEST[page], _truth(page)
    edition = Edition.model_validate({"title": meta["publication"], "date": dt.date(2026, 11, 20),
                                      "language": meta["language"], "articles": _edition(truth["articles"])["articles"]})
    assert [a.id for a in edition.articles] == [a["id"] for a in truth["articles"]]


@pytest.mark.parametrize("pdf", PDFS)
def test_every_photo_is_an_image_on_its_page(pdf: str) -> None:
    truth = _truth(pdf)
    with pymupdf.open(BLIND6 / pdf) as doc:
        for number, page in enumerate(doc, 1):
            photos = [a for a in truth["articles"] if a["kind"] in ("photo", "caption") and a.get("page", 1) == number]
            assert len(page.get_images()) == len(photos), (pdf, number)
        assert all(f[1] == "ttf" for p in doc for f in p.get_fonts()), pdf
