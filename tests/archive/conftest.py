"""A small archive on disk, and a real Dask cluster on 127.0.0.1: a scheduler and two
worker processes of one thread each, started from a fresh venv holding only the wheel."""

from __future__ import annotations

import copy
import os
import signal
import socket
import subprocess
import sys
import sysconfig
import time
import venv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.samples import PARAGRAPH, SMALL_EDITION, write_edition

ROOT = Path(__file__).resolve().parents[2]
# Three editions of about 7,000 characters: the week's PDF is laid out in one pass (the
# chunk rule, writers/pdf/chunk_rule.py, finds chunks slower at this size).
DAYS = {16: 11, 17: 11, 18: 11}
ARCHIVE_TOML = '''title = "测试日报"
editions = ["{year}/{month}/{year}-{month}-{day}/*.json"]
theme = "digest"

[daily]
formats = ["epub"]

[weekly]
formats = ["pdf"]
title = "{title} · {year}年第{week}周"

[monthly]
formats = ["epub"]
title = "{title} · {year}年{month}月"
'''


def write_archive(folder: Path) -> Path:
    """Four dated editions (different text each day) and the archive file."""
    for day, paragraphs in DAYS.items():
        edition = copy.deepcopy(SMALL_EDITION)
        edition["date"] = f"2026-11-{day}"
        edition["edition"] = f"第{day}期"
        for n, article in enumerate(edition["articles"]):
            article.pop("continued_to", None)
            article["headline"] = f"{day}日{article.get('headline') or '图片新闻'}"
            for block in article["blocks"]:
                for key in ("text", "caption"):
                    if key in block:
                        block[key] = f"{day}日{n}，{block[key]}"
        edition["articles"][0]["blocks"] += [{"type": "paragraph", "text": f"{day}日续{i}，" + PARAGRAPH * paragraphs}
                                             for i in range(4)]
        write_edition(folder / "2026" / "11" / f"2026-11-{day}", edition)
    (folder / "archive.toml").write_text(ARCHIVE_TOML, encoding="utf-8")
    return folder / "archive.toml"


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    return write_archive(tmp_path / "archive")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wheel_python(folder: Path) -> Path:
    """A venv with this package installed from its wheel only (the dependencies come from
    the test venv, appended after the fresh site-packages, so nothing is downloaded)."""
    dist = folder / "dist"
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist), str(ROOT)],
                   check=True, capture_output=True)
    [wheel] = dist.glob("newsprint_exporter-*.whl")
    venv.create(folder / "venv", with_pip=False)
    python = folder / "venv" / "bin" / "python"
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps", "--no-index",
                    str(wheel)], check=True, capture_output=True)
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    Path(site, "test-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return python


@dataclass
class Cluster:
    address: str
    workers: list[subprocess.Popen[bytes]]
    python: Path


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def dask_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    """`dask scheduler` and two `dask worker --nthreads 1` processes on free ports of
    127.0.0.1; startup is bounded, and they are always stopped."""
    from distributed import Client

    folder = tmp_path_factory.mktemp("cluster")
    python = wheel_python(folder)
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    logs = folder / "logs"
    logs.mkdir()
    started: list[subprocess.Popen[bytes]] = []
    try:
        started.append(subprocess.Popen(
            [sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", str(port),
             "--no-dashboard"], stdout=subprocess.DEVNULL, stderr=(logs / "scheduler.log").open("wb"), env=env))
        for n in range(2):
            started.append(subprocess.Popen(
                [str(python), "-m", "distributed.cli.dask_worker", address, "--host", "127.0.0.1", "--nworkers", "1",
                 "--nthreads", "1", "--memory-limit", "3GB", "--no-dashboard", "--death-timeout", "60"],
                cwd=folder, stdout=subprocess.DEVNULL, stderr=(logs / f"worker{n}.log").open("wb"), env=env))
        with Client(address, timeout="30s") as client:
            client.wait_for_workers(2, timeout=90)
            client.get_task_stream(start=0)  # installs the scheduler's task-stream record the tests read
            where = client.run(lambda: __import__("exporter").__file__)
        assert all(str(folder / "venv") in path for path in where.values()), where  # the wheel, not the checkout
        yield Cluster(address, started[1:], python)
    finally:
        for process in reversed(started):
            _stop(process)


def wait_until(condition, timeout: float, step: float = 0.2):  # type: ignore[no-untyped-def]
    """Poll `condition()` until it returns something true, for at most `timeout` seconds."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if value := condition():
            return value
        time.sleep(step)
    raise TimeoutError(f"not within {timeout} s")
