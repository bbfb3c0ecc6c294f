"""The CLI contract: commands, flags and exit codes (0 ok, 2 bad input/usage, 1 internal)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from exporter import __version__

from ..conftest import run_cli

CONTRACT = Path(__file__).resolve().parent.parent / "fixtures" / "contract-edition" / "edition.json"


def test_build_html_writes_index_and_exits_0(tmp_path):
    result = run_cli("build", CONTRACT, "--to", "html", "-o", tmp_path)
    assert result.code == 0, result.err
    assert (tmp_path / "edition" / "index.html").is_file()


def test_build_with_theme_path(tmp_path):
    theme = Path(__file__).resolve().parents[2] / "themes" / "digest"
    result = run_cli("build", CONTRACT, "--theme", theme, "-o", tmp_path)
    assert result.code == 0, result.err
    assert "theme-digest" in (tmp_path / "edition" / "index.html").read_text(encoding="utf-8")


def test_validate_ok():
    result = run_cli("validate", CONTRACT)
    assert result.code == 0 and "ok:" in result.err


def test_validate_broken_edition_prints_one_line_per_problem_and_exits_2(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({
        "title": "x", "date": "2026-11-20", "articles": [
            {"kind": "article"}, {"kind": "notice"}, {"kind": "photo", "blocks": [{"type": "figure", "caption": "c"}]},
            {"kind": "poem", "headline": "h"},
            {"headline": "h", "blocks": [{"type": "figure", "src": "missing.png"}]},
        ]}), encoding="utf-8")
    result = run_cli("validate", bad)
    assert result.code == 2
    lines = result.err.strip().splitlines()
    assert len(lines) == 3  # the missing image is found once the schema is right
    assert all(line.startswith(f"error: {bad}:articles[") for line in lines)
    assert "Traceback" not in result.err
    fixed = json.loads(bad.read_text())
    fixed["articles"] = fixed["articles"][2:3] + fixed["articles"][4:]
    bad.write_text(json.dumps(fixed), encoding="utf-8")
    result = run_cli("validate", bad)
    assert result.code == 2 and result.err.strip() == f"error: {bad}:articles[1].blocks[0].src: image 'missing.png' not found"


def test_validate_bad_json_syntax_exits_2_with_location(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"title": "x",\n "date": }', encoding="utf-8")
    result = run_cli("validate", bad)
    assert result.code == 2 and result.err.startswith(f"error: {bad}:2:10: invalid JSON")


def test_unknown_format_and_theme_are_usage_errors(tmp_path):
    assert run_cli("build", CONTRACT, "--to", "docx", "-o", tmp_path).code == 2
    result = run_cli("build", CONTRACT, "--theme", "no-such-theme", "-o", tmp_path)
    assert result.code == 2 and "no such theme" in result.err


def test_usage_error_exits_2():
    assert run_cli("build").code == 2
    assert run_cli("frobnicate").code == 2


def test_batch_build_continues_past_a_broken_edition(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    result = run_cli("build", bad, CONTRACT, "-o", tmp_path / "out")
    assert result.code == 2
    assert (tmp_path / "out" / "edition" / "index.html").is_file()
    assert str(bad) in result.err


def test_themes_lists_builtins():
    result = run_cli("themes")
    assert result.code == 0
    assert "broadsheet" in result.out and "digest" in result.out


def test_schema_is_json_schema_of_the_contract():
    result = run_cli("schema")
    schema = json.loads(result.out)
    assert result.code == 0
    assert set(schema["required"]) == {"title", "date"}
    assert {"paragraph", "heading", "figure", "list", "quote"} <= {
        d["properties"]["type"]["const"] for n, d in schema["$defs"].items() if "type" in d.get("properties", {})
    }


def test_version_and_python_dash_m():
    assert run_cli("--version").code == 0
    proc = subprocess.run([sys.executable, "-m", "exporter", "--version"], capture_output=True, text=True, check=False)
    assert proc.returncode == 0 and proc.stdout.strip() == f"exporter {__version__}"


def test_doctor_reports_each_check():
    result = run_cli("doctor", CONTRACT)
    for name in ("weasyprint", "libharfbuzz-subset0", "java (EPUBCheck)", "fonts: body", "coverage: body"):
        assert name in result.out
    assert result.code in (0, 1)


def test_internal_errors_exit_1_without_traceback(tmp_path, monkeypatch):
    import exporter.readers as readers  # `exporter validate` imports load() from here when it runs

    def boom(source, policy=None):
        raise RuntimeError("kaput")

    monkeypatch.setattr(readers, "load", boom)
    result = run_cli("validate", CONTRACT)
    assert result.code == 1 and "internal error: RuntimeError: kaput" in result.err and "Traceback" not in result.err
    result = run_cli("--debug", "validate", CONTRACT)
    assert result.code == 1 and "Traceback" in result.err
