"""What the PDF writer takes besides the edition and theme (a light module: the CLI and
the API read it without loading WeasyPrint)."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PROFILES = ("print", "screen")


def default_cache_dir() -> Path:
    """$XDG_CACHE_HOME/newsprint-exporter, else ~/.cache/newsprint-exporter."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "newsprint-exporter"


@dataclass(frozen=True)
class PdfOptions:
    outdir: Path = Path("out")  # writes OUTDIR/<stem>.pdf
    profile: str = "screen"  # "print" adds bleed and crop marks
    page_size: str | None = None  # overrides the theme's [page] size
    pdf_variant: str | None = None  # passed to WeasyPrint, e.g. pdf/a-3b, pdf/ua-1
    emit_print_html: bool = False  # also write the HTML handed to WeasyPrint
    jobs: int | None = None  # processes laying out one document (None: one per core)
    cache_dir: Path | None = None  # laid-out chunks are reused from here (None: no cache)
    cache_max_bytes: int = 1 << 30  # the least recently used chunks go beyond this
    show_progress: bool = False  # a progress bar per chunk on a terminal
    stage_dir: Path | None = None  # where layout files are staged (None: the temp folder; a shared path on a cluster)
    # None: one pass or chunks by predicted cost (chunk_rule.py; one job: one pass). A number
    # forces the old rule: chunks from this many characters on, with several jobs or a cache.
    parallel_min_characters: int | None = None
    on_layout: Callable[[Any], None] | None = None  # called with each LayoutPass of a chunked build
