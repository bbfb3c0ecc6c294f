"""Split a print document at its forced page breaks and lay the pieces out separately.

Where pages break is the `breaks` setting: with "section" every section starts a page, with
"part" every part (sections run on inside it), with "none" only the body after the front.
Between two such breaks the pages do not depend on what came before, so the pieces
("chunks") are laid out as independent documents in separate processes; only their page
numbers, running heads and the contents do, and those are drawn afterwards
(exporter/writers/pdf/furniture.py). A chunk is
the same markup the single-pass document has (sections inside `main`, inside their part),
with one extra stylesheet that suppresses the page-margin furniture.
"""

from __future__ import annotations

import html as markup
import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...model import Part, Section
from .fetcher import staged_layout
from ...weasyprint_ext.font_files import LAZY_FONT_FILES
from ...weasyprint_ext.font_subsets import DEFERRED_FONT_SUBSETS
from ...weasyprint_ext.patches import patched
from ...weasyprint_ext.page_info import PageInfo, page_info
from ...weasyprint_ext.page_resume import PageState, recording
from ...weasyprint_ext.stylesheets import REUSED_STYLESHEETS, reusing
from .fill import Move, filled
from .resume import Previous, page_marks, probe_digest, resume_record, resumed_layout

LOG = logging.getLogger("exporter.pdf")

# A chunk is one section, or several small consecutive sections of one part: fewer
# chunks pay less per-document overhead (stylesheets, fonts, PDF writing).
CHUNK_CHARACTERS = 6000
MARGIN_BOXES = [f"{side}-{where}" for side in ("top", "bottom") for where in ("left", "center", "right")] + [
    "top-left-corner", "top-right-corner", "bottom-left-corner", "bottom-right-corner",
    *(f"{side}-{where}" for side in ("left", "right") for where in ("top", "middle", "bottom"))]
CHUNK_CSS = "\n".join(
    f"@page{selector} {{ marks: none; {' '.join(f'@{box} {{ content: none; }}' for box in MARGIN_BOXES)} }}"
    for selector in ("", " :first", " :left", " :right", " :blank")) + "\n"


@dataclass(frozen=True)
class ChunkPart:
    """What the print template needs of a part inside one chunk; `continued` is a part
    whose header and earlier sections are in an earlier chunk (no id, no bookmark)."""

    title: str | None
    slug: str
    sections: list[Section]
    continued: bool = False


@dataclass(frozen=True)
class WorkerRecord:
    """Where and when a document was laid out: the process, its wall-clock span (time.time(),
    for the serial fraction of a build) and how many stylesheets it parsed for it (the
    others it reused from an earlier document of the build in that process)."""

    pid: int
    started: float
    finished: float
    stylesheet_parses: int
    stylesheet_reuses: int


@dataclass
class ChunkLayout:
    """A laid-out chunk: its PDF (no page furniture), what each page holds, the fillers
    the hole-filling pass moved (fill.py), and where it was laid out (None: from the cache).
    `record`: what a later resume of it needs (resume.py), when asked for; `resumed`: the
    pages it laid out (first index, count) when it resumed an earlier layout."""

    pdf: bytes
    pages: list[PageInfo]
    moves: list[Move] = field(default_factory=list)
    worker: WorkerRecord | None = None
    record: bytes | None = None
    resumed: tuple[int, int] | None = None


def _weight(section: Section) -> int:
    return sum(len(t) for a in section.articles for t in a.texts) + 400 * len(section.articles)


def chunk_weight(chunk: list[ChunkPart]) -> int:
    """About how long a chunk takes to lay out, to hand out the heaviest first."""
    return sum(_weight(section) for part in chunk for section in part.sections)


def split(parts: list[Part], breaks: str = "section") -> list[list[ChunkPart]]:
    """Chunks in the document's order: with "section" breaks, sections grouped without
    crossing a part; with "part" breaks, one part each (only titled parts start a page:
    an edition's one part is one chunk); with "none", one chunk."""
    if breaks == "none" or (breaks == "part" and not all(p.title for p in parts)):
        return [[ChunkPart(p.title, p.slug, p.sections) for p in parts]]
    if breaks == "part":
        return [[ChunkPart(p.title, p.slug, p.sections)] for p in parts]
    chunks: list[list[ChunkPart]] = []
    for part in parts:
        group: list[Section] = []
        for i, section in enumerate(part.sections):
            group.append(section)
            if sum(map(_weight, group)) >= CHUNK_CHARACTERS or i == len(part.sections) - 1:
                first = group[0] is part.sections[0]
                chunks.append([ChunkPart(part.title, part.slug, group, continued=not first and bool(part.title))])
                group = []
    return chunks


