"""EPUB builds of the examples are shared by every EPUB test module: built once per test run
for each (source, theme), whichever xdist worker asks first (tests/conftest.py shared_build),
and every example book in every built-in EPUB theme for the slow checkers (EPUBCheck, DAISY
Ace)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from exporter.api import BuildOptions, build

from ..conftest import ALL_EXAMPLES, EXAMPLES, shared_build

BOOK_EXAMPLES = [*ALL_EXAMPLES, EXAMPLES / "weekly.toml"]
BOOK_THEMES = ["broadsheet", "digest", "vertical"]
TW_EXAMPLE = EXAMPLES / "nanwan-evening.json"  # the Traditional-Chinese example, for the vertical theme
BOOKS = [(s, t) for s in BOOK_EXAMPLES for t in BOOK_THEMES] + [(TW_EXAMPLE, "vertical")]
BOOK_CASES = [f"{s.stem}-{t}" for s, t in BOOKS]


@pytest.fixture(scope="session")
def epub_of(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Path, str], Path]:
    """epub_of(source, theme) -> the EPUB path, built once per key. Tests only read it."""
    built: dict[tuple[str, str], Path] = {}

    def get(source: Path, theme: str) -> Path:
        key = (str(source), theme)
        if key not in built:
            built[key] = shared_build(tmp_path_factory, f"epub {source} {theme}", lambda out: _epub(source, theme, out))
        return built[key]

    return get


@pytest.fixture(scope="session")
def example_books(epub_of: Callable[[Path, str], Path]) -> dict[str, Path]:
    """'<example stem>-<theme>' -> the built EPUB."""
    return {f"{source.stem}-{theme}": epub_of(source, theme) for source, theme in BOOKS}


def _epub(source: Path, theme: str, out: Path) -> Path:
    (path,) = build(source, "epub", theme, BuildOptions(outdir=out))
    return path
