"""PDF inspection helpers shared by the PDF tests (the sample editions are in tests/samples.py)."""

from __future__ import annotations

import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pdfplumber
import regex
from pypdf import PdfReader


def pdftotext(pdf: Path, *args: str) -> str:
    return subprocess.run(["pdftotext", *args, str(pdf), "-"], capture_output=True, text=True, check=True).stdout


@dataclass(frozen=True)
class Line:
    """One line of text in one column of a page, from pdfplumber's character boxes."""

    page: int
    x0: float
    x1: float
    text: str
    size: float = 0.0  # the font size of its first character


# Full-width closing and stop marks draw in the left half of their em box: a line ends where
# that half ends, whether the mark is set half-width (its advance) or full-width (a gap).
CLOSING_MARKS = frozenset("、，。；：！？）」』”’》〉】〕〗")


def right_edge(char: dict[str, Any]) -> float:
    """Where a character's ink ends for a flush edge (pdfplumber's x1 is the full advance):
    a full-width closing mark's ink is its left half; a Latin one (” in Noto Serif, 0.45 em)
    ends where its advance does."""
    if char["text"] in CLOSING_MARKS and float(char["x1"]) - float(char["x0"]) >= 0.9 * float(char["size"]):
        return float(char["x0"]) + 0.5 * float(char["size"])
    return float(char["x1"])


def column_lines(pdf: Path, gap: float = 8.0) -> list[Line]:
    """Characters grouped by baseline, split where a gap wider than `gap` pt separates columns."""
    lines: list[Line] = []
    with pdfplumber.open(pdf) as doc:
        for number, page in enumerate(doc.pages, 1):
            rows: dict[float, list[dict[str, Any]]] = {}
            for ch in page.chars:
                # the baseline, from the text matrix: a Latin face's box differs from a CJK one's
                rows.setdefault(round(float(page.height) - ch["matrix"][5], 1), []).append(ch)
            for _, chars in sorted(rows.items()):
                chars.sort(key=lambda c: c["x0"])
                start = 0
                for i in range(1, len(chars) + 1):
                    if i == len(chars) or chars[i]["x0"] - chars[i - 1]["x1"] > gap:
                        run = chars[start:i]
                        text = "".join(c["text"] for c in run)
                        lines.append(Line(number, run[0]["x0"], right_edge(run[-1]), text, run[0]["size"]))
                        start = i
    return lines


def squeeze(text: str) -> str:
    """Text without whitespace and hyphens, for comparing source and extracted text."""
    return regex.sub(r"[\s\-\u00ad\u2010]+", "", text)


def flush_edges(lines: list[Line], min_lines: int = 2) -> list[float]:
    """Right edges that several lines end on: the columns' edges in a justified document."""
    counts = Counter(round(line.x1, 1) for line in lines)
    return sorted(x for x, n in counts.items() if n >= min_lines)


def justified_lines(lines: list[Line], paragraphs: list[str], first_page: int) -> list[Line]:
    """Lines of the given paragraphs from `first_page` on, without each paragraph's last line."""
    out = []
    for line in lines:
        text = squeeze(line.text)
        if line.page < first_page or len(text) < 4:
            continue
        owners = [p for p in paragraphs if text in p]
        if owners and not any(p.endswith(text) for p in owners):
            out.append(line)
    return out


def shortfall(line: Line, edges: list[float]) -> float:
    """How far a line ends before the column edge it belongs to (the next edge to its right)."""
    edge = min((e for e in edges if e >= line.x1 - 0.5), default=line.x1)
    return edge - line.x1


def outline(pdf: Path) -> list[tuple[int, str, int]]:
    """The PDF bookmarks in order as (level, title, 1-based page number)."""
    reader = PdfReader(pdf)
    out: list[tuple[int, str, int]] = []

    def walk(items: list[Any], level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                out.append((level, item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 1)
    return out
