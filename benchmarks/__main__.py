"""`python -m benchmarks [--quick]`: generate the corpus, time every format at every size,
the plain-WeasyPrint baseline in the same run, print a table and write JSON.

Each measurement runs in a fresh process (medians of --runs), so peak RSS is per process.
The kinds run round robin (run 1 of every kind, then run 2, ...), and the baseline/parallel
ratio is also given run by run, because a shared machine's speed drifts over minutes.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import weasyprint
from rich.console import Console
from rich.table import Table

from . import archive
from .corpus import characters, volume
from .texts import page_texts

ROOT = Path(__file__).resolve().parent.parent
KINDS = ("html", "epub", "baseline", "single", "pdf", "rebuild")
# Named sizes: (weeks, editions instead of weeks, articles per edition); a bare number is weeks
# of full editions (1 week: 7 editions of 16 articles, about 175 A4 pages).
SIZES = {"8p": (0, 1, 6), "32p": (0, 7, 3)}
CORES = (4, 16, 64)
EXTRA_KINDS = ("archive",)  # only when asked: --kinds archive (benchmarks/archive.py)


def machine() -> dict[str, object]:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else ""
    return {"cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version(),
            "weasyprint": weasyprint.__version__, "system": platform.platform(),
            "load_average_at_start": os.getloadavg()}


def run_one(kind: str, corpus: Path, jobs: int, keep: Path) -> dict[str, object]:
    done = subprocess.run([sys.executable, "-m", "benchmarks.measure", kind, str(corpus), str(jobs), str(keep)],
                          cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"{kind} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def same_text_layer(keep: Path, reference: str = "baseline") -> dict[str, bool]:
    """Whether our PDFs have the reference's pages with the reference's text on each."""
    if not (keep / f"{reference}.pdf").exists():
        return {}
    expected = page_texts(keep / f"{reference}.pdf")
    return {kind: page_texts(keep / f"{kind}.pdf") == expected
            for kind in ("single", "pdf") if kind != reference and (keep / f"{kind}.pdf").exists()}


def summarise(samples: list[dict[str, object]]) -> dict[str, object]:
    keys = [k for k, v in samples[0].items() if isinstance(v, int | float)]
    summary: dict[str, object] = {k: statistics.median(float(s[k]) for s in samples) for k in keys}  # type: ignore[arg-type]
    summary["runs"] = [s["seconds"] for s in samples]
    summary["rss_mb"] = max(float(s["rss_mb"]) for s in samples)  # type: ignore[arg-type]
    if "same_as_cold" in samples[0]:  # a rebuild: every run must give the cold build's pages
        summary["same_as_cold"] = all(s["same_as_cold"] for s in samples)
        summary["ratio_per_run"] = [float(s["cold_seconds"]) / float(s["seconds"]) for s in samples]  # type: ignore[arg-type]
        summary["resumed_chunks_per_run"] = [s["resumed_chunks"] for s in samples]
        summary["cpu_ratio_per_run"] = [float(s["cold_cpu_seconds"]) / float(s["cpu_seconds"]) for s in samples]  # type: ignore[arg-type]
    for key in ("passes", "stylesheet_parses_per_worker", "phases"):  # lists: each run's
        if key in samples[0]:
            summary[key] = [s[key] for s in samples]
    return summary


def versus_baseline(baseline: list[dict[str, object]], ours: list[dict[str, object]]) -> dict[str, object]:
    """Run by run (each pair ran one after the other): plain WeasyPrint's wall time over
    ours (above 1: we are faster) and our CPU over plain's (above 1: we spend more)."""
    pairs = list(zip(baseline, ours, strict=True))
    return {"pdf_speedup_per_run": [float(b["seconds"]) / float(o["seconds"]) for b, o in pairs],  # type: ignore[arg-type]
            "cpu_ratio_per_run": [float(o["cpu_seconds"]) / float(b["cpu_seconds"]) for b, o in pairs]}  # type: ignore[arg-type]


