"""The fresh corpus (written after the rules were frozen): its generator reproduces the
committed pages, so the first-run figures in its README stay tied to these exact pages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "ingest-corpus-fresh"


def test_generator_reproduces_the_fresh_pages(tmp_path: Path) -> None:
    subprocess.run([sys.executable, str(CORPUS / "make_fresh.py"), str(tmp_path)], check=True, capture_output=True)
    made = sorted(p.name for p in tmp_path.iterdir())
    assert made == sorted(p.name for p in CORPUS.iterdir() if p.suffix in (".txt", ".json"))
    assert len([m for m in made if m.endswith(".txt")]) >= 8
    for name in made:
        assert (tmp_path / name).read_bytes() == (CORPUS / name).read_bytes(), name


def test_every_fresh_family_stays_segmented() -> None:
    """In-sample floors (the first runs, before any change for these pages, are in the
    corpus README: 20/28 and 6/12 segmented)."""
    from benchmarks.ingest_families import families, score_page, total

    for family, pages in families(CORPUS).items():
        s = total([score_page(p) for p in pages])
        assert s["segmented"] == s["articles"] and s["titles"] == s["articles"], (family, s)
        assert s["authors"] == s["articles"] and s["f1"] >= 0.99, (family, s)
