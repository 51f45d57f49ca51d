"""A run raises the garbage collector's first threshold while it runs, and puts it back after."""

from __future__ import annotations

import gc

import pytest

from casegate.core.run import _RUN_COLLECTION_THRESHOLD, _fewer_collections


def test_the_threshold_is_raised_during_a_run_and_restored_after() -> None:
    before = gc.get_threshold()
    inside = _fewer_collections(gc.get_threshold)()
    assert inside[0] >= _RUN_COLLECTION_THRESHOLD
    assert inside[1:] == before[1:]
    assert gc.get_threshold() == before


def test_nested_runs_and_failures_restore_it_once_all_are_done() -> None:
    before = gc.get_threshold()

    @_fewer_collections
    def failing() -> None:
        raise RuntimeError("a run that fails")

    @_fewer_collections
    def outer() -> tuple[int, int, int]:
        with pytest.raises(RuntimeError):
            failing()
        return gc.get_threshold()  # still raised: the outer run is under way

    assert outer()[0] >= _RUN_COLLECTION_THRESHOLD
    assert gc.get_threshold() == before