def amdahl(ours: list[dict[str, object]], baseline: list[dict[str, object]] | None) -> dict[str, object] | None:
    """From the chunked runs: the serial fraction (time no worker overlapped, over the wall
    time) and the projected wall time on more cores, T(n) = serial + worker seconds / n
    (Amdahl; the worker seconds were measured with two busy workers, about 17 % slower each
    than one alone, so this is pessimistic), never below serial + the longest document
    (a volume cannot be cut finer than its forced page breaks)."""
    chunked = [o for o in ours if o.get("chunked")]
    if not chunked:
        return None
    serial = statistics.median(float(o["serial_seconds"]) for o in chunked)  # type: ignore[arg-type]
    # A worker's warm-up does not shrink with more workers (each warms up once): in the
    # projection it is part of the fixed time, as the runs before session 11 counted it.
    fixed = statistics.median(float(o.get("serial_seconds_without_warm_ups", o["serial_seconds"]))  # type: ignore[arg-type]
                              for o in chunked)
    wall = statistics.median(float(o["seconds"]) for o in chunked)  # type: ignore[arg-type]
    work = statistics.median(float(o["worker_seconds"]) for o in chunked)  # type: ignore[arg-type]
    longest = statistics.median(float(o["longest_document_seconds"]) for o in chunked)  # type: ignore[arg-type]
    seconds = {n: fixed + max(work / n, longest) for n in CORES}
    result: dict[str, object] = {"serial_fraction": serial / wall, "serial_seconds": serial, "wall_seconds": wall,
                                 "serial_fraction_without_warm_ups": fixed / wall,
                                 "worker_seconds": work, "longest_document_seconds": longest, "seconds": seconds,
                                 "amdahl_speedup_over_2_cores": {n: wall / t for n, t in seconds.items()}}
    if baseline:
        base = statistics.median(float(b["seconds"]) for b in baseline)  # type: ignore[arg-type]
        result["projected_speedup_over_plain"] = {n: base / t for n, t in seconds.items()}
    return result


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    p.add_argument("--quick", action="store_true", help="one run, the 1-week size only")
    p.add_argument("--runs", type=int, default=3, help="runs per measurement (median; default 3)")
    p.add_argument("--sizes", default="1,2,4", help="volume sizes: weeks, or 8p and 32p (default 1,2,4)")
    p.add_argument("--kinds", default=",".join(KINDS), help=f"what to time (default {','.join(KINDS)})")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="PDF layout processes")
    p.add_argument("--json", type=Path, default=ROOT / "benchmarks" / "results.json", help="where to write JSON")
    p.add_argument("--editions", type=int, default=60, help="archive: editions in the generated archive (default 60)")
    p.add_argument("--articles", type=int, default=4, help="archive: articles per edition (default 4)")
    args = p.parse_args(argv)
    runs, sizes = (1, ["1"]) if args.quick else (args.runs, args.sizes.split(","))
    kinds = [k for k in args.kinds.split(",") if k]
    if "baseline" in kinds and "pdf" in kinds:  # the pdf run leaves the print HTML the baseline lays out
        kinds.remove("pdf")
        kinds.insert(kinds.index("baseline"), "pdf")
    if "archive" in kinds:
        return archive_main(args)
    console = Console(width=160)
    report: dict[str, object] = {"machine": machine(), "jobs": args.jobs, "runs": runs, "results": {}}
    results: dict[str, dict[str, object]] = report["results"]  # type: ignore[assignment]
    with tempfile.TemporaryDirectory(prefix="newsprint-bench-") as tmp:
        for size_name in sizes:
            weeks, days, articles = SIZES.get(size_name) or (int(size_name), None, 16)
            size = size_name if size_name in SIZES else f"{weeks}w"
            corpus = volume(Path(tmp) / size, weeks, days, articles).parent
            keep = Path(tmp) / f"{size}-pdfs"
            keep.mkdir()
            results[size] = {"characters": characters(corpus), "load_average_at_start": os.getloadavg()}
            # Round robin, so that every kind sees the same spells of a shared machine's speed.
            samples: dict[str, list[dict[str, object]]] = {kind: [] for kind in kinds}
            for run in range(1, runs + 1):
                for kind in kinds:
                    samples[kind].append(run_one(kind, corpus, args.jobs, keep))
                    last = samples[kind][-1]
                    console.print(f"{size} run {run}/{runs} {kind}: {last['seconds']:.2f} s"
                                  + (f", CPU {last['cpu_seconds']:.2f} s" if "cpu_seconds" in last else "")
                                  + (f" (main {last['main_cpu_seconds']:.2f} s, workers {last['worker_cpu_seconds']:.2f} s)"
                                     if last.get("chunked") else "")
                                  + (f", serial {last['serial_seconds']:.2f} s (warm-ups counted serial: "
                                     f"{last['serial_seconds_without_warm_ups']:.2f} s)" if last.get("chunked") else "")
                                  + (f", cold {last['cold_seconds']:.2f} s = {last['cold_seconds'] / last['seconds']:.2f}× "
                                     f"(CPU {last['cold_cpu_seconds'] / last['cpu_seconds']:.2f}×), "
                                     f"{last['resumed_chunks']} chunk(s) resumed, same as cold: {last['same_as_cold']}"
                                     if kind == "rebuild" else "")
                                  + (" [" + ", ".join(f"{k} {v:.2f} s" for k, v in last["phases"].items()) + "]"
                                     if "phases" in last else "")
                                  + f" (load {os.getloadavg()[0]:.1f})")
            for kind in kinds:
                results[size][kind] = summarise(samples[kind])
            if "baseline" in kinds and "pdf" in kinds:
                results[size].update(versus_baseline(samples["baseline"], samples["pdf"]))
                console.print(f"{size} plain WeasyPrint / exporter wall, run by run: "
                              f"{', '.join(f'{r:.2f}×' for r in results[size]['pdf_speedup_per_run'])}; "  # type: ignore[union-attr]
                              f"exporter / plain CPU: {', '.join(f'{r:.2f}×' for r in results[size]['cpu_ratio_per_run'])}")  # type: ignore[union-attr]
            if "pdf" in kinds and (projection := amdahl(samples["pdf"], samples.get("baseline"))):
                results[size]["amdahl"] = projection
                console.print(f"{size} serial fraction {projection['serial_fraction']:.1%} (warm-ups counted serial: "
                              f"{projection['serial_fraction_without_warm_ups']:.1%}); projected: " + ", ".join(
                    f"{n} cores {t:.1f} s" for n, t in projection["seconds"].items()))  # type: ignore[union-attr]
            checks = {"same_pages_and_text_as_our_single_pass": same_text_layer(keep, "single"),
                      "same_pages_and_text_as_baseline": same_text_layer(keep)}
            for name, same in checks.items():
                if same:
                    results[size][name] = same
                    console.print(f"{size} {name.replace('_', ' ')}: {same}")
    args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    table = Table(title=f"newsprint-exporter benchmarks ({runs} run(s), --jobs {args.jobs})")
    for column in ("size", "chars", *kinds, "pdf speed-up vs baseline", "pdf CPU vs baseline", "rebuild speed-up",
                   "peak RSS MB"):
        table.add_column(column, justify="right")
    for size, row in results.items():
        cells = [size, str(row["characters"])]
        cells += [f"{row[k]['seconds']:.2f} s" if k in row else "" for k in kinds]  # type: ignore[index]
        base, pdf, rebuild = (row.get(k) for k in ("baseline", "pdf", "rebuild"))
        cells.append(f"{base['seconds'] / pdf['seconds']:.2f}×" if base and pdf else "")  # type: ignore[index]
        cells.append(f"{pdf['cpu_seconds'] / base['cpu_seconds']:.2f}×" if base and pdf else "")  # type: ignore[index]
        cells.append(f"{rebuild['cold_seconds'] / rebuild['seconds']:.2f}× (resumed {rebuild['resumed_chunks']:.0f}, "  # type: ignore[index]
                     f"same as cold {bool(rebuild['same_as_cold'])})" if rebuild else "")  # type: ignore[index]
        cells.append(f"{max(max(float(v['rss_mb']), float(v['worker_rss_mb'])) for k, v in row.items() if k in kinds):.0f}")
        table.add_row(*cells)
    console.print(table)
    console.print(f"JSON: {args.json}")
    return 0


