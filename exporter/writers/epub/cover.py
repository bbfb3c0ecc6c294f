"""A generated raster cover (no network): masthead, date, edition label, top headlines.

Drawn with Pillow in the theme's heading font found through fontconfig, so Chinese
covers never show tofu; a 2:3 page like most e-book covers.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO

import regex
from PIL import Image, ImageColor, ImageDraw, ImageFont

from ...errors import RenderError
from ...fonts import INSTALL_HINT, FontFace, describe, faces_for, missing_characters
from ...labels import Labels, masthead_date
from ...model import Edition
from ...themes import Theme

WIDTH, HEIGHT = 1600, 2400
MARGIN = 130
# No line of the cover holds more than this many characters, so longer text is cut before
# it is measured: an unbroken 30,000-character headline would otherwise be drawn as one
# line millions of pixels wide (Pillow refuses it as a decompression bomb) and measured
# once per word.
MAX_LINE_CHARACTERS = 120
_TOKENS = regex.compile(r"[\p{Latin}\p{N}'’.,:;!?&%$()\-]+\s*|\s+|\X")

Font = ImageFont.FreeTypeFont


@dataclass(frozen=True)
class CoverImage:
    """Cover pixels and what a screen reader should hear instead."""

    name: str
    media_type: str
    data: bytes
    width: int
    height: int
    alt: str


def cover_alt(edition: Edition, labels: Labels, lines: list[str]) -> str:
    parts = [edition.title, masthead_date(edition), edition.edition or ""]
    text = f"{labels.cover}: " + ", ".join(p for p in parts if p)
    return text + (". " + "; ".join(lines) if lines else "")


def generated_cover(edition: Edition, theme: Theme, labels: Labels) -> CoverImage:
    """Draw the cover; fail naming the characters when no installed font can show the
    masthead. Headlines are decoration here: characters no font has (emoji) are left out."""
    stack = theme.fonts.get("heading") or theme.fonts.get("body") or ["serif"]
    headlines = edition.top_headlines()
    lines = _drawable(headlines, stack)
    date = masthead_date(edition)
    text = "".join([edition.title, date, edition.edition or "", edition.publisher or "", *lines])
    bold, regular = _face(stack, "Bold", text), _face(stack, "Regular", text)
    colours = _colours(theme.options)

    img = Image.new("RGB", (WIDTH, HEIGHT), colours["paper"])
    draw = ImageDraw.Draw(img)
    width = WIDTH - 2 * MARGIN
    draw.rectangle((0, 0, WIDTH, 36), fill=colours["accent"])
    y = 200
    if edition.edition:
        y = _centred(draw, _one_line(edition.edition, _font(regular, 60), width), _font(regular, 60), y,
                     colours["accent"]) + 40
    title_font = _fit(bold, edition.title, width, 260, 150)
    for line in _ellipsis(_wrap(edition.title, title_font, width), title_font, width):
        y = _centred(draw, line, title_font, y, colours["ink"]) + 20
    y += 30
    draw.rectangle((MARGIN, y, WIDTH - MARGIN, y + 12), fill=colours["ink"])
    draw.rectangle((MARGIN, y + 22, WIDTH - MARGIN, y + 26), fill=colours["ink"])
    y = _centred(draw, date, _font(regular, 58), y + 70, colours["muted"]) + 110

    head_font = _font(bold, 76)
    for line in lines:
        wrapped = _wrap(line, head_font, width - 70)
        needed = len(wrapped[:2]) * 104 + 60
        if y + needed > HEIGHT - 260:
            break
        draw.rectangle((MARGIN, y + 24, MARGIN + 30, y + 54), fill=colours["accent"])
        for part in _ellipsis(wrapped, head_font, width - 70):
            draw.text((MARGIN + 70, y), part, font=head_font, fill=colours["ink"])
            y += 104
        y += 60
    if edition.publisher:
        publisher = _font(regular, 52)
        _centred(draw, _one_line(edition.publisher, publisher, width), publisher, HEIGHT - 200, colours["muted"])
    draw.rectangle((0, HEIGHT - 36, WIDTH, HEIGHT), fill=colours["accent"])

    buf = BytesIO()
    img.quantize(colors=64, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(buf, "PNG", optimize=True)
    return CoverImage("images/cover.png", "image/png", buf.getvalue(), WIDTH, HEIGHT, cover_alt(edition, labels, headlines))


def _drawable(lines: list[str], stack: list[str]) -> list[str]:
    """The headlines without the characters that no font of the stack can draw."""
    text = "".join(lines)
    missing = {ch for style in ("Bold", "Regular") for ch in missing_characters(text, faces_for(stack, style))}
    kept = ["".join(ch for ch in line if ch not in missing).strip() for line in lines]
    return [line for line in kept if line]


def _face(stack: list[str], style: str, text: str) -> FontFace:
    faces = faces_for(stack, style)
    for face in faces:
        if not missing_characters(text, [face]):
            return face
    missing = missing_characters(text, faces)
    raise RenderError(f"cover: no installed font of {stack} has {describe(missing)}; {INSTALL_HINT}")


def _font(face: FontFace, size: int) -> Font:
    return ImageFont.truetype(str(face.path), size, index=face.index)


def _colours(options: dict[str, object]) -> dict[str, tuple[int, ...]]:
    defaults = {"paper": "#ffffff", "ink": "#1a1a1a", "accent": "#8b1a1a", "muted": "#5c5c5c"}
    out = {}
    for key, default in defaults.items():
        try:
            out[key] = ImageColor.getrgb(str(options.get(key, default)))
        except ValueError:
            out[key] = ImageColor.getrgb(default)
    return out


def _fit(face: FontFace, text: str, width: int, largest: int, smallest: int) -> Font:
    """The largest size up to `largest` at which `text` fits on one line, at least `smallest`."""
    size, text = largest, text[: 2 * MAX_LINE_CHARACTERS]
    while size > smallest and _font(face, size).getlength(text) > width:
        size -= 10
    return _font(face, size)


def _wrap(text: str, font: Font, width: int, keep: int = 3) -> list[str]:
    """Break between CJK characters or Latin words, inside a word only when it is wider
    than the line; at most `keep` lines (one more than is drawn, so `_ellipsis` knows
    there is more)."""
    lines, current = [], ""
    for token in _pieces(text[: (keep + 1) * MAX_LINE_CHARACTERS], font, width):
        if current and font.getlength(current + token.rstrip()) > width:
            lines.append(current.rstrip())
            if len(lines) == keep:
                return lines
            current = token.lstrip()
        else:
            current += token
    if current.strip():
        lines.append(current.rstrip())
    return lines


def _pieces(text: str, font: Font, width: int) -> list[str]:
    """The tokens of `text`, with a word wider than the line split into its characters."""
    out = []
    for token in _TOKENS.findall(text):
        out += list(token) if len(token) > 1 and font.getlength(token) > width else [token]
    return out


def _one_line(text: str, font: Font, width: int) -> str:
    return _ellipsis(_wrap(text, font, width, keep=2), font, width, keep=1)[0] if text.strip() else text


def _ellipsis(lines: list[str], font: Font, width: int, keep: int = 2) -> list[str]:
    if len(lines) <= keep:
        return lines
    last = lines[keep - 1]
    while last and font.getlength(last + "…") > width:
        last = last[:-1]
    return [*lines[: keep - 1], last.rstrip() + "…"]


def _centred(draw: ImageDraw.ImageDraw, text: str, font: Font, y: int, fill: tuple[int, ...]) -> int:
    """Draw `text` centred at `y`; return the y below it."""
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
    draw.text(((WIDTH - (right - left)) / 2 - left, y), text, font=font, fill=fill)
    return y + (bottom - top) + top
