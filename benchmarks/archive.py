"""`python -m benchmarks --kinds archive`: one generated archive built four ways side by
side: local --jobs 1 and --jobs 2, and on a Dask cluster of 1 and of 2 workers (one thread
each) on 127.0.0.1. Reports throughput (editions per minute) as ratios to --jobs 1, the
serial fraction of a cluster run, and an Amdahl projection for a ten-year archive.

Each build is a fresh `exporter archive` process with a fresh output folder and cache. The
cluster's workers are started (and have imported the package) before the timed command,
as on a running cluster; connecting to the scheduler is timed.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import resource
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from .corpus import edition

ROOT = Path(__file__).resolve().parent.parent
START = dt.date(2026, 11, 2)  # a Monday: the weeks are whole
ARCHIVE_TOML = '''title = "青川日报"
editions = ["editions/{year}/{month}/{date}.json"]
theme = "broadsheet"

[daily]
formats = ["epub"]

[weekly]
formats = ["pdf"]
title = "{title} · {year}年第{week}周"
[weekly.page]
size = "A4"
columns = 2

[monthly]
formats = ["epub"]
title = "{title} · {year}年{month}月"
'''
TEN_YEARS = 3650


def make_archive(folder: Path, editions: int, articles: int) -> Path:
    """`editions` daily editions of `articles` articles (about 1,750 characters each)."""
    for i in range(editions):
        day = START + dt.timedelta(days=i)
        edition(day, 12000 + i, folder / "editions" / f"{day:%Y}" / f"{day:%m}", articles)
    (folder / "archive.toml").write_text(ARCHIVE_TOML, encoding="utf-8")
    return folder / "archive.toml"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    """A scheduler and `workers` one-thread workers on 127.0.0.1, ready before timing."""

    def __init__(self, workers: int, logs: Path) -> None:
        self.address = f"tcp://127.0.0.1:{_free_port()}"
        self.processes = [subprocess.Popen(
            [sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port",
             self.address.rsplit(":", 1)[1], "--no-dashboard"],
            stdout=subprocess.DEVNULL, stderr=(logs / f"scheduler-{workers}.log").open("wb"))]
        self.processes += [subprocess.Popen(
            [sys.executable, "-m", "distributed.cli.dask_worker", self.address, "--host", "127.0.0.1",
             "--nthreads", "1", "--memory-limit", "4GB", "--no-dashboard", "--death-timeout", "60",
             "--preload", "exporter.archive"],  # imported before the clock starts, as on a running cluster
            stdout=subprocess.DEVNULL, stderr=(logs / f"worker-{workers}-{n}.log").open("wb")) for n in range(workers)]
        from distributed import Client

        with Client(self.address, timeout="60s") as client:
            client.wait_for_workers(workers, timeout=180)

    def stop(self) -> None:
        for process in reversed(self.processes):
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


def build(archive: Path, work: Path, name: str, *flags: str) -> dict[str, object]:
    """One timed `exporter archive` run; its wall time, report, and serial seconds (before the
    first task started and after the last one finished)."""
    out, report = work / name, work / f"{name}.json"
    start_wall, start = time.time(), time.perf_counter()
    cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run([sys.executable, "-m", "exporter", "archive", str(archive), "-o", str(out),
                           "--report", str(report), *flags], cwd=ROOT, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode:
        raise SystemExit(f"archive {name} failed:\n{done.stderr[-3000:]}")
    data = json.loads(report.read_text(encoding="utf-8"))
    outputs = data["outputs"]
    first = min(o["finished"] - o["seconds"] for o in outputs)
    last = max(o["finished"] for o in outputs)
    return {"seconds": seconds, "editions": data["editions"], "outputs": len(outputs),
            "task_seconds": sum(o["seconds"] for o in outputs),
            "serial_seconds": (first - start_wall) + (start_wall + seconds - last),
            # the command and the local processes it reaped (on a cluster: the client's work alone)
            "cpu_seconds": after.ru_utime + after.ru_stime - cpu.ru_utime - cpu.ru_stime,
            "editions_per_minute": data["editions"] / seconds * 60}


def amdahl(t1: float, t2: float) -> float:
    """The serial fraction s with T(n) = T(1)·(s + (1 − s)/n), from one and two workers."""
    return min(1.0, max(0.0, 2 * t2 / t1 - 1))


def run(work: Path, editions: int, articles: int) -> dict[str, object]:
    archive = make_archive(work / "archive", editions, articles)
    logs = work / "logs"
    logs.mkdir()
    results: dict[str, dict[str, object]] = {}
    for jobs in (1, 2):
        results[f"local --jobs {jobs}"] = build(archive, work, f"local{jobs}", "--jobs", str(jobs))
        print(f"local --jobs {jobs}: {results[f'local --jobs {jobs}']['seconds']:.1f} s", flush=True)
    for workers in (1, 2):
        cluster = Cluster(workers, logs)
        try:
            results[f"cluster {workers}×1"] = build(archive, work, f"cluster{workers}", "--scheduler", cluster.address)
        finally:
            cluster.stop()
        print(f"cluster {workers}×1: {results[f'cluster {workers}×1']['seconds']:.1f} s", flush=True)
    base = float(results["local --jobs 1"]["editions_per_minute"])  # type: ignore[arg-type]
    for row in results.values():
        row["throughput_vs_local_jobs_1"] = float(row["editions_per_minute"]) / base  # type: ignore[arg-type]
    t1, t2 = (float(results[f"cluster {n}×1"]["seconds"]) for n in (1, 2))  # type: ignore[arg-type]
    s = amdahl(t1, t2)
    measured = float(results["cluster 1×1"]["serial_seconds"]) / t1  # type: ignore[arg-type]
    per_edition = t1 / editions

    def projection(fraction: float) -> dict[str, float]:
        return {f"{n} workers": per_edition * TEN_YEARS * (fraction + (1 - fraction) / n) for n in (16, 64)}

    serial = float(results["cluster 1×1"]["serial_seconds"])  # type: ignore[arg-type]
    # The serial part measured here is per run (start, connect, plan, report), not per edition.
    fixed = {f"{n} workers": serial + (t1 - serial) / editions * TEN_YEARS / n for n in (16, 64)}
    return {"editions": editions, "articles_per_edition": articles, "machine_cores": os.cpu_count(),
            "projection_seconds_3650_editions_fixed_serial_part": fixed,
            "load_average_at_start": os.getloadavg(), "results": results,
            "serial_fraction_amdahl": s, "serial_fraction_measured_1_worker": measured,
            "projection_seconds_3650_editions": projection(s),
            "projection_seconds_3650_editions_measured_fraction": projection(measured)}
