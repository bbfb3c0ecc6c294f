"""One measurement in a fresh process (`python -m benchmarks.measure KIND CORPUS JOBS [KEEP]`):
prints JSON with seconds, pages and peak RSS of this process and of its worker processes.
With KEEP, the PDF made is copied to KEEP/<kind>.pdf (to compare text layers afterwards).

Kinds: html, epub, pdf (cold cache), rebuild (cold build, one edition changed, timed
rebuild), single (PDF in one pass, --jobs 1, no cache) and baseline (plain WeasyPrint on the
print HTML our build hands it, default options).
"""

from __future__ import annotations

import json
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

from weasyprint import HTML

from exporter.api import BuildOptions, build, load_source
from exporter.writers.html.writer import copy_images
from exporter.writers.pdf.writer import print_html, stage_theme
from exporter.writers.pdf.page_css import page_setup

from .corpus import change_one_edition


def _pages(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(pdf).pages)


def _build(corpus: Path, fmt: str, out: Path, **options: object) -> tuple[float, Path]:
    start = time.perf_counter()
    loaded, theme = load_source(corpus / "volume.toml")
    [path] = build(loaded, fmt, theme, BuildOptions(outdir=out, **options))  # type: ignore[arg-type]
    return time.perf_counter() - start, path


def measure(kind: str, corpus: Path, work: Path, jobs: int, keep: Path | None = None) -> dict[str, object]:
    result: dict[str, object] = {}
    pdf: Path | None = None
    if kind in ("html", "epub"):
        result["seconds"], _ = _build(corpus, kind, work / "out")
    elif kind == "single":
        result["seconds"], pdf = _build(corpus, "pdf", work / "out", jobs=1)
        result["pages"] = _pages(pdf)
    elif kind == "pdf":
        result["seconds"], pdf = _build(corpus, "pdf", work / "out", jobs=jobs, cache_dir=work / "cache")
        result["pages"] = _pages(pdf)
    elif kind == "rebuild":
        copy = work / "corpus"
        shutil.copytree(corpus, copy)
        result["cold_seconds"], _ = _build(copy, "pdf", work / "out", jobs=jobs, cache_dir=work / "cache")
        change_one_edition(copy)
        result["seconds"], pdf = _build(copy, "pdf", work / "out", jobs=jobs, cache_dir=work / "cache")
        result["pages"] = _pages(pdf)
    elif kind == "baseline":
        loaded, theme = load_source(corpus / "volume.toml")
        stage = work / "stage"
        stage.mkdir()
        html = print_html(loaded, theme, stage_theme(theme, page_setup(theme, "screen", None), stage))
        copy_images(loaded, stage)
        (stage / "print.html").write_text(html, encoding="utf-8")
        start = time.perf_counter()
        pdf = work / "baseline.pdf"
        HTML(string=html, base_url=str(stage / "print.html")).write_pdf(pdf)
        result["seconds"] = time.perf_counter() - start
        result["pages"] = _pages(pdf)
    else:
        raise SystemExit(f"unknown kind {kind}")
    if keep is not None and pdf is not None:
        shutil.copyfile(pdf, keep / f"{kind}.pdf")
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    result.update(kind=kind, rss_mb=round(own, 1), worker_rss_mb=round(workers, 1))
    return result


if __name__ == "__main__":
    kind, corpus, jobs = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
    keep = Path(sys.argv[4]) if len(sys.argv) > 4 else None
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        print(json.dumps(measure(kind, corpus, Path(tmp), jobs, keep)))
