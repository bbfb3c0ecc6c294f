"""A generated corpus for the line-composition measure (issue #15): editions in simplified
and traditional Chinese and in English, with what trips line composition up — quotations
closing after a full stop, colons before quotes, book titles, brackets (also opening a
sentence, so some open a line), times and ranges, numbers with units, Latin words, names and
addresses inside Chinese text, and 2-em dashes ("——", also typed "———") — and headlines of every length, so their breaks fall everywhere.

Deterministic from a seed; nothing is downloaded or committed.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

_ZH = (  # noqa: SIM905 (a word list reads better as text)
    "市民 群众 社区 街道 企业 项目 建设 推进 发展 服务 交通 地铁 公交 学校 医院 文化 旅游 乡村 生态 "
    "环境 保护 安全 生产 就业 居民 老人 儿童 志愿者 工作人员 负责人 会议 部署 落实 提升 改善 完善 "
    "加快 打造 近日 目前 截至 同比 增长 累计 完成 投资 智能 数字化 物流 冷链 电商 图书馆 博物馆 "
    "展览 非遗 传统 技艺 夜市 消费 市场 价格 供应 保障 天气 降温 出行 施工 改造 管网 停水 办理 窗口"
).split()
_HANT = "市民 社區 發展 服務 交通 學校 醫院 文化 環境 保護 居民 會議 圖書館 博物館 展覽 傳統 夜市 價格 碼頭 渡輪".split()
_EN = (  # noqa: SIM905
    "council harbour ferry island residents market quay lifeboat crew school library season "
    "contract weather storm walkers gulls festival volunteers bridge repairs visitors station "
    "community funding plans evening morning committee meeting fishermen coastal path ticket"
).split()


_LATIN_TERMS = ("WiFi", "GDP", "iPhone 15", "App", "5G", "PM2.5", "AI", "CEO", "Peter Green",
                "www.example.gov.cn", "https://data.example.org/report", "NBA", "Excel")


def _clause(rng: random.Random, words: list[str], joiner: str = "") -> str:
    return joiner.join(rng.choice(words) for _ in range(rng.randint(3, 7)))


def _zh_sentence(rng: random.Random, words: list[str]) -> str:
    """One sentence, often with a quotation, a title, brackets, a time range or a unit."""
    body = _clause(rng, words)
    kind = rng.randrange(12)
    if kind == 9:
        return f"{body}{rng.choice(_LATIN_TERMS)}{_clause(rng, words)}，{rng.choice(_LATIN_TERMS)}。"
    if kind == 10:
        return f"{body}{rng.choice(['——', '——', '———'])}{_clause(rng, words)}。"
    if kind == 11:
        opening, closing = rng.choice([("（", "）"), ("《", "》"), ("“", "”"), ("「", "」")])
        return f"{opening}{_clause(rng, words)}{closing}{body}。"
    if kind == 0:
        return f"{body}：“{_clause(rng, words)}，{_clause(rng, words)}。”"
    if kind == 1:
        return f"{body}《{_clause(rng, words)}》，{_clause(rng, words)}。"
    if kind == 2:
        return f"{body}（{_clause(rng, words)}）：{_clause(rng, words)}。"
    if kind == 3:
        h = rng.randint(6, 18)
        return f"{body}时间为{h}:00—{h + 2}:00，{_clause(rng, words)}。"
    if kind == 4:
        return f"{body}限速{rng.choice([40, 60, 80])}公里/小时，{_clause(rng, words)}增长{rng.randint(1, 9)}.{rng.randint(1, 9)}%。"
    if kind == 5:
        return f"他说：“{_clause(rng, words)}‘{_clause(rng, words)}’。”{_clause(rng, words)}。"
    if kind == 6:
        return f"{body}，将于{rng.randint(1, 12)}月{rng.randint(1, 28)}日{_clause(rng, words)}。"
    return f"{body}，{_clause(rng, words)}。"


def _en_sentence(rng: random.Random) -> str:
    words = [rng.choice(_EN) for _ in range(rng.randint(8, 16))]
    words[0] = words[0].capitalize()
    if rng.random() < 0.4:
        words.insert(2, f"{rng.choice(_EN).capitalize()}’s")
    if rng.random() < 0.3:
        words.insert(4, f"‘{rng.choice(_EN)} {rng.choice(_EN)}’")
    if rng.random() < 0.3:
        words.append(f"from {rng.randint(9, 17)}:00 to {rng.randint(18, 21)}:30")
    return " ".join(words) + "."


def _paragraph(rng: random.Random, language: str, chars: int, words: list[str]) -> str:
    text = ""
    while len(text) < chars:
        text += (_en_sentence(rng) + " ") if language.startswith("en") else _zh_sentence(rng, words)
    return text.strip()


def _headline(rng: random.Random, language: str, words: list[str], low: int, high: int) -> str:
    if language.startswith("en"):
        return " ".join(rng.choice(_EN) for _ in range(rng.randint(low // 2 + 2, high // 2 + 3))).capitalize()
    text = ""
    target = rng.randint(low, high)
    while len(text) < target:
        text += rng.choice(words)
    return text


def edition(folder: Path, index: int) -> Path:
    """One edition of 10 articles; every fifth is English, every fifth (offset) traditional."""
    rng = random.Random(f"line-corpus-{index}")
    language = "en-GB" if index % 5 == 4 else "zh-Hant" if index % 5 == 2 else "zh-CN"
    words = _HANT if language == "zh-Hant" else _ZH
    sections = ["News", "Community"] if language.startswith("en") else ["要闻", "社会"]
    articles = []
    for n in range(10):
        blocks: list[dict[str, object]] = [
            {"type": "paragraph", "text": _paragraph(rng, language, rng.randint(60, 240), words)}
            for _ in range(rng.randint(3, 7))]
        if n % 3 == 1:
            quote = _en_sentence(rng) if language.startswith("en") else _zh_sentence(rng, words)
            blocks.insert(2, {"type": "quote", "text": quote, "attribution": rng.choice(words + _EN)})
        if n % 4 == 2:
            blocks.insert(1, {"type": "heading", "text": _headline(rng, language, words, 4, 10)})
        articles.append({
            "id": f"a{n}", "section": sections[n % 2],
            "kicker": _headline(rng, language, words, 5, 14),
            "headline": _headline(rng, language, words, 7, 26),
            "subheadline": _headline(rng, language, words, 8, 22) if n % 2 else None,
            "blocks": blocks,
        })
    data = {"title": "Line Test" if language.startswith("en") else "排版测试报",
            "date": (dt.date(2026, 11, 1) + dt.timedelta(days=index)).isoformat(),
            "language": language, "sections": sections,
            "articles": [{k: v for k, v in a.items() if v is not None} for a in articles]}
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"line-{index:02d}.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path
