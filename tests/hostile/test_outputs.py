"""Outputs are never half-written: a failing or interrupted (Ctrl-C) build leaves the
previous output intact and no partial files, ingest writes atomically, and nothing is
written outside the chosen output folder whatever the ids and titles say."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from ..conftest import ROOT, run_cli
from .conftest import BASE, make_theme, write

PREVIOUS = b"previous output"
PAGE = ROOT / "tests" / "fixtures" / "ingest-corpus" / "page1.txt"


def leftovers(folder: Path) -> list[Path]:
    """Temporary files and folders a build or ingest must not leave behind."""
    return [p for p in folder.rglob("*") if p.name.endswith((".part", ".old")) or p.name.startswith(".")]


def previous_outputs(out: Path) -> dict[str, Path]:
    """Stand-ins for an earlier build of edition.json in every format."""
    (out / "edition").mkdir(parents=True)
    outputs = {"html": out / "edition" / "index.html", "epub": out / "edition.epub", "pdf": out / "edition.pdf"}
    for path in outputs.values():
        path.write_bytes(PREVIOUS)
    return outputs


@pytest.mark.parametrize("target", ["html", "epub", "pdf"])
def test_failing_build_keeps_the_previous_output_and_leaves_no_partial_files(tmp_path, target):
    source = write(tmp_path / "src", BASE | {"articles": [{"headline": "标题", "blocks": [{"type": "paragraph", "text": "正文。"}]}]})
    out = tmp_path / "out"
    outputs = previous_outputs(out)
    broken = make_theme(tmp_path / "themes", "broken", 'extends = "base"\n',
                        {"templates/partials/byline.html": "{{ no_such_name.attribute }}\n"})
    result = run_cli("build", source, "--to", target, "--theme", broken, "-o", out)
    assert result.code == 2 and "no_such_name" in result.err and "Traceback" not in result.err
    assert all(p.read_bytes() == PREVIOUS for p in outputs.values())
    assert leftovers(out) == []


def test_ctrl_c_during_pdf_layout_keeps_the_previous_pdf(tmp_path):
    """A real `exporter build --to pdf`, interrupted with SIGINT to its process group (what
    Ctrl-C does) while WeasyPrint lays out a long paragraph."""
    source = write(tmp_path / "src", BASE | {"articles": [
        {"headline": "长文", "blocks": [{"type": "paragraph", "text": "青川港口建设稳步推进。" * 4500}]}]})
    out, scratch = tmp_path / "out", tmp_path / "scratch"
    scratch.mkdir()
    pdf = previous_outputs(out)["pdf"]
    # SIGINT at its default, as in a terminal: a runner started in the background (`cmd &`
    # in a script) ignores SIGINT, and a child that inherits that never sees a Ctrl-C.
    proc = subprocess.Popen([sys.executable, "-m", "exporter", "build", str(source), "--to", "pdf", "-o", str(out)],
                            stderr=subprocess.PIPE, text=True, start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
                            env={**os.environ, "TMPDIR": str(scratch)})
    # The stage's print.html is written when the markup is rendered and checked, just before
    # the layout starts (writers/pdf/writer.py): the signal goes then, not after a fixed wait,
    # which under load still fell in the rendering before it.
    deadline = time.monotonic() + 120
    while not any((p / "print.html").exists() for p in scratch.iterdir() if p.name.startswith("exporter-pdf-")):
        assert proc.poll() is None and time.monotonic() < deadline, "the build never began its layout"
        time.sleep(0.01)
    assert proc.poll() is None, "the build ended before it could be interrupted"
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130 and "interrupted" in err and "Traceback" not in err, err
    assert pdf.read_bytes() == PREVIOUS
    assert leftovers(out) == [] and not any(p.name.startswith("exporter-") for p in scratch.iterdir())


def test_ids_and_titles_never_lead_outside_the_output_folder(tmp_path):
    ids = ["../../../../escape", "/etc/cron.d/job", "青川港二期", "a/../../b", "..", "CON"]
    source = write(tmp_path / "src", BASE | {"title": "../../青川日报", "articles": [
        {"id": i, "headline": f"标题{n}", "section": f"../版{n}", "blocks": [{"type": "paragraph", "text": "正文。"}]}
        for n, i in enumerate(ids)]}, "青川日报 第1期.json")
    out = tmp_path / "out"
    result = run_cli("build", source, "--to", "html,epub", "-o", out)
    assert result.code == 0, result.err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "src"]
    names = sorted(p.relative_to(out).parts[0] for p in out.iterdir())
    assert all(n.isascii() and not n.startswith(".") for n in names) and len(names) == 2
    [epub] = out.glob("*.epub")
    with zipfile.ZipFile(epub) as book:
        entries = book.namelist()
    assert all(".." not in e and not e.startswith("/") and e.isascii() for e in entries)
    assert len([e for e in entries if e.startswith("EPUB/article-")]) == len(ids)


def test_ingest_json_output_is_atomic(tmp_path):
    target = tmp_path / "edition.json"
    target.write_bytes(PREVIOUS)
    failed = run_cli("ingest", tmp_path / "missing.txt", "--date", "2026-11-20", "-o", target)
    assert failed.code == 2 and target.read_bytes() == PREVIOUS
    result = run_cli("ingest", PAGE, "--publication", "青川日报", "--date", "2026-11-20", "-o", target)
    assert result.code == 0, result.err
    assert json.loads(target.read_text(encoding="utf-8"))["articles"]
    assert leftovers(tmp_path) == []


def test_ingest_markdown_folder_is_atomic_and_never_overwrites_an_edition(tmp_path):
    folder = tmp_path / "edition"
    result = run_cli("ingest", PAGE, "--publication", "青川日报", "--date", "2026-11-20", "--to", "md", "-o", folder)
    assert result.code == 0, result.err
    written = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert "edition.toml" in written and len(written) > 1
    assert leftovers(tmp_path) == [] and sorted(p.name for p in tmp_path.iterdir()) == ["edition"]
    again = run_cli("ingest", PAGE, "--publication", "别的", "--date", "2026-11-21", "--to", "md", "-o", folder)
    assert again.code == 2 and "already holds an edition.toml" in again.err
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == written
    assert run_cli("validate", folder).code == 0
