"""A small edition with every element of the model, for EPUB tests until (and besides)
the bundled examples: Chinese text, sections, an unsectioned article, a photo with an
image, a caption-only photo, a list, a quote, jump lines, two authors and a notice."""

from __future__ import annotations

import json
from pathlib import Path

from PIL import Image

NOTICE_ISSUER = "青川市交通运输局"
NOTICE_DATE = "2026年11月19日"


def write_sample(folder: Path, *, cover: bool = False, articles: bool = True) -> Path:
    """Write edition.json (and its images) into `folder`; return the JSON path."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "img").mkdir(exist_ok=True)
    Image.new("RGB", (640, 400), (70, 110, 150)).save(folder / "img" / "harbour.png")
    Image.new("RGB", (600, 900), (150, 40, 40)).save(folder / "img" / "cover.jpg")
    edition = {
        "title": "青川日报",
        "date": "2026-11-20",
        "language": "zh-CN",
        "edition": "第8123期",
        "publisher": "青川日报社",
        "description": "青川市委机关报，每日出版。",
        "sections": ["要闻", "城市"],
        "articles": [
            {
                "id": "lead-story", "section": "要闻", "page": 1,
                "kicker": "冬季供暖提前启动", "headline": "全市供暖今日起全面运行",
                "subheadline": "——三十万户居民家中温度达标", "dateline": "本报讯",
                "authors": ["王晓明", "李华"], "lead": ["记者从市供热办获悉，全市集中供暖今日正式运行。"],
                "blocks": [
                    {"type": "paragraph", "text": "今年供暖季比往年提前五天，热源厂已完成设备检修。"},
                    {"type": "heading", "text": "老旧小区改造完成"},
                    {"type": "paragraph", "text": "全市共完成老旧管网改造120公里，惠及居民3.2万户。"},
                    {"type": "list", "ordered": True, "items": ["供热热线：12345", "报修时间：全天"]},
                    {"type": "quote", "text": "家里暖和了，心里也踏实。", "attribution": "居民 张阿姨"},
                ],
                "continued_to": "2版",
            },
            {
                "id": "harbour-photo", "kind": "photo", "section": "城市",
                "blocks": [{"type": "figure", "src": "img/harbour.png", "alt": "清晨的青川港，货轮靠岸",
                            "caption": "清晨，货轮在青川港靠岸卸货。", "credit": "陈光"}],
            },
            {
                "id": "night-market", "section": "城市", "headline": "夜市重开 烟火气回来了",
                "byline": "本报记者 周婷", "continued_from": "1版",
                "blocks": [
                    {"type": "paragraph", "text": "位于老城区的夜市昨晚重新开张，摊位超过两百个。"},
                    {"type": "figure", "caption": "夜市入口的灯笼（资料照片）。"},
                ],
            },
            {
                "id": "road-notice", "kind": "notice", "section": "城市", "headline": "关于滨江路临时封闭施工的通告",
                "blocks": [{"type": "paragraph", "text": "因管网改造，滨江路将于11月22日至12月5日封闭施工。"}],
                "notice": {"issuer": NOTICE_ISSUER, "date": NOTICE_DATE},
            },
            {
                "id": "weather", "headline": "明日天气：晴转多云",
                "blocks": [{"type": "paragraph", "text": "最高气温8℃，最低气温-2℃，北风三级。"}],
            },
        ],
    }
    if cover:
        edition["cover"] = "img/cover.jpg"
    if not articles:
        edition["articles"] = []
    path = folder / "edition.json"
    path.write_text(json.dumps(edition, ensure_ascii=False, indent=1), encoding="utf-8")
    return path
