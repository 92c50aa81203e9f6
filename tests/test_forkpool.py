"""The extraction pool's processes (newscrawl/crawl/forkpool.py): the first loads the work's
modules and forks the others; jobs and results go over one socket pair per worker; a dead
worker breaks the pool; no fork server or resource tracker beside them. Real processes."""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Iterator
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.connection import Connection
from pathlib import Path

import pytest

from newscrawl.crawl.forkpool import _APART, ForkPool, _receive, _send
from newscrawl.crawl.lifeline import Lifeline

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="forks its workers")


def _parent_and_mark(hold: float = 0) -> tuple[int, int, str | None]:
    time.sleep(hold)
    return os.getpid(), os.getppid(), os.environ.get("FORKPOOL_MARK")


def _mark(value: str) -> None:
    os.environ["FORKPOOL_MARK"] = value


def _fail() -> None:
    raise ValueError("bad page")


def _echo(*parts: object) -> tuple[tuple[object, ...], bytes]:
    return parts, bytes(range(256)) * 200  # (a result with a large bytes object too)


def _cmdline(pid: int) -> str:
    return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")


@pytest.fixture
def pool():
    line = Lifeline()
    pool = ForkPool(2, "json", line, initializer=_mark, initargs=("ready",))
    yield pool
    pool.shutdown(wait=True, cancel_futures=True)
    line.close()


def _first_process(pool: ForkPool) -> int:
    return pool._process.pid


def test_the_workers_are_the_pools_own_children_and_no_process_waits_beside_them(pool: ForkPool) -> None:
    workers = pool.pids()
    # Submitted together and each holding its worker a moment, so both workers take some
    # (one at a time, the same worker could win every job on a busy machine).
    futures = [pool.submit(_parent_and_mark, 0.2) for _ in range(6)]
    seen = {future.result(timeout=30) for future in futures}
    assert {pid for pid, _, _ in seen} == set(workers) and len(workers) == 2
    for _, parent, mark in seen:
        assert parent == os.getpid()  # adopted when the first process exited (Linux)
        assert mark == "ready"  # the initializer ran in each
    # Having forked them, the first process exited: no process but the workers is left.
    assert not Path(f"/proc/{_first_process(pool)}").exists()
    children = Path(f"/proc/{os.getpid()}/task/{os.getpid()}/children").read_text().split()
    assert {int(pid) for pid in children} >= set(workers)
    assert "resource_tracker" not in " ".join(_cmdline(p) for p in workers)


def test_this_process_adopts_orphans_only_while_a_pool_starts(pool: ForkPool) -> None:
    import ctypes

    from newscrawl.crawl.forkpool import PR_GET_CHILD_SUBREAPER, _prctl

    reaper = ctypes.c_int(-1)
    assert _prctl()(PR_GET_CHILD_SUBREAPER, ctypes.byref(reaper), 0, 0, 0) == 0
    assert reaper.value == 0


def test_where_the_workers_cannot_be_adopted_the_first_process_waits_for_them(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import newscrawl.crawl.forkpool as forkpool

    monkeypatch.setattr(forkpool, "_adopt_orphans", lambda: False)  # as where prctl is missing
    line = Lifeline()
    pool = ForkPool(2, "json", line, initializer=_mark, initargs=("ready",))
    try:
        first = _first_process(pool)
        seen = {pool.submit(_parent_and_mark, 0.2).result(timeout=30) for _ in range(4)}
        assert all(parent == first for _, parent, _ in seen)
        # Having forked them, the first process became a bare interpreter that waits for them.
        assert "os.wait()" in _cmdline(first) and "json" not in _cmdline(first)
    finally:
        pool.shutdown(wait=True)
        line.close()
    assert pool._process.returncode == 0
    for pid in pool.pids():
        assert not Path(f"/proc/{pid}").exists()


def test_a_jobs_exception_comes_back_and_the_pool_goes_on(pool: ForkPool) -> None:
    with pytest.raises(ValueError, match="bad page"):
        pool.submit(_fail).result(timeout=30)
    assert pool.submit(sum, [1, 2, 3]).result(timeout=30) == 6


def test_a_dead_worker_breaks_the_pool(pool: ForkPool) -> None:
    waiting = [pool.submit(os._exit, 3)]
    for k in range(50):
        try:
            waiting.append(pool.submit(sum, [k]))
        except BrokenProcessPool:  # the worker died before all were submitted (a busy machine)
            break
    with pytest.raises(BrokenProcessPool):
        waiting[0].result(timeout=30)
    for future in waiting[1:]:  # each either ran before the break or fails with it
        assert future.exception(timeout=30) is None or isinstance(future.exception(), BrokenProcessPool)
    with pytest.raises(BrokenProcessPool):
        pool.submit(sum, [1])


def test_closing_the_pool_ends_its_processes(pool: ForkPool) -> None:
    workers = {pool.submit(os.getpid).result(timeout=30) for _ in range(20)}
    pool.shutdown(wait=True)
    for pid in workers:
        assert not Path(f"/proc/{pid}").exists() or "Z" in Path(f"/proc/{pid}/stat").read_text().split()[2]


def test_large_bytes_go_to_a_worker_and_back_as_they_were(pool: ForkPool) -> None:
    body = os.urandom(3 * _APART)
    parts = (body, {"page": body, "small": b"abc"}, [body[:_APART], b""], "text")
    back, result = pool.submit(_echo, *parts).result(timeout=30)
    assert back == parts and result == bytes(range(256)) * 200
    assert all(type(p) is bytes for p in (back[0], back[1]["page"], back[2][0]))


class _Unreadable:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        return int, ("not a number",)  # unpickling it fails


@pytest.fixture
def pair() -> Iterator[tuple[Connection, Connection]]:
    a, b = socket.socketpair()
    pair = Connection(a.detach()), Connection(b.detach())
    yield pair
    for end in pair:
        end.close()


def test_a_large_bytes_object_is_sent_beside_the_pickle(pair: tuple[Connection, Connection]) -> None:
    sender, receiver = pair
    body = os.urandom(4 * _APART)
    _send(sender, ("job", body, body[:100]))
    head = receiver.recv_bytes()
    assert len(head) < 200 and body not in head and head[:4] == (1).to_bytes(4, "big")
    assert receiver.recv_bytes() == body  # then the body, as it is


def test_a_message_that_cannot_be_read_leaves_the_next_one_whole(pair: tuple[Connection, Connection]) -> None:
    sender, receiver = pair
    big = os.urandom(2 * _APART)
    with pytest.raises(AttributeError):
        _send(sender, (big, lambda: None))  # cannot be pickled: nothing is sent
    _send(sender, (big, _Unreadable(), big + b"!"))
    _send(sender, ("next", big))
    with pytest.raises(ValueError):
        _receive(receiver)
    assert _receive(receiver) == ("next", big)
