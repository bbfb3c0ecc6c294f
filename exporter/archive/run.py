"""Run an archive's jobs in this process, in local processes or on a Dask cluster, keeping
a manifest of what was made from which inputs so that the next run makes only the rest."""

from __future__ import annotations

import json
import multiprocessing
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from pathlib import Path

from .. import __version__, executors
from ..atomic import write_text
from .job import Outcome, run_job
from .plan import Job

MANIFEST = "archive-manifest.json"
SAVE_EVERY = 2.0  # seconds: an interrupted run loses at most this much of its record


class Manifest:
    """`OUTPUT/archive-manifest.json`: per output, the digest of its inputs and its path
    (relative to the output folder), written atomically by this process only."""

    def __init__(self, output: Path) -> None:
        self.path = output / MANIFEST
        self.saved = time.monotonic()
        try:
            self.entries: dict[str, dict[str, str]] = json.loads(self.path.read_text(encoding="utf-8"))["outputs"]
        except (OSError, ValueError, KeyError, TypeError):
            self.entries = {}  # none yet, or unreadable: everything is built again

    def digest(self, job: Job) -> str | None:
        entry = self.entries.get(job.id)
        return entry.get("digest") if isinstance(entry, dict) else None

    def record(self, outcome: Outcome) -> None:
        if outcome.status != "failed" and outcome.path and outcome.digest:
            path = Path(outcome.path)
            rel = path.relative_to(self.path.parent) if path.is_relative_to(self.path.parent) else path
            self.entries[outcome.id] = {"digest": outcome.digest, "path": rel.as_posix()}
        if time.monotonic() - self.saved > SAVE_EVERY:
            self.save()

    def save(self) -> None:
        data = {"package": __version__, "outputs": dict(sorted(self.entries.items()))}
        write_text(self.path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
        self.saved = time.monotonic()


def _local_pool(jobs: int) -> ProcessPoolExecutor:
    """Processes forked from a fresh server, not from this process, whose progress display
    runs a thread (a fork while it holds a lock would leave the lock held in the child)."""
    return ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("forkserver"))


def _internal(job: Job, exc: BaseException) -> Outcome:
    return Outcome.of(job, "failed", errors=[f"internal error: {type(exc).__name__}: {exc}"])


def run_archive(jobs: list[Job], output: Path, workers: int, done: Callable[[Outcome], None]) -> list[Outcome]:
    """Every job, on the executors chosen (exporter/executors.py; `workers` local processes
    when none is), in this process when `workers` is 1; `done` sees each outcome as it comes."""
    manifest = Manifest(output)
    outcomes: list[Outcome] = []

    def finish(outcome: Outcome) -> None:
        manifest.record(outcome)
        outcomes.append(outcome)
        done(outcome)

    try:
        if workers == 1 and executors.chosen() is None:
            for job in jobs:
                try:
                    finish(run_job(job, manifest.digest(job)))
                except Exception as exc:  # noqa: BLE001 - one output's bug must not stop the archive
                    finish(_internal(job, exc))
            return outcomes
        pool = executors.pool(min(workers, len(jobs)) or 1, _local_pool)
        try:
            futures: dict[Future[Outcome], Job] = {pool.submit(run_job, job, manifest.digest(job)): job for job in jobs}
            for future in as_completed(futures):
                exc = future.exception()
                finish(_internal(futures[future], exc) if exc is not None else future.result())
        except BaseException:
            pool.shutdown(cancel_futures=True)
            raise
        pool.shutdown()
        return outcomes
    finally:
        manifest.save()
