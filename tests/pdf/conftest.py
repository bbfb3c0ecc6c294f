"""PDF builds are slow (seconds each), so each one is made once per test run and shared by
the xdist workers (tests/conftest.py shared_build)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from exporter.api import BuildOptions, build
from exporter.readers import LoadedEdition, load

from ..conftest import shared_build
from ..samples import write_edition


@pytest.fixture(scope="session")
def small_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One path for every worker, so that build_pdf's builds of it are shared too."""
    return shared_build(tmp_path_factory, "small edition", write_edition)


Builder = Callable[..., tuple[LoadedEdition, Path]]


@pytest.fixture(scope="session")
def build_pdf(tmp_path_factory: pytest.TempPathFactory) -> Builder:
    """build_pdf(source, theme, **options) -> (loaded edition, pdf path), built once per key."""
    cache: dict[tuple[object, ...], tuple[LoadedEdition, Path]] = {}

    def get(source: Path, theme: str = "broadsheet", **options: object) -> tuple[LoadedEdition, Path]:
        key = (str(source), theme, *sorted(options.items()))
        if key not in cache:
            if not Path(source).exists():
                pytest.skip(f"example {source} does not exist yet")
            loaded = load(source)

            def make(out: Path) -> Path:
                [pdf] = build(loaded, "pdf", theme, BuildOptions(outdir=out, emit_print_html=True, **options))  # type: ignore[arg-type]
                return pdf

            cache[key] = (loaded, shared_build(tmp_path_factory, f"pdf {key}", make))
        return cache[key]

    return get
