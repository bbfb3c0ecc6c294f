"""The text layer of a PDF, page by page, as the benchmarks compare it."""

from __future__ import annotations

import subprocess
from pathlib import Path


def page_texts(pdf: Path) -> list[str]:
    """Each page's text in drawing order (-raw: justified lines can confuse the reading-order
    heuristics), without white space (justification may space CJK glyphs apart)."""
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return ["".join(page.split()) for page in text.split("\f")]
