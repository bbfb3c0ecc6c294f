"""One archive output, made where the job runs (a local process or a Dask worker): read,
compare the digest of everything the output depends on with the last run's, build if it
differs or the output is missing. Bad input is an outcome, not an exception, so the
scheduler does not retry it."""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from importlib.metadata import version
from jinja2 import TemplateError

from .. import __version__
from ..api import DEFAULT_THEME, build, volume_theme
from ..commands.common import captured_warnings
from ..compile import compile_volume
from ..errors import InputError, RenderError
from ..readers import LoadedEdition, load
from ..resources import data_dir
from ..themes import Theme, load_theme
from .plan import Job


@dataclass
class Outcome:
    """What became of one job; `path` and `digest` are set when the output exists."""

    id: str
    kind: str
    label: str
    format: str
    status: str  # built, unchanged or failed
    sources: list[str]
    path: str | None = None
    digest: str | None = None
    seconds: float = 0.0
    finished: float = 0.0  # when (time.time()), to tell a run's parallel part from its serial part
    bytes: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, job: Job, status: str, **fields: object) -> Outcome:
        return cls(job.id, job.kind, job.label, job.format, status, list(job.sources), finished=time.time(),
                   **fields)  # type: ignore[arg-type]

    def as_json(self) -> dict[str, object]:
        return asdict(self)


def _load(job: Job) -> tuple[LoadedEdition, Theme]:
    base = Path(job.base)
    if job.volume is None:
        return load(base / job.sources[0]), load_theme(job.theme or DEFAULT_THEME)
    compiled = compile_volume(base / job.label, config=job.volume)
    return compiled.loaded, volume_theme(compiled.config, None)


def _hash_tree(h: hashlib._Hash, path: Path) -> None:
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    for file in files:
        h.update(f"{file.name}\0{file.stat().st_size}\0".encode() + file.read_bytes())


def input_digest(job: Job, loaded: LoadedEdition, theme: Theme) -> str:
    """Everything the output depends on: the sources and the images they use, the theme's
    files and settings, the templates, the options, and the versions of this package and
    WeasyPrint (laid-out PDF chunks are also in the chunk cache, keyed by fonts and all)."""
    o = job.options
    settings = {"package": __version__, "weasyprint": version("weasyprint"), "format": job.format,
                "volume": job.volume.model_dump(mode="json") if job.volume else None,
                "theme": theme.config.model_dump(mode="json"), "profile": o.profile, "embed_fonts": o.embed_fonts,
                "page_size": o.page_size, "pdf_variant": o.pdf_variant}
    h = hashlib.sha256(json.dumps(settings, sort_keys=True, ensure_ascii=False).encode())
    for source in job.sources:
        _hash_tree(h, Path(job.base) / source)
    for asset in loaded.assets:
        _hash_tree(h, asset.source)
    for t in theme.lineage():
        _hash_tree(h, t.path)
    _hash_tree(h, data_dir("templates"))
    return h.hexdigest()


def expected_output(job: Job, stem: str) -> Path:
    """Where the renderer writes: OUTDIR/<stem>.epub|.pdf, or the folder OUTDIR/<stem>/ for HTML."""
    return job.options.outdir / (stem if job.format == "html" else f"{stem}.{job.format}")


def _size(path: Path) -> int:
    return path.stat().st_size if path.is_file() else sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def run_job(job: Job, previous_digest: str | None) -> Outcome:
    """Make one output unless the last run made it from the same inputs and it is still there."""
    start = time.perf_counter()
    try:
        with captured_warnings() as logged:
            loaded, theme = _load(job)
            digest = input_digest(job, loaded, theme)
            target = expected_output(job, loaded.stem)
            if digest == previous_digest and target.exists():
                return Outcome.of(job, "unchanged", path=str(target), digest=digest,
                                  seconds=time.perf_counter() - start, bytes=_size(target))
            [path] = build(loaded, job.format, theme, job.options)
    except InputError as exc:
        return Outcome.of(job, "failed", errors=[str(p) for p in exc.problems], seconds=time.perf_counter() - start)
    except (RenderError, TemplateError) as exc:  # a theme template's error is the theme's, as in `build`
        return Outcome.of(job, "failed", errors=[str(exc)], seconds=time.perf_counter() - start)
    return Outcome.of(job, "built", path=str(path), digest=digest, seconds=time.perf_counter() - start,
                      bytes=_size(path), warnings=[*loaded.warnings, *logged])
