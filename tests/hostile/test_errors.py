"""Every kind of bad input, through the real CLI: exit 2, one located line per problem
(file:line:col or file:field.path), never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ..conftest import run_cli
from .conftest import BASE

ARTICLE = {"headline": "标题", "blocks": [{"type": "paragraph", "text": "正文。"}]}


def edition_json(folder: Path, text: str) -> Path:
    (folder / "e.json").write_text(text, encoding="utf-8")
    return folder / "e.json"


def a_file(folder: Path, name: str, data: str | bytes) -> Path:
    """Write one file of the case and return its path."""
    path = folder / name
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


def edition(**changes: object) -> str:
    return json.dumps(BASE | {"articles": [ARTICLE]} | changes, ensure_ascii=False)


def markdown_folder(folder: Path, front: str) -> Path:
    (folder / "edition.toml").write_text('title = "x"\ndate = 2026-11-20\n', encoding="utf-8")
    (folder / "a.md").write_text(f"---\n{front}\n---\n正文。\n", encoding="utf-8")
    return folder


CASES = {
    "json syntax": (lambda d: edition_json(d, '{"title": "x",\n  "date": }'), ["e.json:2:11: invalid JSON"]),
    "not utf-8": (lambda d: a_file(d, "e.json", b'{"title": "\xff"}'), ["not UTF-8 text"]),
    "edition.toml syntax": (lambda d: a_file(d, "edition.toml", 'title = "x\n').parent, ["edition.toml:1:11: invalid TOML"]),
    "yaml front matter": (lambda d: markdown_folder(d, "headline: [a"), ["a.md:2:13: invalid YAML front matter"]),
    "every schema problem": (lambda d: edition_json(d, edition(date="2026-02-30", language="xx-!!", articles=[
        {"kind": "poem", "headline": 5, "authors": "张三", "blocks": [{"type": "poem"}, {"text": "x"}]}])), [
        "e.json:date: ", "e.json:language: 'xx-!!' is not a valid BCP 47 language tag",
        "e.json:articles[0].kind: unknown kind 'poem'", "e.json:articles[0].headline: Input should be a valid string",
        "e.json:articles[0].authors: Input should be a valid list",
        "e.json:articles[0].blocks[0]: unknown block type 'poem'", "e.json:articles[0].blocks[1]: block has no 'type'"]),
    "empty headline": (lambda d: edition_json(d, edition(articles=[{"headline": "  "}])),
                       ["e.json:articles[0]: an article of kind 'article' needs a headline"]),
    "duplicate ids": (lambda d: edition_json(d, edition(articles=[ARTICLE | {"id": "a"}, ARTICLE | {"id": "a"}])),
                      ["duplicate article id 'a' (articles[0] and articles[1])"]),
    "invalid date": (lambda d: edition_json(d, edition(date="yesterday")), ["e.json:date: "]),
    "invalid language": (lambda d: edition_json(d, edition(language="english please")), ["e.json:language: "]),
    "surrogate": (lambda d: edition_json(d, edition().replace("正文。", "\\udc00")), ["unpaired surrogate U+DC00"]),
    "compilation syntax": (lambda d: a_file(d, "week.toml", "[[editions]\n"),
                           ["week.toml:1:"]),
}


@pytest.mark.parametrize("case", CASES)
def test_bad_input_is_one_located_line_per_problem(tmp_path, case):
    make, expected = CASES[case]
    result = run_cli("build", make(tmp_path), "-o", tmp_path / "out")
    lines = [line for line in result.err.splitlines() if line.strip()]
    assert result.code == 2 and "Traceback" not in result.err
    assert all(line.startswith("error: ") for line in lines), result.err
    assert len(lines) == len(expected), result.err
    for part in expected:
        assert any(part in line for line in lines), (part, result.err)
    assert not (tmp_path / "out").exists()


def test_bad_theme_toml_is_located(tmp_path):
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "theme.toml").write_text('name = "t"\nextends = \n', encoding="utf-8")
    source = tmp_path / "e.json"
    source.write_text(edition(), encoding="utf-8")
    result = run_cli("build", source, "--theme", tmp_path / "t", "-o", tmp_path / "out")
    assert result.code == 2 and "Traceback" not in result.err
    assert result.err.strip() == f"error: {tmp_path / 't' / 'theme.toml'}:2:11: invalid TOML: Invalid value"
