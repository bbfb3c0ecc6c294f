"""One measurement in a fresh process (`python -m benchmarks.measure KIND CORPUS JOBS [KEEP]`):
prints JSON with seconds, pages and peak RSS of this process and of its worker processes.
With KEEP, the PDF made is copied to KEEP/<kind>.pdf (to compare text layers afterwards).

Kinds: html, epub, pdf (cold cache), rebuild (cold build, one edition changed, timed
rebuild; `resumed_chunks`: how many chunks it laid out only from the changed page on, and
`same_as_cold`: whether the rebuilt PDF has the pages and the text per page of a cold build
of the edited volume, built afterwards untimed), single (PDF in one pass, --jobs 1, no cache) and baseline (plain WeasyPrint, default
options, on the print HTML our build laid out: `--emit-print-html`'s print.html, with the
hole-filling moves made).

`cpu_seconds` is the CPU of this process and of the workers it reaped during the timed part
(`main_cpu_seconds` and `worker_cpu_seconds` apart).
For a PDF laid out in chunks, `serial_seconds` is the time of the build during which no
worker process was laying out a document or warming up for them (rendering, planning, the
assembly, waiting for the pool), from the workers' own records (chunks.WorkerRecord);
`serial_seconds_without_warm_ups` counts a worker's warm-up as serial, as sessions 5–10 did.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from weasyprint import HTML

from exporter.api import BuildOptions, build, load_source

from .corpus import change_one_edition
from .texts import page_texts


def _pages(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(pdf).pages)


def _cpu_split() -> tuple[float, float]:
    """CPU seconds of this process, and of the worker processes it reaped."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def _cpu() -> float:
    return sum(_cpu_split())


def overlapped(spans: list[tuple[float, float]], start: float, end: float) -> float:
    """Seconds of [start, end] covered by at least one of `spans`."""
    covered, reach = 0.0, start
    for a, b in sorted(spans):
        a, b = max(a, reach), min(b, end)
        if b > a:
            covered += b - a
            reach = b
    return covered


def _build(corpus: Path, fmt: str, out: Path, result: dict[str, object] | None = None,
           **options: object) -> tuple[float, Path]:
    """Build; with `result`, also record CPU seconds and (chunked PDFs) the serial seconds,
    the layout passes and the stylesheet parses per worker."""
    passes: list[Any] = []
    if fmt == "pdf":
        options.setdefault("on_layout", passes.append)
    wall, (main_cpu, worker_cpu), start = time.time(), _cpu_split(), time.perf_counter()
    loaded, theme = load_source(corpus / "volume.toml")
    [path] = build(loaded, fmt, theme, BuildOptions(outdir=out, **options))  # type: ignore[arg-type]
    seconds, end = time.perf_counter() - start, time.time()
    if result is not None:
        main_after, workers_after = _cpu_split()
        result["main_cpu_seconds"], result["worker_cpu_seconds"] = main_after - main_cpu, workers_after - worker_cpu
        result["cpu_seconds"] = result["main_cpu_seconds"] + result["worker_cpu_seconds"]
        records = [r for p in passes for r in getattr(p, "workers", ())]  # () before the records existed
        workers = [(r.started, r.finished) for r in records if r.pid != os.getpid()]
        result["chunked"] = bool(passes)
        # a worker's warm-up (stylesheets parsed, fonts loaded for the build's documents) is worker time too
        warm = [(r.started, r.finished) for p in passes for r in getattr(p, "warm_ups", ()) if r.pid != os.getpid()]
        result["serial_seconds"] = (end - wall) - overlapped(workers + warm, wall, end) if passes else seconds
        result["serial_seconds_without_warm_ups"] = (end - wall) - overlapped(workers, wall, end) if passes else seconds
        result["warm_up_seconds"] = sum(b - a for a, b in warm)
        result["passes"] = [[p.what, p.documents, p.cached] for p in passes]
        result["resumed_chunks"] = sum(getattr(p, "resumed", 0) for p in passes)
        result["worker_seconds"] = sum(b - a for a, b in workers)
        result["longest_document_seconds"] = max((b - a for a, b in workers), default=0.0)
        result["wall_start"] = wall
        result["workers_started"] = min((a for a, _ in workers), default=0.0)
        result["workers_finished"] = max((b for _, b in workers), default=0.0)
        parses: dict[int, int] = {}
        for p in passes:
            for pid, n in (p.stylesheet_parses() if records else {}).items():
                parses[pid] = parses.get(pid, 0) + n
        result["stylesheet_parses_per_worker"] = sorted(parses.values())
        result["stylesheet_reuses"] = sum(r.stylesheet_reuses for r in records)
    return seconds, path


