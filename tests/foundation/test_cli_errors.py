"""A batch build survives a user's broken theme template, and user text prints literally."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from exporter.errors import InputError, RenderError, user_error_lines

EDITION = {"title": "Good Times", "date": "2026-11-20", "language": "en-GB", "sections": ["News"],
           "articles": [{"id": "a", "section": "News", "headline": "Harbour reopens",
                         "blocks": [{"type": "paragraph", "text": "The harbour reopened today."}]}]}


def _edition(folder: Path, name: str, **changes: object) -> Path:
    path = folder / name
    path.write_text(json.dumps({**EDITION, **changes}), encoding="utf-8")
    return path


@pytest.mark.parametrize("jobs", ["1", "2"], ids=["in-turn", "side-by-side"])
def test_a_theme_template_error_in_one_source_does_not_stop_the_others(cli, tmp_path: Path, jobs: str) -> None:
    theme = tmp_path / "strict"
    (theme / "templates").mkdir(parents=True)
    (theme / "theme.toml").write_text('name = "strict"\nextends = "digest"\n', encoding="utf-8")
    # Fails only for one edition: a template error that depends on the data.
    (theme / "templates" / "edition.html").write_text(
        '{% extends "!base/edition.html" %}{% block body %}'
        '{% if edition.title == "Broken" %}{{ no_such_variable }}{% endif %}{{ super() }}{% endblock %}',
        encoding="utf-8")
    good = _edition(tmp_path, "good.json")
    bad = _edition(tmp_path, "bad.json", title="Broken")
    also_good = _edition(tmp_path, "also.json", title="Also Good")
    result = cli("build", good, bad, also_good, "--theme", theme, "-o", tmp_path / "out", "-j", jobs)
    assert result.code == 2, result.err
    assert (tmp_path / "out" / "good" / "index.html").is_file()
    assert (tmp_path / "out" / "also" / "index.html").is_file()
    assert not (tmp_path / "out" / "bad").exists()
    assert "error: theme template: UndefinedError: 'no_such_variable' is undefined" in result.err
    assert f"failed: {bad}" in result.err and "1 of 3 sources failed" in result.err


def test_error_lines_and_file_names_print_literally(cli, tmp_path: Path) -> None:
    good = _edition(tmp_path, "good.json")
    weird = tmp_path / "[red]odd"
    weird.mkdir()
    bad = _edition(weird, "bad.json", date="not a date")
    result = cli("build", good, bad, "-o", tmp_path / "out")
    assert result.code == 2
    assert f"error: {bad}:date: " in result.err  # not an emoji for :date:
    assert f"failed: {bad}" in result.err
    assert "📅" not in result.err


def test_validate_and_themes_print_user_text_literally(cli, tmp_path: Path) -> None:
    source = _edition(tmp_path, "ok.json", title="[bold]Tide:date: tables[/bold]")
    result = cli("validate", source)
    assert result.code == 0 and "[bold]Tide:date: tables[/bold]" in result.err


def test_one_function_decides_user_or_internal() -> None:
    from jinja2 import TemplateSyntaxError

    assert user_error_lines(InputError.single("a.json", "bad", "date")) == ["a.json:date: bad"]
    assert user_error_lines(RenderError("no fonts")) == ["no fonts"]
    assert user_error_lines(TemplateSyntaxError("unexpected '}'", 3)) == [
        "theme template: TemplateSyntaxError: 3: unexpected '}'"]
    assert user_error_lines(KeyError("x")) is None


def test_a_themes_page_settings_are_checked_when_it_loads(cli, tmp_path: Path) -> None:
    theme = tmp_path / "badpage"
    theme.mkdir()
    (theme / "theme.toml").write_text('name = "badpage"\nextends = "digest"\n[page]\nsize = "A9"\nmargin = "20 mm"\n',
                                      encoding="utf-8")
    result = cli("build", _edition(tmp_path, "good.json"), "--theme", theme, "-o", tmp_path / "out")  # HTML only
    assert result.code == 2
    assert f"error: {theme / 'theme.toml'}:page.size: unknown page size 'A9'" in result.err
    assert f"error: {theme / 'theme.toml'}:page.margin: '20 mm' is not a CSS length list" in result.err


def test_writers_name_options_and_the_cli_names_flags(cli, tmp_path: Path) -> None:
    from exporter.api import BuildOptions, build

    with pytest.raises(InputError) as caught:
        build(_edition(tmp_path, "good.json"), "pdf", options=BuildOptions(outdir=tmp_path, page_size="A9"))
    assert [(p.file, p.option) for p in caught.value.problems] == [("page_size", True)]
    with pytest.raises(InputError) as caught:
        build(_edition(tmp_path, "good.json"), "docx")
    assert str(caught.value.problems[0]).startswith("to: unknown output format 'docx' (available: html, epub, pdf)")
    result = cli("build", _edition(tmp_path, "good.json"), "--to", "pdf", "--page-size", "A9", "-o", tmp_path)
    assert result.code == 2 and result.err.startswith("error: --page-size: unknown page size 'A9'")
