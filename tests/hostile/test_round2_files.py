"""Round two of the file boundary: every file a build reads from an edition, a
compilation or a theme passes one gate (exporter/safe_files.py): its real path lies
inside the allowed folder, it is a regular file, and it is not over its size limit."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from ..conftest import run_cli
from .conftest import BASE, make_theme, write

SECRET = "TOP-SECRET-CONTENT"
ARTICLE = {"headline": "青川港二期码头投产", "blocks": [{"type": "paragraph", "text": "正文。"}]}


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder outside every edition and theme, holding a 'secret'."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.html").write_text(f"<p>{SECRET}</p>", encoding="utf-8")
    (folder / "secret.md").write_text(f"---\nheadline: 泄露\n---\n\n{SECRET}\n", encoding="utf-8")
    write(folder, BASE | {"articles": [{"headline": "泄露", "blocks": [{"type": "paragraph", "text": SECRET}]}]},
          "leak.json")
    return folder


def everything(out: Path) -> bytes:
    return b"".join(p.read_bytes() for p in out.rglob("*") if p.is_file()) if out.exists() else b""


def test_theme_template_symlinked_outside_is_refused(tmp_path, outside):
    theme = make_theme(tmp_path / "themes", "linky", 'extends = "broadsheet"\n', {})
    (theme / "templates" / "partials").mkdir(parents=True)
    (theme / "templates" / "partials" / "byline.html").symlink_to(outside / "secret.html")
    edition = write(tmp_path / "src", BASE | {"articles": [ARTICLE | {"byline": "记者 张三"}]})
    result = run_cli("build", edition, "--to", "html", "--theme", theme, "-o", tmp_path / "out")
    assert result.code == 2, result.err
    assert "byline.html" in result.err and "outside" in result.err and "Traceback" not in result.err
    assert SECRET.encode() not in everything(tmp_path / "out")


def test_markdown_article_symlinked_outside_is_refused(tmp_path, outside):
    folder = tmp_path / "edition"
    folder.mkdir()
    (folder / "edition.toml").write_text('title = "青川日报"\ndate = 2026-11-20\n', encoding="utf-8")
    (folder / "01.md").symlink_to(outside / "secret.md")
    (folder / "02.md").write_text("---\nheadline: 标题\n---\n\n正文。\n", encoding="utf-8")
    result = run_cli("build", folder, "--to", "html", "-o", tmp_path / "out")
    assert result.code == 2, result.err
    assert "01.md" in result.err and "outside" in result.err
    assert SECRET.encode() not in everything(tmp_path / "out")


def test_edition_toml_symlinked_outside_is_refused(tmp_path, outside):
    (outside / "edition.toml").write_text(f'title = "{SECRET}"\ndate = 2026-11-20\n', encoding="utf-8")
    folder = tmp_path / "edition"
    folder.mkdir()
    (folder / "edition.toml").symlink_to(outside / "edition.toml")
    (folder / "01.md").write_text("---\nheadline: 标题\n---\n\n正文。\n", encoding="utf-8")
    result = run_cli("build", folder, "--to", "html", "-o", tmp_path / "out")
    assert result.code == 2, result.err
    assert SECRET.encode() not in everything(tmp_path / "out")


def test_compilation_glob_through_a_symlinked_folder_finds_nothing_there(tmp_path, outside):
    (tmp_path / "comp").mkdir()
    (tmp_path / "comp" / "linked").symlink_to(outside, target_is_directory=True)
    write(tmp_path / "comp" / "own", BASE | {"articles": [ARTICLE]}, "mine.json")
    weekly = tmp_path / "comp" / "weekly.toml"
    weekly.write_text('title = "周刊"\neditions = ["linked/*.json", "own/*.json"]\n', encoding="utf-8")
    result = run_cli("build", weekly, "--to", "html", "-o", tmp_path / "out")
    assert SECRET.encode() not in everything(tmp_path / "out")
    assert result.code == 2, result.err
    assert "linked/*.json" in result.err


def test_the_command_line_may_name_a_symlinked_source(tmp_path, outside):
    """The user is trusted: a source named on the command line may itself be a link."""
    (tmp_path / "mine.json").symlink_to(outside / "leak.json")
    result = run_cli("build", tmp_path / "mine.json", "--to", "html", "-o", tmp_path / "out")
    assert result.code == 0, result.err


@pytest.mark.parametrize("target", ["html", "pdf"])
def test_a_fifo_in_a_theme_is_skipped_with_a_warning(tmp_path, target):
    theme = make_theme(tmp_path / "themes", "piped", 'extends = "broadsheet"\n', {"extra.css": "p { color: red; }"})
    os.mkfifo(theme / "pipe")
    edition = write(tmp_path / "src", BASE | {"articles": [ARTICLE]})
    result = run_cli("build", edition, "--to", target, "--theme", theme, "-o", tmp_path / "out")
    assert result.code == 0, result.err
    assert "pipe" in result.err and "not a regular file" in result.err


@pytest.mark.parametrize("target", ["html", "epub"])
def test_a_huge_sparse_file_in_a_theme_is_refused(tmp_path, target):
    theme = make_theme(tmp_path / "themes", "fat", 'extends = "broadsheet"\n[stylesheets]\nall = ["fat.css"]\n',
                       {"fat.css": ".x { background: url(big.png); }"})
    with open(theme / "big.png", "wb") as f:
        f.truncate(300 * 1024 * 1024)  # sparse: no disk used
    edition = write(tmp_path / "src", BASE | {"articles": [ARTICLE]})
    result = run_cli("build", edition, "--to", target, "--theme", theme, "-o", tmp_path / "out")
    assert result.code == 2, result.err
    assert "big.png" in result.err and "limit" in result.err
    assert sum(p.stat().st_size for p in (tmp_path / "out").rglob("*") if p.is_file()) < 10 * 1024 * 1024 \
        if (tmp_path / "out").exists() else True


def test_a_fifo_named_as_an_edition_article_is_refused(tmp_path):
    folder = tmp_path / "edition"
    folder.mkdir()
    (folder / "edition.toml").write_text('title = "青川日报"\ndate = 2026-11-20\n', encoding="utf-8")
    os.mkfifo(folder / "01.md")
    result = run_cli("build", folder, "--to", "html", "-o", tmp_path / "out")
    assert result.code == 2, result.err
    assert "01.md" in result.err and "regular file" in result.err


def test_an_image_symlinked_outside_is_still_refused(tmp_path, outside):
    (outside / "x.png").write_bytes(b"\x89PNG")
    src = tmp_path / "src"
    data = BASE | {"articles": [ARTICLE | {"blocks": [{"type": "figure", "src": "x.png", "caption": "图"}]}]}
    write(src, data)
    (src / "x.png").symlink_to(outside / "x.png")
    result = run_cli("build", src / "edition.json", "--to", "html", "-o", tmp_path / "out")
    assert result.code == 2 and "x.png" in result.err, result.err
    assert json.loads((src / "edition.json").read_text("utf-8"))["title"] == "青川日报"
