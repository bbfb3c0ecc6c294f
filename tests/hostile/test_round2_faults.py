"""Round two, faults and errors: workers die with their build, a killed build's leftovers
are removed by the next one, and a mistake about the output place is exit 2, not an
internal error.

The signal tests run a real chunked PDF build (two worker processes) and send the signal
while the workers lay out; every process they start is killed by id at the end, whatever
the outcome.
"""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image

from exporter.limits import cores

from ..conftest import ROOT, run_cli
from .conftest import BASE, write
from .test_round2_limits import ARTICLE, one_line_error, run_bounded

LONG = [{"headline": f"第{i}篇", "section": f"版{i % 8}", "blocks": [{"type": "paragraph", "text": "青川港口建设稳步推进。" * 100}]}
        for i in range(40)]


def children(pid: int) -> set[int]:
    try:
        return {int(c) for task in os.listdir(f"/proc/{pid}/task")
                for c in Path(f"/proc/{pid}/task/{task}/children").read_text().split()}
    except OSError:
        return set()


def alive(pid: int) -> bool:
    """Running and not a zombie (a container's PID 1 may never reap an orphan)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def wait_until(condition, seconds: float) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


@dataclass
class Build:
    proc: subprocess.Popen[str]
    workers: set[int]
    scratch: Path
    out: Path


@pytest.fixture
def chunked_pdf(tmp_path: Path) -> Iterator[callable]:  # type: ignore[valid-type]
    """Start `exporter build --to pdf --jobs 2` of a 44,000-character edition in eight
    sections (laid out in chunks) and return once both workers run."""
    if cores() < 2 or not Path("/proc/self/task").is_dir():
        pytest.skip("needs two cores and /proc")
    started: list[Build] = []

    def start(*extra: str) -> Build:
        source = write(tmp_path / "src", BASE | {"articles": LONG})
        scratch, out = tmp_path / "scratch", tmp_path / "out"
        scratch.mkdir(exist_ok=True)
        # Chunks are cut only where a page break is forced: a new page per section makes
        # the eight sections of this one edition chunks laid out by the workers.
        theme = tmp_path / "theme"
        theme.mkdir(exist_ok=True)
        (theme / "theme.toml").write_text('name = "per-section"\nextends = "broadsheet"\n[page]\nbreaks = "section"\n')
        proc = subprocess.Popen(
            [sys.executable, "-m", "exporter", "build", str(source), "--to", "pdf", "--jobs", "2", "--no-cache",
             "--theme", str(theme), "-o", str(out), *extra],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True,
            env={**os.environ, "TMPDIR": str(scratch)})
        build = Build(proc, set(), scratch, out)
        started.append(build)
        assert wait_until(lambda: len(children(proc.pid)) >= 2 or proc.poll() is not None, 120)
        build.workers = children(proc.pid)
        assert proc.poll() is None and len(build.workers) >= 2, "the build ended before its workers could be seen"
        return build

    yield start
    for build in started:
        for pid in [build.proc.pid, *build.workers]:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
        build.proc.wait(timeout=30)


def stages(scratch: Path) -> list[str]:
    return sorted(p.name for p in scratch.iterdir() if p.name.startswith("exporter-"))


@pytest.mark.slow
def test_sigterm_stops_the_workers_and_removes_the_stage(chunked_pdf):
    build = chunked_pdf()
    assert stages(build.scratch)
    build.proc.send_signal(signal.SIGTERM)
    _, err = build.proc.communicate(timeout=60)
    assert build.proc.returncode == 143 and "terminated" in err and "Traceback" not in err, err
    assert wait_until(lambda: not any(map(alive, build.workers)), 15), "workers outlived their build"
    assert stages(build.scratch) == []
    assert not build.out.exists() or not any(build.out.iterdir())


@pytest.mark.slow
def test_sigkill_takes_the_workers_along_and_the_next_build_removes_the_stage(chunked_pdf, tmp_path):
    build = chunked_pdf()
    build.proc.kill()
    build.proc.wait(timeout=30)
    assert wait_until(lambda: not any(map(alive, build.workers)), 15), "workers outlived their build"
    assert stages(build.scratch), "a SIGKILLed build cannot clean up"
    small = write(tmp_path / "small", BASE | {"articles": [ARTICLE]})
    result = run_bounded("build", small, "-o", build.out, env={"TMPDIR": str(build.scratch)})
    assert result.returncode == 0, result.stderr
    assert stages(build.scratch) == []


@pytest.mark.slow
def test_sigkill_with_emit_print_html_leaves_a_part_the_next_build_removes(chunked_pdf, tmp_path):
    build = chunked_pdf("--emit-print-html")
    parts = [p.name for p in build.out.iterdir() if p.name.endswith(".part")]
    assert parts, "the print HTML folder is written beside its target"
    build.proc.kill()
    build.proc.wait(timeout=30)
    small = write(tmp_path / "small", BASE | {"articles": [ARTICLE]})
    # A build that is still running keeps its partial output.
    running = build.out / f".other.pdf.{os.getpid()}.abcd.part"
    running.write_bytes(b"")
    result = run_bounded("build", small, "-o", build.out, env={"TMPDIR": str(build.scratch)})
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in build.out.iterdir() if p.name.endswith(".part")) == [running.name]


def _reaped() -> int:
    """The id of a process that has ended (and been reaped)."""
    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid


def test_ingest_removes_the_partial_output_of_a_killed_ingest(tmp_path):
    page = ROOT / "tests" / "fixtures" / "ingest-corpus" / "page1.txt"
    out = tmp_path / "out"
    out.mkdir()
    stale = out / f".edition.json.{_reaped()}.x1y2.part"
    stale.write_text("{half")
    result = run_cli("ingest", page, "--publication", "P", "--date", "2026-11-20", "-o", out / "edition.json")
    assert result.code == 0, result.err
    assert sorted(p.name for p in out.iterdir()) == ["edition.json"]


# --- item 11: the output place ----------------------------------------------------------

@pytest.fixture
def edition(tmp_path: Path) -> Path:
    return write(tmp_path / "src", BASE | {"articles": [ARTICLE]})


def test_output_folder_that_is_a_file(tmp_path, edition):
    (tmp_path / "taken").write_text("x")
    one_line_error(run_cli("build", edition, "-o", tmp_path / "taken"), "taken", "is a file")
    one_line_error(run_cli("build", edition, "-o", tmp_path / "taken" / "sub"), "taken/sub", "Not a directory")


def test_output_folder_that_cannot_be_written(tmp_path, edition):
    if os.geteuid() == 0:  # root writes anywhere a mode allows nothing; /proc refuses everyone
        target = Path("/proc/exporter-out")
    else:
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        target = locked / "out"
    one_line_error(run_cli("build", edition, "--to", "epub", "-o", target), str(target), "cannot write the output")


def test_pdf_target_that_is_a_folder(tmp_path, edition):
    (tmp_path / "out" / "edition.pdf").mkdir(parents=True)
    one_line_error(run_cli("build", edition, "--to", "pdf", "-o", tmp_path / "out"), "edition.pdf", "is a folder")


def test_full_disk_is_exit_2_and_leaves_no_partial_file(tmp_path, edition):
    """A 16 kB file-size cap plays a full disk: the EPUB cannot be written (EFBIG, as
    ENOSPC would be) and the build says where."""
    result = run_bounded("build", edition, "--to", "epub", "-o", tmp_path / "out", file_size=16 * 1024)
    one_line_error(result, "edition.epub", "cannot write the output")
    assert list((tmp_path / "out").iterdir()) == []


def cover(epub: Path) -> Image.Image:
    with zipfile.ZipFile(epub) as book:
        return Image.open(io.BytesIO(book.read("EPUB/images/cover.png")))


def test_long_unbroken_title_and_headline_make_a_cover(tmp_path):
    """A 10,000-character title and a 30,000-character headline without a break: Pillow
    refused the one-line mask as a decompression bomb (exit 1). Now they wrap inside the
    word, and what does not fit in two lines ends in an ellipsis."""
    source = write(tmp_path / "src", BASE | {"title": "W" * 10_000, "articles": [ARTICLE | {"headline": "W" * 30_000}]})
    result = run_cli("build", source, "--to", "epub", "-o", tmp_path / "out")
    assert result.code == 0, result.err
    image = cover(tmp_path / "out" / "edition.epub").convert("L")
    assert image.size == (1600, 2400)
    # Nothing is drawn in the side margins (130 px): the words were broken to fit.
    for x in (*range(0, 120), *range(1480, 1600)):
        column = [image.getpixel((x, y)) for y in range(60, 2300, 4)]
        assert min(column) > 200, f"ink at x={x}"
