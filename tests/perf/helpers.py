"""Structural comparison of two PDFs: pages, text per page, bookmarks, links; embedded fonts."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from fontTools.pens.boundsPen import BoundsPen
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from tests.pdf.helpers import outline, pdftotext


def page_texts(pdf: Path) -> list[str]:
    return pdftotext(pdf, "-layout").split("\f")


def links(pdf: Path) -> list[tuple[int, tuple[float, ...], Any]]:
    """Every link annotation as (page, rectangle, target page or URI)."""
    reader = PdfReader(pdf)
    found = []
    for number, page in enumerate(reader.pages, 1):
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/Subtype") != "/Link":
                continue
            rect = tuple(round(float(v), 1) for v in annot["/Rect"])
            action = annot.get("/A", {})
            dest = annot.get("/Dest") or action.get("/D")
            if dest is not None:
                if isinstance(dest, str):
                    dest = reader.named_destinations[dest]
                    target: Any = reader.get_destination_page_number(dest) + 1
                else:
                    target = reader.get_page_number(dest[0].get_object()) + 1
            else:
                target = action.get("/URI")
            found.append((number, rect, target))
    return found


def structure(pdf: Path) -> dict[str, Any]:
    """What a reader sees of a PDF, for comparing a parallel with a single-pass build."""
    return {"pages": len(PdfReader(pdf).pages), "text": page_texts(pdf), "outline": outline(pdf), "links": links(pdf)}


def embedded_fonts(pdf: Path | bytes) -> dict[str, tuple[str, bytes, dict[int, str]]]:
    """Every Type0 font the pages and their forms use, by BaseFont: (font file key, font
    program, {glyph id: text} from its ToUnicode map)."""
    reader = PdfReader(pdf if isinstance(pdf, Path) else io.BytesIO(pdf))
    found: dict[str, tuple[str, bytes, dict[int, str]]] = {}
    resources = [page.get("/Resources") for page in reader.pages]
    while resources:
        res = resources.pop()
        res = res.get_object() if res is not None else {}
        for font in (res.get("/Font") or {}).values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            key = next(k for k in ("/FontFile2", "/FontFile3") if k in descriptor)
            cmap = font["/ToUnicode"].get_object().get_data().split(b"endcodespacerange")[-1]
            text = {int(gid, 16): bytes.fromhex(hex_text.decode()).decode("utf-16-be")
                    for gid, hex_text in re.findall(rb"<([0-9a-f]{4})> <([0-9a-f]*)>", cmap)}
            found[str(font["/BaseFont"])] = (key, descriptor[key].get_object().get_data(), text)
        resources += [form.get_object().get("/Resources") for form in (res.get("/XObject") or {}).values()]
    return found


def glyphs_without_outline(pdf: Path | bytes) -> tuple[int, list[str]]:
    """(glyphs checked, problems): each embedded program must parse as a font with an
    outline for every glyph its ToUnicode maps to visible text."""
    checked, problems = 0, []
    for name, (_key, program, text) in embedded_fonts(pdf).items():
        try:
            font = TTFont(io.BytesIO(program))
            glyph_set, order = font.getGlyphSet(), font.getGlyphOrder()
        except Exception as error:  # a stub, or anything else that is not a font
            problems.append(f"{name}: not a font ({error!r}, {program[:60]!r})")
            continue
        for gid, chars in sorted(text.items()):
            if not chars.strip():
                continue
            checked += 1
            pen = BoundsPen(glyph_set)
            if gid < len(order):
                glyph_set[order[gid]].draw(pen)
            if pen.bounds is None:
                problems.append(f"{name}: no outline for glyph {gid} ({chars})")
    return checked, problems
