"""`--embed-fonts`: the theme's fonts, subset to the characters the book shows.

A full CJK face is 15-25 MB; subset with HarfBuzz it is a few hundred KB, so the book
looks the same on readers that have no CJK fonts. Subsets stay plain OpenType/TrueType
(not WOFF2): calibre, and so Kindle conversion, cannot read WOFF2 ("has no name table").
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO

import regex
import uharfbuzz as hb
from fontTools.ttLib import TTFont

from ...errors import RenderError
from ...fonts import INSTALL_HINT, FontFace, faces_for, needs_glyph
from ...themes import Theme

FONT_DIR = "fonts"
ROLES = ("body", "heading", "ui", "latin")
CJK_LANGUAGES = ("zh", "ja", "ko")  # their CJK faces carry Latin glyphs: no separate Latin face
PRINTABLE_ASCII = "".join(map(chr, range(0x20, 0x7F)))  # the space included: CSS and readers need it
FORMATS = {b"OTTO": ("otf", "font/otf", "opentype")}  # CFF outlines; anything else is TrueType
TRUETYPE = ("ttf", "font/ttf", "truetype")
LICENSE_NAME_IDS = (13, 14)  # OFL and similar licences ask that the notice travels with the font
_UNSAFE = regex.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class EmbeddedFont:
    """One subset face in the package and the CSS family name that refers to it."""

    family: str
    name: str
    data: bytes

    @property
    def media_type(self) -> str:
        return _format(self.data)[1]


def embedded_fonts(theme: Theme, text: str, language: str) -> tuple[list[EmbeddedFont], dict[str, list[str]]]:
    """Subset the first installed face of each role's stack; return the fonts and, per
    role, the font stack with the embedded family put first. The `latin` role (body text
    of an English, French … edition) is embedded only for such editions."""
    chars = {ord(c) for c in text if needs_glyph(c)} | {ord(c) for c in PRINTABLE_ASCII}
    fonts: dict[tuple[str, int], EmbeddedFont] = {}
    stacks: dict[str, list[str]] = {}
    cjk = language.split("-")[0].lower() in CJK_LANGUAGES
    for role in ROLES:
        families = theme.fonts.get(role)
        if not families or (role == "latin" and cjk):
            continue
        faces = [f for f in faces_for(families) if f.path.suffix.lower() in (".ttf", ".otf", ".ttc", ".otc")]
        if not faces:
            raise RenderError(f"--embed-fonts: no installed font for {role} text ({', '.join(families)}); {INSTALL_HINT}")
        face = faces[0]
        key = (str(face.path), face.index)
        if key not in fonts:
            data = subset(face, chars)
            fonts[key] = EmbeddedFont(f"{face.family} (embedded)", _file_name(face, data), data)
        stacks[role] = [fonts[key].family, *families]
    return list(fonts.values()), stacks


def subset(face: FontFace, codepoints: set[int]) -> bytes:
    """An OpenType/TrueType font with only the glyphs for `codepoints` (plus what shaping
    them needs), its name table (family names and licence) kept."""
    source = hb.Face(hb.Blob.from_file_path(str(face.path)), face.index)
    request = hb.SubsetInput()
    request.unicode_set.update(codepoints)
    request.name_id_set.update(LICENSE_NAME_IDS)
    result = hb.subset(source, request)
    if result is None:
        raise RenderError(f"--embed-fonts: HarfBuzz could not subset {face.path}")
    data = result.blob.data
    if "name" not in TTFont(BytesIO(data), lazy=True):
        raise RenderError(f"--embed-fonts: the subset of {face.path} has no name table")
    return data


def font_face_css(fonts: list[EmbeddedFont], css_dir: str) -> str:
    """@font-face rules; paths are relative to the stylesheet in `css_dir`."""
    up = "../" * css_dir.count("/") + "../"
    return "".join(
        f'@font-face {{\n  font-family: "{f.family}";\n  src: url("{up}{f.name}") format("{_format(f.data)[2]}");\n'
        "  font-style: normal;\n  font-display: swap;\n}\n"
        for f in fonts
    )


def _format(data: bytes) -> tuple[str, str, str]:
    """(file extension, media type, CSS format()) of an sfnt font."""
    return FORMATS.get(data[:4], TRUETYPE)


def _file_name(face: FontFace, data: bytes) -> str:
    stem = _UNSAFE.sub("-", f"{face.family} {face.style}".lower()).strip("-") or "font"
    return f"{FONT_DIR}/{stem}.{_format(data)[0]}"
