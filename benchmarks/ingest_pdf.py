"""Time `exporter ingest` on a 20-page PDF, beside the bare cost of reading the same
characters with pdfplumber (the other maintained choice) and with PyMuPDF.

    python -m benchmarks.ingest_pdf [--pages 20]

The 20 pages are the corpus's PDF pages repeated (tests/fixtures/ingest-pdf). Timings on
a shared machine are noisy; the ratios, measured in one run, are what to compare.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import tempfile
import time
from pathlib import Path

import pymupdf

from exporter.ingest import ingest

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "ingest-pdf"


def build(pages: int, out: Path) -> Path:
    """A PDF of `pages` pages made from the corpus's pages, in turn."""
    sources = [pymupdf.open(p) for p in sorted(CORPUS.glob("*.pdf"))]
    doc = pymupdf.open()
    k = 0
    while doc.page_count < pages:
        src = sources[k % len(sources)]
        doc.insert_pdf(src, from_page=0, to_page=min(src.page_count, pages - doc.page_count) - 1)
        k += 1
    doc.save(out, garbage=4)  # shared fonts stored once, as in a paper's own multi-page PDF
    return out


def timed(fn) -> float:  # noqa: ANN001
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=20)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        pdf = build(args.pages, Path(tmp) / "edition.pdf")

        def plumber() -> None:
            import pdfplumber

            logging.getLogger("pdfminer").setLevel(logging.ERROR)  # Chromium's Type 3 fonts lack a FontBBox

            with pdfplumber.open(pdf) as doc:
                for page in doc.pages:
                    _ = page.chars

        def mupdf() -> None:
            with pymupdf.open(pdf) as doc:
                for page in doc:
                    page.get_text("rawdict", flags=pymupdf.TEXT_PRESERVE_WHITESPACE | pymupdf.TEXT_MEDIABOX_CLIP)

        result = None

        def full() -> None:
            nonlocal result
            result = ingest([pdf], "bench", dt.date(2025, 3, 1), image_dir=Path(tmp) / "images")

        t_full, t_mu, t_pl = timed(full), timed(mupdf), timed(plumber)
    n = len(result.edition.articles)
    print(f"{args.pages}-page PDF: exporter ingest {t_full:.2f} s ({n} articles, {t_full / args.pages * 1000:.0f} ms/page)")
    print(f"  reading the characters only: PyMuPDF {t_mu:.2f} s, pdfplumber {t_pl:.2f} s "
          f"(pdfplumber/PyMuPDF = {t_pl / t_mu:.1f}x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
