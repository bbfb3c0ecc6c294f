"""Parallel, cached PDF layout: chunks in worker processes, then one furniture pass.

1. The document is split at its forced page breaks (pdf_chunks.split: parts, or sections
   with `breaks = "section"`); each chunk's HTML is the single-pass markup of those sections.
2. Chunks found in the cache are reused; the others are laid out in up to `jobs`
   processes (largest first, so the last one to finish is a small one).
3. The furniture pass (pdf_furniture) renders the front and one ghost page per content
   page, as two documents laid out side by side (targets: outline, links and the contents'
   page numbers; margins: running heads and page numbers). Their PDFs are cached too: each
   is reused while nothing it shows moved.
4. pdf_assemble draws each content page, then its margins, under its ghost page.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from functools import partial
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)

from ..cache import ChunkCache, chunk_key, stage_digest
from .autospace import autospace
from .pdf_assemble import assemble
from .print_fill import apply_moves
from .pdf_chunks import CHUNK_CSS, ChunkLayout, ChunkPart, chunk_weight, layout_chunk
from .pdf_furniture import (
    TARGETS_CSS,
    dedupe_anchors,
    ghost_css,
    margins_pages,
    targets_pages,
    without_internal_links,
)

LOG = logging.getLogger("exporter.pdf")
Render = Callable[..., str]


def _pool(jobs: int) -> ProcessPoolExecutor:
    """Forked workers start at once with WeasyPrint already imported."""
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    return ProcessPoolExecutor(max_workers=jobs, mp_context=context)


def _progress(enabled: bool) -> Progress:
    console = Console(stderr=True)
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=console, transient=True, disable=not (enabled and console.is_terminal))


def _cached_layouts(renders: list[Callable[[], str]], weights: list[int], stage: Path, jobs: int,
                    cache: ChunkCache | None, shared: str, show_progress: bool, what: str) -> list[ChunkLayout]:
    """Every document rendered, then taken from the cache or laid out, the heaviest first.

    A document is handed to the workers as soon as it is rendered, so they lay out while the
    rest render. The workers are forked at the first hand-over, before the progress display
    starts its refresh thread: a fork while that thread holds the stderr lock would leave
    the lock held in the worker.
    """
    layouts: dict[int, ChunkLayout] = {}
    keys: dict[int, str] = {}
    serial: dict[int, str] = {}
    futures: dict[Future[ChunkLayout], int] = {}
    pool = _pool(min(jobs, len(renders))) if jobs > 1 and len(renders) > 1 else None
    try:
        for i in sorted(range(len(renders)), key=lambda i: -weights[i]):
            html = renders[i]()
            if cache is not None:
                keys[i] = chunk_key(shared, html, stage)
                if (hit := cache.get(keys[i])) is not None:
                    layouts[i] = hit
                    continue
            if pool is not None:
                futures[pool.submit(layout_chunk, html, str(stage))] = i
            else:
                serial[i] = html
        fresh: dict[int, ChunkLayout] = {}
        with _progress(show_progress) as progress:
            task = progress.add_task(f"laying out {what}", total=len(futures) + len(serial))
            for i, html in serial.items():
                fresh[i] = layout_chunk(html, str(stage))
                progress.advance(task)
            for future in as_completed(futures):
                fresh[futures[future]] = future.result()
                progress.advance(task)
    except BaseException:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
        raise
    if pool is not None:
        pool.shutdown()
    if cache is not None:
        for i, layout in fresh.items():
            cache.put(keys[i], layout)
    LOG.info("laid out %d of %d %s (%d from the cache)", len(fresh), len(renders), what, len(layouts))
    layouts.update(fresh)
    return [layouts[i] for i in range(len(renders))]


def render_chunked(render: Render, context: dict[str, Any], chunks: list[list[ChunkPart]],
                   stage: Path, jobs: int, cache_dir: Path | None, show_progress: bool = False,
                   mirror_shift: float = 0.0) -> bytes:
    """The PDF bytes of a document laid out in chunks; `render(**extra)` renders print.html.
    `mirror_shift`: see pdf_assemble.assemble. The stage's print.html gets the fillers'
    moves the chunks made, so it still reproduces the PDF."""
    hrefs = list(context["stylesheets"])
    (stage / "chunk.css").write_text(CHUNK_CSS, encoding="utf-8")
    cache = ChunkCache(cache_dir) if cache_dir is not None else None
    shared = stage_digest(stage) if cache is not None else ""
    renders = [partial(render, **{**context, "stylesheets": [*hrefs, "chunk.css"], "chunk_parts": c}) for c in chunks]
    ordered = _cached_layouts(renders, list(map(chunk_weight, chunks)), stage, jobs, cache, shared, show_progress,
                              "PDF chunks")
    if moves := [move for layout in ordered for move in layout.moves]:
        whole = stage / "print.html"
        whole.write_text(apply_moves(whole.read_text(encoding="utf-8"), moves), encoding="utf-8")
    pages = dedupe_anchors(ordered)
    (stage / "ghost.css").write_text(ghost_css(pages), encoding="utf-8")
    (stage / "targets.css").write_text(TARGETS_CSS, encoding="utf-8")
    furniture = [
        partial(render, **{**context, "stylesheets": [*hrefs, "ghost.css", "targets.css"],
                           "ghost_pages": targets_pages(pages)}),
        lambda: without_internal_links(render(**{**context, "stylesheets": [*hrefs, "ghost.css"],
                                                 "ghost_pages": margins_pages(pages)})),
    ]
    # The margins document, with a running head and a page number on every page, is the longer.
    targets, margins = _cached_layouts(furniture, [1, 2], stage, jobs, cache, shared, show_progress,
                                       "furniture documents")
    if len(targets.pages) == len(margins.pages):
        return assemble(targets.pdf, ordered, margins.pdf, mirror_shift)
    LOG.info("the fronts of the furniture documents differ in length; laying the furniture out as one document")
    whole = partial(render, **{**context, "stylesheets": [*hrefs, "ghost.css"], "ghost_pages": pages})
    [furniture_pdf] = _cached_layouts([whole], [1], stage, 1, cache, shared, show_progress, "furniture documents")
    return assemble(furniture_pdf.pdf, ordered, mirror_shift=mirror_shift)


def print_renderer(template: Any) -> Render:
    """print.html rendered with a context, with Han–Latin spacing as in a single pass."""
    return lambda **context: autospace(template.render(context))

