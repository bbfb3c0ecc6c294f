"""The ingested corpus builds straight to HTML and EPUB (and, slowly, checked EPUB and PDF)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import run_cli

CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "ingest-corpus"


def _ingested(tmp_path: Path) -> Path:
    out = tmp_path / "qingchuan.json"
    res = run_cli("ingest", *sorted(CORPUS.glob("page*.txt")), "--publication", "青川日报", "--date", "2024-05-08",
                  "-o", out)
    assert res.code == 0, res.err
    return out


def test_ingested_edition_builds_to_html_and_epub(tmp_path: Path) -> None:
    res = run_cli("build", _ingested(tmp_path), "--to", "html,epub", "-o", tmp_path / "out")
    assert res.code == 0, res.err
    html = (tmp_path / "out" / "qingchuan" / "index.html").read_text(encoding="utf-8")
    html = re.sub(r"<[^>]+>", "", html)  # headlines have their words in spans
    assert "老手艺染出新“钱景”" in html and "好日子越过越“油亮”" in html
    assert (tmp_path / "out" / "qingchuan.epub").stat().st_size > 0


@pytest.mark.slow
def test_ingested_edition_passes_epubcheck_and_builds_pdf(tmp_path: Path) -> None:
    res = run_cli("build", _ingested(tmp_path), "--to", "epub,pdf", "--check", "-o", tmp_path / "out")
    assert res.code == 0, res.err
    assert (tmp_path / "out" / "qingchuan.pdf").read_bytes().startswith(b"%PDF")
