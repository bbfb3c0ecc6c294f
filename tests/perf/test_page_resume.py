"""A chunk's layout resumed from the page state of its layout before an edit
(weasyprint_ext/page_resume.py) gives the full layout's pages: spliced between the earlier
layout's pages, the same boxes at the same places and the same text per page, on an edit that
keeps the chunk's page count (it rejoins the earlier layout) and on one that adds a page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from benchmarks.corpus import volume
from benchmarks.resume import CORRECTION, LONG, chunk_html, edited
from exporter.weasyprint_ext.page_resume import recording, resuming
from exporter.weasyprint_ext.patches import patched
from exporter.weasyprint_ext.stylesheets import REUSED_STYLESHEETS, reusing
from exporter.writers.pdf.fetcher import staged_layout


def _boxes(pages: list[Any]) -> list[list[tuple[Any, ...]]]:
    """Every box of every page: kind, place, size, text."""
    return [[(type(box).__name__, box.position_x, box.position_y, box.width, box.height, getattr(box, "text", None))
             for box in page._page_box.descendants()] for page in pages]


@pytest.fixture(scope="module")
def day(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """One edition of the benchmark corpus with 9 articles, as its chunk (9 pages)."""
    work = tmp_path_factory.mktemp("resume")
    return chunk_html(volume(work / "corpus", 0, days=1, articles=9), work / "stage", 0), work / "stage"


@pytest.mark.slow
@pytest.mark.parametrize(("insert", "grows"), [(CORRECTION, False), (LONG, True)])
def test_a_resumed_layout_is_the_full_layout(day: tuple[str, Path], insert: str, grows: bool) -> None:
    html, stage = day
    new, target, following = edited(html, insert)
    with reusing(str(stage)) as shared, patched(), patched(REUSED_STYLESHEETS):
        lay_out = staged_layout(stage, **shared.render_options())
        with recording() as states:
            old = lay_out(html)
        full = lay_out(new)
        start = max(0, next(i for i, page in enumerate(old.pages) if target in page.anchors) - 1)
        with resuming(states[-1], start, following) as resumed:
            part = lay_out(new)
    assert start > 0 and resumed.start == start
    assert (len(full.pages) > len(old.pages)) == grows
    if grows:
        assert resumed.rejoined is None  # every later page starts one page on: no shared state
        spliced = old.pages[:start] + part.pages
    else:
        assert resumed.rejoined is not None and resumed.rejoined[0] < len(old.pages)  # stopped early
        spliced = old.pages[:start] + part.pages + old.pages[resumed.rejoined[1]:]
        assert len(part.pages) < len(full.pages) - start
    assert _boxes(spliced) == _boxes(full.pages)


def test_no_state_to_resume_from_when_page_groups_hold_boxes() -> None:
    with pytest.raises(ValueError):
        with resuming([None], 0, None):
            pass
