"""`exporter build SOURCE... --to html,epub,pdf`: render editions and compilations with a theme.

Several SOURCES (or formats) build side by side in `--jobs N` processes; a single source
with a PDF builds its formats in turn and lays the PDF out in N parallel chunks (through the
chunk cache unless --no-cache). A broken source is reported and skipped, and the exit
status is 2 at the end if any failed.
"""

from __future__ import annotations

import argparse
import os
from dataclasses import dataclass, field
from contextlib import suppress
from pathlib import Path
from typing import Any

from .. import executors
from ..errors import InputError, Problem, user_error_lines
from ..leftovers import sweep
from ..limits import cores
from ..writers import FORMATS
from .common import as_flag, captured_warnings, err_console, status, warn


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("build", help="render editions or compilations to HTML, EPUB and/or PDF")
    p.add_argument("sources", nargs="+", metavar="SOURCE",
                   help="edition JSON file, edition folder, or compilation .toml file")
    p.add_argument("--to", default="html", help=f"comma-separated formats: {', '.join(FORMATS)} (default: html)")
    p.add_argument("--theme", help="theme name or folder (default: the compilation's theme, else broadsheet)")
    p.add_argument("-o", "--output", default="out", type=Path, help="output folder (default: out)")
    p.add_argument("-j", "--jobs", type=int, default=cores(),
                   help="processes to use: several outputs are built side by side, one PDF is laid out "
                        "in parallel chunks (default: the number of cores)")
    add_input_flags(p)
    p.add_argument("--embed-fonts", action="store_true", help="EPUB: embed the theme's fonts, subset to the text")
    p.add_argument("--check", action="store_true", help="EPUB: run EPUBCheck on the result")
    p.add_argument("--profile", choices=("print", "screen"), default="screen",
                   help="PDF: print adds bleed and crop marks (default: screen)")
    p.add_argument("--page-size", help="PDF: A4, A3, B5, Letter, Tabloid or WxH such as 210mmx297mm")
    p.add_argument("--pdf-variant", help="PDF: e.g. pdf/a-3b or pdf/ua-1")
    p.add_argument("--emit-print-html", action="store_true", help="PDF: also write the HTML given to WeasyPrint")
    p.add_argument("--cache-dir", type=Path, default=None,
                   help="PDF: reuse laid-out chunks from here (default: $XDG_CACHE_HOME/newsprint-exporter)")
    p.add_argument("--no-cache", action="store_true", help="PDF: lay out every chunk again, and keep none")
    add_scheduler_flag(p)
    p.set_defaults(func=run)


def add_scheduler_flag(p: argparse.ArgumentParser) -> None:
    """--scheduler, shared with `archive`."""
    p.add_argument("--scheduler", metavar="tcp://HOST:PORT", default=os.environ.get("EXPORTER_SCHEDULER") or None,
                   help="build on this Dask cluster: every output and every PDF chunk is a task; inputs, "
                        "output and cache folder must be on a path every worker sees (default: "
                        "$EXPORTER_SCHEDULER; needs the dask extra)")


def add_input_flags(p: argparse.ArgumentParser) -> None:
    """Flags that loosen how images are read; shared with `validate`."""
    p.add_argument("--allow-remote", action="store_true", help="download http(s) images named by articles")
    p.add_argument("--missing-images", choices=("error", "placeholder"), default="error",
                   help="a missing or unreadable image is an error (default) or a visible placeholder")


def policy_of(args: argparse.Namespace) -> Any:
    from ..assets import AssetPolicy

    return AssetPolicy(allow_remote=args.allow_remote, missing_images=args.missing_images)


@dataclass(frozen=True)
class Built:
    """What one build job hands back: its outputs, what reading the source noted and
    warned (the same for every format of a source), and what rendering warned."""

    paths: list[Path]
    notes: list[str]
    read_warnings: list[str]
    render_warnings: list[str]


def _build_one(source: str, targets: list[str], theme: str | None, options: Any, policy: Any) -> Built:
    """One source to some formats (read once); runs in a worker process with --jobs."""
    from ..api import build, load_source
    from ..remote import downloads_removed

    with captured_warnings() as logged, downloads_removed():
        loaded, chosen = load_source(source, policy, theme)
        paths = build(loaded, targets, chosen, options)
    return Built(paths, loaded.notes, loaded.warnings, logged)


@dataclass
class Batch:
    """The jobs of one `exporter build` and what they reported."""

    jobs: list[tuple[str, list[str]]]
    single: bool
    failed: dict[str, list[str]] = field(default_factory=dict)
    warned: set[str] = field(default_factory=set)

    def done(self, source: str, result: Built | BaseException) -> None:
        """Print what a job wrote and warned; keep a user error of one source of several
        for the summary; raise anything else."""
        if isinstance(result, BaseException):
            lines = user_error_lines(result, as_flag)
            if self.single or lines is None:
                raise result
            self.failed.setdefault(source, lines)
            return
        if source not in self.warned:
            warn(result.notes, "note")
            warn(result.read_warnings)
            self.warned.add(source)
        warn(result.render_warnings)
        for path in result.paths:
            err_console().print(status("wrote", "green", path))

    def summary(self, sources: int) -> int:
        for source, lines in self.failed.items():
            for line in lines:
                err_console().print(status("error:", "red", line))
            err_console().print(status("failed:", "red", source))
        if self.failed:
            err_console().print(f"{len(self.failed)} of {sources} sources failed")
        return 2 if self.failed else 0


