"""EPUBCheck (real, Java): 0 fatals, 0 errors, 0 warnings for every example and theme.

EPUBCheck takes seconds per file, so every book is built once and all checks run in
parallel, each through the real CLI (`exporter check`, `exporter build --check`)."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from exporter.api import BuildOptions, build

from ..conftest import ALL_EXAMPLES, THEMES, ZH_EXAMPLE
from ..samples import write_sample
from .test_pitfalls import svg_theme

pytestmark = pytest.mark.slow

CLEAN = "0 fatal, 0 errors, 0 warnings"
CASES = [f"{s.stem}-{t}" for s in ALL_EXAMPLES for t in THEMES] + ["embed-fonts", "svg-user-cover", "broken"]


def exporter(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "exporter", *map(str, args)], capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory, epub_of) -> dict[str, subprocess.CompletedProcess[str]]:
    tmp = tmp_path_factory.mktemp("epubcheck")
    jobs = {}
    for source in ALL_EXAMPLES:
        for theme in THEMES:
            jobs[f"{source.stem}-{theme}"] = ("check", epub_of(source, theme))
    jobs["embed-fonts"] = ("build", ZH_EXAMPLE, "--to", "epub", "--theme", "broadsheet",
                           "--embed-fonts", "--check", "-o", tmp / "embed")
    sample = write_sample(tmp / "sample", cover=True)
    (svg,) = build(sample, "epub", str(svg_theme(tmp / "svgtheme")), BuildOptions(outdir=tmp / "svg"))
    jobs["svg-user-cover"] = ("check", svg)
    jobs["broken"] = ("check", _without_an_image(svg, tmp / "broken.epub"))
    with ThreadPoolExecutor(max_workers=3) as pool:
        futures = {name: pool.submit(exporter, *args) for name, args in jobs.items()}
        return {name: f.result() for name, f in futures.items()}


def _without_an_image(source: Path, target: Path) -> Path:
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w") as dst:
        for info in src.infolist():
            if not info.filename.startswith("EPUB/images/01-"):
                dst.writestr(info, src.read(info))
    return target


@pytest.mark.parametrize("case", CASES[:-1])
def test_epubcheck_is_clean(case: str, results: dict) -> None:
    r = results[case]
    assert r.returncode == 0, r.stdout + r.stderr
    if case != "embed-fonts":
        assert CLEAN in r.stdout.splitlines()[-1]


def test_check_reports_problems_plainly_with_exit_1(results: dict) -> None:
    r = results["broken"]
    assert r.returncode == 1
    assert any(line.startswith("ERROR RSC-001") for line in r.stdout.splitlines()), r.stdout
    assert "0 fatal" in r.stdout.splitlines()[-1] and "0 errors" not in r.stdout.splitlines()[-1]


def test_check_rejects_what_is_not_an_epub(tmp_path: Path) -> None:
    from ..conftest import run_cli

    (tmp_path / "x.epub").write_text("not a zip")
    assert run_cli("check", tmp_path / "x.epub").code == 2
    assert run_cli("check", tmp_path / "missing.epub").code == 2
