"""The fifth blind corpus (tests/fixtures/ingest-blind5) is well formed.  Its own checker
(check_truth.py) finds every truth string on its page, scores the truth against itself
perfect and re-runs the text generator; here also every truth validates as an Edition and
every PDF has its pages and one image per photo.  The ingest is not run on it here: the
corpus was held out until session 9 and is development data since (benchmarks/ingest_train.py
trains on it); its scores are measured by
`python -m benchmarks.ingest_blind --corpus $PWD/tests/fixtures/ingest-blind5`."""

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
BLIND5 = FIXTURES / "ingest-blind5"
SCORER = FIXTURES / "ingest-corpus" / "score.py"
MANIFEST = json.loads((BLIND5 / "manifest.json").read_text(encoding="utf-8"))
PAGES = sorted(MANIFEST)
PDFS = [n for n in PAGES if n.endswith(".pdf")]


def _checker():
    spec = importlib.util.spec_from_file_location("blind5_check_truth", BLIND5 / "check_truth.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_corpus_has_its_families_and_pages() -> None:
    texts = [n for n in PAGES if n.endswith(".txt")]
    assert len(texts) >= 18 and len({MANIFEST[n]["family"] for n in texts}) >= 9
    assert len(PDFS) >= 7 and len({MANIFEST[n]["family"] for n in PDFS}) >= 6
    with pymupdf.open(BLIND5 / "cr-chengchuan-p1p2.pdf") as doc:
        assert doc.page_count == 2


def test_check_truth_finds_no_problem() -> None:
    run = subprocess.run([sys.executable, str(BLIND5 / "check_truth.py"), str(SCORER)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.strip().endswith("no problem")


@pytest.mark.parametrize("page", PAGES)
def test_truth_validates_as_an_edition(page: str) -> None:
    meta = MANIFEST[page]
    truth = json.loads((BLIND5 / f"{Path(page).stem}.truth.json").read_text(encoding="utf-8"))
    articles = _checker().edition(truth["articles"])["articles"]
    edition = Edition.model_validate({"title": meta["publication"], "date": dt.date(2026, 11, 14),
                                      "language": meta["language"], "articles": articles})
    assert [a.id for a in edition.articles] == [a["id"] for a in truth["articles"]]


@pytest.mark.parametrize("pdf", PDFS)
def test_every_photo_is_an_image_on_its_page(pdf: str) -> None:
    truth = json.loads((BLIND5 / f"{Path(pdf).stem}.truth.json").read_text(encoding="utf-8"))
    with pymupdf.open(BLIND5 / pdf) as doc:
        for number, page in enumerate(doc, 1):
            photos = [a for a in truth["articles"] if a["kind"] in ("photo", "caption") and a.get("page", 1) == number]
            assert len(page.get_images()) == len(photos), (pdf, number)
        assert all(f[1] == "ttf" for p in doc for f in p.get_fonts()), pdf
