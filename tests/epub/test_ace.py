"""DAISY Ace (real, in the system Chromium): 0 violations for every example book in every
built-in EPUB theme. `make test` installs Ace (`make ace`); without it these are skipped.

Each book is its own test (Ace takes 15–80 CPU-seconds a book, and checks four documents
at a time itself), so the two xdist workers share the books; the books are the session's
shared builds. The weekly volumes (60 documents each) go first, the short books fill the end."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from .ace import ace_command, browser, violations
from .conftest import BOOK_CASES, BOOKS

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(ace_command() is None, reason="DAISY Ace is not installed (make ace)"),
    pytest.mark.skipif(browser() is None, reason="no Chromium for DAISY Ace (apt-get install chromium)"),
]

LONGEST_FIRST = sorted(zip(BOOK_CASES, BOOKS, strict=True), key=lambda case: case[1][0].suffix != ".toml")


@pytest.mark.parametrize("book", [pytest.param(book, id=case) for case, book in LONGEST_FIRST])
def test_ace_finds_no_violation(book: tuple[Path, str], epub_of: Callable[[Path, str], Path]) -> None:
    found = violations(epub_of(*book))
    assert found == [], "\n".join(found)
