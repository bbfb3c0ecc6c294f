"""`--embed-fonts`: the theme's fonts, subset to the characters the book shows.

A full CJK face is 15-25 MB; subset with HarfBuzz and packed as WOFF2 it is a few
hundred KB, so the book looks the same on readers that have no CJK fonts.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from io import BytesIO

import regex
import uharfbuzz as hb
from fontTools.ttLib import TTFont

from ...errors import RenderError
from ...fonts import INSTALL_HINT, FontFace, faces_for, needs_glyph
from ...themes import Theme

FONT_DIR = "fonts"
ROLES = ("body", "heading", "ui")
LICENSE_NAME_IDS = (13, 14)  # OFL and similar licences ask that the notice travels with the font
_UNSAFE = regex.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class EmbeddedFont:
    """One subset face in the package and the CSS family name that refers to it."""

    family: str
    name: str
    data: bytes


def embedded_fonts(theme: Theme, text: str) -> tuple[list[EmbeddedFont], dict[str, list[str]]]:
    """Subset the first installed face of each role's stack; return the fonts and, per
    role, the font stack with the embedded family put first."""
    chars = {ord(c) for c in text + string.printable if needs_glyph(c)}
    fonts: dict[tuple[str, int], EmbeddedFont] = {}
    stacks: dict[str, list[str]] = {}
    for role in ROLES:
        families = theme.fonts.get(role)
        if not families:
            continue
        faces = [f for f in faces_for(families) if f.path.suffix.lower() in (".ttf", ".otf", ".ttc", ".otc")]
        if not faces:
            raise RenderError(f"--embed-fonts: no installed font for {role} text ({', '.join(families)}); {INSTALL_HINT}")
        face = faces[0]
        key = (str(face.path), face.index)
        if key not in fonts:
            fonts[key] = EmbeddedFont(f"{face.family} (embedded)", _file_name(face), subset(face, chars))
        stacks[role] = [fonts[key].family, *families]
    return list(fonts.values()), stacks


def subset(face: FontFace, codepoints: set[int]) -> bytes:
    """A WOFF2 with only the glyphs for `codepoints` (plus what shaping them needs)."""
    source = hb.Face(hb.Blob.from_file_path(str(face.path)), face.index)
    request = hb.SubsetInput()
    request.unicode_set.update(codepoints)
    request.name_id_set.update(LICENSE_NAME_IDS)
    result = hb.subset(source, request)
    if result is None:
        raise RenderError(f"--embed-fonts: HarfBuzz could not subset {face.path}")
    font = TTFont(BytesIO(result.blob.data), recalcTimestamp=False)
    font.flavor = "woff2"
    out = BytesIO()
    font.save(out, reorderTables=False)
    return out.getvalue()


def font_face_css(fonts: list[EmbeddedFont], css_dir: str) -> str:
    """@font-face rules; paths are relative to the stylesheet in `css_dir`."""
    up = "../" * css_dir.count("/") + "../"
    return "".join(
        f'@font-face {{\n  font-family: "{f.family}";\n  src: url("{up}{f.name}") format("woff2");\n'
        "  font-style: normal;\n  font-display: swap;\n}\n"
        for f in fonts
    )


def _file_name(face: FontFace) -> str:
    stem = _UNSAFE.sub("-", f"{face.family} {face.style}".lower()).strip("-") or "font"
    return f"{FONT_DIR}/{stem}.woff2"
