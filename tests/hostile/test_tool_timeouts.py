"""A hung external tool (fontconfig, the Java of EPUBCheck) is a clear error, not a hang."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from exporter import fonts
from exporter.errors import RenderError
from exporter.writers.epub import epubcheck


@pytest.fixture
def hanging(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Put programs that never answer first on PATH."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()

    def make(name: str) -> None:
        tool = bin_dir / name
        tool.write_text("#!/bin/sh\nexec sleep 30\n", encoding="utf-8")
        tool.chmod(0o755)
        monkeypatch.setenv("PATH", f"{bin_dir}:{__import__('os').environ['PATH']}")

    return make


def test_a_hung_fc_list_is_an_error_naming_it(hanging, monkeypatch: pytest.MonkeyPatch) -> None:
    hanging("fc-list")
    monkeypatch.setattr(fonts, "FONTCONFIG_TIMEOUT", 0.5)
    with pytest.raises(RenderError, match=r"^fc-list did not finish in 0.5 s"):
        fonts.installed_faces.__wrapped__()


def test_a_hung_epubcheck_is_an_error_naming_it(hanging, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    hanging("java")
    monkeypatch.setattr(epubcheck, "EPUBCHECK_TIMEOUT", 0.5)
    book = tmp_path / "book.epub"
    with zipfile.ZipFile(book, "w") as z:
        z.writestr("mimetype", "application/epub+zip")
    with pytest.raises(RenderError, match=r"java did not finish in 0.5 s"):
        epubcheck.check_epub(book)
