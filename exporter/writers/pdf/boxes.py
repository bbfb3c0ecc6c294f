"""The BleedBox of a print-profile PDF.

WeasyPrint draws crop marks from the paper's edge halfway to the trim and sets the BleedBox
at most 10 pt outside the trim. The print profile gives the paper room for marks outside the
bleed (page_css.MARKS_ROOM_MM), so the BleedBox is set here to the theme's bleed exactly.
"""

from __future__ import annotations

import io

from pypdf import PdfReader, PdfWriter
from pypdf.generic import RectangleObject

PT_PER_MM = 72 / 25.4


def with_bleed_box(pdf: bytes, bleed_mm: float) -> bytes:
    """`pdf` with every page's BleedBox `bleed_mm` outside its TrimBox."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    d = bleed_mm * PT_PER_MM
    for page in writer.pages:
        trim = page.trimbox
        page.bleedbox = RectangleObject([float(trim.left) - d, float(trim.bottom) - d,
                                         float(trim.right) + d, float(trim.top) + d])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
