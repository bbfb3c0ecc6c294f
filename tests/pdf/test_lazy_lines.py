"""The line endings lay a justified paragraph's lines out lazily, as WeasyPrint's block layout
takes them (up to the column's foot and the widows look-ahead), and splice the original lines
back after a pulled-in line once the breaks meet again: the boxes must be exactly those of
laying every line out first (the eager path, which a paragraph with a float still takes)."""

from __future__ import annotations

import random
from typing import Any

import pytest
from weasyprint import HTML
from weasyprint.layout import inline

from exporter.weasyprint_ext import line_endings
from exporter.weasyprint_ext.patches import patched
from exporter.writers.autospace import autospace

# Paragraphs with what the line endings change: loose lines before a closing quote (pulled
# in), no-break units (17:00—19:00, tried broken), and one-character endings (fixed).
_HAN = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往秋收冬藏"
_PIECES = ("他说“寒来暑往”", "17:00—19:00", "限速80公里/小时", "，", "。", "（通知）")


def _paragraph(rng: random.Random) -> str:
    out = []
    while len("".join(out)) < rng.randrange(40, 160):
        out.append(rng.choice(_PIECES) if rng.random() < 0.2 else "".join(rng.choices(_HAN, k=rng.randrange(2, 9))))
    return "".join(out) + "。"


def _document() -> str:
    rng = random.Random(19)
    pages = []
    for lead in range(0, 180, 12):  # the paragraphs start lower on each page: one ends near the foot
        body = "".join(f"<p>{_paragraph(rng)}</p>" for _ in range(5))
        pages.append(f'<section><div style="height: {lead}pt"></div>{body}</section>')
    return autospace(
        '<html lang="zh-CN"><head><style>@page { size: 110mm 90mm; margin: 8mm }'
        ' body { font: 10pt/1.5 Noto Serif CJK SC; margin: 0 }'
        ' section { columns: 2; column-gap: 5mm; column-fill: auto; height: 74mm; break-after: page }'
        ' p { margin: 0; text-align: justify; text-indent: 2em; widows: 2; orphans: 2 }'
        ' .nobr { white-space: nowrap }</style></head><body>' + "".join(pages) + "</body></html>",
        punctuation=True)


def _boxes(document: Any) -> list[tuple[Any, ...]]:
    out: list[tuple[Any, ...]] = []

    def walk(box: Any, page: int) -> None:
        out.append((page, type(box).__name__, box.position_x, box.position_y, box.width, box.height,
                    getattr(box, "text", None)))
        for child in box.all_children():
            walk(child, page)

    for number, page in enumerate(document.pages):
        walk(page._page_box, number)
    return out


def _render(html: str, monkeypatch: pytest.MonkeyPatch, lazy: bool) -> tuple[list[tuple[Any, ...]], int, int]:
    """The boxes, the lines laid out, and the pulled-in lines kept."""
    counts = [0, 0]
    with monkeypatch.context() as m:
        get_next_linebox, pull_in = inline.get_next_linebox, line_endings._pull_in

        def counting(*args: Any) -> Any:
            counts[0] += 1
            return get_next_linebox(*args)

        def pulling(*args: Any) -> Any:
            kept = pull_in(*args)
            counts[1] += kept is not None
            return kept

        m.setattr(inline, "get_next_linebox", counting)
        m.setattr(line_endings, "_pull_in", pulling)
        if not lazy:  # every line first, as for a paragraph with a float, and every re-layout whole
            more = line_endings._Lines.more
            m.setattr(line_endings, "_out_of_flow", lambda box: True)
            m.setattr(line_endings._Lines, "more", lambda self, *args: iter(list(more(self, *args))))
        with patched():
            document = HTML(string=html).render()
    return _boxes(document), counts[0], counts[1]


def test_lazy_lines_are_the_full_layouts_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    html = _document()
    lazy, lazy_layouts, lazy_pulled = _render(html, monkeypatch, lazy=True)
    full, full_layouts, full_pulled = _render(html, monkeypatch, lazy=False)
    assert len(lazy) == len(full)
    assert [box for box, other in zip(lazy, full) if box != other][:3] == []
    assert 0 < lazy_pulled <= full_pulled  # the case is there: lines were pulled in
    assert lazy_layouts < full_layouts  # and the lazy layout left lines that were not needed


def test_a_pull_in_asked_again_is_answered_as_before(monkeypatch: pytest.MonkeyPatch) -> None:
    """Balanced columns lay a paragraph out from the same line at each trial height: the
    pull-in's choice is kept (`_KNOWN`), and the boxes are those of asking every time."""
    html = _document().replace("column-fill: auto; height: 74mm", "column-fill: balance")
    kept, kept_layouts, kept_pulled = _render(html, monkeypatch, lazy=True)
    with monkeypatch.context() as m:
        m.setattr(line_endings, "_known_key", lambda *args: None)
        asked, asked_layouts, asked_pulled = _render(html, monkeypatch, lazy=True)
    assert len(kept) == len(asked)
    assert [box for box, other in zip(kept, asked) if box != other][:3] == []
    assert 0 < kept_pulled == asked_pulled  # pulled in as often (some from what was kept)
    assert kept_layouts < asked_layouts  # without laying those paragraphs out to their end again
