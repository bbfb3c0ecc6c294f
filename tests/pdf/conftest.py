"""PDF builds are slow (seconds each), so each one is made once per session and shared."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from exporter.api import BuildOptions, build
from exporter.readers import LoadedEdition, load

from ..samples import write_edition


@pytest.fixture(scope="session")
def small_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_edition(tmp_path_factory.mktemp("small"))


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
            out = tmp_path_factory.mktemp("pdf")
            [pdf] = build(loaded, "pdf", theme, BuildOptions(outdir=out, emit_print_html=True, **options))  # type: ignore[arg-type]
            cache[key] = (loaded, pdf)
        return cache[key]

    return get
