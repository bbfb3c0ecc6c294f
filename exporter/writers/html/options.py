"""What the HTML writer takes besides the edition and theme."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class HtmlOptions:
    outdir: Path = Path("out")  # writes OUTDIR/<stem>/index.html and its files
