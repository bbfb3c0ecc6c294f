"""Split a print document at its natural page breaks and lay the pieces out separately.

Every part and every section of the print template starts on a new page, so the sections
can be laid out as independent documents ("chunks") in separate processes: a section's
pages do not depend on what came before, only its page numbers, running heads and the
contents do, and those are drawn afterwards (exporter/writers/pdf/furniture.py). A chunk is
the same markup the single-pass document has (sections inside `main`, inside their part),
with one extra stylesheet that suppresses the page-margin furniture.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from weasyprint import HTML

from ...model import Part, Section
from .fetcher import StagedFetcher
from ...weasyprint_ext.font_subsets import DEFERRED_FONT_SUBSETS
from ...weasyprint_ext.patches import patched
from ...weasyprint_ext.page_info import PageInfo, page_info

# A chunk is one section, or several small consecutive sections of one part: fewer
# chunks pay less per-document overhead (stylesheets, fonts, PDF writing).
CHUNK_CHARACTERS = 6000
MARGIN_BOXES = [f"{side}-{where}" for side in ("top", "bottom") for where in ("left", "center", "right")] + [
    "top-left-corner", "top-right-corner", "bottom-left-corner", "bottom-right-corner",
    *(f"{side}-{where}" for side in ("left", "right") for where in ("top", "middle", "bottom"))]
CHUNK_CSS = "\n".join(
    f"@page{selector} {{ marks: none; {' '.join(f'@{box} {{ content: none; }}' for box in MARGIN_BOXES)} }}"
    for selector in ("", " :first", " :left", " :right", " :blank")) + "\n"


@dataclass(frozen=True)
class ChunkPart:
    """What the print template needs of a part inside one chunk; `continued` is a part
    whose header and earlier sections are in an earlier chunk (no id, no bookmark)."""

    title: str | None
    slug: str
    sections: list[Section]
    continued: bool = False


@dataclass
class ChunkLayout:
    """A laid-out chunk: its PDF (no page furniture) and what each page holds."""

    pdf: bytes
    pages: list[PageInfo]


def _weight(section: Section) -> int:
    return sum(len(t) for a in section.articles for t in a.texts) + 400 * len(section.articles)


def chunk_weight(chunk: list[ChunkPart]) -> int:
    """About how long a chunk takes to lay out, to hand out the heaviest first."""
    return sum(_weight(section) for part in chunk for section in part.sections)


def split(parts: list[Part]) -> list[list[ChunkPart]]:
    """Group sections into chunks without crossing a part; the order is the document's."""
    chunks: list[list[ChunkPart]] = []
    for part in parts:
        group: list[Section] = []
        for i, section in enumerate(part.sections):
            group.append(section)
            if sum(map(_weight, group)) >= CHUNK_CHARACTERS or i == len(part.sections) - 1:
                first = group[0] is part.sections[0]
                chunks.append([ChunkPart(part.title, part.slug, group, continued=not first and bool(part.title))])
                group = []
    return chunks


def layout_chunk(html: str, stage: str) -> ChunkLayout:
    """Lay out one chunk as a single pass would (runs in a worker process)."""
    root = Path(stage)
    document = HTML(string=html, base_url=str(root / "print.html"), url_fetcher=StagedFetcher(root))
    with patched():
        rendered = document.render(presentational_hints=False)
        with patched(DEFERRED_FONT_SUBSETS):
            pdf = rendered.write_pdf()
    return ChunkLayout(pdf, [page_info(page) for page in rendered.pages])
