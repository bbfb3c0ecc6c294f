"""Editions with article mixes the page make-up (issue 14) was not tuned on, to measure fill.

`python -m benchmarks.makeup_corpus OUT` writes three editions, each a different make-up
problem, and prints how to measure them:

- `briefs`: many short items, notices, a photo story of three pictures, a lone caption;
- `features`: four long features with subheads and pictures of different shapes, one
  portrait photo story, one long notice;
- `english`: the English edition of the line-composition corpus (quotes, subheads, no pictures).

Deterministic from a seed; nothing is downloaded or committed.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

from PIL import Image

from . import line_corpus
from .corpus import _WORDS, _image, _paragraph, _sentence

SECTIONS = ["要闻", "社会", "文化", "公告"]


def _words(rng: random.Random, low: int, high: int) -> str:
    return "".join(rng.choice(_WORDS) for _ in range(rng.randint(low, high)))


def _picture(folder: Path, name: str, rng: random.Random, size: tuple[int, int]) -> dict[str, object]:
    path = folder / "images" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    _image(path, rng)
    Image.open(path).resize(size).save(path, "JPEG", quality=70)
    return {"type": "figure", "src": f"images/{name}", "caption": _sentence(rng), "credit": "本报记者"}


def _notice(rng: random.Random, n: int, paragraphs: int) -> dict[str, object]:
    return {"id": f"n{n}", "kind": "notice", "section": "公告", "headline": f"关于{_words(rng, 2, 4)}的公告",
            "blocks": [{"type": "paragraph", "text": _paragraph(rng, 200)} for _ in range(paragraphs)],
            "notice": {"issuer": f"青川市{rng.choice(_WORDS)}管理局", "date": "2027年3月8日"}}


def _edition(folder: Path, name: str, date: str, articles: list[dict[str, object]]) -> Path:
    data = {"title": "青川日报", "date": date, "language": "zh-CN", "publisher": "青川日报社",
            "sections": SECTIONS, "articles": articles}
    path = folder / f"{name}.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def briefs(folder: Path) -> Path:
    rng = random.Random("makeup-briefs")
    articles: list[dict[str, object]] = []
    for n in range(14):
        articles.append({"id": f"b{n}", "section": SECTIONS[n % 3], "headline": _words(rng, 3, 6),
                         "blocks": [{"type": "paragraph", "text": _paragraph(rng, rng.randint(80, 260))}]})
        if n == 5:
            articles.append({"id": "story", "kind": "photo", "section": "社会", "headline": _words(rng, 3, 5),
                             "blocks": [_picture(folder, f"story{i}.jpg", rng, (480, 320)) for i in range(3)]})
        if n == 9:
            articles.append({"id": "caption", "kind": "photo", "section": "文化",
                             "blocks": [{"type": "figure", "caption": _sentence(rng), "credit": "读者供图"}]})
    articles += [_notice(rng, n, 1 + n) for n in range(3)]
    return _edition(folder, "briefs", "2027-03-08", articles)


def features(folder: Path) -> Path:
    rng = random.Random("makeup-features")
    shapes = [(640, 300), (480, 480), (360, 520), (520, 360)]  # panorama, square, portrait, landscape
    articles: list[dict[str, object]] = []
    for n in range(4):
        blocks: list[dict[str, object]] = []
        for i in range(rng.randint(12, 18)):
            if i and i % 4 == 0:
                blocks.append({"type": "heading", "text": _words(rng, 2, 4)})
            blocks.append({"type": "paragraph", "text": _paragraph(rng, rng.randint(180, 320))})
        blocks.insert(3, _picture(folder, f"feature{n}.jpg", rng, shapes[n]))
        articles.append({"id": f"f{n}", "section": SECTIONS[n % 3], "kicker": _words(rng, 2, 3),
                         "headline": _words(rng, 4, 7), "subheadline": _words(rng, 4, 6),
                         "dateline": "本报讯", "authors": ["张晓明"], "blocks": blocks})
    articles.insert(2, {"id": "portrait", "kind": "photo", "section": "要闻", "headline": _words(rng, 3, 5),
                        "blocks": [_picture(folder, "portrait.jpg", rng, (360, 540))]})
    articles.append(_notice(rng, 9, 6))
    return _edition(folder, "features", "2027-03-09", articles)


def english(folder: Path) -> Path:
    return line_corpus.edition(folder, 4)


def write(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return [briefs(folder), features(folder), english(folder)]


if __name__ == "__main__":
    for path in write(Path(sys.argv[1] if len(sys.argv) > 1 else "makeup-corpus")):
        print(f"exporter build {path} --to pdf && python -m benchmarks.fill OUT/{path.stem}.pdf --source {path}")
