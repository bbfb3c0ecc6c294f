"""From an archive file to jobs: find the editions by the dates in their paths, and make
one job per output (an edition, an ISO week or a month, in one format)."""

from __future__ import annotations

import datetime as dt
import glob
from collections.abc import Iterable
from dataclasses import dataclass, replace
from itertools import groupby
from pathlib import Path

import regex

from ..api import BuildOptions
from ..compile.config import CompilationConfig
from ..errors import Problem
from .config import PLACEHOLDER, ArchiveConfig, Volumes

_GLOB = {"year": "[0-9]" * 4, "month": "[0-9]" * 2, "day": "[0-9]" * 2, "date": "-".join(["[0-9]" * 4, "[0-9]" * 2, "[0-9]" * 2])}
_SPLIT = regex.compile(r"(\{(?:year|month|day|date)\})")
_RX = {"year": r"\d{4}", "month": r"\d{2}", "day": r"\d{2}", "date": r"\d{4}-\d{2}-\d{2}"}


@dataclass(frozen=True)
class Found:
    """An edition file or folder and the date its path gives."""

    date: dt.date
    path: Path
    rel: str  # relative to the archive file's folder, with /


@dataclass(frozen=True)
class Job:
    """One output to make, self-contained and picklable: it runs in a local process or on
    a Dask worker, and names only absolute paths."""

    id: str  # "daily:2026/11/16.json:epub", "weekly:2026-W47:pdf", "monthly:2026-11:epub"
    kind: str  # daily, weekly, monthly
    label: str
    format: str
    sources: tuple[str, ...]  # as found, relative to the archive's folder
    base: str  # the archive file's folder
    options: BuildOptions  # outdir is this output's folder
    theme: str | None = None
    volume: CompilationConfig | None = None  # weekly and monthly: the compilation to make


def _glob_regex(piece: str) -> str:
    """A glob pattern (*, **, ?, [...]) as a regular expression over a relative path."""
    out, i = [], 0
    while i < len(piece):
        if piece.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        c = piece[i]
        end = piece.find("]", i + 1) if c == "[" else -1
        if end > i:
            body = piece[i + 1:end]
            out.append("[" + ("^" + body[1:] if body.startswith("!") else body) + "]")
            i = end + 1
            continue
        out.append("[^/]*" if c == "*" else "[^/]" if c == "?" else regex.escape(c))
        i += 1
    return "".join(out)


def _pattern(pattern: str) -> tuple[str, regex.Pattern[str]]:
    """An `editions` pattern as a glob and a regular expression that reads the date."""
    globs, rxs, seen = [], [], set()
    for piece in _SPLIT.split(pattern.rstrip("/")):
        name = PLACEHOLDER.fullmatch(piece)
        if name is None:
            globs.append(piece)
            rxs.append(_glob_regex(piece))
            continue
        globs.append(_GLOB[name[1]])
        rxs.append(f"(?P={name[1]})" if name[1] in seen else f"(?P<{name[1]}>{_RX[name[1]]})")
        seen.add(name[1])
    return "".join(globs), regex.compile("".join(rxs))


def find_editions(config: ArchiveConfig, base: Path, file: str) -> tuple[list[Found], list[Problem]]:
    """Every edition JSON file or edition folder the patterns match, with its date, once
    each, in date order; a pattern that matches nothing or a path without a real date is a problem."""
    found: dict[Path, Found] = {}
    problems = []
    for i, pattern in enumerate(config.editions):
        as_glob, reads = _pattern(pattern)
        matches = [p for p in sorted(base.glob(as_glob)) if p.is_dir() and (p / "edition.toml").is_file()
                   or p.is_file() and p.suffix.lower() == ".json"]
        if not matches:
            problems.append(Problem(file, f"editions[{i}]", f"'{pattern}' matches no edition JSON file or edition folder"))
        for path in matches:
            rel = path.relative_to(base).as_posix()
            m = reads.fullmatch(rel)
            if m is None or path.resolve() in found:
                continue
            parts = m.groupdict()
            try:
                date = dt.date.fromisoformat(parts["date"]) if parts.get("date") else \
                    dt.date(int(parts["year"]), int(parts["month"]), int(parts["day"]))
            except ValueError:
                problems.append(Problem(str(path), "", f"the path gives no real date ('{pattern}')"))
                continue
            if (config.dates.start is None or date >= config.dates.start) and \
                    (config.dates.end is None or date <= config.dates.end):
                found[path.resolve()] = Found(date, path.resolve(), rel)
    return sorted(found.values(), key=lambda f: (f.date, f.rel)), problems


def _volume(config: ArchiveConfig, product: Volumes, found: list[Found], **fields: object) -> CompilationConfig:
    values = {"title": config.title, "first": found[0].date.isoformat(), "last": found[-1].date.isoformat(), **fields}
    default = "{title} · " + ("{year}-W{week:02d}" if "week" in fields else "{year}-{month:02d}")
    return CompilationConfig.model_validate({
        "title": (product.title or default).format(**values),
        "subtitle": product.subtitle.format(**values) if product.subtitle else None,
        "editions": [glob.escape(f.rel) for f in found],
        "by": product.by, "description": product.description, "cover": product.cover,
        "theme": product.theme or config.theme, "page": product.page,
    })


def plan(config: ArchiveConfig, archive: Path, found: list[Found], output: Path, options: BuildOptions) -> list[Job]:
    """The jobs, heaviest first (weekly, then monthly volumes, then editions), so the last
    to finish is a short one. `archive` and `output` are absolute."""
    base = archive.parent
    jobs: list[Job] = []

    def volumes(kind: str, product: Volumes | None, key: object, label: object, fields: object) -> None:
        if product is None:
            return
        for k, group in groupby(found, key=key):  # type: ignore[call-overload]
            group = list(group)
            name = label(k)  # type: ignore[operator]
            volume = _volume(config, product, group, **fields(k, group))  # type: ignore[operator]
            outdir = output / kind / str(k[0])
            jobs.extend(Job(f"{kind}:{name}:{fmt}", kind, name, fmt, tuple(f.rel for f in group), str(base),
                            replace(options, outdir=outdir), volume=volume) for fmt in product.formats)

    volumes("weekly", config.weekly, lambda f: f.date.isocalendar()[:2], lambda k: f"{k[0]}-W{k[1]:02d}",
            lambda k, g: {"year": k[0], "week": k[1], "month": g[0].date.month})
    volumes("monthly", config.monthly, lambda f: (f.date.year, f.date.month), lambda k: f"{k[0]}-{k[1]:02d}",
            lambda k, g: {"year": k[0], "month": k[1]})
    jobs.sort(key=lambda j: j.format != "pdf")  # a PDF volume takes longest; stable otherwise
    if config.daily is not None:
        for f in found:
            outdir = output / "daily" / Path(f.rel).parent
            jobs.extend(Job(f"daily:{f.rel}:{fmt}", "daily", f.rel, fmt, (f.rel,), str(base),
                            replace(options, outdir=outdir), theme=config.daily.theme or config.theme)
                        for fmt in config.daily.formats)
    return jobs


def editions_of(jobs: Iterable[Job]) -> int:
    """How many distinct editions the jobs read."""
    return len({s for job in jobs for s in job.sources})
