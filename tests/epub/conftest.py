"""Every example book in every built-in EPUB theme, built once per test session and
shared by the slow checkers (EPUBCheck, DAISY Ace, calibre)."""

from __future__ import annotations

from pathlib import Path

import pytest

from exporter.build import BuildOptions, build

from ..conftest import ALL_EXAMPLES, EXAMPLES

BOOK_EXAMPLES = [*ALL_EXAMPLES, EXAMPLES / "weekly.toml"]
BOOK_THEMES = ["broadsheet", "digest", "vertical"]
TW_EXAMPLE = EXAMPLES / "nanwan-evening.json"  # the Traditional-Chinese example, for the vertical theme
BOOKS = [(s, t) for s in BOOK_EXAMPLES for t in BOOK_THEMES] + [(TW_EXAMPLE, "vertical")]
BOOK_CASES = [f"{s.stem}-{t}" for s, t in BOOKS]


@pytest.fixture(scope="session")
def example_books(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """'<example stem>-<theme>' -> the built EPUB."""
    tmp = tmp_path_factory.mktemp("example-books")
    books = {}
    for source, theme in BOOKS:
        (path,) = build(source, "epub", theme, BuildOptions(outdir=tmp / theme))
        books[f"{source.stem}-{theme}"] = path
    return books
