"""`exporter archive ARCHIVE.toml`: build a whole archive (per-day outputs, weekly and
monthly volumes) in local processes or on a Dask cluster; a second run builds only what is
missing or changed. Failures are reported and the rest is built; exit 2 if any failed."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import time
from collections import Counter
from contextlib import nullcontext, suppress
from pathlib import Path
from typing import TYPE_CHECKING

from .. import __version__, executors
from ..atomic import write_text
from ..errors import InputError
from .build import add_scheduler_flag
from .common import err_console, status, warn

if TYPE_CHECKING:
    from ..archive import Outcome


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("archive", help="build many editions, weekly and monthly volumes from an archive file")
    p.add_argument("archive", type=Path, metavar="ARCHIVE.toml", help="the archive file (docs/archive.md)")
    p.add_argument("-o", "--output", default="out", type=Path, help="output folder (default: out)")
    p.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1,
                   help="local processes, each building one output (default: the number of cores)")
    p.add_argument("--cache-dir", type=Path, default=None,
                   help="PDF: laid-out chunks are kept here (default: OUTPUT/.cache, beside the outputs)")
    p.add_argument("--no-cache", action="store_true", help="PDF: lay out every chunk again, and keep none")
    p.add_argument("--report", type=Path, help="write a JSON report of every output and every failure here")
    add_scheduler_flag(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    # Loaded here, not at start-up: `exporter --version` must not pay for them.
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    from ..api import BuildOptions
    from ..archive import find_editions, plan, read_archive, run_archive

    if args.jobs < 1:
        raise InputError.single("--jobs", "must be at least 1")
    started, clock = dt.datetime.now(dt.UTC), time.perf_counter()
    archive, output = args.archive.resolve(), args.output.resolve()
    config = read_archive(archive)
    found, problems = find_editions(config, archive.parent, str(args.archive))
    if problems and not found:
        raise InputError(problems)
    cache = None if args.no_cache else (args.cache_dir or output / ".cache").resolve()
    with executors.on_scheduler(args.scheduler) if args.scheduler else nullcontext(0) as threads:
        # Locally each output is built on one core (a PDF in one pass: one job never
        # chunks); on a cluster a PDF's chunks are tasks too, when the chunk rule chooses them.
        options = BuildOptions(profile=config.profile, embed_fonts=config.embed_fonts, cache_dir=cache,
                               jobs=max(2, threads) if args.scheduler else 1,
                               stage_dir=output / ".stage" if args.scheduler else None)
        jobs = plan(config, archive, found, output, options)
        counts: Counter[str] = Counter()
        with Progress(TextColumn("{task.description}", markup=False), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      TimeRemainingColumn(), console=err_console(), transient=True) as progress:
            task = progress.add_task("archive", total=len(jobs))

            def done(outcome: Outcome) -> None:
                counts[outcome.status] += 1
                progress.update(task, advance=1, description=", ".join(f"{n} {s}" for s, n in sorted(counts.items())))

            outcomes = run_archive(jobs, output, args.jobs, done)
        with suppress(OSError):
            (output / ".stage").rmdir()
    seconds = time.perf_counter() - clock
    failures = [o for o in outcomes if o.status == "failed"]
    for outcome in outcomes:
        warn([f"{outcome.id}: {w}" for w in outcome.warnings])
    for problem in problems:
        err_console().print(status("error:", "red", problem))
    for outcome in failures:
        for line in outcome.errors:
            err_console().print(status("error:", "red", line))
        err_console().print(status("failed:", "red", outcome.id))
    _summary(outcomes, len(found), seconds)
    if args.report:
        report = {
            "archive": str(archive), "output": str(output), "scheduler": args.scheduler, "jobs": args.jobs,
            "package": __version__, "started": started.isoformat(timespec="seconds"), "seconds": round(seconds, 3),
            "editions": len(found), "counts": dict(counts),
            "outputs": [o.as_json() for o in outcomes],
            "failures": [{"id": str(p.file), "kind": "source", "errors": [str(p)]} for p in problems]
            + [{"id": o.id, "kind": o.kind, "sources": o.sources, "errors": o.errors} for o in failures],
        }
        write_text(args.report, json.dumps(report, ensure_ascii=False, indent=1) + "\n")
    return 2 if failures or problems else 0


def _summary(outcomes: list[Outcome], editions: int, seconds: float) -> None:
    from rich.console import Console
    from rich.table import Table

    """A table per kind and format on stdout: made, unchanged, failed, task time."""
    table = Table(title=f"archive: {editions} editions in {seconds:.1f} s "
                        f"({editions / seconds * 60 if seconds else 0:.1f} editions per minute)")
    for column in ("output", "format", "built", "unchanged", "failed", "task seconds"):
        table.add_column(column, justify="left" if column in ("output", "format") else "right")
    rows: dict[tuple[str, str], Counter[str]] = {}
    for o in outcomes:
        row = rows.setdefault((o.kind, o.format), Counter())
        row[o.status] += 1
        row["seconds"] += o.seconds  # type: ignore[assignment]
    for (kind, fmt), row in rows.items():
        table.add_row(kind, fmt, str(row["built"]), str(row["unchanged"]), str(row["failed"]), f"{row['seconds']:.1f}")
    Console(soft_wrap=True).print(table)

