"""The pictures a PDF page shows, found and written however the engine placed them.

Engines place a photo differently: Chromium and WeasyPrint draw an image XObject (often
clipped to its frame), reportlab may draw it inline (`drawInlineImage`, no XObject at all),
a page can be shown inside a form XObject, a large picture can be cut into tiles, and a
picture with transparency carries a soft mask. PyMuPDF's image list (`get_image_info`)
reports every placement, inline ones and those inside forms included, with the rectangle it
covers; tiles that abut edge to edge are joined into one picture.

Not every image is a photo: a picture narrower or lower than `DECOR` body ems is an icon,
a bullet or a rule drawn as an image, and one covering nearly the whole page is a
background; both are left out (they neither take captions nor break columns).

A picture is written as the file the PDF holds when that file is the picture as printed
(one JPEG or PNG XObject, no soft mask, RGB or grey); otherwise (inline, tiles, a mask,
CMYK or an unusual format) the page is rendered inside the picture's rectangle at the
picture's own resolution and written as PNG.

A damaged image (one MuPDF cannot decode, such as /Width 0) is left out and named in the
page's `skipped` list; the page's text and its other pictures are read all the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

DECOR = 3.0  # ems: a picture narrower or lower than this is an icon, a bullet or a rule
BACKGROUND = 0.9  # share of the page's area: a picture this large is a background
TILE_GAP = 1.0  # points: tiles of one picture abut this closely
MAX_DPI = 300  # a rendered picture's resolution is capped here
WEB_FORMATS = {"jpeg", "jpg", "png"}
Rect = tuple[float, float, float, float]
_INLINE = re.compile(rb"(?:^|\s)BI\s")  # the operator that opens an inline image


@dataclass
class Picture:
    """A picture as the page shows it: its rectangle and the placements it is made of."""

    rect: Rect
    xrefs: list[int]  # 0 for an inline image
    density: float  # the finest placement's pixels per point (the resolution to render at)


def damage() -> tuple[type[Exception], ...]:
    """What PyMuPDF raises for an image it cannot decode."""
    import pymupdf

    return pymupdf.mupdf.FzErrorBase, RuntimeError


def find(page, body: float, shown, skipped: list[str]) -> list[Picture]:  # noqa: ANN001 - a pymupdf.Page, a clip function
    """The photos on a page, in the order the page draws them; `shown(rect)` trims a
    picture to the clip that frames it. Damaged images are named in `skipped`."""
    if not page.get_images(full=True) and not _INLINE.search(page.read_contents()):
        return []  # listing placements runs the page's content: only where there are pictures
    placed = []
    for info in _placements(page, skipped):
        r = shown(type(page.rect)(info["bbox"]))
        if r.width > 0 and r.height > 0:
            bbox = type(page.rect)(info["bbox"])
            density = info.get("width", 0) / max(bbox.width, 1)
            placed.append(Picture((r.x0, r.y0, r.x1, r.y1), [info.get("xref", 0)], density))
    pictures = _joined(placed)
    area = page.rect.width * page.rect.height
    return [p for p in pictures if min(p.rect[2] - p.rect[0], p.rect[3] - p.rect[1]) >= DECOR * body
            and (p.rect[2] - p.rect[0]) * (p.rect[3] - p.rect[1]) < BACKGROUND * area and not _blank(page, p)]


def _placements(page, skipped: list[str]) -> list[dict]:  # noqa: ANN001 - a pymupdf.Page
    """PyMuPDF's image list. Listing the xrefs decodes every image (to hash it), so one
    damaged image fails the whole list: then the placements are listed without xrefs (the
    damaged one is not among them; the others are rendered from the page) and each image
    that cannot be decoded is named."""
    import pymupdf

    try:
        return page.get_image_info(xrefs=True)
    except damage():
        pass
    for xref, *_rest, name, _filter, _referencer in page.get_images(full=True):
        try:
            pymupdf.Pixmap(page.parent, xref)
        except damage() as exc:
            skipped.append(f"image {name} (object {xref}) cannot be decoded ({exc}); left out")
    return page.get_image_info()


def _blank(page, picture: Picture) -> bool:  # noqa: ANN001 - a pymupdf.Page
    """One colour all over (a white box or a tint drawn as an image): layout, no photo."""
    import pymupdf

    if all(x > 0 for x in picture.xrefs):
        return all(pymupdf.Pixmap(page.parent, x).is_unicolor for x in picture.xrefs)
    return page.get_pixmap(clip=pymupdf.Rect(picture.rect), dpi=36).is_unicolor


def _joined(placed: list[Picture]) -> list[Picture]:
    """Tiles joined: two pictures that share a whole edge with no gap are one."""
    out = list(placed)
    merged = True
    while merged:
        merged = False
        for i in range(len(out)):
            for j in range(i + 1, len(out)):
                if _abut(out[i].rect, out[j].rect):
                    a, b = out[i], out.pop(j)
                    out[i] = Picture((min(a.rect[0], b.rect[0]), min(a.rect[1], b.rect[1]), max(a.rect[2], b.rect[2]),
                                      max(a.rect[3], b.rect[3])), a.xrefs + b.xrefs, max(a.density, b.density))
                    merged = True
                    break
            if merged:
                break
    return out


def _abut(a: Rect, b: Rect) -> bool:
    """Side by side with equal tops and bottoms, or stacked with equal left and right edges."""
    def near(u: float, v: float) -> bool:
        return abs(u - v) <= TILE_GAP

    rows = near(a[1], b[1]) and near(a[3], b[3]) and (near(a[2], b[0]) or near(b[2], a[0]))
    columns = near(a[0], b[0]) and near(a[2], b[2]) and (near(a[3], b[1]) or near(b[3], a[1]))
    return rows or columns


def write(doc, page, picture: Picture, folder: Path, stem: str) -> str:  # noqa: ANN001 - pymupdf Document, Page
    """Write a picture into `folder` as `stem.EXT`; the file's name."""
    import pymupdf

    folder.mkdir(parents=True, exist_ok=True)
    if len(picture.xrefs) == 1 and picture.xrefs[0] > 0:
        info = doc.extract_image(picture.xrefs[0])
        if info and info.get("ext") in WEB_FORMATS and not info.get("smask") and info.get("colorspace") in (1, 3):
            name = f"{stem}.{info['ext']}"
            (folder / name).write_bytes(info["image"])
            return name
    rect = pymupdf.Rect(picture.rect)
    dpi = min(MAX_DPI, max(72, round(72 * picture.density)))
    name = f"{stem}.png"
    page.get_pixmap(clip=rect, dpi=dpi).save(folder / name)
    return name
