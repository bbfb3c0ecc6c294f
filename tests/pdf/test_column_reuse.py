"""Column reuse (exporter/weasyprint_ext/column_reuse.py) must lay out exactly the boxes WeasyPrint
lays out without it, only with fewer column layouts."""

from __future__ import annotations

import contextlib
import random
import sys
from collections.abc import Iterator
from math import inf
from pathlib import Path
from typing import Any

import pytest
from weasyprint import HTML
from weasyprint.layout import block, column

from exporter.weasyprint_ext import column_balance as column_balance_module
from exporter.weasyprint_ext import column_reuse as column_reuse_module
from exporter.weasyprint_ext import patches as patches_module
from exporter.weasyprint_ext.cjk_justify import CJK_JUSTIFY
from exporter.weasyprint_ext.column_reuse import COLUMN_REUSE
from exporter.weasyprint_ext.patches import patched
from tests.conftest import ALL_EXAMPLES

Geometry = list[list[tuple[Any, ...]]]

# Frames that sit between columns_layout and block_box_layout when the reuse is on.
EXTENSION_FILES = {column_reuse_module.__file__, column_balance_module.__file__, patches_module.__file__}


# Floats, absolute and fixed boxes, footnotes, running elements, a spanning heading,
# nested columns, images and forced breaks inside columns: every case the reuse must
# either reproduce or leave to WeasyPrint.
HOSTILE = """<!doctype html><html lang="en"><head><style>
@page { size: A6; margin: 12mm; @top-center { content: element(head) } @bottom-center { content: counter(page) } }
body { font: 9pt/1.4 serif; }
.cols { columns: 2; column-gap: 4mm; column-fill: balance; }
.three { columns: 3; }
.float { float: left; width: 12mm; height: 10mm; background: #ccc; }
.abs { position: absolute; top: 0; right: 0; }
.fixed { position: fixed; bottom: 0; }
.note { float: footnote; }
.run { position: running(head); }
h2 { column-span: all; margin: 4mm 0; }
p { margin: 0 0 2mm; orphans: 2; widows: 2; }
.big { height: 25mm; background: #eee; break-inside: avoid; }
</style></head><body>
<div class="run">Running head</div>
%s
</body></html>"""


def _case(extra: str) -> str:
    text = "<p>" + " ".join(["Column text that wraps over several lines of the page."] * 6) + "</p>"
    return f'<div class="cols">{text * 3}{extra}{text * 4}</div>'


HOSTILE_BODIES = [
    _case(""),
    _case('<div class="float"></div>'),
    _case('<div class="abs">abs</div>'),
    _case('<div class="fixed">fixed</div>'),
    _case('<p>Noted<span class="note">A footnote.</span> here.</p>'),
    _case('<h2>Spanning heading</h2>'),
    _case('<div class="three"><p>' + "nested columns " * 80 + "</p></div>"),
    _case('<div class="big"></div>'),
    _case('<p style="break-before: column">forced column break</p>'),
    _case('<p style="break-before: page">forced page break</p>'),
]


def _geometry(document: Any) -> Geometry:
    def walk(box: Any, depth: int, out: list[tuple[Any, ...]]) -> None:
        out.append((depth, type(box).__name__, box.position_x, box.position_y, box.width, box.height,
                    getattr(box, "text", None)))
        for child in box.all_children():
            walk(child, depth + 1, out)

    pages = []
    for page in document.pages:
        boxes: list[tuple[Any, ...]] = []
        walk(page._page_box, 0, boxes)
        pages.append(boxes)
    return pages


def _differences(a: Geometry, b: Geometry, tolerance: float = 1e-5) -> list[tuple[Any, ...]]:
    """Boxes that differ: in kind, depth, text or number, or in a position or size by more
    than `tolerance` pt. A reused column is shifted to its x where a second layout computes
    at that x, so sizes may differ in the last bits of a float (29.3984375 ± 1e-12)."""
    if len(a) != len(b):
        return [("pages", len(a), len(b))]
    out = []
    for page, (p, q) in enumerate(zip(a, b)):
        if len(p) != len(q):
            out.append((page, "boxes", len(p), len(q)))
            continue
        for x, y in zip(p, q):
            close = all(abs(u - v) <= tolerance if isinstance(u, float) and isinstance(v, float) else u == v
                        for u, v in zip(x, y))
            if not close:
                out.append((page, x, y))
    return out[:5]


@contextlib.contextmanager
def _counting_column_layouts() -> Iterator[list[Any]]:
    """Count the column layouts that reach WeasyPrint's block layout, asked for by
    columns_layout directly or through column_reuse's wrapper (installed after this one),
    and note the bottom spaces of the balancing trials among them (calls[1])."""
    calls: list[Any] = [0, []]
    original = block.block_box_layout
    columns = column.columns_layout.__code__

    def counting(*args: Any, **kwargs: Any) -> Any:
        caller = sys._getframe(1)
        while caller.f_back is not None and caller.f_code.co_filename in EXTENSION_FILES:
            caller = caller.f_back  # column_reuse's wrapper, and patched()'s switch
        if caller.f_code is columns:
            calls[0] += 1
            if args[8] == [] and not args[5] and args[2] != inf:  # a trial at a balancing height
                calls[1].append(args[2])
        return original(*args, **kwargs)

    block.block_box_layout = counting
    try:
        yield calls
    finally:
        block.block_box_layout = original


