"""Compilations: config errors, grouping by day and by section, filters, jump merging,
duplicate removal, and batch builds that continue past a broken source."""

from __future__ import annotations

import json
from pathlib import Path

import lxml.html
import pytest

from exporter.compile import compile_volume
from exporter.errors import InputError

from ..conftest import run_cli


def para(text):
    return {"type": "paragraph", "text": text}


def edition(day: int, articles: list[dict], label: str | None = None) -> dict:
    return {"title": "青川日报", "date": f"2026-11-{day:02d}", "language": "zh-CN", "edition": label or f"第{day}期",
            "sections": ["要闻", "文化", "公告"], "articles": articles}


def week(tmp: Path, editions: dict[str, dict], toml: str) -> Path:
    (tmp / "eds").mkdir(exist_ok=True)
    for name, data in editions.items():
        (tmp / "eds" / name).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    path = tmp / "weekly.toml"
    path.write_text(toml, encoding="utf-8")
    return path


EDITIONS = {
    "16.json": edition(16, [
        {"id": "a", "section": "要闻", "headline": "大桥通车", "page": 1, "continued_to": "2版", "blocks": [para("第一部分。")]},
        {"id": "b", "section": "文化", "headline": "灯会开幕", "blocks": [para("灯会。")]},
        {"id": "a2", "section": "要闻", "headline": "大桥通车", "page": 2, "continued_from": "1版", "blocks": [para("第二部分。")]},
        {"id": "n", "kind": "notice", "section": "公告", "headline": "停水公告", "blocks": [para("停水。")],
         "notice": {"issuer": "自来水公司", "date": "2026年11月15日"}},
    ]),
    "17.json": edition(17, [
        {"id": "c", "section": "要闻", "headline": "孤立的续篇", "continued_from": "1版", "blocks": [para("没有前文。")]},
        {"id": "d", "section": "文化", "headline": "图书馆上线助手", "continued_to": "3版", "blocks": [para("上半。")]},
        {"id": "d2", "section": "文化", "headline": "助手上线后", "continues": "d", "continued_from": "1版",
         "blocks": [para("下半。")]},
        {"id": "n", "kind": "notice", "section": "公告", "headline": "停水公告", "blocks": [para("停水。")],
         "notice": {"issuer": "自来水公司", "date": "2026年11月15日"}},
    ]),
}
TOML = 'title = "青川日报一周"\neditions = ["eds/*.json"]\nby = "{by}"\n'


def texts(volume):
    return [t for a in volume.articles for t in a.texts]


def test_by_day_merges_jumps_and_drops_duplicates(tmp_path):
    compiled = compile_volume(week(tmp_path, EDITIONS, TOML.format(by="day")))
    volume = compiled.loaded.edition
    parts = volume.parts()
    assert [p.title for p in parts] == ["2026年11月16日星期一 · 第16期", "2026年11月17日星期二 · 第17期"]
    assert [[s.name for s in p.sections] for p in parts] == [["要闻", "文化", "公告"], ["要闻", "文化"]]
    bridge = next(a for a in volume.articles if a.headline == "大桥通车")
    assert [b.text for b in bridge.blocks] == ["第一部分。", "第二部分。"]
    assert bridge.continued_to is None and bridge.continued_from is None
    explicit = next(a for a in volume.articles if a.headline == "图书馆上线助手")
    assert [b.text for b in explicit.blocks] == ["上半。", "下半。"] and explicit.continued_to is None
    orphan = next(a for a in volume.articles if a.headline == "孤立的续篇")
    assert orphan.continued_from == "11月17日1版，本书未收录"  # the jump line stays, naming its edition
    assert texts(volume).count("停水。") == 1
    assert len(volume.articles) == 5
    assert len({a.id for a in volume.articles}) == 5
    report = "\n".join(compiled.report)
    assert "孤立的续篇" in report and "not in this volume" in report
    assert "repeats the article of 2026-11-16 第16期" in report
    assert volume.edition == "2026年11月16日星期一 – 2026年11月17日星期二"


def test_by_section_puts_each_section_in_a_part_with_dated_groups(tmp_path):
    volume = compile_volume(week(tmp_path, EDITIONS, TOML.format(by="section"))).loaded.edition
    parts = volume.parts()
    assert [p.title for p in parts] == ["要闻", "文化", "公告"]
    assert [s.name for s in parts[1].sections] == ["2026年11月16日星期一 · 第16期", "2026年11月17日星期二 · 第17期"]
    assert [a.headline for a in parts[1].articles] == ["灯会开幕", "图书馆上线助手"]
    slugs = [s.slug for p in parts for s in p.sections]
    assert len(slugs) == len(set(slugs))


