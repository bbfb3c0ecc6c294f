"""The order in which a chunked build hands its documents out (parallel.ChunkedLayout):
what runs after the heaviest document is handed out (a rebuild's contents fit) runs while
that document is laid out, not before it."""

from __future__ import annotations

import pytest

from pathlib import Path

from exporter.writers.pdf.chunks import ChunkLayout
from exporter.writers.pdf.parallel import ChunkedLayout


def _lay_out(html: str, stage: str) -> ChunkLayout:
    return ChunkLayout(html.encode(), [])


def _renders(events: list[str], names: list[str]) -> list:
    def render(name: str) -> str:
        events.append(f"render {name}")
        return name

    return [lambda name=name: render(name) for name in names]


def test_after_first_runs_once_the_heaviest_document_is_handed_out(tmp_path: Path) -> None:
    events: list[str] = []
    with ChunkedLayout(tmp_path, jobs=1, cache=None) as layout:
        laid = layout.lay_out(_renders(events, ["light", "heavy", "middle"]), [1, 9, 5], "PDF chunks",
                              task=_lay_out, after_first=lambda: events.append("after first"))
    assert events == ["render heavy", "after first", "render middle", "render light"]
    assert [chunk.pdf for chunk in laid] == [b"light", b"heavy", b"middle"]  # in document order


def test_after_first_runs_for_a_single_document(tmp_path: Path) -> None:
    events: list[str] = []
    with ChunkedLayout(tmp_path, jobs=1, cache=None) as layout:
        layout.lay_out(_renders(events, ["only"]), [1], "furniture documents", task=_lay_out,
                       after_first=lambda: events.append("after first"))
    assert events == ["render only", "after first"]


def test_a_rebuild_hands_out_the_chunks_the_cache_has_not_seen_first(tmp_path: Path) -> None:
    """ChunkCache.unseen_first: chunks whose inputs an earlier build had go after the others,
    whatever their weight; the first build keeps the weights (heaviest first)."""
    from exporter.writers.pdf.cache import ChunkCache

    cache = ChunkCache(tmp_path)
    weights = [5, 9, 1]
    assert cache.unseen_first("stage", ["a", "b", "c"], weights) == weights  # nothing seen yet: by weight
    assert cache.unseen_first("stage", ["a", "b", "c"], weights) == weights  # all seen: as they are
    changed = cache.unseen_first("stage", ["a", "b", "c2"], weights)
    assert sorted(range(3), key=lambda i: -changed[i]) == [2, 1, 0]  # the changed light chunk first
    assert cache.unseen_first("other stage", ["a", "b"], [5, 9]) == [5, 9]  # another stage has seen nothing
    events: list[str] = []
    with ChunkedLayout(tmp_path, jobs=1, cache=None) as layout:
        layout.lay_out(_renders(events, ["a", "b", "c2"]), changed, "PDF chunks", task=_lay_out)
    assert events == ["render c2", "render b", "render a"]


def test_the_font_lookup_waits_for_the_workers_fork(tmp_path: Path) -> None:
    """`after_fork` (the writer's font lookup thread) runs once the pool has forked its
    workers (they are started with the first task, a warm-up), never before."""
    events: list[str] = []
    (tmp_path / "empty.css").write_text("", encoding="utf-8")
    layout = ChunkedLayout(tmp_path, jobs=2, cache=None, after_fork=lambda: events.append(f"after fork {layout.in_workers}"))
    layout.stylesheets = ["empty.css"]
    with layout:
        layout.lay_out(_renders(events, ["a", "b"]), [1, 2], "PDF chunks", task=_lay_out)
    assert events == ["after fork True", "render b", "render a"]


def test_a_mark_of_seen_inputs_never_stands_for_a_layout(tmp_path: Path) -> None:
    """The marks decide only the order: a chunk whose inputs are marked as seen but whose
    HTML is not in the cache (a stale mark: the entry pruned, or a change the model data does
    not show, such as the theme) is laid out, and what is found is found by its key."""
    from exporter.writers.pdf.cache import ChunkCache

    cache = ChunkCache(tmp_path / "cache")
    weights = cache.unseen_first("stage", ["a", "b"], [1, 2])
    weights = cache.unseen_first("stage", ["a", "b"], weights)  # both marked as seen
    with ChunkedLayout(tmp_path, jobs=1, cache=cache) as layout:
        laid = layout.lay_out(_renders([], ["a", "b"]), weights, "PDF chunks", task=_lay_out)
    assert [chunk.pdf for chunk in laid] == [b"a", b"b"]
    assert (layout.passes[-1].documents, layout.passes[-1].cached) == (2, 0)


def test_a_failed_cache_write_fails_the_build_and_still_ends_the_pool(tmp_path) -> None:
    """A cache write handed to an idle worker that failed (disk full) fails the build, and
    the pool is shut down all the same: no workers left running behind the error."""
    from concurrent.futures import Future, ThreadPoolExecutor

    pool = ThreadPoolExecutor(1)
    failed: Future[None] = Future()
    failed.set_exception(OSError("No space left on device"))
    layout = ChunkedLayout(tmp_path, jobs=2, cache=None, _executor=pool, _storing=[failed])
    with pytest.raises(OSError, match="No space left"):
        with layout:
            pass
    assert layout._executor is None and pool._shutdown
