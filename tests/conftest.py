"""Shared fixtures: the bundled examples and an in-process CLI runner."""

from __future__ import annotations

import io
import os
import tempfile
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest

from exporter.cli import main

# Layout caches go to a throw-away folder, never the user's ~/.cache (read at call time).
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="exporter-test-cache-")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
ZH_EXAMPLE = EXAMPLES / "qingchuan-daily"  # edition folder (Markdown), Chinese
EN_EXAMPLE = EXAMPLES / "harbour-gazette.json"  # edition JSON, English
ALL_EXAMPLES = [ZH_EXAMPLE, EN_EXAMPLE]
THEMES = ["broadsheet", "digest"]


@dataclass
class CliResult:
    code: int
    out: str
    err: str


def run_cli(*argv: str | Path) -> CliResult:
    """Run `exporter ARGV...` in-process and capture its exit code and output."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main([str(a) for a in argv])
        except SystemExit as exc:  # argparse usage errors and --version
            code = int(exc.code or 0)
    return CliResult(code, out.getvalue(), err.getvalue())


@pytest.fixture
def cli():
    return run_cli


# The fast lane (`pytest -m "not slow"`, `make test-fast`) leaves out every test that lays
# out a PDF through these fixtures (seconds each); `make test` runs everything.
SLOW_FIXTURES = {"build_pdf", "volume_source"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)

