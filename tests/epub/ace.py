"""DAISY Ace (npm @daisy/ace-cli, installed by `make ace` into .tools/ace) run on a built
EPUB in the system Chromium; the violations it reports, one line each."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..conftest import ROOT

BROWSERS = ("chromium", "chromium-browser", "google-chrome")
# Ace opens four documents at a time, and Chromium starts a renderer process for each
# document; one renderer for them all runs the same checks on the same pages for less CPU
# (axe-core is compiled once): the ten example books 219 -> 192 CPU-seconds, the same reports.
CHROMIUM_FLAGS = ("--renderer-process-limit=1",)


def ace_command() -> list[str] | None:
    """How to run Ace here: $ACE, the project's .tools/ace, or `ace` on PATH."""
    local = ROOT / ".tools" / "ace" / "node_modules" / ".bin" / "ace-cli"
    found = os.environ.get("ACE") or (str(local) if local.is_file() else None) or shutil.which("ace")
    return [found] if found else None


def browser() -> str | None:
    """Puppeteer's browser download is skipped at install: Ace uses the system Chromium."""
    return os.environ.get("PUPPETEER_EXECUTABLE_PATH") or next(filter(None, map(shutil.which, BROWSERS)), None)


def violations(epub: Path) -> list[str]:
    """Every failed assertion of Ace's report as 'impact rule file: description'."""
    command = ace_command()
    chrome = browser()
    assert command and chrome
    with tempfile.TemporaryDirectory(prefix="ace-") as out, tempfile.TemporaryDirectory(prefix="ace-chromium-") as bin_dir:
        env = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": _with_flags(chrome, Path(bin_dir))}
        run = subprocess.run([*command, "--silent", "--force", "--outdir", out, str(epub)],
                             capture_output=True, text=True, env=env, timeout=300, check=False)
        report_file = Path(out) / "report.json"
        assert report_file.is_file(), f"Ace wrote no report (exit {run.returncode}): {run.stderr[-2000:]}"
        report = json.loads(report_file.read_text(encoding="utf-8"))
    return [
        f"{a['earl:test']['earl:impact']} {a['earl:test']['dct:title']} {doc['earl:testSubject']['url']}: "
        f"{a['earl:result'].get('dct:description', '')}"
        for doc in report["assertions"]
        for a in doc["assertions"]
        if a["earl:result"]["earl:outcome"] == "fail"
    ]


def _with_flags(chrome: str, folder: Path) -> str:
    """A launcher that starts `chrome` with CHROMIUM_FLAGS (Puppeteer, inside Ace, takes
    no browser flags from outside)."""
    launcher = folder / "chromium"
    launcher.write_text(f'#!/bin/sh\nexec {shlex.quote(chrome)} {" ".join(CHROMIUM_FLAGS)} "$@"\n', encoding="utf-8")
    launcher.chmod(0o755)
    return str(launcher)
