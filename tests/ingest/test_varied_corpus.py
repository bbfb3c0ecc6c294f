"""The varied corpus: its generator reproduces the committed pages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "ingest-corpus-varied"


def test_generator_reproduces_the_varied_pages(tmp_path: Path) -> None:
    subprocess.run([sys.executable, str(CORPUS / "make_varied.py"), str(tmp_path)], check=True, capture_output=True)
    made = sorted(p.name for p in tmp_path.iterdir())
    assert made == sorted(p.name for p in CORPUS.iterdir() if p.suffix in (".txt", ".json"))
    assert len([m for m in made if m.endswith(".txt")]) >= 15
    for name in made:
        assert (tmp_path / name).read_bytes() == (CORPUS / name).read_bytes(), name
