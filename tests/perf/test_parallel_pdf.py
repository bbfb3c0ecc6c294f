"""Parallel chunked layout gives the single-pass PDF, and the chunk cache re-lays out only
what changed (counted from the build's layout passes, never timed)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from exporter.api import BuildOptions, build
from exporter.writers.pdf import contents_fit, parallel
from exporter.writers.pdf.parallel import LayoutPass

from tests.samples import change_edition
from .helpers import structure


@pytest.fixture
def layout_passes() -> Iterator[Callable[[], list[tuple[str, int, int]]]]:
    """The layout passes of the chunked builds so far: (what, documents, from the cache)."""
    passes: list[LayoutPass] = []
    _ON_LAYOUT.append(passes.append)
    yield lambda: [(p.what, p.documents, p.cached) for p in passes]
    _ON_LAYOUT.clear()


_ON_LAYOUT: list[Callable[[LayoutPass], None]] = []


def _pdf(source: Path, out: Path, **options: object) -> Path:
    # The test volume is small: lay it out in chunks all the same.
    options.setdefault("parallel_min_characters", 0)
    if _ON_LAYOUT:
        options.setdefault("on_layout", _ON_LAYOUT[0])
    [pdf] = build(source, "pdf", options=BuildOptions(outdir=out, **options))  # type: ignore[arg-type]
    return pdf


def test_parallel_layout_matches_single_pass(volume_source: Path, tmp_path: Path, layout_passes) -> None:
    single = _pdf(volume_source, tmp_path / "single", jobs=1)
    parallel = _pdf(volume_source, tmp_path / "parallel", jobs=2)
    assert layout_passes() == [("contents fits", 1, 0),
                            ("PDF chunks", 3, 0),
                            ("furniture documents", 1, 0)]
    a, b = structure(single), structure(parallel)
    assert a["pages"] == b["pages"] > 4
    assert a["text"] == b["text"]  # body, running heads, page numbers and contents numbers
    assert a["outline"] == b["outline"] and len(a["outline"]) >= 9
    assert a["links"] == b["links"] and len(a["links"]) >= 9  # contents links land on the same pages
    assert PdfReader(parallel).trailer["/Root"]["/Lang"] == "zh-CN"


def test_rebuild_lays_out_only_the_changed_edition(volume_source: Path, tmp_path: Path, layout_passes) -> None:
    cache = tmp_path / "cache"
    cold = _pdf(volume_source, tmp_path / "cold", jobs=2, cache_dir=cache)
    warm = _pdf(volume_source, tmp_path / "warm", jobs=2, cache_dir=cache)
    assert warm.read_bytes() == cold.read_bytes()  # the assembly is deterministic
    change_edition(volume_source.parent, 17)
    rebuilt = _pdf(volume_source, tmp_path / "rebuilt", jobs=2, cache_dir=cache)
    # The fit depends on the front only; here the correction also changes the cover's photo
    # (the front), so the rebuild fits again.
    assert layout_passes()[:8] == [("contents fits", 1, 0), ("PDF chunks", 3, 0), ("furniture documents", 1, 0),
                                   ("contents fits", 1, 1), ("PDF chunks", 3, 3), ("furniture documents", 1, 1),
                                   ("contents fits", 1, 0), ("PDF chunks", 3, 2)]
    fresh = _pdf(volume_source, tmp_path / "fresh", jobs=1)
    assert structure(rebuilt) == structure(fresh)
    assert any("更正" in text for text in structure(rebuilt)["text"])


def test_a_first_build_hands_the_contents_fit_out_before_the_heaviest_chunk(
        volume_source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The fit reads print.html's front only, so a first build hands it to a worker before the
    heaviest chunk renders (the workers are then never idle while it renders), and its layout
    is recorded as the workers' time; a rebuild hands its changed chunk out first."""
    submitted: list[str] = []
    submit = parallel.ChunkedLayout._submit

    def spy(self: parallel.ChunkedLayout, pool: object, task: Callable[..., object], *args: object) -> object:
        submitted.append(getattr(task, "func", task).__name__)
        return submit(self, pool, task, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(parallel.ChunkedLayout, "_submit", spy)
    passes: list[LayoutPass] = []
    cache = tmp_path / "cache"
    _pdf(volume_source, tmp_path / "cold", jobs=2, cache_dir=cache, on_layout=passes.append)
    assert submitted == ["fit_recorded", "layout_chunk", "layout_chunk", "layout_chunk", "layout_furniture"]
    [fits] = [p for p in passes if p.what == "contents fits"]
    assert len(fits.workers) == 1 and fits.workers[0].pid != os.getpid()
    submitted.clear()
    change_edition(volume_source.parent, 17)  # changes the cover's photo too: the fit runs again
    _pdf(volume_source, tmp_path / "rebuilt", jobs=2, cache_dir=cache)
    assert submitted[:2] == ["layout_chunk", "fit_recorded"]


def test_a_small_document_is_laid_out_in_one_pass(volume_source: Path, tmp_path: Path, layout_passes,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    fits: list[str] = []
    fit = contents_fit.fit_in_stage
    monkeypatch.setattr(contents_fit, "fit_in_stage", lambda *args: fits.append("fit") or fit(*args))
    small = _pdf(volume_source, tmp_path / "small", jobs=2, parallel_min_characters=10**9)
    assert layout_passes() == []  # no chunks: one pass, one set of font subsets
    assert fits == []  # its contents took one page at the first step: no fit laid out (nor its CPU paid)
    monkeypatch.undo()  # the chunked build hands the fit to its workers
    chunked = _pdf(volume_source, tmp_path / "chunked", jobs=2)
    assert structure(small)["text"] == structure(chunked)["text"]
    assert small.stat().st_size < chunked.stat().st_size


def test_a_contents_that_runs_on_is_laid_out_once_in_the_furniture(volume_source: Path, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """On paper too small for the contents at any step, the front takes more pages than a
    cover and a contents page; the fit measured them, so the furniture document's anchors
    are placed after them and the furniture is laid out once. The PDF is the one the old
    guess (two front pages, found wrong, the furniture laid out again) gives."""
    from exporter.writers.pdf import furniture, parallel

    fits: list[contents_fit.Fitted] = []
    fit = contents_fit.fit_in_stage
    monkeypatch.setattr(contents_fit, "fit_in_stage", lambda *args: fits.append(fit(*args)) or fits[-1])
    layouts: list[str] = []
    lay_out = furniture.layout_chunk
    monkeypatch.setattr(furniture, "layout_chunk", lambda *args: layouts.append("furniture") or lay_out(*args))
    # one job and a cache: chunks, every document laid out in this process
    options = {"jobs": 1, "page_size": "70mmx90mm"}
    once = _pdf(volume_source, tmp_path / "once", cache_dir=tmp_path / "cache", **options)
    [fitted] = fits
    assert fitted.rule == contents_fit.step_css(contents_fit.STEPS[-1]) and fitted.front_pages > 2
    assert layouts == ["furniture"]
    monkeypatch.setattr(parallel, "front_pages", lambda is_volume, fitted=None: 2)  # the guess before
    twice = _pdf(volume_source, tmp_path / "twice", cache_dir=tmp_path / "cache 2", **options)
    assert layouts == ["furniture"] * 3
    a, b = structure(once), structure(twice)
    assert a["pages"] == b["pages"] and a["text"] == b["text"]
    assert a["outline"] == b["outline"] and a["links"] == b["links"]