def archive_main(args: argparse.Namespace) -> int:
    """The archive benchmark: local and cluster builds of one generated archive, side by side."""
    console = Console(width=160)
    with tempfile.TemporaryDirectory(prefix="newsprint-bench-archive-") as tmp:
        result = archive.run(Path(tmp), args.editions, args.articles)
    report = {"machine": machine(), "archive": result}
    path = args.json.with_name("results-archive.json") if args.json.name == "results.json" else args.json
    path.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    table = Table(title=f"archive of {args.editions} editions ({args.articles} articles each): "
                        "daily EPUB, weekly PDF, monthly EPUB")
    for column in ("build", "seconds", "editions/min", "vs --jobs 1", "task seconds", "serial seconds", "CPU seconds"):
        table.add_column(column, justify="right")
    for name, row in result["results"].items():  # type: ignore[union-attr]
        table.add_row(name, f"{row['seconds']:.1f}", f"{row['editions_per_minute']:.1f}",
                      f"{row['throughput_vs_local_jobs_1']:.2f}×", f"{row['task_seconds']:.1f}", f"{row['serial_seconds']:.1f}",
                      f"{row['cpu_seconds']:.1f}")
    console.print(table)
    projection, measured = result["projection_seconds_3650_editions"], result["projection_seconds_3650_editions_measured_fraction"]
    fixed = result["projection_seconds_3650_editions_fixed_serial_part"]
    console.print(f"serial fraction (Amdahl, from 1 and 2 workers): {result['serial_fraction_amdahl']:.3f}; "
                  f"measured (1 worker, before the first and after the last task): "
                  f"{result['serial_fraction_measured_1_worker']:.3f}")
    for name, figures in (("Amdahl fit", projection), ("measured serial fraction", measured),
                          ("measured serial seconds, once per run", fixed)):
        console.print(f"projected for 3,650 editions ({name}): " + ", ".join(
            f"{k}: {v / 3600:.2f} h" for k, v in figures.items()))  # type: ignore[union-attr]
    console.print(f"JSON: {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
