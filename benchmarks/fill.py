"""How full the pages of a PDF are: `python -m benchmarks.fill PDF [--theme T] [--source S]`.

A page is rendered in grey at low resolution (pdftoppm) and its text area (the page less its
margins, mirrored on left pages when the PDF was built with mirrored margins) is cut into
cells about one line high and one sixth of a column wide. A cell holds ink when any pixel in
it is darker than light grey. For each page:

- **fill**: the share of the text area's cells that hold ink (a full text page is about
  0.9: paragraph ends and indents leave a few cells empty);
- **depth**: how far down the text area the lowest ink reaches (0–1).

Column rules and article rules count as ink, as they do for a reader's eye. The last page of
each part (from the PDF's first outline level when it names parts) is marked: a part may end
on a short page.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from PIL import Image
from pypdf import PdfReader

from exporter.writers.pdf.page_css import margins_mm

MM_PER_INCH = 25.4
INK = 200  # grey level (0 black – 255 white) below which a pixel is ink
CELL_HEIGHT_MM = 5.0  # about one line of 10 pt text with its leading: never falls between lines
CELLS_ACROSS = 12


@dataclass(frozen=True)
class PageFill:
    page: int  # 1-based
    fill: float
    depth: float
    ends_part: bool


def part_ends(pdf: Path) -> set[int]:
    """1-based numbers of the pages that end a part: the page before each first-level
    bookmark (the first ends the front matter), and the last page."""
    reader = PdfReader(pdf)
    starts = sorted({reader.get_destination_page_number(item) + 1
                     for item in reader.outline if not isinstance(item, list)})
    return {s - 1 for s in starts} | {len(reader.pages)}


def measure(pdf: Path, margin: str, mirrored: bool = False, volume: bool = True, dpi: int = 40) -> list[PageFill]:
    """The fill and depth of every page of `pdf` whose margins are `margin` (CSS shorthand).

    `mirrored`: left (even) pages swap the left and right margins, as a bound volume's do.
    `volume`: the outline's first level names parts (else only the last page ends one).
    """
    top, right, bottom, left = margins_mm(margin)
    ends = part_ends(pdf) if volume else {len(PdfReader(pdf).pages)}
    px = dpi / MM_PER_INCH
    result = []
    with tempfile.TemporaryDirectory(prefix="fill-") as tmp:
        subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), "-cropbox", str(pdf), f"{tmp}/p"], check=True)
        for n, png in enumerate(sorted(Path(tmp).glob("p-*.pgm"), key=lambda p: int(p.stem.split("-")[-1])), 1):
            image = Image.open(png)
            near, far = (right, left) if mirrored and n % 2 == 0 else (left, right)
            box = (round(near * px), round(top * px), image.width - round(far * px), image.height - round(bottom * px))
            area = image.crop(box)
            ink = area.point(lambda v: 255 if v < INK else 0)
            rows = max(1, round(area.height / (CELL_HEIGHT_MM * px)))
            filled = sum(1 for row in range(rows) for col in range(CELLS_ACROSS) if ink.crop((
                col * area.width // CELLS_ACROSS, row * area.height // rows,
                (col + 1) * area.width // CELLS_ACROSS, (row + 1) * area.height // rows)).getbbox()) / (rows * CELLS_ACROSS)
            bbox = ink.getbbox()
            depth = bbox[3] / area.height if bbox else 0.0
            result.append(PageFill(n, round(filled, 3), round(depth, 3), n in ends))
    return result


def summary(pages: list[PageFill]) -> dict[str, object]:
    """Page count, mean fill, and the pages under half full that do not end a part."""
    short = [p.page for p in pages if p.fill < 0.5 and not p.ends_part and p.page > 1]  # page 1: cover or front page
    return {"pages": len(pages), "mean_fill": round(sum(p.fill for p in pages) / len(pages), 3),
            "under_half_not_ending_a_part": short}


def main(argv: list[str] | None = None) -> int:
    from exporter.api import is_compilation, load_source
    from exporter.writers.pdf.page_css import page_setup

    p = argparse.ArgumentParser(prog="python -m benchmarks.fill", description=__doc__)
    p.add_argument("pdf", type=Path)
    p.add_argument("--source", help="the edition or compilation the PDF was built from (for its margins)")
    p.add_argument("--theme", help="the theme it was built with")
    p.add_argument("--margin", help="CSS margin shorthand, instead of --source/--theme")
    p.add_argument("--profile", default="screen", help="the build's profile (print mirrors the margins)")
    p.add_argument("--json", action="store_true", help="print JSON")
    args = p.parse_args(argv)
    if args.margin is None and args.source is None:
        p.error("the page margins are needed: give --source (what the PDF was built from) or --margin")
    margin, mirrored, volume = args.margin, False, bool(args.source and is_compilation(args.source))
    if margin is None:
        _, theme = load_source(args.source, theme=args.theme)
        setup = page_setup(theme, args.profile, None)
        margin, mirrored = setup.margin, setup.mirrored
    pages = measure(args.pdf, margin, mirrored, volume)
    if args.json:
        print(json.dumps({"summary": summary(pages), "pages": [asdict(p) for p in pages]}, ensure_ascii=False))
    else:
        print(" ".join(f"{p.page}:{p.fill:.2f}{'|' if p.ends_part else ''}" for p in pages))
        print(json.dumps(summary(pages), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
