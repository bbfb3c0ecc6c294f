"""A pytest plugin for finding where the suite's time goes on a loaded machine:
`python -m pytest -n 2 -p tests.cpu_log` writes one JSON line per test (node id, start,
wall seconds, CPU seconds of the worker and of the subprocesses it waited for) to
`$CPU_LOG.<worker>` (default /tmp/cpu-log). CPU seconds, unlike wall time, do not grow with
the others' load; the start times show whether the workers end together."""

from __future__ import annotations

import json
import os
import resource
import time
from collections.abc import Iterator

import pytest


def _cpu_seconds() -> float:
    own, waited = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + waited.ru_utime + waited.ru_stime


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    cpu, start = _cpu_seconds(), time.time()
    try:
        return (yield)
    finally:
        record = {"id": item.nodeid, "start": round(start, 2), "wall": round(time.time() - start, 2),
                  "cpu": round(_cpu_seconds() - cpu, 2)}
        path = f"{os.environ.get('CPU_LOG', '/tmp/cpu-log')}.{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
        with open(path, "a", encoding="utf-8") as log:
            log.write(json.dumps(record) + "\n")
