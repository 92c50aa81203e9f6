"""The garbage collector in a crawl's processes (newscrawl/crawl/collector.py)."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from newscrawl.crawl.collector import CRAWL_THRESHOLD, crawling, loading


@pytest.fixture(autouse=True)
def collector_as_it_was() -> Iterator[None]:
    enabled, thresholds = gc.isenabled(), gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*thresholds)
    (gc.enable if enabled else gc.disable)()


def test_nothing_is_collected_automatically_while_loading_and_the_collector_is_back_after() -> None:
    gc.enable()
    with loading():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_loading_leaves_a_collector_that_was_off_off() -> None:
    gc.disable()
    with loading():
        assert not gc.isenabled()
    assert not gc.isenabled()


def test_the_collector_is_back_when_loading_fails() -> None:
    gc.enable()
    with pytest.raises(ImportError), loading():
        raise ImportError("a module that is not there")
    assert gc.isenabled()


def test_a_crawl_runs_frozen_with_its_youngest_generation_collected_seldom() -> None:
    gc.set_threshold(700, 10, 10)
    with crawling():
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold() == (CRAWL_THRESHOLD, 10, 10)
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == (700, 10, 10)


def test_a_higher_threshold_of_the_users_own_is_kept_and_given_back_after_a_failed_crawl() -> None:
    gc.set_threshold(50_000, 20, 5)
    with pytest.raises(RuntimeError), crawling():
        assert gc.get_threshold() == (50_000, 20, 5)
        raise RuntimeError("the crawl failed")
    assert gc.get_threshold() == (50_000, 20, 5) and gc.get_freeze_count() == 0


def test_cyclic_garbage_made_while_crawling_is_still_collected() -> None:
    class Node:
        def __init__(self) -> None:
            self.other: Node | None = None

    gc.enable()  # as in a crawl's process, whatever tests ran before in this one
    gc.set_threshold(700, 10, 10)
    with crawling():
        gc.collect()
        first = None
        for _ in range(2 * CRAWL_THRESHOLD):  # a cycle of two tracked objects each time
            a, b = Node(), Node()
            a.other, b.other = b, a
            first = first or weakref.ref(a)
        del a, b
        assert first() is None, "the first cycle was collected without a gc.collect()"
