"""Structural comparison of two PDFs: pages, text per page, bookmarks, links."""

from __future__ import annotations

from pathlib import Path
from typing import Any

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
