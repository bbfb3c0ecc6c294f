"""Parallel chunked layout gives the single-pass PDF, and the chunk cache re-lays out only
what changed (counted from the renderer's log, never timed)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from pypdf import PdfReader

from exporter.api import BuildOptions, build
from exporter.writers.pdf import parallel as pdf_parallel

from .conftest import change_edition
from .helpers import structure


class Messages(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


@pytest.fixture
def layout_log():
    """The renderer's 'laid out N of M PDF chunks' lines, however the CLI set up logging."""
    logger, handler = logging.getLogger("exporter.pdf"), Messages()
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    yield lambda: [line for line in handler.lines if line.startswith("laid out")]
    logger.removeHandler(handler)
    logger.setLevel(logging.NOTSET)


def _pdf(source: Path, out: Path, **options: object) -> Path:
    # The test volume is small: lay it out in chunks all the same.
    options.setdefault("parallel_min_characters", 0)
    [pdf] = build(source, "pdf", options=BuildOptions(outdir=out, **options))  # type: ignore[arg-type]
    return pdf


def test_parallel_layout_matches_single_pass(volume_source: Path, tmp_path: Path, layout_log) -> None:
    single = _pdf(volume_source, tmp_path / "single", jobs=1)
    parallel = _pdf(volume_source, tmp_path / "parallel", jobs=2)
    assert layout_log() == ["laid out 3 of 3 PDF chunks (0 from the cache)",
                            "laid out 2 of 2 furniture documents (0 from the cache)"]
    a, b = structure(single), structure(parallel)
    assert a["pages"] == b["pages"] > 4
    assert a["text"] == b["text"]  # body, running heads, page numbers and contents numbers
    assert a["outline"] == b["outline"] and len(a["outline"]) >= 9
    assert a["links"] == b["links"] and len(a["links"]) >= 9  # contents links land on the same pages
    assert PdfReader(parallel).trailer["/Root"]["/Lang"] == "zh-CN"


def test_rebuild_lays_out_only_the_changed_edition(volume_source: Path, tmp_path: Path, layout_log) -> None:
    cache = tmp_path / "cache"
    cold = _pdf(volume_source, tmp_path / "cold", jobs=2, cache_dir=cache)
    warm = _pdf(volume_source, tmp_path / "warm", jobs=2, cache_dir=cache)
    assert warm.read_bytes() == cold.read_bytes()  # the assembly is deterministic
    change_edition(volume_source.parent, 17)
    rebuilt = _pdf(volume_source, tmp_path / "rebuilt", jobs=2, cache_dir=cache)
    assert layout_log()[::2] == ["laid out 3 of 3 PDF chunks (0 from the cache)",
                                 "laid out 0 of 3 PDF chunks (3 from the cache)",
                                 "laid out 1 of 3 PDF chunks (2 from the cache)"]
    assert layout_log()[1:4:2] == ["laid out 2 of 2 furniture documents (0 from the cache)",
                                   "laid out 0 of 2 furniture documents (2 from the cache)"]
    fresh = _pdf(volume_source, tmp_path / "fresh", jobs=1)
    assert structure(rebuilt) == structure(fresh)
    assert any("更正" in text for text in structure(rebuilt)["text"])


def test_fronts_of_different_length_fall_back_to_one_furniture_document(
        volume_source: Path, tmp_path: Path, layout_log, monkeypatch: pytest.MonkeyPatch) -> None:
    """Should the contents' page numbers move a line so that the margins document's front
    (laid out without them) has another length, the furniture is laid out as one document."""
    single = _pdf(volume_source, tmp_path / "single", jobs=1)
    longer = pdf_parallel.without_internal_links
    monkeypatch.setattr(pdf_parallel, "without_internal_links",
                        lambda html: longer(html).replace('<div class="front">', '<div style="break-after: page"></div><div class="front">', 1))
    parallel = _pdf(volume_source, tmp_path / "parallel", jobs=2)
    assert layout_log()[-1] == "laid out 1 of 1 furniture documents (0 from the cache)"
    assert structure(parallel) == structure(single)


def test_a_small_document_is_laid_out_in_one_pass(volume_source: Path, tmp_path: Path, layout_log) -> None:
    small = _pdf(volume_source, tmp_path / "small", jobs=2, parallel_min_characters=10**9)
    assert layout_log() == []  # no chunks: one pass, one set of font subsets
    chunked = _pdf(volume_source, tmp_path / "chunked", jobs=2)
    assert structure(small)["text"] == structure(chunked)["text"]
    assert small.stat().st_size < chunked.stat().st_size
