"""A deterministic synthetic Chinese corpus: editions with subheads, notices and photos,
generated from a seed so that nothing has to be downloaded or committed.

A week is 7 editions × 16 articles, about 200,000 characters; larger sizes are more
consecutive weeks. `change_one_edition` edits one article's text, for rebuild timings.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

from PIL import Image, ImageDraw

SECTIONS = ["要闻", "经济", "社会", "文化", "公告"]
# Words and phrases that read like municipal news; digits and Latin exercise Han–Latin spacing.
_WORDS = (  # noqa: SIM905 (a word list reads better as text)
    "青川 市委 政府 项目 建设 推进 发展 群众 服务 社区 街道 企业 产业 园区 港口 码头 大桥 交通 "
    "地铁 公交 学校 医院 文化 旅游 农业 乡村 振兴 生态 环境 保护 江水 治理 安全 生产 就业 创业 "
    "居民 老人 儿童 志愿者 工作人员 记者 专家 负责人 会议 部署 落实 提升 改善 完善 加快 打造 "
    "今年以来 近日 目前 据介绍 截至 同比增长 累计 完成 投资 亿元 万人次 公里 平方米 个百分点 "
    "智能 数字化 5G AI 新能源 LED GDP 物流 冷链 电商 直播 图书馆 博物馆 剧院 展览 非遗 传统 "
    "技艺 夜市 消费 市场 价格 供应 保障 天气 降温 出行 施工 改造 管网 停水 通知 办理 窗口"
).split()


def _sentence(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(2, 4)):
        clause = "".join(rng.choice(_WORDS) for _ in range(rng.randint(4, 9)))
        if rng.random() < 0.2:
            clause += f"{rng.randint(2, 980)}{rng.choice(['公里', '万元', '个', '%'])}"
        parts.append(clause)
    return "，".join(parts) + rng.choice(["。", "。", "。", "！", "；"]).replace("；", "。")


def _paragraph(rng: random.Random, chars: int) -> str:
    text = ""
    while len(text) < chars:
        text += _sentence(rng)
    return text


def _image(path: Path, rng: random.Random) -> None:
    """A small photo-like picture: a gradient with a few shapes (a few kilobytes)."""
    w, h = 480, 300
    base = [rng.randint(40, 200) for _ in range(3)]
    im = Image.new("RGB", (w, h), tuple(base))
    draw = ImageDraw.Draw(im)
    for y in range(0, h, 6):
        shade = tuple(min(255, c + y // 4) for c in base)
        draw.rectangle((0, y, w, y + 6), fill=shade)
    for _ in range(4):
        x, y = rng.randint(0, w - 60), rng.randint(0, h - 60)
        draw.ellipse((x, y, x + rng.randint(30, 120), y + rng.randint(30, 90)),
                     fill=tuple(rng.randint(0, 255) for _ in range(3)))
    im.save(path, "JPEG", quality=70)


def _article(rng: random.Random, n: int, section: str, image: str) -> dict[str, object]:
    if section == "公告":
        return {"id": f"a{n:02d}", "kind": "notice", "section": section,
                "headline": f"关于{''.join(rng.choice(_WORDS) for _ in range(3))}的公告",
                "blocks": [{"type": "paragraph", "text": _paragraph(rng, 260)} for _ in range(3)],
                "notice": {"issuer": "青川市" + rng.choice(_WORDS) + "管理局", "date": "2026年11月15日"}}
    if n % 8 == 7:
        return {"id": f"a{n:02d}", "kind": "photo", "section": section,
                "blocks": [{"type": "figure", "src": image, "caption": _sentence(rng), "credit": "本报记者"}]}
    blocks: list[dict[str, object]] = []
    for i in range(rng.randint(7, 10)):
        if i and i % 3 == 0:
            blocks.append({"type": "heading", "text": "".join(rng.choice(_WORDS) for _ in range(3))})
        blocks.append({"type": "paragraph", "text": _paragraph(rng, rng.randint(160, 260))})
    if n % 3 == 0:
        blocks.insert(2, {"type": "figure", "src": image, "caption": _sentence(rng), "credit": "本报记者"})
    return {"id": f"a{n:02d}", "section": section,
            "kicker": "".join(rng.choice(_WORDS) for _ in range(3)),
            "headline": "".join(rng.choice(_WORDS) for _ in range(rng.randint(3, 6))),
            "subheadline": "".join(rng.choice(_WORDS) for _ in range(5)) if n % 2 else None,
            "dateline": "本报讯", "authors": [rng.choice(["张晓明", "李静", "王磊", "陈思远"])],
            "lead": [_paragraph(rng, 90)] if n % 4 == 0 else [],
            "blocks": blocks}


def edition(day: dt.date, number: int, folder: Path, articles_per_edition: int = 16) -> Path:
    """One edition JSON (16 articles, about 28,000 characters) and its photos, from `day`."""
    rng = random.Random(f"newsprint-bench-{day.isoformat()}")
    folder.mkdir(parents=True, exist_ok=True)
    images = folder / "images"
    images.mkdir(exist_ok=True)
    articles = []
    for n in range(articles_per_edition):
        section = SECTIONS[min(n // 4, 3)] if n < 14 else "公告"
        image = f"images/{day.isoformat()}-{n}.jpg"
        art = _article(rng, n, section, image)
        if any(b.get("type") == "figure" for b in art["blocks"]):  # type: ignore[union-attr]
            _image(folder / image, rng)
        articles.append({k: v for k, v in art.items() if v not in (None, [])})
    data = {"title": "青川日报", "date": day.isoformat(), "language": "zh-CN", "edition": f"第{number}期",
            "publisher": "青川日报社", "sections": SECTIONS, "articles": articles}
    path = folder / f"{day.isoformat()}.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def volume(folder: Path, weeks: int, days: int | None = None, articles: int = 16) -> Path:
    """`weeks` weeks of daily editions (or `days` editions) of `articles` articles, and a
    compilation file gathering them by day."""
    start = dt.date(2026, 11, 16)
    days = 7 * weeks if days is None else days
    for i in range(days):
        edition(start + dt.timedelta(days=i), 12340 + i, folder / "editions", articles)
    toml = folder / "volume.toml"
    toml.write_text(
        f'title = "青川日报 · 合订本（{days}期）"\neditions = ["editions/*.json"]\nby = "day"\n'
        'theme = "broadsheet"\n\n[page]\nsize = "A4"\ncolumns = 2\n', encoding="utf-8")
    return toml


def change_one_edition(folder: Path, day_index: int = 3) -> None:
    """Edit one paragraph of one article of one edition (a correction arriving late): the
    sixth article of the fourth day, or the last of each where a small corpus has fewer."""
    paths = sorted((folder / "editions").glob("*.json"))
    path = paths[min(day_index, len(paths) - 1)]
    data = json.loads(path.read_text(encoding="utf-8"))
    articles = data["articles"]
    article = next(a for a in [*articles[min(5, len(articles) - 1)::-1], *articles]
                   if any(b["type"] == "paragraph" for b in a["blocks"]))
    block = next(b for b in article["blocks"] if b["type"] == "paragraph")
    block["text"] = "更正：" + block["text"]
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


def characters(folder: Path) -> int:
    """Chinese characters (and other non-space text) in the corpus's editions."""
    total = 0
    for path in (folder / "editions").glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        for art in data["articles"]:
            for b in art.get("blocks", []):
                total += len(b.get("text", "") or b.get("caption", ""))
            total += sum(len(p) for p in art.get("lead", [])) + len(art.get("headline", ""))
    return total
