"""DAISY Ace (real, in the system Chromium): 0 violations for every example book in every
built-in EPUB theme. `make test` installs Ace (`make ace`); without it these are skipped.

Each run takes seconds, so the books are the session's shared builds and Ace runs two at
a time."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from .ace import ace_command, browser, violations
from .conftest import BOOK_CASES

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(ace_command() is None, reason="DAISY Ace is not installed (make ace)"),
    pytest.mark.skipif(browser() is None, reason="no Chromium for DAISY Ace (apt-get install chromium)"),
]


@pytest.fixture(scope="module")
def reports(example_books: dict[str, Path]) -> dict[str, list[str]]:
    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(zip(example_books, pool.map(violations, example_books.values()), strict=True))


@pytest.mark.parametrize("case", BOOK_CASES)
def test_ace_finds_no_violation(case: str, reports: dict[str, list[str]]) -> None:
    assert reports[case] == [], "\n".join(reports[case])