@pytest.mark.parametrize("extra, kept", [
    ('[include]\nsections = ["文化"]\n', {"灯会开幕", "图书馆上线助手"}),
    ('[exclude]\nkinds = ["notice"]\nsections = ["文化"]\n', {"大桥通车", "孤立的续篇"}),
    ('[dates]\nfrom = 2026-11-17\n', {"孤立的续篇", "图书馆上线助手", "停水公告"}),
])
def test_filters(tmp_path, extra, kept):
    volume = compile_volume(week(tmp_path, EDITIONS, TOML.format(by="day") + extra)).loaded.edition
    assert {a.headline for a in volume.articles} == kept


def test_continuation_whose_first_part_was_filtered_out_keeps_its_jump_line(tmp_path):
    volume = compile_volume(week(tmp_path, EDITIONS, TOML.format(by="day") + '[dates]\nfrom = 2026-11-17\n')).loaded.edition
    assert all(a.continued_from for a in volume.articles if a.headline == "孤立的续篇")


@pytest.mark.parametrize("toml, message", [
    (TOML.format(by="day") + 'colour = "red"\n', "colour: unknown key"),
    (TOML.format(by="week"), "by:"),
    ('title = "x"\neditions = ["nothing/*.json"]\n', "matches no edition"),
    ('title = "x"\neditions = ["../*.json"]\n', "inside its folder"),
    (TOML.format(by="day") + "[include]\nkinds = [\"poem\"]\n", "include.kinds"),
    (TOML.format(by="day") + "[dates]\nfrom = 2030-01-01\n", "no edition falls inside the date range"),
    ('title = "x"\neditions = ["eds/*.json"]\n[cover]\nimage = "missing.png"\n', "cover.image"),
])
def test_bad_compilation_files(tmp_path, toml, message):
    with pytest.raises(InputError, match=message):
        compile_volume(week(tmp_path, EDITIONS, toml))


def test_a_broken_edition_in_a_compilation_is_named(tmp_path):
    path = week(tmp_path, EDITIONS, TOML.format(by="day"))
    (tmp_path / "eds" / "18.json").write_text('{"title": ', encoding="utf-8")
    with pytest.raises(InputError) as exc:
        compile_volume(path)
    assert [str(p) for p in exc.value.problems] == [f"{tmp_path / 'eds' / '18.json'}:1:11: invalid JSON: Expecting value"]


def test_cli_builds_a_compilation_to_html_with_parts(tmp_path):
    path = week(tmp_path, EDITIONS, TOML.format(by="day"))
    result = run_cli("build", path, "--to", "html", "-o", tmp_path / "out")
    assert result.code == 0, result.err
    doc = lxml.html.fromstring((tmp_path / "out" / "weekly" / "index.html").read_bytes())
    assert [h.text_content() for h in doc.cssselect(".part-title")] == [
        "2026年11月16日星期一 · 第16期", "2026年11月17日星期二 · 第17期"]
    assert [p.text_content() for p in doc.cssselect(".contents-part")] == [
        "2026年11月16日星期一 · 第16期", "2026年11月17日星期二 · 第17期"]
    assert doc.cssselect(".part .section-name")[0].tag == "h3"
    assert doc.cssselect(".part .headline")[0].tag == "h4"
    ids = set(doc.xpath("//@id"))
    assert all(a.get("href")[1:] in ids for a in doc.cssselect("nav.contents a"))


def test_batch_mode_continues_and_exits_2(tmp_path):
    good = week(tmp_path, EDITIONS, TOML.format(by="day"))
    bad = tmp_path / "bad.toml"
    bad.write_text('title = "x"\n', encoding="utf-8")
    result = run_cli("build", bad, good, tmp_path / "eds" / "16.json", "-o", tmp_path / "out")
    assert result.code == 2
    assert (tmp_path / "out" / "weekly" / "index.html").is_file()
    assert (tmp_path / "out" / "16" / "index.html").is_file()
    assert f"error: {bad}:editions: required field is missing" in result.err
    assert "1 of 3 sources failed" in result.err


def test_parallel_jobs_build_the_same_outputs(tmp_path):
    path = week(tmp_path, EDITIONS, TOML.format(by="day"))
    one = run_cli("build", path, tmp_path / "eds" / "16.json", "-o", tmp_path / "one")
    two = run_cli("build", path, tmp_path / "eds" / "16.json", "-o", tmp_path / "two", "--jobs", "2")
    assert one.code == two.code == 0, two.err
    for rel in ("weekly/index.html", "16/index.html"):
        assert (tmp_path / "one" / rel).read_bytes() == (tmp_path / "two" / rel).read_bytes()
