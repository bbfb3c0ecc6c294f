"""The order in which a chunked build hands its documents out (parallel.ChunkedLayout):
what runs after the heaviest document is handed out (the contents fit, which needs the
whole print.html) runs while that document is laid out, not before it."""

from __future__ import annotations

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
