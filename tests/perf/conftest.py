"""A small volume of three editions: several PDF chunks, laid out in seconds."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from tests.pdf.helpers import SMALL_EDITION, write_edition


def write_volume(folder: Path) -> Path:
    """Three dated copies of the small test edition and a compilation by day."""
    for day in (16, 17, 18):
        edition = copy.deepcopy(SMALL_EDITION)
        edition["date"] = f"2026-11-{day}"
        edition["edition"] = f"第{day}期"
        for article in edition["articles"]:  # different text each day: no duplicates to drop
            article.pop("continued_to", None)
            if article.get("headline"):
                article["headline"] = f"{day}日{article['headline']}"
            for block in article["blocks"]:
                for key in ("text", "caption"):
                    if key in block:
                        block[key] = f"{day}日，{block[key]}"
        path = write_edition(folder / f"d{day}", edition)
        path.rename(path.with_name(f"{day}.json"))
    (folder / "volume.toml").write_text(
        'title = "测试周刊"\neditions = ["d*/*.json"]\nby = "day"\ntheme = "digest"\n', encoding="utf-8")
    return folder / "volume.toml"


def change_edition(folder: Path, day: int) -> None:
    path = folder / f"d{day}" / f"{day}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["articles"][0]["blocks"][0]["text"] = "更正：" + data["articles"][0]["blocks"][0]["text"]
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


@pytest.fixture
def volume_source(tmp_path: Path) -> Path:
    return write_volume(tmp_path / "volume")
