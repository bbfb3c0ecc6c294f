"""The synthetic corpus: every page scored by its own score.py against its truth."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
import regex

from exporter.ingest import ingest_texts

CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "ingest-corpus"
PAGES = sorted(p.stem for p in CORPUS.glob("page*.txt"))
_SUMMARY = regex.compile(
    r"segmented (\d+)/(\d+), titles (\d+)/(\d+), authors (\d+)/(\d+).*F1=([\d.]+), char-sim ([\d.]+)"
)


def _score(page: str, tmp_path: Path) -> tuple[int, int, int, int, int, int, float, float]:
    text = (CORPUS / f"{page}.txt").read_text(encoding="utf-8")
    result = ingest_texts([(f"{page}.txt", text)], "青川日报", dt.date(2024, 5, 8))
    pred = tmp_path / f"{page}.json"
    pred.write_text(json.dumps(result.edition.model_dump(mode="json", exclude_none=True), ensure_ascii=False),
                    encoding="utf-8")
    truth = CORPUS / f"{page}.truth.json"
    n = sum(1 for a in json.loads(truth.read_text(encoding="utf-8"))["articles"] if a["kind"] != "caption")
    proc = subprocess.run(
        [sys.executable, str(CORPUS / "score.py"), str(truth), str(pred), "--min-articles", str(n), "--min-f1", "0.98"],
        capture_output=True, text=True, check=False,
    )
    m = _SUMMARY.search(proc.stdout)
    assert m, proc.stdout + proc.stderr
    assert proc.returncode == 0, proc.stdout
    s, sn, t, tn, a, an, f1, sim = m.groups()
    return int(s), int(sn), int(t), int(tn), int(a), int(an), float(f1), float(sim)


@pytest.mark.parametrize("page", PAGES)
def test_corpus_page_scores(page: str, tmp_path: Path) -> None:
    s, n, t, tn, a, an, f1, sim = _score(page, tmp_path)
    assert (s, t) == (n, tn), f"segmented {s}/{n}, titles {t}/{tn}"
    assert a == an
    assert f1 >= 0.98
    assert sim >= 0.995


def test_corpus_has_all_pages() -> None:
    assert PAGES == ["page1", "page2", "page3"]


def test_generator_reproduces_the_fixture_pages(tmp_path: Path) -> None:
    """make_pages.py is deterministic and self-checking; the copied pages are its output."""
    subprocess.run([sys.executable, str(CORPUS / "make_pages.py"), str(tmp_path)], check=True, capture_output=True)
    for page in PAGES:
        assert (tmp_path / f"{page}.txt").read_text(encoding="utf-8") == (CORPUS / f"{page}.txt").read_text(encoding="utf-8")
