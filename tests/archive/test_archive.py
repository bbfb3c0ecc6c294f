"""`exporter archive` built locally: the typed archive file, the plan, resuming from the
manifest, a failing source reported while the rest is built; and `--scheduler` without
Dask, or without a scheduler, failing cleanly. Dask is not imported unless asked for."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EN_EXAMPLE, run_cli

from .conftest import free_port

EPUB_ONLY = '''title = "测试日报"
editions = ["{year}/{month}/{year}-{month}-{day}/*.json"]
theme = "digest"
[daily]
formats = ["epub"]
[monthly]
formats = ["epub"]
'''


@pytest.fixture
def epub_archive(archive: Path) -> Path:
    archive.write_text(EPUB_ONLY, encoding="utf-8")
    return archive


def _report(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(("text", "message"), [
    (EPUB_ONLY + "colour = 1\n", "colour: unknown key"),
    (EPUB_ONLY.replace("{day}", "dd"), "must give the date"),
    (EPUB_ONLY.replace("{day}", "{dy}"), "unknown placeholder {dy}"),
    ('title = "t"\neditions = ["{date}.json"]\n', "nothing to make"),
    (EPUB_ONLY + "[weekly]\nformats = [\"pdf\"]\ntitle = \"{name}\"\n", "weekly.title"),
    (EPUB_ONLY.replace('formats = ["epub"]', 'formats = ["docx"]', 1), "daily.formats"),
])
def test_the_archive_file_is_typed(epub_archive: Path, text: str, message: str) -> None:
    epub_archive.write_text(text, encoding="utf-8")
    result = run_cli("archive", epub_archive, "-o", epub_archive.parent / "out")
    assert result.code == 2 and message in result.err and "Traceback" not in result.err, result.err
    assert result.err.startswith(f"error: {epub_archive}")


def test_a_second_run_builds_only_what_is_missing_or_changed(epub_archive: Path, tmp_path: Path) -> None:
    out, report = tmp_path / "out", tmp_path / "report.json"
    first = run_cli("archive", epub_archive, "-o", out, "-j", "1", "--report", report)
    assert first.code == 0, first.err
    assert _report(report)["counts"] == {"built": 4}
    made = {o["id"]: o["path"] for o in _report(report)["outputs"]}
    assert sorted(Path(p).relative_to(out).as_posix() for p in made.values()) == [
        "daily/2026/11/2026-11-16/small.epub", "daily/2026/11/2026-11-17/small.epub",
        "daily/2026/11/2026-11-18/small.epub", "monthly/2026/2026-11.epub"]
    assert "built" in first.out and "3 editions" in first.out  # the summary table

    # Interrupted after some outputs, or one deleted: only that one is made again.
    Path(made["daily:2026/11/2026-11-17/small.json:epub"]).unlink()
    edition = epub_archive.parent / "2026/11/2026-11-18/small.json"
    edition.write_text(edition.read_text(encoding="utf-8").replace("18日", "十八日"), encoding="utf-8")
    second = run_cli("archive", epub_archive, "-o", out, "-j", "1", "--report", report)
    assert second.code == 0, second.err
    status = {o["id"]: o["status"] for o in _report(report)["outputs"]}
    assert status == {"daily:2026/11/2026-11-16/small.json:epub": "unchanged",
                      "daily:2026/11/2026-11-17/small.json:epub": "built",
                      "daily:2026/11/2026-11-18/small.json:epub": "built",
                      "monthly:2026-11:epub": "built"}
    manifest = json.loads((out / "archive-manifest.json").read_text(encoding="utf-8"))
    assert set(manifest["outputs"]) == set(status)


def test_a_failing_source_is_reported_and_the_rest_built(epub_archive: Path, tmp_path: Path) -> None:
    (epub_archive.parent / "2026/11/2026-11-17/small.json").write_text('{"title": ', encoding="utf-8")
    (epub_archive.parent / "2026/11/2026-11-31").mkdir()
    (epub_archive.parent / "2026/11/2026-11-31/small.json").write_text("{}", encoding="utf-8")
    out, report = tmp_path / "out", tmp_path / "report.json"
    result = run_cli("archive", epub_archive, "-o", out, "-j", "2", "--report", report)
    assert result.code == 2
    data = _report(report)
    assert data["counts"] == {"built": 2, "failed": 2}
    failed = {f["id"]: f["errors"] for f in data["failures"]}
    assert set(failed) == {str(epub_archive.parent / "2026/11/2026-11-31/small.json"),
                           "daily:2026/11/2026-11-17/small.json:epub", "monthly:2026-11:epub"}
    assert "invalid JSON" in failed["monthly:2026-11:epub"][0] and "no real date" in result.err
    assert "failed: daily:2026/11/2026-11-17/small.json:epub" in result.err and "Traceback" not in result.err
    assert sorted(p.name for p in out.rglob("*.epub")) == ["small.epub", "small.epub"]
    assert not list(out.rglob("*.part"))


def _python(code: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, check=False)


def test_without_a_scheduler_dask_is_not_imported(epub_archive: Path, tmp_path: Path) -> None:
    code = f"""
import sys
from exporter.cli import main
assert main(["build", {str(EN_EXAMPLE)!r}, "--to", "html,epub", "-o", "out", "--jobs", "2"]) == 0
assert main(["archive", {str(epub_archive)!r}, "-o", "arch", "--jobs", "2"]) == 0
loaded = [m for m in sys.modules if m.split(".")[0] in ("dask", "distributed") or m == "exporter.cluster"]
print("loaded:", loaded)
"""
    done = _python(code, tmp_path)
    assert done.returncode == 0, done.stderr
    assert "loaded: []" in done.stdout


def test_scheduler_without_the_dask_extra_is_a_clean_error(tmp_path: Path) -> None:
    code = f"""
import sys
sys.modules["distributed"] = None  # as if the [dask] extra were not installed
from exporter.cli import main
sys.exit(main(["build", {str(EN_EXAMPLE)!r}, "-o", "out", "--scheduler", "tcp://127.0.0.1:8786"]))
"""
    done = _python(code, tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip() == ("error: --scheduler: Dask is not installed (distributed); "
                                   "install the dask extra: pip install 'newsprint-exporter[dask]'")


@pytest.mark.slow
def test_an_unreachable_scheduler_is_a_clean_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EXPORTER_SCHEDULER", f"tcp://127.0.0.1:{free_port()}")
    result = run_cli("build", EN_EXAMPLE, "-o", tmp_path / "out")
    assert result.code == 2 and "error: --scheduler: cannot reach the Dask scheduler at tcp://127.0.0.1:" in result.err
    assert not (tmp_path / "out").exists()
