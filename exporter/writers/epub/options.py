"""What the EPUB writer takes besides the edition and theme."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class EpubOptions:
    outdir: Path = Path("out")  # writes OUTDIR/<stem>.epub
    embed_fonts: bool = False  # embed the theme's CJK fonts, subset to the text
    check: bool = False  # run EPUBCheck on the result; a finding fails the build
