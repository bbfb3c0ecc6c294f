"""Jobs on a Dask cluster (`--scheduler tcp://HOST:PORT`): an executor factory for
exporter/executors.py, imported only when a scheduler is named.

Every job (an output, a PDF chunk, a furniture document) is a Dask task. A task runs with
the same factory chosen, so the jobs it starts itself (the chunks of the PDF it builds) are
tasks on the cluster too: while it waits for them it leaves its worker thread (Dask's
`worker_client` secedes), and they get a higher priority than the outputs still queued, so
a started PDF finishes before new outputs start. A task that raises is retried; a task on a
worker that dies is given to another worker by the scheduler.

Workers need only the installed wheel: tasks name functions of the `exporter` package,
and every path they get is absolute, on a filesystem every worker sees (docs/archive.md).
"""

from __future__ import annotations

import concurrent.futures as cf
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from typing import Any

from distributed import Client, get_worker, worker_client
from distributed.cfexecutor import ClientExecutor
from distributed.comm.addressing import parse_address, parse_host_port

from . import executors
from .errors import InputError

CONNECT_TIMEOUT = "10s"
RETRIES = 2  # a task that raises runs again up to twice (a worker's death is not counted here)

_clients: dict[str, Client] = {}


@dataclass(frozen=True)
class DaskPools:
    """A picklable executor factory for one scheduler; `depth` is how deeply nested the
    jobs it makes are (outputs 0, their PDF chunks 1), which is also their priority."""

    address: str
    depth: int = 0

    def __call__(self, jobs: int) -> cf.Executor:
        return _ClusterExecutor(self)


def _in_task(pools: DaskPools, fn: Callable[..., Any], *args: Any) -> Any:
    """Run one job on a worker, with the jobs it starts handed to the cluster as well."""
    with executors.running_on(DaskPools(pools.address, pools.depth + 1)):
        return fn(*args)


class _ClusterExecutor(ClientExecutor):
    """`concurrent.futures` over a Dask client, as the local process pool is used: submit,
    as_completed, shutdown(cancel_futures=...). On a worker it uses the worker's client
    and leaves its thread until shut down."""

    _allowed_kwargs = ClientExecutor._allowed_kwargs | {"priority"}

    def __init__(self, pools: DaskPools) -> None:
        self._pools = pools
        self._seceded: AbstractContextManager[Client] | None = None
        try:
            get_worker()
        except ValueError:  # not in a task: the client this process connected
            client = _clients[pools.address]
        else:
            self._seceded = worker_client()
            client = self._seceded.__enter__()
        super().__init__(client, pure=False, retries=RETRIES, priority=pools.depth)

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> cf.Future[Any]:
        # a partial is named for its function (the furniture's layout_furniture), as the
        # dashboard's task stream shows it
        name = getattr(fn, "__name__", None) or getattr(getattr(fn, "func", None), "__name__", "job")
        key = f"{name}-{uuid.uuid4().hex}"
        return super().submit(_in_task, self._pools, fn, *args, key=key, **kwargs)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        try:
            super().shutdown(wait=wait and not cancel_futures)
        finally:
            if self._seceded is not None:
                seceded, self._seceded = self._seceded, None
                seceded.__exit__(None, None, None)


@contextmanager
def connected(address: str) -> Iterator[tuple[DaskPools, int]]:
    """Connect to the scheduler; yield the executor factory and the cluster's thread count."""
    try:
        parse_host_port(parse_address(address)[1])  # a malformed address fails here, not in a retry loop
        client = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise InputError.single("--scheduler", f"cannot reach the Dask scheduler at {address}: {exc}") from None
    _clients[address] = client
    try:
        yield DaskPools(address), sum(client.nthreads().values())
    finally:
        del _clients[address]
        client.close()
