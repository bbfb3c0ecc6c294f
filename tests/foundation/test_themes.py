"""Themes as data: theme.toml validation, extends chains, template overrides, discovery."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

from exporter import build
from exporter.api import BuildOptions
from exporter.errors import InputError
from exporter.themes import available_themes, load_theme

CONTRACT = Path(__file__).resolve().parent.parent / "fixtures" / "contract-edition" / "edition.json"


def make_theme(root: Path, name: str, toml: str, files: dict[str, str] | None = None) -> Path:
    folder = root / name
    folder.mkdir(parents=True)
    (folder / "theme.toml").write_text(f'name = "{name}"\n' + toml, encoding="utf-8")
    for rel, content in (files or {}).items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(content, encoding="utf-8")
    return folder


def test_builtin_themes_are_listed_and_look_different():
    themes = available_themes()
    assert {"base", "broadsheet", "digest"} <= set(themes)
    broadsheet, digest = load_theme("broadsheet"), load_theme("digest")
    assert broadsheet.fonts["heading"] != digest.fonts["heading"]
    assert broadsheet.page["columns"] == 3 and digest.page["columns"] == 1
    assert broadsheet.options["accent"] != digest.options["accent"]


def test_child_theme_inherits_and_overrides(tmp_path):
    folder = make_theme(tmp_path, "red", 'extends = "broadsheet"\n[stylesheets]\nhtml = ["red.css"]\n[options]\naccent = "#f00"\n[page]\ncolumns = 2\n',
                        {"red.css": ".headline { color: var(--accent); }"})
    theme = load_theme(folder)
    assert [t.name for t in theme.lineage()] == ["red", "broadsheet", "base"]
    assert [p.name for p in theme.stylesheets("html")] == ["base.css", "broadsheet.css", "screen.css", "red.css"]
    assert theme.options["accent"] == "#f00" and theme.options["paper"] == "#fdfcf8"
    assert theme.page["columns"] == 2 and theme.page["size"] == "A3"


def test_template_override_can_extend_the_builtin(tmp_path):
    folder = make_theme(tmp_path, "custom", 'extends = "digest"\n', {
        "templates/partials/jump_to.html":
            '{% if article.continued_to %}<p class="jump jump-to custom">→ {{ article.continued_to }}</p>{% endif %}\n',
        "templates/partials/masthead.html":
            '<div class="banner">{{ edition.title }}</div>\n{% include "!base/partials/masthead.html" %}\n',
    })
    [index] = build(CONTRACT, "html", load_theme(folder), BuildOptions(outdir=tmp_path / "out"))
    doc = lxml.html.fromstring(index.read_bytes())
    assert [j.text_content() for j in doc.cssselect(".jump-to.custom")] == ["→ 3版"]
    assert doc.cssselect(".banner") and doc.cssselect(".masthead-title")


def test_sandbox_blocks_unsafe_template_code(tmp_path):
    folder = make_theme(tmp_path, "evil", 'extends = "base"\n', {
        "templates/partials/masthead.html": "{{ edition.__class__.__mro__ }}\n",
    })
    with pytest.raises(Exception, match="unsafe|not safely|access to attribute"):
        build(CONTRACT, "html", load_theme(folder), BuildOptions(outdir=tmp_path / "out"))


@pytest.mark.parametrize("toml, message", [
    ('extends = "base"\ncolour = "red"\n', "colour"),
    ('[page]\ncolumns = 7\n', "columns"),
    ('[stylesheets]\nhtml = ["missing.css"]\n', "missing.css"),
    ('[stylesheets]\nhtml = ["../../etc/passwd"]\n', "not found in the theme folder"),
    ('extends = "nonexistent-theme"\n', "no such theme"),
])
def test_bad_theme_toml_is_an_input_error(tmp_path, toml, message):
    with pytest.raises(InputError, match=message):
        load_theme(make_theme(tmp_path, "bad", toml))


def test_extends_cycle_is_detected(tmp_path):
    make_theme(tmp_path, "a", 'extends = "../b"\n')
    make_theme(tmp_path, "b", 'extends = "../a"\n')
    with pytest.raises(InputError, match="cycle"):
        load_theme(tmp_path / "a")
