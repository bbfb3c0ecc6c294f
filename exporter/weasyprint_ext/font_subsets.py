"""Leave a chunk's font subsetting to the assembly, which re-subsets every face anyway.

writers/pdf/fonts_merge.py cuts one subset per face from the installed font file for the glyphs
all chunks use, so the HarfBuzz subset WeasyPrint makes of each face in each chunk
(`Font.clean` → `_harfbuzz_subset`, then compressing it) is thrown away. Inside
`patched(DEFERRED_FONT_SUBSETS)`, `Font.clean` embeds a stub instead: the sfnt version HarfBuzz
gives the subset ('OTTO' for CFF outlines, so `Font.type` and FontFile3/FontFile2 are what
they would have been; the file's own first bytes would not do, a collection such as Noto
CJK's .ttc starts with 'ttcf'), `STUB_MARK`, and the face's FontIdentity as JSON. The stub
names its face itself, so any PDF written inside the block (a chunk, a furniture document,
a cached one) can be assembled; the merge must replace every stub or fail.

Only faces WeasyPrint would subset plainly are deferred (no variable, colour or bitmap
font, no missing glyphs, no hinting), and only when fontconfig lists an installed face
with that identity (a theme's @font-face file is not one): the merge cuts the same glyphs
from the same face with WeasyPrint's flags. Everything else goes through WeasyPrint's own
`clean`. tests/perf/test_deferred_fonts.py fails loudly when the WeasyPrint internals this
relies on change.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path
from typing import Any

import uharfbuzz as hb
from fontTools.ttLib import newTable
from weasyprint.pdf import fonts
from weasyprint.text.ffi import ffi, harfbuzz

from ..errors import RenderError
from ..tools import FONTCONFIG_TIMEOUT, run_tool
from .patches import Patch

STUB_MARK = b"\0newsprint-exporter: subset at assembly\0"


@dataclass(frozen=True)
class FontIdentity:
    """The installed face a deferred subset is cut from: glyph count and 'head' table (its
    checkSumAdjustment and dates) tell apart files with one PostScript name."""

    postscript: str
    glyph_count: int
    head_sha256: str


def _head_digest(head: bytes) -> str:
    return hashlib.sha256(head).hexdigest()


def faces_by_postscript_name() -> dict[str, list[tuple[Path, int]]]:
    """Every face fontconfig lists now, by PostScript name: [(file, face index), ...], sorted
    (where the merge looks for every face, deferred or not)."""
    if not shutil.which("fc-list"):
        return {}
    out = run_tool(["fc-list", "--format", "%{postscriptname}\t%{file}\t%{index}\n"], FONTCONFIG_TIMEOUT).stdout
    faces: dict[str, list[tuple[Path, int]]] = {}
    for line in sorted(out.splitlines()):
        parts = line.split("\t")
        if len(parts) == 3 and parts[0]:
            faces.setdefault(parts[0], []).append((Path(parts[1]), int(parts[2] or 0)))
    return faces


def installed_face(identity: FontIdentity, installed: dict[str, list[tuple[Path, int]]]) -> hb.Face | None:
    """The installed face with `identity`, among those listed under its PostScript name."""
    for path, index in installed.get(identity.postscript, []):
        try:
            face = hb.Face(hb.Blob.from_file_path(str(path)), index)
        except hb.HarfBuzzError:  # removed since it was listed
            continue
        if face.glyph_count == identity.glyph_count \
                and _head_digest(face.reference_table("head").data) == identity.head_sha256:
            return face
    return None


def stub_identity(program: bytes) -> FontIdentity | None:
    """The identity a deferred font's stub program names, or None for a real font program."""
    if program[4:4 + len(STUB_MARK)] != STUB_MARK:
        return None
    try:
        return FontIdentity(**json.loads(program[4 + len(STUB_MARK):]))
    except (ValueError, TypeError) as error:
        raise RenderError(f"unreadable deferred font in a PDF chunk: {program[:120]!r}") from error


@cache
def _installed() -> dict[str, list[tuple[Path, int]]]:
    """fontconfig's faces, listed once per process: a face is checked again by identity,
    and the assembly lists them afresh."""
    return faces_by_postscript_name()


def _table(font: Any, tag: bytes) -> bytes:
    """One table of the face, without copying the font file."""
    blob = harfbuzz.hb_face_reference_table(font.hb_face, harfbuzz.hb_tag_from_string(tag, -1))
    try:
        length = ffi.new("unsigned int *")
        data = harfbuzz.hb_blob_get_data(blob, length)
        return bytes(ffi.buffer(data, length[0])) if length[0] else b""
    finally:
        harfbuzz.hb_blob_destroy(blob)


def _identity(font: Any) -> FontIdentity:
    name = newTable("name")
    name.decompile(_table(font, b"name"), None)
    return FontIdentity(name.getDebugName(6) or "", font.glyph_count, _head_digest(_table(font, b"head")))


def _subset_plainly(font: Any, to_unicode: dict[int, str], hinting: bool) -> bool:
    """Whether WeasyPrint would only subset this face, as the merge does."""
    return bool(to_unicode) and not hinting and not font.bitmap and "fvar" not in font.tables \
        and not (font.png or font.svg or font.colr) and not font.missing


def _deferring(clean: Callable[..., None]) -> Callable[..., None]:
    def deferring_clean(self: Any, to_unicode: dict[int, str], hinting: bool) -> None:
        identity = _identity(self) if _subset_plainly(self, to_unicode, hinting) else None
        if identity is None or installed_face(identity, _installed()) is None:
            clean(self, to_unicode, hinting)
            return
        cff = "CFF " in self.tables or "CFF2" in self.tables
        self.file_content = (b"OTTO" if cff else b"\0\1\0\0") + STUB_MARK + json.dumps(asdict(identity)).encode()

    return deferring_clean


DEFERRED_FONT_SUBSETS = Patch("deferred font subsets", ((fonts.Font, "clean", _deferring),))
