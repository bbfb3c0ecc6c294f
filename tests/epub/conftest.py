"""EPUB builds of the examples are shared by every EPUB test module: built once per session
(per xdist worker) for each (source, theme)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from exporter.api import BuildOptions, build


@pytest.fixture(scope="session")
def epub_of(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Path, str], Path]:
    """epub_of(source, theme) -> the EPUB path, built once per key. Tests only read it."""
    built: dict[tuple[str, str], Path] = {}

    def get(source: Path, theme: str) -> Path:
        key = (str(source), theme)
        if key not in built:
            (built[key],) = build(source, "epub", theme, BuildOptions(outdir=tmp_path_factory.mktemp("epub")))
        return built[key]

    return get
