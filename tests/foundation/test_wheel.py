"""The wheel carries the templates and themes: install it into a fresh venv and render
from a directory outside the checkout."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CONTRACT = ROOT / "tests" / "fixtures" / "contract-edition"


@pytest.mark.slow
def test_wheel_installs_and_renders_outside_the_checkout(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist), str(ROOT)],
                   check=True, capture_output=True)
    [wheel] = dist.glob("newsprint_exporter-*.whl")

    fresh = tmp_path / "fresh"
    venv.create(fresh, with_pip=True)
    py = fresh / "bin" / "python"
    subprocess.run([str(py), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)], check=True)
    # Dependencies come from the test venv (read-only, appended after the fresh site-packages),
    # so only our own package is taken from the wheel; nothing is downloaded.
    site = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    Path(site, "test-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")

    work = tmp_path / "elsewhere"
    shutil.copytree(CONTRACT, work / "edition")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    where = subprocess.run(
        [str(py), "-c", "import exporter, exporter.resources as r; print(exporter.__file__); print(r.data_dir('templates'))"],
        cwd=work, capture_output=True, text=True, check=True, env=env).stdout.split()
    assert all(str(fresh) in p for p in where), where
    assert where[1].endswith("exporter/_data/templates")

    exe = fresh / "bin" / "exporter"
    result = subprocess.run([str(exe), "build", "edition/edition.json", "--to", "html", "--theme", "digest", "-o", "out"],
                            cwd=work, capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 0, result.stderr
    html = (work / "out" / "edition" / "index.html").read_text(encoding="utf-8")
    assert "<aside class=\"notice\"" in html and "theme/digest/digest.css" in html
    themes = subprocess.run([str(exe), "themes"], cwd=work, capture_output=True, text=True, env=env, check=True).stdout
    assert "broadsheet" in themes and "digest" in themes
