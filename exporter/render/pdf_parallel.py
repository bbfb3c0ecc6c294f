"""Parallel, cached PDF layout: chunks in worker processes, then one furniture pass.

1. The document is split at section and part boundaries (pdf_chunks.split); each chunk's
   HTML is the single-pass markup of those sections.
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
from concurrent.futures import Executor, Future, ProcessPoolExecutor, as_completed
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
from .pdf_chunks import CHUNK_CSS, ChunkLayout, ChunkPart, layout_chunk
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


def _pool(jobs: int) -> Executor:
    """Forked workers start at once with WeasyPrint already imported."""
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    return ProcessPoolExecutor(max_workers=jobs, mp_context=context)


def _progress(enabled: bool) -> Progress:
    console = Console(stderr=True)
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=console, transient=True, disable=not (enabled and console.is_terminal))


def _lay_out(todo: dict[int, str], stage: Path, jobs: int, show_progress: bool, what: str) -> dict[int, ChunkLayout]:
    """Lay out the chunks not found in the cache, in parallel when there are several.

    The workers are forked before the progress display starts its refresh thread: a fork
    while that thread holds the stderr lock would leave the lock held in the worker.
    """
    done: dict[int, ChunkLayout] = {}
    if jobs < 2 or len(todo) < 2:
        with _progress(show_progress) as progress:
            task = progress.add_task(f"laying out {what}", total=len(todo))
            for i, html in todo.items():
                done[i] = layout_chunk(html, str(stage))
                progress.advance(task)
        return done
    with _pool(min(jobs, len(todo))) as pool:
        futures: dict[Future[ChunkLayout], int] = {
            pool.submit(layout_chunk, todo[i], str(stage)): i for i in sorted(todo, key=lambda i: -len(todo[i]))}
        with _progress(show_progress) as progress:
            task = progress.add_task(f"laying out {what}", total=len(todo))
            try:
                for future in as_completed(futures):
                    done[futures[future]] = future.result()
                    progress.advance(task)
            except BaseException:
                pool.shutdown(cancel_futures=True)
                raise
    return done


def _cached_layouts(htmls: list[str], stage: Path, jobs: int, cache: ChunkCache | None, shared: str,
                    show_progress: bool, what: str) -> list[ChunkLayout]:
    """Every document laid out, from the cache where it is there, the others in parallel."""
    keys = [chunk_key(shared, html, stage) for html in htmls] if cache is not None else []
    layouts = {i: hit for i, key in enumerate(keys) if cache is not None and (hit := cache.get(key)) is not None}
    fresh = _lay_out({i: html for i, html in enumerate(htmls) if i not in layouts}, stage, jobs, show_progress, what)
    if cache is not None:
        for i, layout in fresh.items():
            cache.put(keys[i], layout)
    LOG.info("laid out %d of %d %s (%d from the cache)", len(fresh), len(htmls), what, len(layouts))
    layouts.update(fresh)
    return [layouts[i] for i in range(len(htmls))]


def render_chunked(render: Render, context: dict[str, Any], chunks: list[list[ChunkPart]],
                   stage: Path, jobs: int, cache_dir: Path | None, show_progress: bool = False) -> bytes:
    """The PDF bytes of a document laid out in chunks; `render(**extra)` renders print.html."""
    hrefs = list(context["stylesheets"])
    (stage / "chunk.css").write_text(CHUNK_CSS, encoding="utf-8")
    htmls = [render(**{**context, "stylesheets": [*hrefs, "chunk.css"], "chunk_parts": c}) for c in chunks]
    cache = ChunkCache(cache_dir) if cache_dir is not None else None
    shared = stage_digest(stage) if cache is not None else ""
    ordered = _cached_layouts(htmls, stage, jobs, cache, shared, show_progress, "PDF chunks")
    pages = dedupe_anchors(ordered)
    (stage / "ghost.css").write_text(ghost_css(pages), encoding="utf-8")
    (stage / "targets.css").write_text(TARGETS_CSS, encoding="utf-8")
    furniture = [
        render(**{**context, "stylesheets": [*hrefs, "ghost.css", "targets.css"], "ghost_pages": targets_pages(pages)}),
        without_internal_links(render(**{**context, "stylesheets": [*hrefs, "ghost.css"],
                                         "ghost_pages": margins_pages(pages)})),
    ]
    targets, margins = _cached_layouts(furniture, stage, jobs, cache, shared, show_progress, "furniture documents")
    if len(targets.pages) == len(margins.pages):
        return assemble(targets.pdf, ordered, margins.pdf)
    LOG.info("the fronts of the furniture documents differ in length; laying the furniture out as one document")
    whole = render(**{**context, "stylesheets": [*hrefs, "ghost.css"], "ghost_pages": pages})
    [furniture_pdf] = _cached_layouts([whole], stage, 1, cache, shared, show_progress, "furniture documents")
    return assemble(furniture_pdf.pdf, ordered)


def print_renderer(template: Any) -> Render:
    """print.html rendered with a context, with Han–Latin spacing as in a single pass."""
    return lambda **context: autospace(template.render(context))