@contextmanager
def _phases(into: dict[str, float]) -> Iterator[None]:
    """The main process's seconds in print.html renders (whole, front, chunks, furniture) and in
    the assembly, added up in `into` while the block runs."""
    from exporter.writers.pdf import assemble, writer

    def timed(name: str, call: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return call(*args, **kwargs)
            finally:
                into[name] = into.get(name, 0.0) + time.perf_counter() - start
        return run

    renderer, assembly = writer.print_renderer, assemble.assemble
    writer.print_renderer = lambda template: timed("renders", renderer(template))  # type: ignore[assignment]
    assemble.assemble = timed("assembly", assembly)  # type: ignore[assignment]
    try:
        yield
    finally:
        writer.print_renderer, assemble.assemble = renderer, assembly  # type: ignore[assignment]


def rebuild_phases(result: dict[str, object], phases: dict[str, float]) -> dict[str, float]:
    """Where a rebuild's wall time went: before the first worker started laying out, the
    workers' span, after the last one finished (the main process alone), and the main
    process's renders and assembly (which overlap the workers in part)."""
    started, finished, wall = (float(result[k]) for k in ("workers_started", "workers_finished", "seconds"))  # type: ignore[arg-type]
    spans = {"before_workers": started - float(result["wall_start"]),  # type: ignore[arg-type]
             "workers": finished - started, "after_workers": float(result["wall_start"]) + wall - finished}  # type: ignore[arg-type]
    return {**spans, **phases} if started else phases


def _print_stage(corpus: Path, work: Path, jobs: int, keep: Path | None) -> Path:
    """The print HTML our build laid out (after the hole-filling moves) with its theme files
    and images, as --emit-print-html keeps it: from KEEP/print, where the pdf kind leaves
    it, or from an untimed build."""
    if keep is not None and (keep / "print").exists():
        return keep / "print"
    _, pdf = _build(corpus, "pdf", work / "emitted", jobs=jobs, emit_print_html=True)
    return pdf.with_suffix(".print")


def measure(kind: str, corpus: Path, work: Path, jobs: int, keep: Path | None = None) -> dict[str, object]:
    result: dict[str, object] = {}
    pdf: Path | None = None
    if kind in ("html", "epub"):
        result["seconds"], _ = _build(corpus, kind, work / "out")
    elif kind == "single":
        result["seconds"], pdf = _build(corpus, "pdf", work / "out", result, jobs=1)
        result["pages"] = _pages(pdf)
    elif kind == "pdf":
        result["seconds"], pdf = _build(corpus, "pdf", work / "out", result, jobs=jobs, cache_dir=work / "cache",
                                        emit_print_html=True)
        result["pages"] = _pages(pdf)
        if keep is not None and not (keep / "print").exists():
            shutil.copytree(pdf.with_suffix(".print"), keep / "print")
    elif kind == "rebuild":
        copy = work / "corpus"
        shutil.copytree(corpus, copy)
        cold_run: dict[str, object] = {}
        result["cold_seconds"], _ = _build(copy, "pdf", work / "out", cold_run, jobs=jobs, cache_dir=work / "cache")
        result["cold_cpu_seconds"] = cold_run["cpu_seconds"]
        change_one_edition(copy)
        phases: dict[str, float] = {}
        with _phases(phases):
            result["seconds"], pdf = _build(copy, "pdf", work / "out", result, jobs=jobs, cache_dir=work / "cache")
        result["phases"] = rebuild_phases(result, phases)
        result["pages"] = _pages(pdf)
        _, cold = _build(copy, "pdf", work / "cold", jobs=jobs, cache_dir=work / "fresh cache")
        result["same_as_cold"] = page_texts(pdf) == page_texts(cold)
    elif kind == "baseline":
        stage = _print_stage(corpus, work, jobs, keep)
        html = (stage / "print.html").read_text(encoding="utf-8")
        start, cpu = time.perf_counter(), _cpu()
        pdf = work / "baseline.pdf"
        HTML(string=html, base_url=str(stage / "print.html")).write_pdf(pdf)
        result["seconds"] = time.perf_counter() - start
        result["cpu_seconds"] = _cpu() - cpu
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
