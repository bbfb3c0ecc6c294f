"""`python -m benchmarks.extensions [--articles N] [--runs R]`: what each layout extension
costs. One generated edition is built once (its print HTML kept), then laid out by plain
WeasyPrint and inside `patched()` with no extension, each one alone, and all of them,
interleaved, in this process; CPU seconds of `render()` + `write_pdf()` (medians), and the
lines laid out, for the cost per line.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import tempfile
import time
from pathlib import Path

from weasyprint import HTML

from exporter.api import BuildOptions, build
from exporter.weasyprint_ext.cjk_justify import CJK_JUSTIFY
from exporter.weasyprint_ext.column_reuse import COLUMN_REUSE
from exporter.weasyprint_ext.line_endings import LINE_ENDINGS
from exporter.weasyprint_ext.patches import patched

from .corpus import edition

SETS = {"plain": None, "cjk_justify": (CJK_JUSTIFY,), "line_endings": (LINE_ENDINGS,),
        "column_reuse": (COLUMN_REUSE,), "all three": (CJK_JUSTIFY, LINE_ENDINGS, COLUMN_REUSE)}


def lines(document: object) -> int:
    return sum(1 for page in document.pages for box in page._page_box.descendants()  # type: ignore[attr-defined]
               if type(box).__name__ == "LineBox")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.extensions", description=__doc__)
    p.add_argument("--articles", type=int, default=16)
    p.add_argument("--runs", type=int, default=3)
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="newsprint-ext-") as tmp:
        source = edition(dt.date(2026, 11, 16), 1, Path(tmp) / "ed", args.articles)
        [pdf] = build(source, "pdf", options=BuildOptions(outdir=Path(tmp) / "out", jobs=1, emit_print_html=True))
        page = pdf.with_suffix(".print") / "print.html"
        cpu: dict[str, list[float]] = {name: [] for name in SETS}
        counted: dict[str, int] = {}
        for _ in range(args.runs):
            for name, patches in SETS.items():
                start = time.process_time()
                if patches is None:
                    document = HTML(filename=str(page)).render()
                else:
                    with patched(*patches):
                        document = HTML(filename=str(page)).render()
                document.write_pdf()
                cpu[name].append(time.process_time() - start)
                counted[name] = lines(document)
    base = statistics.median(cpu["plain"])
    for name, seconds in cpu.items():
        median = statistics.median(seconds)
        print(f"{name:>12}: {median:.2f} s CPU ({', '.join(f'{s:.2f}' for s in seconds)}), {median / base:.3f}× plain, "
              f"{counted[name]} lines, {(median - base) / counted[name] * 1000:+.2f} ms per line")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
