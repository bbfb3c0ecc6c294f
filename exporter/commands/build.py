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
from pathlib import Path
from typing import Any

from ..errors import InputError, user_error_lines
from ..writers import FORMATS
from .common import as_flag, captured_warnings, err_console, status, warn


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("build", help="render editions or compilations to HTML, EPUB and/or PDF")
    p.add_argument("sources", nargs="+", metavar="SOURCE",
                   help="edition JSON file, edition folder, or compilation .toml file")
    p.add_argument("--to", default="html", help=f"comma-separated formats: {', '.join(FORMATS)} (default: html)")
    p.add_argument("--theme", help="theme name or folder (default: the compilation's theme, else broadsheet)")
    p.add_argument("-o", "--output", default="out", type=Path, help="output folder (default: out)")
    p.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1,
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
    p.set_defaults(func=run)


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

    with captured_warnings() as logged:
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


def _options(args: argparse.Namespace, side_by_side: bool) -> Any:
    from ..api import BuildOptions
    from ..writers.pdf.options import default_cache_dir

    return BuildOptions(
        outdir=args.output, embed_fonts=args.embed_fonts, check=args.check, profile=args.profile,
        page_size=args.page_size, pdf_variant=args.pdf_variant, emit_print_html=args.emit_print_html,
        jobs=1 if side_by_side else args.jobs,
        cache_dir=None if args.no_cache else args.cache_dir or default_cache_dir(),
        show_progress=not side_by_side and len(args.sources) == 1,
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
    from concurrent.futures import ProcessPoolExecutor, as_completed

    with ProcessPoolExecutor(max_workers=min(args.jobs, len(batch.jobs), os.cpu_count() or 1)) as pool:
        futures = {pool.submit(_build_one, s, f, args.theme, options, policy): s for s, f in batch.jobs}
        for future in as_completed(futures):
            exc = future.exception()
            batch.done(futures[future], exc if exc is not None else future.result())
            progress.advance(task)


def run(args: argparse.Namespace) -> int:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from ..api import parse_targets

    targets = parse_targets(args.to)
    if args.jobs < 1:
        raise InputError.single("--jobs", "must be at least 1")
    # Several outputs: side by side, each PDF on one core. One source with a PDF: its formats
    # in turn (read once), and the PDF laid out in chunks on every core.
    side_by_side = args.jobs > 1 and len(args.sources) * len(targets) > 1 and \
        not (len(args.sources) == 1 and "pdf" in targets)
    options, policy = _options(args, side_by_side), policy_of(args)
    # In turn a source is read once for all its formats; side by side each format is a job.
    batch = Batch([(str(s), [t]) for s in args.sources for t in targets] if side_by_side else
                  [(str(s), targets) for s in args.sources], single=len(args.sources) == 1)
    with Progress(TextColumn("{task.description}", markup=False), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=err_console(), transient=True, disable=len(batch.jobs) < 2) as progress:
        task = progress.add_task("building", total=len(batch.jobs))
        (_run_side_by_side if side_by_side else _run_in_turn)(batch, progress, task, args, options, policy)
    return batch.summary(len(args.sources))
