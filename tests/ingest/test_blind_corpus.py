"""The blind corpus (tests/fixtures/ingest-blind) is well formed, and the ingest keeps every
character of its pages. Its scores are measured by `python -m benchmarks.ingest_blind`,
never asserted here: the corpus is held out from the ingest's rules."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pymupdf
import pytest

from exporter.ingest import ingest, ingest_texts
from exporter.model import Article, Edition

BLIND = Path(__file__).resolve().parent.parent / "fixtures" / "ingest-blind"
MANIFEST = json.loads((BLIND / "manifest.json").read_text(encoding="utf-8"))
TEXT_PAGES = sorted(n for n in MANIFEST if n.endswith(".txt"))
PDF_PAGES = sorted(n for n in MANIFEST if n.endswith(".pdf"))
_FOLD = str.maketrans("（）", "()")  # bracket width is normalised, not lost


def _article(truth: dict) -> Article:
    """A truth entry as the edition model's article (captions become headline-less photos)."""
    if truth["kind"] == "caption":
        return Article(id=truth["id"], kind="photo", blocks=[{"type": "figure", "caption": truth["caption"]}])
    blocks: list[dict] = [{"type": "paragraph", "text": p} for p in truth["paragraphs"]]
    for section in truth.get("sections", []):
        blocks.append({"type": "heading", "text": section["heading"]})
        blocks += [{"type": "paragraph", "text": p} for p in section["paragraphs"]]
    if truth["kind"] == "photo":
        blocks = [{"type": "figure", "caption": truth["paragraphs"][0], "credit": truth.get("credit")}]
    notice = {"issuer": truth.get("issuer"), "date": truth.get("date")} if truth["kind"] == "notice" else None
    fields = {k: truth[k] for k in ("id", "kind", "kicker", "headline", "subheadline", "dateline", "authors",
                                    "continued_from", "continued_to")}
    return Article(**fields, lead=truth.get("lead", []), blocks=blocks, notice=notice)


def test_every_page_has_a_truth_and_a_family() -> None:
    pages = {p.name for p in BLIND.iterdir() if p.suffix in (".txt", ".pdf")}
    assert pages == set(MANIFEST)
    assert len(TEXT_PAGES) >= 10 and len({MANIFEST[n]["family"] for n in TEXT_PAGES}) >= 6
    assert len(PDF_PAGES) >= 4 and len({MANIFEST[n]["family"] for n in PDF_PAGES}) >= 3
    truths = {p.name.removesuffix(".truth.json") for p in BLIND.glob("*.truth.json")}
    assert truths == {Path(n).stem for n in MANIFEST}
    for pdf in PDF_PAGES:
        assert (BLIND / pdf).stat().st_size < 300_000, pdf


@pytest.mark.parametrize("page", sorted(MANIFEST))
def test_truth_validates_against_the_edition_model(page: str) -> None:
    truth = json.loads((BLIND / page).with_suffix(".truth.json").read_text(encoding="utf-8"))
    articles = [_article(a) for a in truth["articles"]]
    edition = Edition(title=MANIFEST[page]["publication"], date=dt.date(2025, 3, 15),
                      language=MANIFEST[page]["language"], articles=articles)
    assert len(edition.articles) == len(truth["articles"]) and len({a.id for a in articles}) == len(articles)


def test_generator_reproduces_the_text_pages(tmp_path: Path) -> None:
    subprocess.run([sys.executable, str(BLIND / "make_blind.py"), str(tmp_path)], check=True, capture_output=True)
    for name in TEXT_PAGES:
        for made in (tmp_path / name, (tmp_path / name).with_suffix(".truth.json")):
            assert made.read_bytes() == (BLIND / made.name).read_bytes(), made.name


def _chars(text: str) -> Counter[str]:
    return Counter(c for c in text.translate(_FOLD) if not c.isspace())


def _lost(source: str, result) -> Counter[str]:  # noqa: ANN001 - the ingest's result
    """Characters of the page that reach neither the edition nor the ingest's own accounting
    (copies dropped as layout, furniture set aside)."""
    set_aside = "".join(item.text for _, item in result.furniture)
    expected = _chars(source) - _chars("".join(result.dropped.elements())) - _chars(set_aside)
    out: Counter[str] = Counter()
    for article in result.edition.articles:
        for text in article.texts:
            out.update(_chars(text))
    return expected - out


def lost_from_text_page(path: Path, publication: str) -> Counter[str]:
    """What the ingest loses of a text page (empty when it keeps every character)."""
    text = path.read_text(encoding="utf-8")
    return _lost(text, ingest_texts([(path.name, text)], publication, dt.date(2025, 3, 15)))


def lost_from_page_pdf(path: Path, publication: str, image_dir: Path) -> Counter[str]:
    """What the ingest loses of a page PDF's text layer."""
    with pymupdf.open(path) as doc:
        text = "".join(p.get_text() for p in doc)
    return _lost(text, ingest([path], publication, dt.date(2025, 3, 15), image_dir=image_dir))


@pytest.mark.parametrize("page", TEXT_PAGES)
def test_ingest_keeps_every_character_of_a_text_page(page: str) -> None:
    lost = lost_from_text_page(BLIND / page, MANIFEST[page]["publication"])
    assert not lost, f"{page}: lost {dict(lost)}"


@pytest.mark.parametrize("page", PDF_PAGES)
def test_ingest_keeps_every_character_of_a_page_pdf(page: str, tmp_path: Path) -> None:
    lost = lost_from_page_pdf(BLIND / page, MANIFEST[page]["publication"], tmp_path)
    assert not lost, f"{page}: lost {dict(lost)}"
