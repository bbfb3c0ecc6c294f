"""Parallel, cached PDF layout: chunks in worker processes, then one furniture pass.

1. The document is split at its forced page breaks (chunks.split: parts, or sections
   with `breaks = "section"`); each chunk's HTML is the single-pass markup of those sections.
2. Chunks found in the cache are reused; the others are laid out in up to `jobs`
   processes (largest first, so the last one to finish is a small one), which fork and
   parse the stylesheets as soon as the theme is staged (ChunkedLayout.warm). A volume's
   contents fit (contents_fit.py) is one more task for them, handed out with print.html's
   front before the heaviest chunk renders (a rebuild's: after its changed chunk).
3. The furniture pass (furniture.py) renders the front and one ghost page per content
   page as one document (outline, links, the contents' page numbers, running heads and
   page numbers). Its PDF is cached too, reused while nothing it shows moved.
4. assemble.py draws each content page under its ghost page.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from concurrent.futures import Executor, Future, as_completed
from functools import cached_property, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from ... import executors
from . import contents_fit
from .cache import ChunkCache, chunk_key, previous_key, stage_digest
from ...workers import worker_pool
from ...weasyprint_ext.stylesheets import reusing
from .fill import apply_moves
from .gc_policy import collected
from .chunks import CHUNK_CSS, ChunkLayout, ChunkPart, WorkerRecord, chunk_weight, layout_chunk, warm_up
from .furniture import anchor_pages, dedupe_anchors, front_pages, ghost_css, layout_furniture

if TYPE_CHECKING:
    from rich.progress import Progress

LOG = logging.getLogger("exporter.pdf")
Render = Callable[..., str]
LayOut = Callable[..., ChunkLayout]
T = TypeVar("T")


@dataclass(frozen=True)
class LayoutPass:
    """One layout pass of a chunked build: how many documents (`what`: "PDF chunks" or
    "furniture documents") it had, how many came from the cache, and where and when each
    of the others was laid out."""

    what: str
    documents: int
    cached: int
    workers: tuple[WorkerRecord, ...] = ()
    resumed: int = 0  # of the laid-out ones, how many only from the pages an edit changed
    # the workers' warm-ups (chunks.warm_up) done by the end of this pass, not reported before:
    # their time is the build's work in the workers too (parsing what the documents then reuse)
    warm_ups: tuple[WorkerRecord, ...] = ()

    @property
    def laid_out(self) -> int:
        return self.documents - self.cached

    def stylesheet_parses(self) -> dict[int, int]:
        """Linked stylesheets parsed in this pass, per worker process id."""
        parses: dict[int, int] = {}
        for record in self.workers:
            parses[record.pid] = parses.get(record.pid, 0) + record.stylesheet_parses
        return parses


def _pool(jobs: int) -> Executor:
    """Local worker processes in the platform's default start method (not forced: a fork
    server where Python makes it the default), which die with their parent
    (exporter/workers.py); or the executors the build chose, such as a Dask cluster
    (exporter/executors.py)."""
    if (chosen := executors.chosen()) is not None:
        return chosen(jobs)
    return worker_pool(jobs)


def _progress(enabled: bool) -> Progress:
    # rich and the assembly (pypdf, fontTools) are imported by the chunked path only: a one-pass
    # build, the common case below a few dozen pages, does not pay for them.
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=console, transient=True, disable=not (enabled and console.is_terminal))


@dataclass
class ChunkedLayout:
    """Lays documents of one build out in parallel, through the chunk cache when there is
    one, and keeps a record of each pass. One pool of workers serves every pass of the build
    (chunks, then furniture), so a worker parses the build's stylesheets once (a context
    manager: the pool ends with the block)."""

    stage: Path
    jobs: int
    cache: ChunkCache | None
    show_progress: bool = False
    passes: list[LayoutPass] = field(default_factory=list)
    from_cache: list[ChunkLayout] = field(default_factory=list)  # of the pass under way, in order
    _executor: Executor | None = None
    stylesheets: list[str] = field(default_factory=list)  # the chunks' (chunks.warm_up), once known
    _warming: list[Future[WorkerRecord]] = field(default_factory=list)
    _unstored: list[tuple[tuple[str, str], ChunkLayout]] = field(default_factory=list)  # cache writes left for store()
    _storing: list[Future[None]] = field(default_factory=list)  # those handed to the workers
    after_fork: Callable[[], object] | None = None  # runs once the pool is started (a thread may start then)

    @cached_property
    def shared(self) -> str:
        """The digest every cache key of the build shares (cache.stage_digest), made once the
        pool has forked (warm): it stats every installed font file."""
        return stage_digest(self.stage) if self.cache is not None else ""

    def __enter__(self) -> ChunkedLayout:
        return self

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        try:
            for future in self._storing if error is None else ():
                future.result()  # a cache write that failed fails the build, as one made here
        finally:  # and the pool ends either way
            if self._executor is not None:
                self._executor.shutdown(cancel_futures=error is not None)
                self._executor = None

    @property
    def in_workers(self) -> bool:
        """Whether the build's documents are laid out by worker processes (not here)."""
        return self._executor is not None

    def _pool_for(self, documents: int) -> Executor | None:
        """The build's pool, started for the first pass of more than one document and kept
        for the later passes (its workers have parsed the stylesheets); None: lay out here."""
        if self._executor is None and self.jobs > 1 and documents > 1:
            self._executor = _pool(min(self.jobs, documents))
            for _ in range(min(self.jobs, documents) if self.stylesheets else 0):  # one each, as a rule
                self._warming.append(self._executor.submit(warm_up, str(self.stage), self.stylesheets))
            if self.after_fork is not None and self.stylesheets:  # a local pool forks every worker at its first task
                self.after_fork()
        return self._executor

    def warm(self, documents: int, hrefs: list[str]) -> None:
        """The chunks' stylesheets (`hrefs` and chunk.css) staged and the pool started for
        `documents` documents: its workers parse the stylesheets while this process renders
        what they lay out. Called as soon as the theme is staged, before the rest of the stage
        and the first document's render (render_chunked does it otherwise)."""
        if not self.stylesheets:
            (self.stage / "chunk.css").write_text(CHUNK_CSS, encoding="utf-8")
            self.stylesheets = [*hrefs, "chunk.css"]
            self._pool_for(documents)

    def start(self, documents: int, task: Callable[..., T], *args: Any) -> Future[T]:
        """`task(*args)` handed to the build's workers now (started for `documents` documents
        in all), or run here when the build lays out in this process."""
        if (pool := self._pool_for(documents)) is not None:
            return self._submit(pool, task, *args)
        done: Future[T] = Future()
        done.set_result(task(*args))
        return done

    def fit_contents(self, documents: int, front: str, whole: Callable[[], str]) -> Callable[[], contents_fit.Fitted]:
        """A volume's contents fit (contents_fit.py) of the staged print.html, taken from the
        cache or handed to the workers now (the build lays out `documents` documents in
        all); returns a function that waits for the fitted rule and the front's pages. The
        fit depends only on the front (cover, masthead, contents) and the stage, so it is
        keyed by `front` (print.html rendered without its body, contents_fit.front_render): a
        rebuild whose change moved no contents entry takes it from the cache before `whole`
        (print.html) is rendered, and checks once it is that its front is that one (else it
        fits again)."""
        key = chunk_key(self.shared, "contents fit\0" + front, self.stage) if self.cache is not None else ""
        if self.cache is not None and (kept := contents_fit.from_text(self.cache.get_text(key))) is not None:
            self.passes.append(LayoutPass("contents fits", 1, 1))
            return lambda: kept if contents_fit.same_front(whole(), front) else \
                contents_fit.fit_in_stage(whole(), str(self.stage))
        # the fit reads only print.html's head and front (contents_fit.front_only), so it is
        # handed out with `front`, before print.html is rendered
        fitting = self.start(documents, fit_recorded, front, str(self.stage))
        self.passes.append(LayoutPass("contents fits", 1, 0))
        reported = len(self.passes) - 1

        def fitted() -> contents_fit.Fitted:
            fit, record = fitting.result()
            if (done := self.passes[reported]).workers != (record,):  # the fit is worker time, as a document
                self.passes[reported] = replace(done, workers=(record,))
            if not contents_fit.same_front(whole(), front):
                return contents_fit.fit_in_stage(whole(), str(self.stage))
            if self.cache is not None:
                self.cache.put_text(key, contents_fit.as_text(fit))
            return fit

        return fitted

    def _warmed(self) -> tuple[WorkerRecord, ...]:
        """The records of the warm-ups done since the last call."""
        done = [future for future in self._warming if future.done()]
        self._warming = [future for future in self._warming if future not in done]
        return tuple(record for future in done if future.exception() is None
                     and isinstance(record := future.result(), WorkerRecord))

    @staticmethod
    def _local() -> bool:
        """Whether the build's workers are our own local processes, not executors the build
        chose (a Dask cluster's long-lived, shared workers, which may see neither this
        machine's cache nor its fonts)."""
        return executors.chosen() is None

    def _submit(self, pool: Executor, task: Callable[..., T], *args: Any) -> Future[T]:
        """`task(*args)` handed to the pool: in our own worker processes under the garbage
        collector's policy for a layout (gc_policy.py); elsewhere as it is, under its own name."""
        return pool.submit(collected, task, *args) if self._local() else pool.submit(task, *args)

    def beside(self) -> Callable[..., Future[Any]] | None:
        """The pool's submit when its workers are local processes, for work beside this process's."""
        return self._executor.submit if self._executor is not None and self._local() else None

    def store(self, beside: bool = False) -> None:
        """The cache writes a pass left for later (`lay_out(store_later=True)`); `beside`: by
        the idle local workers (the last pass's, while this process assembles the PDF), else here."""
        submit = self.beside() if beside else None
        while self._unstored and self.cache is not None:
            keys, layout = self._unstored.pop(0)
            if submit is not None:
                self._storing.append(submit(store_layout, self.cache, keys, layout))
            else:
                store_layout(self.cache, keys, layout)

    def lay_out(self, renders: list[Callable[[], str]], weights: list[int], what: str,
                meanwhile: Callable[[], object] | None = None, task: LayOut = layout_chunk,
                resumable: bool = False, after_first: Callable[[], object] | None = None,
                store_later: bool = False) -> list[ChunkLayout]:
        """Every document rendered, then taken from the cache or laid out by `task(html, stage)`,
        the heaviest first.

        A document is handed to the workers as soon as it is rendered, so they lay out while
        the rest render, and `meanwhile` runs here while they work; the pool starts before
        the progress display's refresh thread. `after_first` runs once the heaviest document
        is handed out (or found in the cache), so what it does here overlaps that document's
        layout. `resumable` (chunks, with a cache): a document not in the cache is laid out
        from its earlier version's pages where it can be (resume.py), and what a later resume
        needs is cached with it. `store_later`: the fresh documents are written to the cache by
        `store()`, not before this returns (the build's next pass is handed out first).
        """
        pool = self._pool_for(len(renders))
        keys, cached, serial, futures = self._hand_out(renders, weights, pool, task,
                                                       resumable and self.cache is not None, after_first)
        self.from_cache = [cached[i] for i in sorted(cached)]
        if meanwhile is not None:
            meanwhile()
        fresh = self._collect(serial, futures, what, task)
        if self.cache is not None:
            self._unstored += [(keys[i], layout) for i, layout in fresh.items()]
            if not store_later:
                self.store()
        resumed = sum(layout.resumed is not None for layout in fresh.values())
        LOG.info("laid out %d of %d %s (%d from the cache, %d resumed)", len(fresh), len(renders), what, len(cached),
                 resumed)
        records = tuple(layout.worker for _, layout in sorted(fresh.items()) if layout.worker is not None)
        self.passes.append(LayoutPass(what, len(renders), len(cached), records, resumed, self._warmed()))
        layouts = {**cached, **fresh}
        return [layouts[i] for i in range(len(renders))]

    def _hand_out(self, renders: list[Callable[[], str]], weights: list[int], pool: Executor | None, task: LayOut,
                  resumable: bool, after_first: Callable[[], object] | None = None
                  ) -> tuple[dict[int, tuple[str, str]], dict[int, ChunkLayout],
                             dict[int, tuple[Any, ...]], dict[Future[ChunkLayout], int]]:
        """Render each document; take it from the cache, or submit it, or keep it to lay out
        here (`after_first` runs after the first). The keys: (the document's, its earlier
        versions' index)."""
        keys: dict[int, tuple[str, str]] = {}
        cached: dict[int, ChunkLayout] = {}
        serial: dict[int, tuple[Any, ...]] = {}
        futures: dict[Future[ChunkLayout], int] = {}
        for n, i in enumerate(sorted(range(len(renders)), key=lambda i: -weights[i])):
            if n == 1 and after_first is not None:
                after_first()
            html = renders[i]()
            previous = None
            if self.cache is not None:
                keys[i] = (chunk_key(self.shared, html, self.stage),
                           previous_key(self.shared, html, self.stage) if resumable else "")
                if (hit := self.cache.get(keys[i][0])) is not None:
                    cached[i] = hit
                    continue
                previous = self.cache.previous(keys[i][1]) if resumable else None
            args = (html, str(self.stage), *((resumable, previous) if resumable else ()))
            if pool is not None:
                futures[self._submit(pool, task, *args)] = i
            else:
                serial[i] = args
        if len(renders) <= 1 and after_first is not None:
            after_first()
        return keys, cached, serial, futures

    def _collect(self, serial: dict[int, tuple[Any, ...]], futures: dict[Future[ChunkLayout], int], what: str,
                 task: LayOut) -> dict[int, ChunkLayout]:
        fresh: dict[int, ChunkLayout] = {}
        with _progress(self.show_progress) as progress:
            bar = progress.add_task(f"laying out {what}", total=len(futures) + len(serial))
            for i, args in serial.items():
                fresh[i] = task(*args)
                progress.advance(bar)
            for future in as_completed(futures):
                fresh[futures[future]] = future.result()
                progress.advance(bar)
        return fresh


