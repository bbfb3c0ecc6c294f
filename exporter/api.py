"""The Python API: load a source, pick a theme, run the writers of the requested formats."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import dataclasses

from .assets import AssetPolicy
from .atomic import check_output_dir
from .errors import InputError
from .limits import Limits, check_articles
from .readers import LoadedEdition, load
from .writers import FORMATS
from .writers.css_limits import check_theme_css
from .writers.pdf.limits import check_print_limits
from .themes import PageSettings, Theme, load_theme

from .resources import DEFAULT_THEME

if TYPE_CHECKING:
    from .compile.config import CompilationConfig


def _build_options_type() -> type:
    """BuildOptions: every field of every writer's options type (the CLI flags map onto
    them 1:1), so a new format's options need no edit here."""
    fields: dict[str, tuple[str, Any, Any]] = {}
    for fmt in FORMATS.values():
        for f in dataclasses.fields(fmt.options_type()):
            fields.setdefault(f.name, (f.name, f.type, dataclasses.field(default=f.default)))
    cls = dataclasses.make_dataclass(
        "BuildOptions", list(fields.values()), frozen=True,
        namespace={"__doc__": "Options for every writer of a build; each writer gets its own options type "
                              "from them (`for_format`).", "for_format": _for_format})
    cls.__module__ = __name__  # so that worker processes can unpickle it
    return cls


def _for_format(self: Any, name: str) -> Any:
    """The options of one format's writer, taken from these."""
    cls = FORMATS[name].options_type()
    return cls(**{f.name: getattr(self, f.name) for f in dataclasses.fields(cls)})


BuildOptions = _build_options_type()


def parse_targets(spec: str | Iterable[str]) -> list[str]:
    """'html,epub' -> ['html', 'epub']; unknown formats are a usage error."""
    items = spec.split(",") if isinstance(spec, str) else list(spec)
    targets = [t.strip().lower() for t in items if t.strip()]
    unknown = [t for t in targets if t not in FORMATS]
    if unknown or not targets:
        known = ", ".join(FORMATS)
        raise InputError.option("to", f"unknown output format '{','.join(unknown) or spec}' (available: {known})")
    return list(dict.fromkeys(targets))


def is_compilation(source: str | Path) -> bool:
    """A .toml file other than an edition folder's edition.toml describes a compilation."""
    path = Path(source)
    return path.is_file() and path.suffix.lower() == ".toml" and path.name != "edition.toml"


def load_source(
    source: str | Path, policy: AssetPolicy = AssetPolicy(), theme: str | Path | Theme | None = None,
) -> tuple[LoadedEdition, Theme]:
    """Read an edition or compile a volume, and settle the theme: an explicit one wins,
    then the compilation's `theme` (with its `[page]` settings), then the default."""
    if is_compilation(source):
        from .compile import compile_volume

        compiled = compile_volume(source, policy)
        return compiled.loaded, volume_theme(compiled.config, theme)
    chosen = theme if isinstance(theme, Theme) else load_theme(theme or DEFAULT_THEME)
    return load(source, policy), chosen


def check_limits(loaded: LoadedEdition, theme: Theme, targets: list[str]) -> None:
    """Refuse, before any rendering, what would exhaust time or memory (exporter/limits.py)."""
    limits = Limits.current()
    check_articles(len(loaded.edition.articles), loaded.source)
    for target in targets:
        check_theme_css(theme, target, limits)  # type: ignore[arg-type]


def volume_theme(config: CompilationConfig, theme: str | Path | Theme | None) -> Theme:
    """A compilation's theme: an explicit one wins, then its `theme`, then the default;
    its `[page]` settings override the theme's."""
    chosen = theme if isinstance(theme, Theme) else load_theme(theme or config.theme or DEFAULT_THEME)
    page = {**chosen.config.page.model_dump(exclude_none=True), **config.page.model_dump(exclude_none=True)}
    return dataclasses.replace(chosen, config=chosen.config.model_copy(update={"page": PageSettings(**page)}))


def build(
    source: str | Path | LoadedEdition,
    to: str | Iterable[str] = "html",
    theme: str | Path | Theme | None = None,
    options: BuildOptions | None = None,
    on_output: Callable[[str, Path], None] | None = None,
    policy: AssetPolicy = AssetPolicy(),
) -> list[Path]:
    """Build one edition (or compilation) into each requested format; return the written paths."""
    targets = parse_targets(to)
    if isinstance(source, LoadedEdition):
        loaded, theme_obj = source, theme if isinstance(theme, Theme) else load_theme(theme or DEFAULT_THEME)
    else:
        loaded, theme_obj = load_source(source, policy, theme)
    opts = options or BuildOptions()
    check_output_dir(opts.outdir)
    written = []
    check_limits(loaded, theme_obj, targets)
    if "pdf" in targets:
        check_print_limits(loaded)
    for target in targets:
        path = FORMATS[target].render_function()(loaded, theme_obj, opts.for_format(target))
        written.append(path)
        if on_output:
            on_output(target, path)
    return written
