"""`python -m benchmarks.line_composition [--editions N] [--out DIR]`: the line-composition
measure (tests/pdf/line_measure.py) over the examples and a generated corpus
(benchmarks/line_corpus.py), in both print themes, and the layout time with the theme's
`punctuation` option on ("clreq") and off ("none"), built side by side, alternating; and the
layout of each kept print.html with the extensions on (inside `patched()`) and off (plain
WeasyPrint), interleaved too.

Prints a table per PDF and the totals, and writes them as JSON. Times are CPU seconds of this
process (the builds run with jobs=1), which a loaded machine disturbs much less than the wall
clock; the load average is reported beside them. Compare the ratios of one run.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

from weasyprint import HTML

from exporter.api import BuildOptions, build, load_source
from exporter.themes import load_theme
from exporter.weasyprint_ext.patches import patched
from tests.pdf.line_measure import Measure, measure

from .line_corpus import edition

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ("examples/qingchuan-daily", "examples/harbour-gazette.json", "examples/weekly.toml")
THEMES = ("broadsheet", "digest")


def variant(base: str, punctuation: str, folder: Path) -> Path:
    """A theme folder that extends `base` and sets `[options] punctuation`."""
    path = folder / f"{base}-{punctuation}"
    path.mkdir(parents=True, exist_ok=True)
    (path / "theme.toml").write_text(
        f'name = "{base}-{punctuation}"\nextends = "{base}"\n\n[options]\npunctuation = "{punctuation}"\n',
        encoding="utf-8")
    return path


def build_pdf(source: Path, theme: str | Path, out: Path, keep_html: bool = False) -> tuple[float, Path, list]:
    """(CPU seconds, the PDF, its articles)."""
    loaded, chosen = load_source(source, theme=load_theme(theme))
    start = time.process_time()
    [pdf] = build(loaded, "pdf", chosen, BuildOptions(outdir=out, jobs=1, cache_dir=None, emit_print_html=keep_html))
    return time.process_time() - start, pdf, list(loaded.edition.articles)


def layout_cpu(page: Path, extensions: bool) -> float:
    """CPU seconds to lay out and write a kept print.html, with the extensions or without."""
    start = time.process_time()
    if extensions:
        with patched():
            HTML(filename=str(page)).render().write_pdf()
    else:
        HTML(filename=str(page)).render().write_pdf()
    return time.process_time() - start


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.line_composition")
    parser.add_argument("--editions", type=int, default=10, help="generated editions (default 10)")
    parser.add_argument("--out", type=Path, default=None, help="keep the PDFs here")
    parser.add_argument("--json", type=Path, default=ROOT / "benchmarks" / "line-composition.json")
    parser.add_argument("--no-timing", action="store_true", help="measure only, without the punctuation-off builds")
    parser.add_argument("--measure-only", type=Path, default=None, metavar="DIR",
                        help="measure the PDFs a run kept in DIR (--out), e.g. made by another version")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="linecomp-"))
    out = args.out or work / "out"
    corpus = [edition(work / "corpus", i) for i in range(args.editions)]
    sources = [ROOT / s for s in EXAMPLES] + corpus
    rows: list[dict[str, object]] = []
    totals = {"examples": Measure(), "corpus": Measure()}
    seconds = {"clreq": 0.0, "none": 0.0, "extensions on": 0.0, "extensions off": 0.0}
    loads: list[float] = []
    for theme in THEMES:
        on, off = variant(theme, "clreq", work / "themes"), variant(theme, "none", work / "themes")
        for source in sources:
            folder = out / theme / ("corpus" if source in corpus else "examples")
            if args.measure_only:
                pdf = args.measure_only / theme / folder.name / f"{source.stem}.pdf"
                took, articles = 0.0, list(load_source(source)[0].edition.articles)
            else:
                took, pdf, articles = build_pdf(source, on, folder, keep_html=not args.no_timing)
            if not (args.no_timing or args.measure_only):
                took_off, _, _ = build_pdf(source, off, work / "off" / theme)
                seconds["none"] += took_off
                seconds["clreq"] += took
                page = pdf.with_suffix(".print") / "print.html"
                seconds["extensions on"] += layout_cpu(page, True)
                seconds["extensions off"] += layout_cpu(page, False)
                loads.append(os.getloadavg()[0])
            m = measure(pdf, articles)
            total = totals["corpus" if source in corpus else "examples"]
            for key, value in m.figures().items():
                if key != "flush_share":
                    setattr(total, key, getattr(total, key) + value)
            total.flush_lines += m.flush_lines
            for kind, texts in m.examples.items():
                for text in texts:
                    total.note(kind, f"{pdf.stem}: {text}")
            rows.append({"theme": theme, "source": source.name, "seconds": round(took, 2), **m.figures()})
            print(json.dumps(rows[-1], ensure_ascii=False), flush=True)
    report = {"rows": rows, "totals": {k: {**v.figures(), "examples": v.examples} for k, v in totals.items()}}
    if not (args.no_timing or args.measure_only):
        report["cpu_seconds"] = {k: round(v, 2) for k, v in seconds.items()}
        report["on_off_ratio"] = round(seconds["clreq"] / seconds["none"], 3) if seconds["none"] else None
        off = seconds["extensions off"]
        report["extensions_ratio"] = round(seconds["extensions on"] / off, 3) if off else None
        report["load"] = [round(min(loads), 1), round(max(loads), 1)] if loads else None
    for name, total in totals.items():
        per100 = 100 * total.paragraph_short_end / max(1, total.paragraphs)
        print(f"{name}: {json.dumps(total.figures())}  short endings per 100 paragraphs: {per100:.2f}")
    if "on_off_ratio" in report:
        print(f"CPU seconds: {report['cpu_seconds']} (load {report['load']})")
        print(f"build, punctuation clreq/none: {report['on_off_ratio']}; layout of the same print.html, "
              f"extensions on/off: {report['extensions_ratio']}")
    args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
