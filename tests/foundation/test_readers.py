"""Both readers: edition JSON and edition folder (edition.toml + Markdown with front matter)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image

from exporter.errors import InputError
from exporter.model import Figure, Heading, ListBlock, Paragraph, Quote
from exporter.readers import load

EDITION = {"title": "青川日报", "date": "2026-11-20", "language": "zh-CN"}


def write_json(tmp: Path, data, name="edition.json") -> Path:
    path = tmp / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def png(path: Path, size=(40, 30)) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, (10, 120, 200)).save(path)


def problems(exc: pytest.ExceptionInfo[InputError]) -> list[str]:
    return [str(p) for p in exc.value.problems]


# --- JSON ----------------------------------------------------------------------------

def test_json_images_resolve_relative_to_the_file(tmp_path):
    png(tmp_path / "img" / "port.png", (64, 48))
    src = write_json(tmp_path, EDITION | {"articles": [
        {"kind": "photo", "blocks": [{"type": "figure", "src": "img/port.png", "caption": "码头。"}]}]})
    loaded = load(src)
    asset = loaded.assets.get("img/port.png")
    assert asset.source == (tmp_path / "img" / "port.png").resolve()
    assert (asset.width, asset.height) == (64, 48)
    assert asset.name.startswith("images/") and asset.name.isascii()


def test_json_syntax_error_names_line_and_column(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{\n  "title": "x",\n  "date": 2026-11-20\n}', encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load(path)
    assert problems(exc) == [f"{path}:3:15: invalid JSON: Expecting ',' delimiter"]


def test_json_schema_errors_are_all_reported_with_field_paths(tmp_path):
    path = write_json(tmp_path, EDITION | {"articles": [
        {"kind": "article"},
        {"kind": "notice", "headline": ""},
        {"kind": "photo"},
        {"kind": "poem", "headline": "x"},
        {"headline": "x", "blocks": [{"type": "paragraph", "text": "ok"}, {"type": "video"}]},
    ]})
    with pytest.raises(InputError) as exc:
        load(path)
    got = problems(exc)
    assert f"{path}:articles[0]: an article of kind 'article' needs a headline" in got
    assert f"{path}:articles[1]: an article of kind 'notice' needs a headline" in got
    assert f"{path}:articles[3].kind: unknown kind 'poem' (expected article, photo or notice)" in got
    assert any(g.startswith(f"{path}:articles[4].blocks[1]: unknown block type 'video'") for g in got)
    assert not any("articles[2]" in g for g in got)  # a photo may have no headline
    assert len(got) == 4


@pytest.mark.parametrize("src, reason", [
    ("missing.png", "not found"),
    ("../outside.png", "outside the edition folder"),
    ("/etc/passwd", "absolute path"),
    ("https://example.com/a.png", "is a remote URL"),
    ("file:///etc/passwd", "is a URL"),
    ("notes.txt", "not a readable image"),
])
def test_json_bad_image_paths_are_refused(tmp_path, src, reason):
    png(tmp_path / "outside.png")
    ed = tmp_path / "ed"
    ed.mkdir()
    (ed / "notes.txt").write_text("hello")
    path = write_json(ed, EDITION | {"articles": [
        {"kind": "photo", "blocks": [{"type": "figure", "src": src, "caption": "c"}]}]})
    with pytest.raises(InputError) as exc:
        load(path)
    [problem] = problems(exc)
    assert problem.startswith(f"{path}:articles[0].blocks[0].src: ") and reason in problem


def test_json_symlink_leading_outside_is_refused(tmp_path):
    png(tmp_path / "secret.png")
    ed = tmp_path / "ed"
    ed.mkdir()
    (ed / "link.png").symlink_to(tmp_path / "secret.png")
    path = write_json(ed, EDITION | {"articles": [
        {"kind": "photo", "blocks": [{"type": "figure", "src": "link.png", "caption": "c"}]}]})
    with pytest.raises(InputError, match="symbolic link"):
        load(path)


def test_json_unknown_fields_are_kept_and_warned_about(tmp_path):
    path = write_json(tmp_path, EDITION | {"articles": [{"headline": "x", "colour": "red"}]})
    loaded = load(path)
    assert loaded.warnings == [f"{path}:articles[0].colour: unknown field (kept, but not used)"]


def test_json_with_bom_is_read(tmp_path):
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(EDITION).encode())
    assert load(path).edition.title == "青川日报"


def test_missing_source_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file or folder"):
        load(tmp_path / "nope.json")


# --- Markdown folder -----------------------------------------------------------------

def folder(tmp: Path, toml: str, files: dict[str, str]) -> Path:
    (tmp / "edition.toml").write_text(toml, encoding="utf-8")
    for name, text in files.items():
        (tmp / name).write_text(text, encoding="utf-8")
    return tmp


TOML = 'title = "青川日报"\ndate = 2026-11-20\nlanguage = "zh-CN"\nedition = "第1期"\n'

ARTICLE = """---
kicker: 项目建设提速
headline: 青川港新码头投产
subheadline: 年吞吐能力提升三成
dateline: 本报讯
byline: （记者 张三 李四）
authors: [张三, 李四]
section: 要闻
page: 1
lead:
  - 导语第一段。
continued_to: 3版
---
港口建设
稳步推进，*年吞吐*能力提升。<b>不是标签</b>

## 小标题一

![码头全景](img/port.png "晨光中的新码头。"){credit="记者 王五"}