def _recorded(lay_out: Callable[[str], Any]) -> tuple[Callable[[str], Any], dict[int, list[PageState | None]]]:
    """`lay_out` that also keeps each document's page states, by the document's id."""
    states: dict[int, list[PageState | None]] = {}

    def recorded(markup: str) -> Any:
        with recording() as layouts:
            document = lay_out(markup)
        states[id(document)] = layouts[-1]
        return document

    return recorded, states


def _full_layout(html: str, lay_out: Callable[[str], Any], resumable: bool) -> ChunkLayout:
    """The chunk laid out whole by `filled`, with its resume record when `resumable`."""
    if resumable:
        lay_out, states = _recorded(lay_out)
    rendered, laid, moves = filled(html, lay_out)
    with patched(DEFERRED_FONT_SUBSETS, LAZY_FONT_FILES):  # font files unread
        pdf = rendered.write_pdf()
    record = resume_record(laid, states[id(rendered)], page_marks(rendered.pages), probe_digest(html)) \
        if resumable else None
    return ChunkLayout(pdf, [page_info(page) for page in rendered.pages], moves, record=record)


def _resumed(html: str, previous: Previous, lay_out: Callable[[str], Any]) -> ChunkLayout | None:
    """The chunk laid out from the pages of `previous` its edit changed, when that is surely
    its full layout (resume.py); None otherwise, or if the resume fails in any way."""
    try:
        resumed = resumed_layout(html, previous, lay_out)
    except Exception as error:  # any failure means a full layout, never a wrong page
        LOG.info("laying the chunk out whole: the resume failed (%s)", error)
        return None
    if resumed is None:
        return None
    return ChunkLayout(resumed.pdf, resumed.pages, resumed.moves, record=resumed.record,
                       resumed=(resumed.start, resumed.count))


def warm_up(stage: str, stylesheets: list[str]) -> WorkerRecord:
    """Parse the build's stylesheets and load their font faces in this worker before its
    first document arrives (they are kept for the build's documents, stylesheets.reusing):
    a rebuild's worker otherwise waits for the main process to render the changed chunk,
    then parses them on the rebuild's critical path. Lays out one empty page; returns when
    and where (the worker's time spent for the build, as a document's)."""
    started = time.time()
    links = "".join(f'<link rel="stylesheet" href="{markup.escape(href)}">' for href in stylesheets)
    with reusing(stage) as shared, patched(), patched(REUSED_STYLESHEETS):
        parses, reuses = shared.parses, shared.reuses
        staged_layout(Path(stage), **shared.render_options())(f"<!DOCTYPE html><html><head>{links}</head><body></body></html>")
        return WorkerRecord(os.getpid(), started, time.time(), shared.parses - parses, shared.reuses - reuses)


def layout_chunk(html: str, stage: str, resumable: bool = False, previous: Previous | None = None) -> ChunkLayout:
    """Lay out one chunk as a single pass would, holes filled (runs in a worker process,
    which parses the build's stylesheets once and reuses them for its later documents).
    `resumable`: keep what a later resume needs; `previous`: the cached layout of the chunk's
    earlier version, resumed from when that gives the same pages (else laid out whole)."""
    started = time.time()
    with reusing(stage) as shared, patched(), patched(REUSED_STYLESHEETS):
        parses, reuses = shared.parses, shared.reuses
        lay_out = staged_layout(Path(stage), **shared.render_options())
        layout = _resumed(html, previous, lay_out) if previous is not None else None
        if layout is None:
            layout = _full_layout(html, lay_out, resumable)
        layout.worker = WorkerRecord(os.getpid(), started, time.time(), shared.parses - parses, shared.reuses - reuses)
    return layout
