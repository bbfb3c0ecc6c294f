"""The one sample-edition factory of the tests: edition data, the images they show, and a
small volume of several editions. (The bundled examples in examples/ are the other inputs.)

- SMALL_EDITION: a short Chinese edition (two sections, a photo, a notice, a jump line) that
  lays out in seconds: the PDF tests' edition.
- FULL_EDITION: every element of the model (sections, an unsectioned article, a photo with
  an image, a caption-only photo, a list, a quote, jump lines, two authors, a notice, a
  cover): the EPUB tests' edition.
- write_volume(): three dated copies of SMALL_EDITION and a compilation by day.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from PIL import Image

NOTICE_ISSUER = "青川市交通运输局"
NOTICE_DATE = "2026年11月19日"
# Generated images by name: size and colour.
IMAGES = {"bridge.png": ((320, 200), (70, 110, 160)), "img/harbour.png": ((640, 400), (70, 110, 150)),
          "img/cover.jpg": ((600, 900), (150, 40, 40)), "portrait.png": ((240, 480), (90, 120, 90))}

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


FULL_EDITION = {
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


def _images(edition: dict[str, Any]) -> set[str]:
    srcs = {block.get("src") for article in edition.get("articles", []) for block in article.get("blocks", [])}
    return {name for name in IMAGES if name in srcs or name == edition.get("cover")}


def write_edition(folder: Path, edition: dict[str, Any] = SMALL_EDITION, name: str = "small.json",
                  images: set[str] | None = None) -> Path:
    """Write `edition` as JSON into `folder` with the images it shows (or `images`); return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    for image in _images(edition) if images is None else images:
        size, colour = IMAGES[image]
        (folder / image).parent.mkdir(parents=True, exist_ok=True)
        Image.new("RGB", size, colour).save(folder / image)
    path = folder / name
    path.write_text(json.dumps(edition, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def write_sample(folder: Path, *, cover: bool = False, articles: bool = True) -> Path:
    """FULL_EDITION as folder/edition.json with its images (the cover image is always there)."""
    edition = copy.deepcopy(FULL_EDITION)
    if cover:
        edition["cover"] = "img/cover.jpg"
    if not articles:
        edition["articles"] = []
    return write_edition(folder, edition, "edition.json", {"img/harbour.png", "img/cover.jpg"})


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
        write_edition(folder / f"d{day}", edition, f"{day}.json")
    (folder / "volume.toml").write_text(
        'title = "测试周刊"\neditions = ["d*/*.json"]\nby = "day"\ntheme = "digest"\n', encoding="utf-8")
    return folder / "volume.toml"


def change_edition(folder: Path, day: int) -> None:
    """Edit the first paragraph of one day's edition of a volume."""
    path = folder / f"d{day}" / f"{day}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["articles"][0]["blocks"][0]["text"] = "更正：" + data["articles"][0]["blocks"][0]["text"]
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