1. 第一项
2. 第二项

- 甲
- 乙

> 引语一句。

::: figure {credit="记者 赵六"}
一张只有说明的照片。
:::
"""


def test_markdown_article_becomes_blocks(tmp_path):
    png(tmp_path / "img" / "port.png")
    loaded = load(folder(tmp_path, TOML, {"01-port.md": ARTICLE}))
    art = loaded.edition.articles[0]
    assert (art.id, art.kicker, art.subheadline, art.authors, art.page) == (
        "01-port", "项目建设提速", "年吞吐能力提升三成", ["张三", "李四"], 1)
    assert art.lead == ["导语第一段。"] and art.continued_to == "3版"
    kinds = [type(b) for b in art.blocks]
    assert kinds == [Paragraph, Heading, Figure, ListBlock, ListBlock, Quote, Figure]
    para, head, fig, ol, ul, quote, caption_only = art.blocks
    assert para.text == "港口建设稳步推进，年吞吐能力提升。<b>不是标签</b>"  # raw HTML stays text
    assert head.text == "小标题一"
    assert (fig.src, fig.alt, fig.caption, fig.credit) == ("img/port.png", "码头全景", "晨光中的新码头。", "记者 王五")
    assert ol.ordered and ol.items == ["第一项", "第二项"] and not ul.ordered
    assert quote.text == "引语一句。"
    assert (caption_only.src, caption_only.caption, caption_only.credit) == (None, "一张只有说明的照片。", "记者 赵六")


def test_markdown_order_follows_edition_toml_and_warns_about_unlisted_files(tmp_path):
    src = folder(tmp_path, TOML + 'articles = ["b.md", "a.md"]\n',
                 {"a.md": "---\nheadline: A\n---\n正文。\n", "b.md": "---\nheadline: B\n---\n正文。\n",
                  "c.md": "---\nheadline: C\n---\n正文。\n"})
    loaded = load(src)
    assert [a.headline for a in loaded.edition.articles] == ["B", "A"]
    assert loaded.warnings == [f"{tmp_path / 'c.md'}: not listed in edition.toml 'articles'; skipped"]


def test_markdown_default_order_is_by_file_name(tmp_path):
    src = folder(tmp_path, TOML, {"02.md": "---\nheadline: two\n---\n", "01.md": "---\nheadline: one\n---\n"})
    assert [a.headline for a in load(src).edition.articles] == ["one", "two"]


def test_markdown_front_matter_yaml_error_has_line_and_column(tmp_path):
    src = folder(tmp_path, TOML, {"a.md": "---\nheadline: A\nauthors: [张三\n---\n正文。\n"})
    with pytest.raises(InputError) as exc:
        load(src)
    [problem] = problems(exc)
    assert problem.startswith(f"{tmp_path / 'a.md'}:3:13: invalid YAML front matter")


def test_markdown_schema_errors_name_the_article_file(tmp_path):
    src = folder(tmp_path, TOML, {"a.md": "---\nkind: notice\n---\n正文。\n", "b.md": "---\nkind: gossip\nheadline: x\n---\n"})
    with pytest.raises(InputError) as exc:
        load(src)
    assert problems(exc) == [
        f"{tmp_path / 'a.md'}: an article of kind 'notice' needs a headline",
        f"{tmp_path / 'b.md'}:kind: unknown kind 'gossip' (expected article, photo or notice)",
    ]


def test_edition_toml_errors(tmp_path):
    src = folder(tmp_path, 'title = "x"\ndate = \n', {})
    with pytest.raises(InputError, match=r"edition.toml:2:8: invalid TOML"):
        load(src)
    src = folder(tmp_path, TOML + 'colour = "red"\n', {})
    with pytest.raises(InputError, match="colour: unknown key"):
        load(src)


def test_folder_without_edition_toml(tmp_path):
    with pytest.raises(InputError, match="edition.toml is missing"):
        load(tmp_path)


def test_markdown_quotes_captions_lists_and_numbers_keep_their_text(tmp_path):
    png(tmp_path / "x.png")
    body = (
        "---\nheadline: 2026\ncontinued_to: 3\nauthors: [2026, 张三]\n---\n"
        "> 第一段。\n>\n> 第二段。\n>\n> ——某某\n\n"
        '![a](x.png "Title caption.") and *more* words\n\n'
        '::: figure {credit="Jo" class=wide}\nOnly a caption.\n:::\n\n'
        "- a\n  - b\n- c\n\n  still c\n\n"
        "Text before ![inline](x.png) after\n"
    )
    loaded = load(folder(tmp_path, TOML, {"a.md": body}))
    art = loaded.edition.articles[0]
    assert (art.headline, art.continued_to, art.authors) == ("2026", "3", ["2026", "张三"])
    q1, q2, fig, cap, lst, para = art.blocks
    assert (q1.text, q2.text, q2.attribution) == ("第一段。", "第二段。", "某某")
    assert fig.caption == "Title caption. and more words"
    assert (cap.caption, cap.credit) == ("Only a caption.", "Jo")
    assert lst.items == ["a", "b", "c still c"]
    assert para.text == "Text before inline after"
    md = tmp_path / "a.md"
    assert f"{md}:18: nested list flattened into one list" in loaded.warnings
    assert any(w.startswith(f"{md}:24: image inside a sentence kept as its alt text") for w in loaded.warnings)
