"""Which installed fonts a theme's font stacks name, and which characters they cannot show.

Shared by `exporter doctor`, the PDF renderer (no tofu: fail naming the characters) and
EPUB font embedding. fontconfig (`fc-list`, `fc-match`) is the source of truth, as for
WeasyPrint itself.
"""

from __future__ import annotations

import shutil
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import uharfbuzz as hb

from .tools import FONTCONFIG_TIMEOUT, run_tool
from .writers.css import GENERIC_FAMILIES

INSTALL_HINT = "install a font that has them, e.g. `apt-get install fonts-noto-cjk fonts-noto-core` (or run `make setup`)"


@dataclass(frozen=True)
class FontFace:
    family: str
    path: Path
    index: int
    style: str


@cache
def installed_faces() -> tuple[FontFace, ...]:
    if not shutil.which("fc-list"):
        return ()
    out = run_tool(["fc-list", "--format", "%{family}\t%{file}\t%{index}\t%{style}\n"], FONTCONFIG_TIMEOUT).stdout
    faces = []
    for line in out.splitlines():
        parts = line.split("\t")
        if len(parts) != 4:
            continue
        family, file, index, style = parts
        for name in family.split(","):
            faces.append(FontFace(name.strip(), Path(file), int(index or 0), style.split(",")[0]))
    return tuple(faces)


def _generic(family: str) -> list[FontFace]:
    if not shutil.which("fc-match"):
        return []
    out = run_tool(["fc-match", "--format", "%{family}\t%{file}\t%{index}\t%{style}", family], FONTCONFIG_TIMEOUT).stdout
    parts = out.split("\t")
    if len(parts) != 4:
        return []
    return [FontFace(parts[0].split(",")[0], Path(parts[1]), int(parts[2] or 0), parts[3].split(",")[0])]


REGULAR_NAMES = ("Book", "Roman", "Normal", "Text")  # what some families call their regular face (DejaVu: Book)


def faces_for(families: list[str], style: str = "Regular") -> list[FontFace]:
    """The installed faces a CSS font stack resolves to, in stack order (regular style first)."""
    by_name: dict[str, list[FontFace]] = {}
    for face in installed_faces():
        by_name.setdefault(face.family.lower(), []).append(face)
    result: list[FontFace] = []
    for family in families:
        if family in GENERIC_FAMILIES:
            result += _generic(family)
            continue
        faces = by_name.get(family.lower(), [])
        faces.sort(key=lambda f: (f.style != style and not (style == "Regular" and f.style in REGULAR_NAMES), f.style))
        if faces:
            result.append(faces[0])
    return list(dict.fromkeys(result))


@cache
def _cmap(path: Path, index: int) -> frozenset[int]:
    """The code points a face maps, read by HarfBuzz (a CJK face in ms, not 0.1 s)."""
    return frozenset(hb.Face(hb.Blob.from_file_path(str(path)), index).unicodes)


def needs_glyph(ch: str) -> bool:
    """Whitespace, controls and format characters (ZWJ, ZWSP) draw nothing and need no glyph."""
    return not (ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf", "Zs", "Zl", "Zp", "Co", "Cs"))


def missing_characters(text: str, faces: list[FontFace]) -> list[str]:
    """Characters of `text` that none of `faces` has a glyph for, in order of appearance."""
    wanted = dict.fromkeys(ch for ch in text if needs_glyph(ch))
    covered: set[int] = set()
    for face in faces:
        covered |= _cmap(face.path, face.index)
    return [ch for ch in wanted if ord(ch) not in covered]


@cache
def _fallback_ranges() -> tuple[tuple[int, int], ...]:
    """The code point ranges some installed face maps (fontconfig's charsets, one call)."""
    if not shutil.which("fc-list"):
        return ()
    out = run_tool(["fc-list", "--format", "%{charset}\n"], FONTCONFIG_TIMEOUT).stdout
    ranges = set()
    for item in out.split():
        first, _, last = item.partition("-")
        ranges.add((int(first, 16), int(last or first, 16)))
    return tuple(sorted(ranges))


def missing_after_fallback(text: str, faces: list[FontFace]) -> list[str]:
    """Characters neither `faces` nor any installed face can show: what Pango would draw as
    tofu, since it falls back to any face fontconfig knows when the stack lacks a glyph."""
    missing = missing_characters(text, faces)
    ranges = _fallback_ranges() if missing else ()  # fc-list's charsets only when the stack lacks some
    return [ch for ch in missing if not any(first <= ord(ch) <= last for first, last in ranges)]


def describe(chars: list[str], limit: int = 12) -> str:
    """'“𠀀” U+20000, “😀” U+1F600 …' for an error message."""
    shown = ", ".join(f"“{c}” U+{ord(c):04X}" for c in chars[:limit])
    return shown + (f" and {len(chars) - limit} more" if len(chars) > limit else "")
