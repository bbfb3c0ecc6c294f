"""The garbage collector's policy around a layout (writers/pdf/gc_policy.py): what it
changes inside the block, and that the thresholds and the freeze are as before after it,
whether the block ends normally or by an exception."""

from __future__ import annotations

import gc

import pytest

from exporter.writers.pdf import gc_policy


@pytest.fixture
def default_gc():
    threshold, frozen = gc.get_threshold(), gc.get_freeze_count()
    gc.set_threshold(700, 10, 10)
    yield
    gc.set_threshold(*threshold)
    assert gc.get_freeze_count() == frozen


def _cycle() -> None:
    a: list[object] = []
    a.append(a)


def test_inside_no_full_collection_and_the_living_frozen(default_gc) -> None:
    alive = [object() for _ in range(10)]
    with gc_policy.collecting_less():
        assert gc.get_threshold()[2] == gc_policy.NEVER
        assert gc.get_threshold()[0] >= gc_policy.YOUNG
        assert gc.get_freeze_count() > len(alive)
    assert gc.get_threshold() == (700, 10, 10)
    assert gc.get_freeze_count() == 0


def test_restored_after_an_exception(default_gc) -> None:
    with pytest.raises(ZeroDivisionError):
        with gc_policy.collecting_less():
            _ = 1 / 0
    assert gc.get_threshold() == (700, 10, 10)
    assert gc.get_freeze_count() == 0


def test_a_freeze_made_before_is_left_to_its_owner(default_gc) -> None:
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with gc_policy.collecting_less():
            pass
        # still frozen (an unfreeze would empty the permanent generation); not `>= frozen`: a
        # frozen object whose last reference goes during the block leaves it, lowering the count
        assert gc.get_freeze_count() > frozen // 2
    finally:
        gc.unfreeze()


def test_collected_runs_the_task_and_frees_its_cycles(default_gc) -> None:
    gc.collect()
    freed: list[int] = []
    gc.callbacks.append(lambda phase, info: freed.append(info["collected"]) if phase == "stop" else None)
    try:
        assert gc_policy.collected(lambda n: [_cycle() for _ in range(n)] and n, 50) == 50
        assert gc_policy.collected(lambda: 1) == 1  # the next task frees the first one's cycles first
    finally:
        gc.callbacks.pop()
    assert sum(freed) >= 50  # the first task's cyclic garbage, freed by the collection before the next
    assert gc.get_threshold() == (700, 10, 10)
    assert gc.get_freeze_count() == 0


def test_a_task_that_fails_leaves_the_policy_restored(default_gc) -> None:
    def fails() -> None:
        raise ValueError("bad chunk")

    with pytest.raises(ValueError, match="bad chunk"):
        gc_policy.collected(fails)
    assert gc.get_threshold() == (700, 10, 10)
    assert gc.get_freeze_count() == 0


def test_threads_inside_at_once_share_one_policy(default_gc) -> None:
    """A Dask worker runs tasks in threads: the last to leave restores what the first saw."""
    import threading

    first_in, second_in, first_out = threading.Event(), threading.Event(), threading.Event()

    def first() -> None:
        with gc_policy.collecting_less():
            first_in.set()
            second_in.wait(5)
        first_out.set()

    thread = threading.Thread(target=first)
    thread.start()
    first_in.wait(5)
    with gc_policy.collecting_less():
        second_in.set()
        first_out.wait(5)
        assert gc.get_threshold()[2] == gc_policy.NEVER  # the first left; this one is still inside
    thread.join()
    assert gc.get_threshold() == (700, 10, 10)
    assert gc.get_freeze_count() == 0


def test_a_one_pass_and_a_task_that_leave_out_of_order_restore_the_collector(default_gc) -> None:
    """A one pass (`fewer_full_collections`) and a chunk task (`collecting_less`) inside at
    once in two threads of one process, the first in leaving first: one policy, set by the
    first and restored by the last, so neither leaves the other's threshold behind."""
    one_pass, task = gc_policy.fewer_full_collections(), gc_policy.collecting_less()
    one_pass.__enter__()
    assert gc.get_threshold() == (700, 10, gc_policy.FULL_COLLECTION_EVERY) and gc.get_freeze_count() > 0
    task.__enter__()
    one_pass.__exit__(None, None, None)
    assert gc.get_freeze_count() > 0  # the task is still inside
    task.__exit__(None, None, None)
    assert gc.get_threshold() == (700, 10, 10)
    assert gc.get_freeze_count() == 0


def test_a_document_dropped_inside_a_task_is_freed_before_the_next(default_gc) -> None:
    """`dropped()` inside the policy (the contents fit's steps, the furniture laid out again)
    frees what the task let go of at once; outside it the collector's own thresholds do, and
    it collects nothing."""
    collections: list[tuple[int, int]] = []
    gc.callbacks.append(lambda phase, info: collections.append((info["generation"], info["collected"]))
                        if phase == "stop" else None)
    try:
        with gc_policy.collecting_less():
            for _ in range(50):
                _cycle()
            gc_policy.dropped()
            [(generation, freed)] = collections
            assert generation == 2 and freed >= 50
        collections.clear()
        gc_policy.dropped()
        assert collections == []
    finally:
        gc.callbacks.pop()
