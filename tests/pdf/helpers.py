"""Test data and PDF inspection helpers shared by the PDF tests."""

from __future__ import annotations

import json
import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pdfplumber
import regex
from PIL import Image
from pypdf import PdfReader

PARAGRAPH = (
    "青川江大桥今日正式通车。大桥连接江北新区与江南老城，主桥全长3.5公里，为双向六车道城市快速路，"
    "设计时速80公里。通车后，两岸之间的车程将由原来的40分钟缩短至8分钟。据项目建设单位介绍，桥上布设了"
    "1200余个传感器，通过5G网络将索力、温度、振动等数据实时传回监测中心，再由AI模型进行分析研判。"
)

SMALL_EDITION = {
    "title": "测试日报",
    "date": "2026-11-20",
    "language": "zh-CN",
    "edition": "第1期",
    "sections": ["要闻", "公告"],
    "articles": [
        {"id": "bridge", "section": "要闻", "kicker": "城建", "headline": "大桥今日通车",
         "subheadline": "两岸车程缩短至8分钟", "authors": ["张三", "李四"], "dateline": "本报讯",
         "lead": ["全长3.5公里的大桥今天正式通车。"],
         "blocks": [{"type": "paragraph", "text": PARAGRAPH * 2},
                    {"type": "heading", "text": "智能监测"},
                    {"type": "paragraph", "text": PARAGRAPH},
                    {"type": "figure", "src": "bridge.png", "caption": "夜色中的大桥。", "credit": "王磊"},
                    {"type": "paragraph", "text": PARAGRAPH}],
         "continued_to": "2版"},
        {"id": "night", "kind": "photo", "section": "要闻",
         "blocks": [{"type": "figure", "src": "bridge.png", "caption": "11月19日傍晚，大桥亮起景观灯。"}]},
        {"id": "water", "kind": "notice", "section": "公告", "headline": "关于临时停水的公告",
         "blocks": [{"type": "paragraph", "text": "因管网施工，江南片区11月23日22:00至次日6:00停水。"}],
         "notice": {"issuer": "青川市自来水有限公司", "date": "2026年11月19日"}},
    ],
}


def write_edition(folder: Path, edition: dict[str, object]) -> Path:
    """An edition JSON file with a small generated photo beside it."""
    folder.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (320, 200), (70, 110, 160)).save(folder / "bridge.png")
    path = folder / "small.json"
    path.write_text(json.dumps(edition, ensure_ascii=False), encoding="utf-8")
    return path


def pdftotext(pdf: Path, *args: str) -> str:
    return subprocess.run(["pdftotext", *args, str(pdf), "-"], capture_output=True, text=True, check=True).stdout


@dataclass(frozen=True)
class Line:
    """One line of text in one column of a page, from pdfplumber's character boxes."""

    page: int
    x0: float
    x1: float
    text: str


def column_lines(pdf: Path, gap: float = 8.0) -> list[Line]:
    """Characters grouped by baseline, split where a gap wider than `gap` pt separates columns."""
    lines: list[Line] = []
    with pdfplumber.open(pdf) as doc:
        for number, page in enumerate(doc.pages, 1):
            rows: dict[float, list[dict[str, Any]]] = {}
            for ch in page.chars:
                rows.setdefault(round(ch["bottom"], 1), []).append(ch)
            for _, chars in sorted(rows.items()):
                chars.sort(key=lambda c: c["x0"])
                start = 0
                for i in range(1, len(chars) + 1):
                    if i == len(chars) or chars[i]["x0"] - chars[i - 1]["x1"] > gap:
                        run = chars[start:i]
                        text = "".join(c["text"] for c in run)
                        lines.append(Line(number, run[0]["x0"], run[-1]["x1"], text))
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
