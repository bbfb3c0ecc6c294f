"""One pass or chunks (writers/pdf/chunk_rule.py): never chunks with one job or one chunk,
chunks only where the predicted wall time says so, and the same pages either way. Counted
from the build's layout passes and the rule's own prediction, never timed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from exporter.api import BuildOptions, build
from exporter.writers.pdf.chunk_rule import makespan, predict
from exporter.writers.pdf.parallel import LayoutPass

from tests.samples import write_edition
from .helpers import structure

WEEK = [35_000] * 7  # chunk weights of a week of full editions (about 175 pages)


def test_makespan_hands_out_the_heaviest_first() -> None:
    assert makespan([10, 1, 1, 1], 2) == 10
    assert makespan([5, 4, 3, 3], 2) == 8
    assert makespan([7], 4) == 7


def test_one_job_or_one_chunk_is_always_one_pass() -> None:
    for weights in (WEEK, WEEK * 4, [10**7] * 64):
        assert not predict(weights, 1).chunks
    assert not predict([10**7], 64).chunks


def test_chunks_by_predicted_cost() -> None:
    assert predict(WEEK, 2).chunks and predict(WEEK * 4, 2).chunks
    assert not predict([3_000, 3_000], 2).chunks  # two small editions: the fixed costs win
    assert not predict([100_000, 1_000], 2).chunks  # one big part: nothing to share
    # More workers shorten the chunks' share, never lengthen it.
    assert predict(WEEK, 4).chunked <= predict(WEEK, 2).chunked


def _layout_passes(source: Path, out: Path, **options: object) -> tuple[Path, list[LayoutPass]]:
    passes: list[LayoutPass] = []
    [pdf] = build(source, "pdf", options=BuildOptions(outdir=out, on_layout=passes.append, **options))  # type: ignore[arg-type]
    return pdf, passes


def test_jobs_1_never_chunks_even_with_a_cache(volume_source: Path, tmp_path: Path) -> None:
    _, passes = _layout_passes(volume_source, tmp_path / "one", jobs=1, cache_dir=tmp_path / "cache")
    assert passes == []


def test_a_single_edition_with_part_breaks_is_one_pass(tmp_path: Path) -> None:
    """One edition is one part; with `breaks = "part"` (the default) there is no forced
    break to cut at, so even a forced rule lays it out in one pass."""
    source = write_edition(tmp_path / "ed")
    _, passes = _layout_passes(source, tmp_path / "out", jobs=2, parallel_min_characters=0)
    assert passes == []


@pytest.mark.slow
def test_chunked_and_one_pass_give_the_same_pages_and_text(volume_source: Path, tmp_path: Path) -> None:
    one, none = _layout_passes(volume_source, tmp_path / "one", jobs=1)
    chunked, passes = _layout_passes(volume_source, tmp_path / "chunked", jobs=2, parallel_min_characters=0)
    assert none == [] and [p.what for p in passes] == ["contents fits", "PDF chunks", "furniture documents"]
    a, b = structure(one), structure(chunked)
    assert a["pages"] == b["pages"] and a["text"] == b["text"]
    # Each worker parsed each linked stylesheet of the build once (the theme's, chunk.css and
    # ghost.css), and page.css once more for the furniture (the contents' fitted rule, fitted
    # by a worker while the chunks are laid out, is added to it then); every later document
    # it laid out reused the theme's. The fit is recorded as a worker's document too.
    records = [r for p in passes for r in p.workers]
    assert len(records) == 1 + 3 + 1
    [fit] = passes[0].workers
    assert fit.pid != os.getpid() and fit.started <= fit.finished
    # each worker warmed up once (stylesheets parsed, fonts loaded), reported with the pass it served
    warm_ups = [r for p in passes for r in p.warm_ups]
    assert len(warm_ups) == 2 and all(r.started <= r.finished for r in warm_ups)
    assert os.getpid() not in {r.pid for r in warm_ups}
    parses: dict[int, int] = {}
    for p in passes:
        for pid, n in p.stylesheet_parses().items():
            parses[pid] = parses.get(pid, 0) + n
    theme = max(r.stylesheet_parses + r.stylesheet_reuses for r in records) - 1  # a chunk: theme + chunk.css
    assert len(parses) == 2 and all(n <= theme + 3 for n in parses.values())
    assert sum(r.stylesheet_reuses for r in records) >= (len(records) - len(parses)) * theme
