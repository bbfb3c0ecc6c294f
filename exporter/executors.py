"""Where independent build jobs run: the one seam between the pipeline and its executors.

The outputs of a build of several sources, and the chunks and furniture documents of a
large PDF, are independent jobs handed to a `concurrent.futures.Executor`. By default that
is a pool of local processes; inside `running_on(factory)` it is whatever the factory makes
(a Dask cluster, exporter/cluster.py) and nothing else in the pipeline changes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import Executor
from contextlib import contextmanager
from contextvars import ContextVar

from .errors import InputError

PoolFactory = Callable[[int], Executor]  # at most this many jobs at once -> an executor

_chosen: ContextVar[PoolFactory | None] = ContextVar("exporter_pool_factory", default=None)

DASK_HINT = "install the dask extra: pip install 'newsprint-exporter[dask]'"


def chosen() -> PoolFactory | None:
    """The factory chosen for this build, or None for local processes."""
    return _chosen.get()


def pool(jobs: int, local: PoolFactory) -> Executor:
    """An executor for up to `jobs` jobs at once: the chosen one, else `local(jobs)`."""
    return (_chosen.get() or local)(jobs)


@contextmanager
def running_on(factory: PoolFactory) -> Iterator[None]:
    """Hand every job started inside this block (in this thread) to `factory`'s executors."""
    token = _chosen.set(factory)
    try:
        yield
    finally:
        _chosen.reset(token)


@contextmanager
def on_scheduler(address: str) -> Iterator[int]:
    """Run the jobs of this block on the Dask cluster at `address`; yields its thread count.

    Dask is imported here and only here, so a build without a scheduler never imports it.
    """
    try:
        from . import cluster
    except ImportError as exc:
        raise InputError.single("--scheduler", f"Dask is not installed ({exc.name}); {DASK_HINT}") from None
    with cluster.connected(address) as (factory, threads), running_on(factory):
        yield threads