def fit_recorded(html: str, stage: str) -> tuple[contents_fit.Fitted, WorkerRecord]:
    """The contents fit (contents_fit.fit_in_stage) with where and when it was laid out, for
    the build's record of its workers' time (the fit's layouts are a document's work)."""
    started = time.time()
    with reusing(stage) as shared:
        parses, reuses = shared.parses, shared.reuses
        rule = contents_fit.fit_in_stage(html, stage)
        return rule, WorkerRecord(os.getpid(), started, time.time(), shared.parses - parses, shared.reuses - reuses)


def store_layout(cache: ChunkCache, keys: tuple[str, str], layout: ChunkLayout) -> None:
    """A laid-out document into the cache under `keys[0]`, and (resumable) the index of its
    earlier versions, `keys[1]`, pointing at it (runs here or in an idle worker)."""
    cache.put(keys[0], layout)
    if layout.record is not None:
        cache.put_text(keys[1], keys[0])


def render_chunked(render: Render, context: dict[str, Any], chunks: list[list[ChunkPart]],
                   layout: ChunkedLayout, mirror_shift: float = 0.0, meanwhile: Callable[[], object] | None = None,
                   before_furniture: Callable[[], int | None] | None = None,
                   after_first: Callable[[], object] | None = None) -> bytes:
    """The PDF bytes of a document laid out in chunks; `render(**extra)` renders print.html.
    `mirror_shift`: see assemble.assemble. `after_first` (it hands out the contents fit) runs
    before the first chunk renders in a first build, else once the first chunk (the changed
    one) is handed out; `meanwhile` runs while the workers lay the chunks
    out (it stages print.html), `before_furniture` after them (it completes the stage for
    the front: the contents' fitted size; it returns the pages the front takes where the
    fit measured them). The stage's print.html gets the fillers' moves the
    chunks made, so it still reproduces the PDF."""
    from .assemble import assemble, read_chunks
    from .fonts_merge import EarlySubsets, early_subsets

    stage = layout.stage
    hrefs = list(context["stylesheets"])
    layout.warm(len(chunks), hrefs)
    renders = [partial(render, **{**context, "stylesheets": layout.stylesheets, "chunk_parts": c}) for c in chunks]
    parsed: dict[int, list[Any]] = {}  # the chunks' pages (read_chunks), by id of their layout

    def parse(layouts: list[ChunkLayout]) -> None:
        for chunk in layouts:
            parsed[id(chunk)] = parsed.get(id(chunk)) or read_chunks([chunk])[0]

    def while_chunks() -> None:
        """`meanwhile`, then the pages of the chunks from the cache parsed while the
        workers lay out the others (a rebuild's furniture, from the cache too, leaves no
        layout to parse them beside)."""
        if meanwhile is not None:
            meanwhile()
        parse(layout.from_cache)

    weights = list(map(chunk_weight, chunks))
    if layout.cache is not None:  # a rebuild's changed chunks first (only the order: each still by its key)
        weights = layout.cache.unseen_first(layout.shared, list(map(repr, chunks)), weights)
    if after_first is not None and weights == list(map(chunk_weight, chunks)):
        # A first build (no chunk lifted): `after_first` (the contents fit) is handed out
        # before the heaviest chunk renders, so a worker lays it out meanwhile; a rebuild's
        # changed chunk goes first.
        after_first()
        after_first = None
    # The chunks are written to the cache, and print.html gets their moves, while the
    # furniture is laid out: neither is needed to hand the furniture out.
    ordered = layout.lay_out(renders, weights, "PDF chunks", while_chunks, resumable=True,
                             after_first=after_first, store_later=True)
    front = before_furniture() if before_furniture is not None else None
    pages = dedupe_anchors(ordered)
    (stage / "ghost.css").write_text(ghost_css(pages), encoding="utf-8")
    # One furniture document: the front is laid out once (it is most of the furniture's cost:
    # the contents' columns), the ghost pages carry anchors, bookmarks, links and strings.
    furniture = partial(render, **{**context, "stylesheets": [*hrefs, "ghost.css"], "ghost_pages": pages})
    # Its anchors' pages are known (a guess at the front's length, checked), so the contents
    # is laid out once with its page numbers; the other chunks' pages are parsed meanwhile.
    known = anchor_pages(pages, front_pages(bool(context.get("is_volume")), front))
    early: list[EarlySubsets] = []
    memo = partial(layout.cache.memo, layout.shared) if layout.cache is not None else None

    def while_furniture() -> None:
        """The chunks' pages parsed, and their deferred faces cut to their glyphs (the
        assembly keeps each cut the furniture adds no glyph to): the other core is idle. Then
        what the build writes that nothing after it reads: the fillers' moves into the stage's
        print.html, the chunks into the cache, and the cache pruned (the furniture's entry and
        the merged fonts' come after, as the newest)."""
        parse(ordered)
        if layout.in_workers and not layout.from_cache:
            early.append(early_subsets([page for chunk in ordered for page in parsed[id(chunk)]], memo))
        if moves := [move for chunk in ordered for move in chunk.moves]:
            whole = stage / "print.html"
            whole.write_text(apply_moves(whole.read_text(encoding="utf-8"), moves), encoding="utf-8")
        layout.store()
        if layout.cache is not None:
            layout.cache.prune()

    [furniture_pdf] = layout.lay_out([furniture], [1], "furniture documents", while_furniture,
                                     partial(layout_furniture, known=known), store_later=True)
    layout.store(beside=True)  # the furniture into the cache by an idle worker, while this process assembles
    return assemble(furniture_pdf.pdf, [parsed[id(chunk)] for chunk in ordered], mirror_shift,
                    early[0] if early else None, memo, layout.beside())
