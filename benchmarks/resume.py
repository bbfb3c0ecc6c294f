"""`python -m benchmarks.resume`: what a page-state resume would cost a rebuild, checked.

The rebuild benchmark (`--kinds rebuild`) corrects one paragraph of the fourth day of the
week and lays that whole day out again (a chunk: sections run on inside it). This lays the
day's chunk out as the build does (chunk.css, the build's stylesheets, the layout
extensions; without the hole-filling pass, which decides on the whole trial), once before
the edit with its page states recorded (exporter/weasyprint_ext/page_resume.py), then after
the edit twice: in full, and resumed from the page before the edited article until a page
starts where a page of the first layout started. The resumed pages spliced between the first
layout's must be the full layout's: same pages, same text on each (`pdftotext`, as the
benchmark checks its PDFs). Two edits: the benchmark's correction (the day keeps its page
count) and a long insertion (the day grows).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import regex
from exporter.api import load_source
from exporter.templating import make_environment
from exporter.weasyprint_ext.page_resume import recording, resuming
from exporter.weasyprint_ext.patches import patched
from exporter.weasyprint_ext.stylesheets import REUSED_STYLESHEETS, reusing
from exporter.writers.html.writer import copy_images
from exporter.writers.pdf.chunks import CHUNK_CSS, split
from exporter.writers.pdf.fetcher import staged_layout
from exporter.writers.pdf.page_css import page_setup
from exporter.writers.pdf.writer import print_renderer
from exporter.writers.pdf.writer import print_context, stage_theme

from .texts import page_texts
from .corpus import volume

CORRECTION = "更正："
_ARTICLE = regex.compile(r'<article[^>]* id="([^"]+)"')
LONG = "这是一段补充的说明文字，" * 250


def chunk_html(source: Path, stage: Path, index: int) -> str:
    """The HTML of chunk `index` of the volume `source` as a chunked build renders it,
    staged in `stage` (theme files, images, chunk.css)."""
    loaded, theme = load_source(source)
    setup = page_setup(theme, "screen", None)
    context = print_context(loaded, theme, stage_theme(theme, setup, stage))
    copy_images(loaded, stage)
    (stage / "chunk.css").write_text(CHUNK_CSS, encoding="utf-8")
    chunk = split(loaded.edition.parts(), setup.breaks)[index]
    render = print_renderer(make_environment(theme).get_template("print.html"))
    return render(**{**context, "stylesheets": [*context["stylesheets"], "chunk.css"], "chunk_parts": chunk})


def edited(html: str, insert: str) -> tuple[str, str, str | None]:
    """`html` with `insert` put before the sixth article's first paragraph's text, the
    article's id and the id of the article after it (None: the last)."""
    ids = _ARTICLE.findall(html)
    target = ids[min(5, len(ids) - 1)]
    para = html.index("<p", html.index(f'id="{target}"'))
    text = html.index(">", para) + 1
    following = ids[ids.index(target) + 1] if target != ids[-1] else None
    return html[:text] + insert + html[text:], target, following


@dataclass
class Outcome:
    """One edit: pages before and after, the resumed layout's start and rejoin, its CPU
    against the full layout's, and whether the splice equals the full layout."""

    pages_before: int
    pages_after: int
    start: int
    rejoined: tuple[int, int] | None
    full_cpu: float
    resumed_cpu: float
    same: bool


def _cpu(call: Callable[[], Any]) -> tuple[Any, float]:
    start = time.process_time()
    result = call()
    return result, time.process_time() - start


def resume_edit(html: str, insert: str, stage: Path, work: Path) -> Outcome:
    """Lay the chunk out before and after the edit, in full and resumed; compare."""
    new, target, following = edited(html, insert)
    with reusing(str(stage)) as shared, patched(), patched(REUSED_STYLESHEETS):
        lay_out = staged_layout(stage, **shared.render_options())
        with recording() as states:
            old = lay_out(html)
        full, full_cpu = _cpu(lambda: lay_out(new))
        start = max(0, next(i for i, page in enumerate(old.pages) if target in page.anchors) - 1)
        with resuming(states[-1], start, following) as resumed:
            part, resumed_cpu = _cpu(lambda: lay_out(new))
        rest = old.pages[resumed.rejoined[1]:] if resumed.rejoined else []
        spliced = old.copy(old.pages[:start] + part.pages + rest)
        spliced.write_pdf(work / "spliced.pdf")
        full.write_pdf(work / "full.pdf")
    same = page_texts(work / "spliced.pdf") == page_texts(work / "full.pdf")
    return Outcome(len(old.pages), len(full.pages), start, resumed.rejoined, full_cpu, resumed_cpu, same)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.resume", description=__doc__)
    p.add_argument("--json", type=Path, help="also write the figures here")
    args = p.parse_args(argv)
    results = {}
    with tempfile.TemporaryDirectory(prefix="newsprint-resume-") as tmp:
        work = Path(tmp)
        source = volume(work / "week", 1)
        html = chunk_html(source, work / "stage", 3)
        for name, insert in (("correction", CORRECTION), ("long insertion", LONG)):
            outcome = resume_edit(html, insert, work / "stage", work)
            results[name] = outcome.__dict__
            print(f"{name}: {outcome.pages_before} -> {outcome.pages_after} pages; resumed at page "
                  f"{outcome.start + 1}, rejoined {outcome.rejoined}; CPU full {outcome.full_cpu:.2f} s, "
                  f"resumed {outcome.resumed_cpu:.2f} s ({outcome.full_cpu / outcome.resumed_cpu:.2f}x); "
                  f"same pages and text: {outcome.same}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0 if all(r["same"] for r in results.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