def _render(html: str, base_url: str | None, reuse: bool) -> tuple[Geometry, int]:
    geometry, calls, _ = _render_counting(html, base_url, reuse)
    return geometry, calls


def _render_counting(html: str, base_url: str | None, reuse: bool) -> tuple[Geometry, int, list[float]]:
    """The boxes, the column layouts and the bottom spaces of the balancing trials laid out."""
    with _counting_column_layouts() as calls, patched(CJK_JUSTIFY, *([COLUMN_REUSE] if reuse else [])):
        document = HTML(string=html, base_url=base_url).render(presentational_hints=False)
    return _geometry(document), calls[0], calls[1]


@pytest.mark.parametrize("body", HOSTILE_BODIES, ids=["plain", "float", "absolute", "fixed", "footnote",
                                                      "column-span", "nested", "unbreakable", "column-break",
                                                      "page-break"])
def test_reuse_gives_the_same_boxes(body: str) -> None:
    html = HOSTILE % body
    plain, _ = _render(html, None, reuse=False)
    reused, _ = _render(html, None, reuse=True)
    assert not _differences(reused, plain)


@pytest.mark.parametrize("source", ALL_EXAMPLES, ids=lambda s: s.stem)
def test_reuse_on_broadsheet_editions_is_identical_and_does_less(build_pdf: Any, source: Path) -> None:
    _, pdf = build_pdf(source, "broadsheet")
    stage = pdf.with_suffix(".print")
    html = (stage / "print.html").read_text(encoding="utf-8")
    plain, plain_layouts = _render(html, str(stage / "print.html"), reuse=False)
    reused, reused_layouts = _render(html, str(stage / "print.html"), reuse=True)
    assert not _differences(reused, plain)
    assert reused_layouts < 0.9 * plain_layouts


# A contents list as the print themes make it: day headings kept with the sections after
# them, sections that do not break, list markers (absolute boxes), and a note paragraph with
# widows and orphans. Balanced, WeasyPrint tries it at heights 1 px apart.
CONTENTS = """<!doctype html><html lang="en"><head><style>
@page { size: A5; margin: 12mm; }
body { font: 9pt/1.4 serif; }
.cols { columns: %d; column-gap: 4mm; column-fill: balance; }
section { break-inside: avoid; margin: 0 0 2mm; }
h3 { font-size: 10pt; margin: 1mm 0; break-after: avoid; }
ul { margin: 0; padding-left: 4mm; }
p { margin: 0 0 1mm; orphans: 3; widows: 3; }
</style></head><body><div class="cols">%s</div></body></html>"""


def _contents(columns: int, days: int, sections: int = 1) -> str:
    """`days` headings, each with `sections` unbreakable lists (with more than one, inside a
    day's box: a column then ends inside a box, which WeasyPrint stretches to its bottom)."""
    rng = random.Random(7)
    parts = []
    for day in range(days):
        lists = "".join("<section><ul>" + "".join(
            f"<li>Entry {day}.{i} {'word ' * rng.randint(1, 9)}</li>" for i in range(rng.randint(1, 6)))
            + "</ul></section>" for _ in range(sections))
        parts.append(f"<h3>Day {day}</h3>" + (f"<div>{lists}</div>" if sections > 1 else lists))
        if day % 4 == 3:
            parts.append("<h3>Note</h3><p>" + "A paragraph with widows and orphans that wraps. " * rng.randint(3, 8) + "</p>")
    return CONTENTS % (columns, "".join(parts))


@pytest.mark.parametrize(("columns", "days", "sections"),
                         [(2, 9, 1), (2, 5, 3), pytest.param(3, 6, 2, marks=pytest.mark.slow),
                          pytest.param(3, 30, 1, marks=pytest.mark.slow)])
def test_balancing_skips_the_heights_whose_outcome_is_known(columns: int, days: int, sections: int) -> None:
    """column_balance.py ends at the height WeasyPrint ends at, with the same boxes, on a
    page that balances (9 days), pages whose columns end inside a box or hold nothing (2 or 3
    sections a day) and pages that fill and then balance (30 days)."""
    html = _contents(columns, days, sections)
    plain, _, plain_heights = _render_counting(html, None, reuse=False)
    reused, _, reused_heights = _render_counting(html, None, reuse=True)
    assert not _differences(reused, plain)
    assert plain_heights[-1] in reused_heights  # the height WeasyPrint keeps is a real trial
    assert len(set(reused_heights)) <= len(set(plain_heights))
    if days < 30:  # 24, 101 and 270 heights 1 px apart, of which the search lays out 10, 14 and 18
        assert len(set(reused_heights)) < 0.5 * len(set(plain_heights))
