"""EPUBCheck (real, Java): 0 fatals, 0 errors, 0 warnings for every example and theme.

Each check is its own test through the real CLI (`exporter check`, `exporter build
--check`), one Java process each, so the two xdist workers share them; the example books
are the session's shared builds (tests/epub/conftest.py)."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from exporter.api import BuildOptions, build

from ..conftest import EN_EXAMPLE, ZH_EXAMPLE, shared_build
from ..samples import write_sample
from .conftest import BOOK_CASES, BOOKS
from .test_pitfalls import svg_theme

pytestmark = pytest.mark.slow

CLEAN = "0 fatal, 0 errors, 0 warnings"
CASES = [*BOOK_CASES, "embed-fonts", "embed-fonts-en", "svg-user-cover", "broken"]
BOOK_OF = dict(zip(BOOK_CASES, BOOKS, strict=True))


def exporter(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "exporter", *map(str, args)], capture_output=True, text=True, check=False)


@pytest.fixture(scope="session")
def svg_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample edition (with a cover) in a user theme that draws its masthead in SVG."""
    def make(out: Path) -> Path:
        sample = write_sample(out / "sample", cover=True)
        (svg,) = build(sample, "epub", str(svg_theme(out / "svgtheme")), BuildOptions(outdir=out / "svg"))
        return svg

    return shared_build(tmp_path_factory, "epub sample cover=True svg_theme", make)


def run_case(case: str, request: pytest.FixtureRequest, tmp: Path) -> subprocess.CompletedProcess[str]:
    """The CLI run of one case: `exporter check` on a built book, or a build with --check."""
    if case in BOOK_OF:
        return exporter("check", request.getfixturevalue("epub_of")(*BOOK_OF[case]))
    if case == "embed-fonts":
        return exporter("build", ZH_EXAMPLE, "--to", "epub", "--theme", "broadsheet", "--embed-fonts", "--check", "-o", tmp / "embed")
    if case == "embed-fonts-en":
        return exporter("build", EN_EXAMPLE, "--to", "epub", "--theme", "vertical", "--embed-fonts", "--check", "-o", tmp / "embed-en")
    svg = request.getfixturevalue("svg_book")
    return exporter("check", svg if case == "svg-user-cover" else _without_an_image(svg, tmp / "broken.epub"))


def _without_an_image(source: Path, target: Path) -> Path:
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w") as dst:
        for info in src.infolist():
            if not info.filename.startswith("EPUB/images/01-"):
                dst.writestr(info, src.read(info))
    return target


@pytest.mark.parametrize("case", CASES[:-1])
def test_epubcheck_is_clean(case: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    r = run_case(case, request, tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    if not case.startswith("embed-fonts"):
        assert CLEAN in r.stdout.splitlines()[-1]


def test_check_reports_problems_plainly_with_exit_1(request: pytest.FixtureRequest, tmp_path: Path) -> None:
    r = run_case("broken", request, tmp_path)
    assert r.returncode == 1
    assert any(line.startswith("ERROR RSC-001") for line in r.stdout.splitlines()), r.stdout
    assert "0 fatal" in r.stdout.splitlines()[-1] and "0 errors" not in r.stdout.splitlines()[-1]


def test_check_rejects_what_is_not_an_epub(tmp_path: Path) -> None:
    from ..conftest import run_cli

    (tmp_path / "x.epub").write_text("not a zip")
    assert run_cli("check", tmp_path / "x.epub").code == 2
    assert run_cli("check", tmp_path / "missing.epub").code == 2
