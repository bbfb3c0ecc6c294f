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
(one JPEG or PNG XObject, no soft mask, RGB or grey); one XObject in CMYK or with a soft
mask is decoded, turned to RGB and written as PNG; otherwise (inline, tiles, an image mask,
an unusual format) the page is rendered inside the picture's rectangle at the picture's
own resolution and written as PNG. A render never holds more pixels than the picture's
images do, nor more than `Limits.picture_pixels`: a 1-pixel-high image stretched over a
page is no reason to render the page at 300 dpi.

A damaged image (one MuPDF cannot decode, such as /Width 0) is left out and named in the
page's `skipped` list; the page's text and its other pictures are read all the same.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..limits import Limits

DECOR = 3.0  # ems: a picture narrower or lower than this is an icon, a bullet or a rule
BACKGROUND = 0.9  # share of the page's area: a picture this large is a background
TILE_GAP = 1.0  # points: tiles of one picture abut this closely
MAX_DPI = 300  # a rendered picture's resolution is capped here
BLANK_PIXELS = 250_000  # a picture judged blank from a render is rendered this small at most
WEB_FORMATS = {"jpeg", "jpg", "png"}
Rect = tuple[float, float, float, float]
_INLINE = re.compile(rb"(?:^|\s)BI\s")  # the operator that opens an inline image


@dataclass
class Picture:
    """A picture as the page shows it: its rectangle and the placements it is made of."""

    rect: Rect
    xrefs: list[int]  # 0 for an inline image
    density: float  # the finest placement's pixels per point (the resolution to render at)
    pixels: int = 0  # the pixels its images hold (a render of it needs no more)


def damage() -> tuple[type[Exception], ...]:
    """What PyMuPDF raises for an image it cannot decode."""
    import pymupdf

    return pymupdf.mupdf.FzErrorBase, RuntimeError


def find(page, body: float, shown, warn: Callable[[str], None]) -> list[Picture]:  # noqa: ANN001 - a pymupdf.Page, a clip function
    """The photos on a page, in the order the page draws them; `shown(rect)` trims a
    picture to the clip that frames it; `warn` reports placements left out (too many, or
    damaged images)."""
    if not page.get_images(full=True) and not page.get_xobjects() and not _INLINE.search(page.read_contents()):
        return []  # listing placements runs the page's content: only where there are pictures (or forms, which may hold inline ones)
    infos = _placements(page, warn)
    if len(infos) > (most := Limits.current().page_pictures):
        warn(f"{len(infos):,} images placed on the page; only the first {most:,} are looked at "
             "(raise EXPORTER_LIMIT_PAGE_PICTURES)")
    placed = []
    for info in infos[:most]:
        bbox = type(page.rect)(info["bbox"])
        r = shown(bbox)
        if r.width > 0 and r.height > 0 and all(map(math.isfinite, r)):
            width, height = info.get("width", 0), info.get("height", 0)
            density = min(width / max(bbox.width, 1), height / max(bbox.height, 1))  # a stretched image: its coarser side
            placed.append(Picture((r.x0, r.y0, r.x1, r.y1), [info.get("xref", 0)], density, width * height))
    pictures = _joined(placed)
    area = page.rect.width * page.rect.height
    uniform: dict[int, bool] = {}  # xref → one colour all over (an image placed many times is decoded once)
    return [p for p in pictures if min(p.rect[2] - p.rect[0], p.rect[3] - p.rect[1]) >= DECOR * body
            and (p.rect[2] - p.rect[0]) * (p.rect[3] - p.rect[1]) < BACKGROUND * area and not _blank(page, p, uniform)]


def _placements(page, warn: Callable[[str], None]) -> list[dict]:  # noqa: ANN001 - a pymupdf.Page
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
            warn(f"image {name} (object {xref}) cannot be decoded ({exc}); left out")
    return page.get_image_info()


def _blank(page, picture: Picture, uniform: dict[int, bool]) -> bool:  # noqa: ANN001 - a pymupdf.Page
    """One colour all over (a white box or a tint drawn as an image): layout, no photo.
    Images are decoded when they are small enough to render whole, else judged from a
    small render of the picture."""
    import pymupdf

    if all(x > 0 for x in picture.xrefs) and picture.pixels <= Limits.current().picture_pixels:
        for x in dict.fromkeys(picture.xrefs):
            if x not in uniform:
                uniform[x] = _unicolor(pymupdf.Pixmap(page.parent, x))
        return all(uniform[x] for x in picture.xrefs)
    return _unicolor(_render(page, picture.rect, 0.5, BLANK_PIXELS))


def _unicolor(pix) -> bool:  # noqa: ANN001 - a pymupdf.Pixmap
    """Every pixel the same. PyMuPDF's `is_unicolor` loops over the samples in Python
    (an 8000 × 8000 grey image took 39 s); counting the first pixel's bytes in the
    samples is C (non-overlapping matches that add up to the whole tile it exactly)."""
    samples, n = pix.samples, pix.n
    return samples.count(samples[:n]) * n == len(samples)


def _render(page, rect: Rect, zoom: float, most: int):  # noqa: ANN001, ANN202 - a pymupdf.Page; a pymupdf.Pixmap
    """The page inside `rect` at `zoom` pixels a point, or smaller: at most `most` pixels."""
    import pymupdf

    w, h, most = rect[2] - rect[0], rect[3] - rect[1], max(most, 64)  # a picture of a few pixels still renders
    if w * h * zoom * zoom > most * 1.01:  # rounding outwards adds up to two rows and columns: (wz + 2)(hz + 2) <= most
        zoom = (math.sqrt((w + h) ** 2 + w * h * (most - 4)) - (w + h)) / (w * h)
    return page.get_pixmap(clip=pymupdf.Rect(rect), matrix=pymupdf.Matrix(zoom, zoom))