def distinct_outputs(sources: list[str], outdir: Path) -> list[str]:
    """The sources of one run, each once; two different sources whose outputs would have
    the same name (a/paper.json and b/paper.json both make OUT/paper.*) are refused
    before anything is built, naming both: one run never overwrites its own outputs."""
    from ..readers.loaded import output_stem

    chosen: dict[Path, str] = {}
    owner: dict[str, str] = {}
    problems = []
    for source in sources:
        real = Path(source).resolve()
        if real in chosen:
            continue
        chosen[real] = source
        stem = output_stem(Path(source))
        for name in (stem, f"{stem}.epub", f"{stem}.pdf", f"{stem}.print"):
            if name in owner:
                problems.append(Problem(str(source), "", f"its outputs would have the same name as those of "
                                        f"{owner[name]} ({outdir / name}); rename one, or build them "
                                        "into different -o folders"))
                break
            owner[name] = source
    if problems:
        raise InputError(problems)
    return list(chosen.values())


def _options(args: argparse.Namespace, side_by_side: bool, on_cluster: bool) -> Any:
    from ..api import BuildOptions
    from ..writers.pdf.options import default_cache_dir

    return BuildOptions(
        outdir=args.output, embed_fonts=args.embed_fonts, check=args.check, profile=args.profile,
        page_size=args.page_size, pdf_variant=args.pdf_variant, emit_print_html=args.emit_print_html,
        jobs=args.jobs if on_cluster else 1 if side_by_side else args.jobs,
        cache_dir=None if args.no_cache else args.cache_dir or default_cache_dir(),
        show_progress=not side_by_side and len(args.sources) == 1,
        stage_dir=args.output / ".stage" if on_cluster else None,
    )


def _run_in_turn(batch: Batch, progress: Any, task: Any, args: argparse.Namespace, options: Any, policy: Any) -> None:
    for source, formats in batch.jobs:
        progress.update(task, description=f"{Path(source).name} → {','.join(formats)}")
        try:
            result: Built | BaseException = _build_one(source, formats, args.theme, options, policy)
        except Exception as exc:  # noqa: BLE001 - Batch.done decides: skip a user error, raise others
            result = exc
        batch.done(source, result)
        progress.advance(task)


def _run_side_by_side(batch: Batch, progress: Any, task: Any, args: argparse.Namespace, options: Any,
                      policy: Any) -> None:
    from concurrent.futures import as_completed

    from ..workers import worker_pool

    with executors.pool(min(args.jobs, len(batch.jobs)), worker_pool) as pool:
        futures = {pool.submit(_build_one, s, f, args.theme, options, policy): s for s, f in batch.jobs}
        for future in as_completed(futures):
            exc = future.exception()
            batch.done(futures[future], exc if exc is not None else future.result())
            progress.advance(task)


def run(args: argparse.Namespace) -> int:
    from ..api import parse_targets

    targets = parse_targets(args.to)
    sweep(args.output)
    if args.jobs < 1:
        raise InputError.single("--jobs", "must be at least 1")
    if args.jobs > cores():
        warn([f"--jobs {args.jobs}: this machine lets the build use {cores()} cores; using {cores()} processes"])
        args.jobs = cores()
    args.sources = distinct_outputs([str(s) for s in args.sources], args.output)
    if not args.scheduler:
        return _run(args, targets)
    # On a cluster every output is a task, its PDF chunks are tasks too, and every path is
    # absolute: the workers' folders are not this one.
    args.sources = [Path(s).resolve() for s in args.sources]
    args.output = args.output.resolve()
    args.cache_dir = args.cache_dir and args.cache_dir.resolve()
    with executors.on_scheduler(args.scheduler) as threads:
        args.jobs = max(2, threads)
        try:
            return _run(args, targets, on_cluster=True)
        finally:
            with suppress(OSError):  # the PDFs' staging folders are gone; remove theirs if empty
                (args.output / ".stage").rmdir()


def _run(args: argparse.Namespace, targets: list[str], on_cluster: bool = False) -> int:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    # Several outputs: side by side, each PDF on one core. One source with a PDF: its formats
    # in turn (read once), and the PDF laid out in chunks on every core.
    side_by_side = on_cluster or args.jobs > 1 and len(args.sources) * len(targets) > 1 and \
        not (len(args.sources) == 1 and "pdf" in targets)
    options, policy = _options(args, side_by_side, on_cluster), policy_of(args)
    # In turn a source is read once for all its formats; side by side each format is a job.
    batch = Batch([(str(s), [t]) for s in args.sources for t in targets] if side_by_side else
                  [(str(s), targets) for s in args.sources], single=len(args.sources) == 1)
    with Progress(TextColumn("{task.description}", markup=False), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=err_console(), transient=True, disable=len(batch.jobs) < 2) as progress:
        task = progress.add_task("building", total=len(batch.jobs))
        (_run_side_by_side if side_by_side else _run_in_turn)(batch, progress, task, args, options, policy)
    return batch.summary(len(args.sources))
