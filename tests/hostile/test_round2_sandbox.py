"""Round two of the theme sandbox: a theme template sees only data. It cannot reach the
file system, the environment or imports through anything in its context (the theme's
folder, model methods, helper functions), and it cannot make the build run away with
huge strings or ranges. Each case ends with exit 2 naming the template, or renders."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..conftest import run_cli
from .conftest import BASE, make_theme, write

ARTICLE = {"headline": "青川港二期码头投产", "byline": "记者 张三", "blocks": [{"type": "paragraph", "text": "正文。"}]}


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    return path


@pytest.fixture
def edition(tmp_path: Path) -> Path:
    return write(tmp_path / "src", BASE | {"articles": [ARTICLE]})


def byline_theme(tmp_path: Path, body: str) -> Path:
    """A user theme that overrides one partial with `body`."""
    return make_theme(tmp_path / "themes", "evil", 'extends = "broadsheet"\n',
                      {"templates/partials/byline.html": body})


def outputs_text(out: Path) -> str:
    return "".join(p.read_text("utf-8", "replace") for p in out.rglob("*") if p.is_file() and p.suffix != ".pdf")


@pytest.mark.parametrize("expression", [
    "theme.path.joinpath('{secret}').read_text()",
    "theme.path.parent.joinpath('{secret}').read_text()",
    "(theme.path / '{secret}').read_text()",
    "edition.parse_file('{secret}')",
    "edition.parse_raw(edition.model_dump_json())",
    "edition.model_json_schema()",
    "edition.model_construct(title='x')",
])
def test_template_cannot_reach_files_through_its_context(tmp_path, edition, secret, expression):
    theme = byline_theme(tmp_path, "{{ " + expression.format(secret=secret) + " }}")
    result = run_cli("build", edition, "--to", "html", "--theme", theme, "-o", tmp_path / "out")
    assert result.code == 2, (result.code, result.err)
    assert "byline.html" in result.err, result.err
    assert "Traceback" not in result.err
    assert not (tmp_path / "out").exists() or "TOP-SECRET" not in outputs_text(tmp_path / "out")


def test_template_cannot_create_or_delete_files(tmp_path, edition, secret):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    made = tmp_path / "made.txt"
    theme = byline_theme(tmp_path, f"{{{{ theme.path.joinpath('{made}').touch() }}}}"
                                   f"{{{{ theme.path.joinpath('{victim}').unlink() }}}}")
    result = run_cli("build", edition, "--to", "epub", "--theme", theme, "-o", tmp_path / "out")
    assert result.code == 2, (result.code, result.err)
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert not made.exists()


def test_the_theme_in_a_template_is_plain_data(tmp_path, edition):
    theme = byline_theme(tmp_path, "[{{ theme.name }}|{{ theme.options.get('missing', 'none') }}|{{ theme.path is defined }}]")
    result = run_cli("build", edition, "--to", "html", "--theme", theme, "-o", tmp_path / "out")
    assert result.code == 0, result.err
    assert "[evil|none|False]" in (tmp_path / "out" / "edition" / "index.html").read_text("utf-8")


@pytest.mark.parametrize("expression", [
    "'x' * 200000000",
    "['x'] * 200000000",
    "'x'.ljust(200000000)",
    "'x'|center(200000000)",
    "'{:>200000000}'.format('x')",
    "range(10**9)|length",
    "10 ** 100000000",
])
def test_runaway_template_expressions_end_with_a_clean_error(tmp_path, edition, expression):
    theme = byline_theme(tmp_path, "{{ " + expression + " }}")
    result = run_cli("build", edition, "--to", "html", "--theme", theme, "-o", tmp_path / "out")
    assert result.code == 2, (result.code, result.err[-500:])
    assert "byline.html" in result.err and "Traceback" not in result.err
    assert len(result.err) < 2000


def test_nested_ranges_share_one_budget(tmp_path, edition):
    theme = byline_theme(tmp_path, "{% for i in range(90000) %}{% for j in range(90000) %}{% endfor %}{% endfor %}")
    result = run_cli("build", edition, "--to", "html", "--theme", theme, "-o", tmp_path / "out")
    assert result.code == 2, (result.code, result.err[-500:])
    assert "byline.html" in result.err