def _joined(placed: list[Picture]) -> list[Picture]:
    """Tiles joined: two pictures that share a whole edge with no gap are one. Each picture
    is filed under its four edges (rounded to TILE_GAP cells), so a picture meets only
    pictures with an edge where its own neighbour's would be: joining takes about as many
    comparisons as there are placements. The earliest-drawn picture joins first, with its
    earliest-drawn neighbour; a joined picture keeps the first one's place."""
    live = dict(enumerate(placed))  # the first placement it holds → picture
    filed: list[dict[tuple[int, int, int], set[int]]] = [defaultdict(set) for _ in range(4)]
    for k, p in live.items():
        _file(filed, k, p.rect, set.add)
    todo = list(live)  # a heap of pictures that may have a neighbour
    while todo:
        i = heapq.heappop(todo)
        if i not in live:
            continue
        a = live[i]
        near = {j for j in _neighbours(filed, a.rect) if j != i and _abut(a.rect, live[j].rect)}
        if not near:
            continue
        j = min(near)
        first, second = sorted((i, j))
        a, b = live.pop(first), live.pop(second)
        _file(filed, first, a.rect, set.discard)
        _file(filed, second, b.rect, set.discard)
        live[first] = Picture((min(a.rect[0], b.rect[0]), min(a.rect[1], b.rect[1]), max(a.rect[2], b.rect[2]),
                               max(a.rect[3], b.rect[3])), a.xrefs + b.xrefs, max(a.density, b.density),
                              a.pixels + b.pixels)
        _file(filed, first, live[first].rect, set.add)
        heapq.heappush(todo, first)
    return [live[k] for k in sorted(live)]


def _cell(u: float) -> int:
    """The TILE_GAP cell a coordinate lies in: coordinates near each other lie in one cell or in neighbours."""
    return math.floor(u / TILE_GAP)


def _edges(rect: Rect) -> list[tuple[float, float, float]]:
    """Left, right, top and bottom edges: where the edge lies, then the span it covers."""
    x0, y0, x1, y1 = rect
    return [(x0, y0, y1), (x1, y0, y1), (y0, x0, x1), (y1, x0, x1)]


def _file(filed: list[dict[tuple[int, int, int], set[int]]], k: int, rect: Rect, how) -> None:  # noqa: ANN001
    """File picture `k` under its edges (`how` is set.add) or take it out (set.discard)."""
    for side, edge in zip(filed, _edges(rect), strict=True):
        how(side[tuple(map(_cell, edge))], k)


def _neighbours(filed: list[dict[tuple[int, int, int], set[int]]], rect: Rect) -> Iterator[int]:
    """Pictures whose left edge is near this one's right edge (same span), whose right
    edge is near its left, whose top is near its bottom, whose bottom is near its top."""
    left, right, top, bottom = _edges(rect)
    for side, edge in ((filed[0], right), (filed[1], left), (filed[2], bottom), (filed[3], top)):
        u, v, w = map(_cell, edge)
        for du in (-1, 0, 1):
            for dv in (-1, 0, 1):
                for dw in (-1, 0, 1):
                    yield from side.get((u + du, v + dv, w + dw), ())


def _abut(a: Rect, b: Rect) -> bool:
    """Side by side with equal tops and bottoms, or stacked with equal left and right edges."""
    def near(u: float, v: float) -> bool:
        return abs(u - v) <= TILE_GAP

    rows = near(a[1], b[1]) and near(a[3], b[3]) and (near(a[2], b[0]) or near(b[2], a[0]))
    columns = near(a[0], b[0]) and near(a[2], b[2]) and (near(a[3], b[1]) or near(b[3], a[1]))
    return rows or columns


def write(doc, page, picture: Picture, folder: Path, stem: str) -> str:  # noqa: ANN001 - pymupdf Document, Page
    """Write a picture into `folder` as `stem.EXT`; the file's name."""
    folder.mkdir(parents=True, exist_ok=True)
    most = Limits.current().picture_pixels
    name = f"{stem}.png"
    if len(picture.xrefs) == 1 and picture.xrefs[0] > 0 and picture.pixels <= most:
        info = doc.extract_image(picture.xrefs[0])
        if info and info.get("ext") in WEB_FORMATS and not info.get("smask") and info.get("colorspace") in (1, 3):
            name = f"{stem}.{info['ext']}"
            (folder / name).write_bytes(info["image"])
            return name
        if info and (pix := _decoded(doc, picture.xrefs[0], info.get("smask", 0))) is not None:
            pix.save(folder / name)
            return name
    zoom = min(MAX_DPI, max(72, 72 * picture.density)) / 72
    _render(page, picture.rect, zoom, min(most, picture.pixels or most)).save(folder / name)
    return name


def _decoded(doc, xref: int, smask: int):  # noqa: ANN001, ANN202 - a pymupdf Document; a pymupdf.Pixmap or None
    """An image XObject decoded to grey or RGB, its soft mask as alpha; None for one that
    only a render shows as printed (an image mask, a mask of another size)."""
    import pymupdf

    pix = pymupdf.Pixmap(doc, xref)
    if pix.colorspace is None or (smask and pix.alpha):
        return None
    if pix.colorspace.n not in (1, 3):
        pix = pymupdf.Pixmap(pymupdf.csRGB, pix)
    if smask:
        mask = pymupdf.Pixmap(doc, smask)
        if (mask.width, mask.height) != (pix.width, pix.height) or mask.n != 1:
            return None
        pix = pymupdf.Pixmap(pix, mask)
    return pix
