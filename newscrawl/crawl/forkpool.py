"""A process pool whose first process loads the work's modules and forks the workers.

``concurrent.futures.ProcessPoolExecutor`` on a ``forkserver`` context keeps two processes
beside its workers for as long as the pool lives: the fork server, which holds everything it
preloaded (the extraction stack, about 100 MB resident, every page of it counted again in
each worker forked from it), and multiprocessing's resource tracker (a bare interpreter,
15 MB, there to remove the named semaphores of the pool's queues after a crash). This pool
has neither:

- one process is started (``subprocess``, so nothing of the crawl's threads or reactor is
  inherited); it imports ``preload`` (a module that loads, warms up and freezes the stack),
  forks the workers and exits: on Linux the pool's own process is made the workers' reaper
  (``PR_SET_CHILD_SUBREAPER``) while the pool starts, so the workers become its children, and
  the pool waits for them itself; elsewhere the first process waits for them as a bare
  interpreter (``exec``: about 9 MB resident beside them); either way what only loading
  touched is not kept resident beside the workers;
- each worker talks to the pool over its own socket pair (a job and its result pickled, one at
  a time, their large bytes objects sent beside the pickle as they are: :func:`_send`), so
  there is no semaphore to track: a worker that dies closes its socket and the pool sees
  end-of-file;
- each worker holds a :class:`~newscrawl.crawl.lifeline.Lifeline` and exits within moments of
  the parent's death, ``kill -9`` included; closing the pool closes the sockets, and the
  workers exit when they read end-of-file.

A dead worker breaks the pool, as in ``ProcessPoolExecutor``: every job not done fails with
:class:`~concurrent.futures.process.BrokenProcessPool` and the caller starts a new pool.
Only where ``os.fork`` exists (POSIX). No Scrapy here.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import functools
import importlib
import io
import multiprocessing.spawn
import os
import pickle
import queue
import socket
import struct
import subprocess
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Executor, Future
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.connection import Connection
from multiprocessing.reduction import ForkingPickler
from typing import Any

from newscrawl.crawl.lifeline import POOL_PARENT_ENV, Lifeline, hold_on

__all__ = ["ForkPool"]

_READY = b"ready"
PR_SET_CHILD_SUBREAPER = 36
PR_GET_CHILD_SUBREAPER = 37

# A bytes object this large (a page's body in a job, its WARC record in a result) travels beside
# the pickle, not in it (_send).
_APART = 16 * 1024


class _Pickler(ForkingPickler):
    """multiprocessing's pickler, setting each large bytes object apart (in ``apart``)."""

    def __init__(self, file: io.BytesIO, apart: list[bytes]) -> None:
        super().__init__(file, pickle.HIGHEST_PROTOCOL)
        self.apart = apart

    def persistent_id(self, obj: Any) -> int | None:
        if type(obj) is bytes and len(obj) >= _APART:
            self.apart.append(obj)
            return len(self.apart) - 1
        return None


class _Unpickler(pickle.Unpickler):
    def __init__(self, file: io.BytesIO, apart: list[bytes]) -> None:
        super().__init__(file)
        self.apart = apart

    def persistent_load(self, pid: Any) -> bytes:
        return self.apart[pid]


def _send(connection: Connection, obj: Any) -> None:
    """Send ``obj`` (a job, a result): its pickle, with each bytes object of :data:`_APART`
    bytes or more left out, then those objects as they are, each written from itself.

    A page's body pickled into the job (about 170 kB) was a block of its own in the crawl's
    process (over its mmap threshold: crawl/malloc.py), mapped, faulted in and unmapped for
    every page, by a thread of a process with several: 150 µs of CPU a job in a crawl, against
    30 µs for the same pickling measured alone (docs/benchmarks.md, "Crawl throughput"). It is
    pickled entirely before anything is sent, so a job that cannot be pickled sends nothing."""
    apart: list[bytes] = []
    head = io.BytesIO()
    head.write(b"\0\0\0\0")  # how many objects follow the pickle
    _Pickler(head, apart).dump(obj)
    with head.getbuffer() as view:
        struct.pack_into("!I", view, 0, len(apart))
        connection.send_bytes(view)
    for data in apart:
        connection.send_bytes(data)


def _receive(connection: Connection) -> Any:
    """What :func:`_send` sent: every part is read before it is unpickled, so one that cannot
    be unpickled leaves the next message where it starts."""
    head = io.BytesIO(connection.recv_bytes())
    (count,) = struct.unpack("!I", head.read(4))
    apart = [connection.recv_bytes() for _ in range(count)]
    return _Unpickler(head, apart).load()


class ForkPool(Executor):
    """``workers`` processes forked from the first, which imported ``preload``; see the module.

    ``initializer(*initargs)`` runs in each worker before its first job (pickled by reference,
    as ``ProcessPoolExecutor`` does). The constructor returns once every worker is ready.
    """

    def __init__(self, workers: int, preload: str, line: Lifeline,
                 initializer: Callable[..., Any] | None = None, initargs: tuple[Any, ...] = ()) -> None:
        self._jobs: queue.SimpleQueue[tuple[Future[Any], Callable[..., Any], tuple, dict] | None] = (
            queue.SimpleQueue())
        self._lock = threading.Lock()
        self._broken: str | None = None
        self._shutdown = False
        pairs = [socket.socketpair() for _ in range(max(1, workers))]
        child_fds = [child.fileno() for _, child in pairs]
        self._workers: list[int] = []
        self._unreaped: list[int] = []  # adopted workers not waited for yet
        self._adopted = _adopt_orphans()  # the workers become this process's children (Linux)
        try:
            self._start(preload, line, pairs, child_fds, initializer, initargs, self._adopted)
        finally:
            if self._adopted:
                _stop_adopting()
        self._threads = [threading.Thread(target=self._serve, args=(connection,), daemon=True,
                                          name=f"newscrawl-pool-{k}")
                         for k, connection in enumerate(self._connections)]
        for thread in self._threads:
            thread.start()

    def _start(self, preload: str, line: Lifeline, pairs: list[tuple[socket.socket, socket.socket]],
               child_fds: list[int], initializer: Callable[..., Any] | None, initargs: tuple[Any, ...],
               adopted: bool) -> None:
        """Start the first process, hand each worker its preparation, wait until all are ready
        (and, when ``adopted``, until the first process, having forked them, is gone)."""
        command = [sys.executable, "-c", f"from {__name__} import _first_worker; "
                   f"_first_worker({preload!r}, {line.fd()}, {child_fds!r}, wait={not adopted})"]
        # The first worker ends itself when the parent is gone, even while it is still loading
        # (newscrawl.pipelines.forkserver reads this).
        env = {**os.environ, POOL_PARENT_ENV: str(os.getpid())}
        try:
            self._process = subprocess.Popen(command, pass_fds=[line.fd(), *child_fds], env=env,
                                             stdin=subprocess.DEVNULL)
        finally:
            for _, child in pairs:
                child.close()
        self._connections = [Connection(parent.detach()) for parent, _ in pairs]
        preparation = multiprocessing.spawn.get_preparation_data("newscrawl-pool-worker")
        preparation.pop("authkey", None)  # not picklable outside a process start; unused here
        try:
            for connection in self._connections:
                connection.send(preparation)  # sys.path, the main module: as multiprocessing does
                connection.send((initializer, initargs))
            for connection in self._connections:
                ready = connection.recv_bytes()
                if not ready.startswith(_READY):
                    raise EOFError
                self._workers.append(int(ready[len(_READY):]))
                self._unreaped.append(self._workers[-1])
        except (EOFError, OSError, ValueError) as exc:
            self._close_connections()
            self._reap()
            raise BrokenProcessPool(f"the pool's workers did not start (exit status "
                                    f"{self._process.returncode})") from exc
        if adopted:
            self._process.wait()  # it exits once it has forked the workers, now ours

    def pids(self) -> list[int]:
        """The workers' process ids."""
        return list(self._workers)

    def _reap(self) -> None:
        """Wait for the first process and, when this process adopted them, the workers."""
        self._process.wait()
        if not self._adopted:  # the first process waited for them
            return
        while True:  # each worker reaped once (a reaped process's id may be another's next)
            with self._lock:
                if not self._unreaped:
                    return
                pid = self._unreaped.pop()
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        with self._lock:
            if self._broken is not None:
                raise BrokenProcessPool(self._broken)
            if self._shutdown:
                raise RuntimeError("cannot schedule new futures after shutdown")
            future: Future[Any] = Future()
            self._jobs.put((future, fn, args, kwargs))
            return future

    def _serve(self, connection: Connection) -> None:
        """One thread per worker: hand it the next job, wait for the result."""
        while True:
            job = self._jobs.get()
            if job is None:  # shut down
                break
            future, fn, args, kwargs = job
            if self._broken is not None:
                future.set_exception(BrokenProcessPool(self._broken))
                continue
            if not future.set_running_or_notify_cancel():
                continue
            try:
                _send(connection, (fn, args, kwargs))
            except (OSError, EOFError):
                self._break(future, "a worker of the pool ended abruptly")
                break
            except Exception as exc:  # the job could not be pickled: only this one fails
                future.set_exception(exc)
                continue
            try:
                ok, value = _receive(connection)
            except (OSError, EOFError):
                self._break(future, "a worker of the pool ended abruptly")
                break
            except Exception as exc:  # the result could not be unpickled
                future.set_exception(exc)
                continue
            if ok:
                future.set_result(value)
            else:
                future.set_exception(value)
        with self._lock:  # never while _break shuts the sockets down (a closed fd is reused)
            connection.close()

    def _break(self, future: Future[Any], reason: str) -> None:
        """A worker died: fail this job and every waiting one; the other workers are told to stop."""
        with self._lock:
            if self._broken is None:
                self._broken = reason
        future.set_exception(BrokenProcessPool(reason))
        self._cancel_waiting(BrokenProcessPool(reason))
        with self._lock:
            for connection in self._connections:  # the others read end-of-file and exit
                if connection.closed:
                    continue
                with contextlib.suppress(OSError):
                    wrapped = socket.socket(fileno=connection.fileno())
                    try:
                        wrapped.shutdown(socket.SHUT_RDWR)
                    finally:
                        wrapped.detach()
        for _ in self._threads:
            self._jobs.put(None)
        threading.Thread(target=self._reap, daemon=True).start()  # reaped once they end

    def _cancel_waiting(self, error: BaseException | None) -> None:
        """Cancel (or fail with ``error``) every job no worker has taken; end marks stay queued."""
        ends = 0
        while True:
            try:
                job = self._jobs.get_nowait()
            except queue.Empty:
                break
            if job is None:
                ends += 1
                continue
            future = job[0]
            if error is None:
                future.cancel()
            elif future.set_running_or_notify_cancel():
                future.set_exception(error)
        for _ in range(ends):
            self._jobs.put(None)

    def _close_connections(self) -> None:
        for connection in self._connections:
            with contextlib.suppress(OSError):
                connection.close()

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        with self._lock:
            self._shutdown = True
        if cancel_futures:
            self._cancel_waiting(None)
        for _ in self._threads:
            self._jobs.put(None)  # each thread ends after the jobs queued before this
        if wait:
            for thread in self._threads:
                thread.join()
            self._reap()


_adopting_lock = threading.Lock()
_adopting = 0  # pools starting now, with this process made the reaper of its orphans
_was_reaper = 0  # whether it was one before the first of them


@functools.cache
def _prctl() -> Any:
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True).prctl
    except (OSError, AttributeError):
        return None


def _adopt_orphans() -> bool:
    """Make this process the reaper of its orphaned descendants (Linux ``PR_SET_CHILD_SUBREAPER``),
    for as long as a pool starts: the workers, orphaned when the first process exits, become its
    children instead of init's. False where that cannot be done (the first process then waits
    for them)."""
    global _adopting, _was_reaper
    prctl = _prctl()
    if prctl is None:
        return False
    with _adopting_lock:
        if _adopting == 0:
            was = ctypes.c_int(0)
            if prctl(PR_GET_CHILD_SUBREAPER, ctypes.byref(was), 0, 0, 0) != 0:
                return False
            if not was.value and prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
                return False
            _was_reaper = was.value
        _adopting += 1
        return True


def _stop_adopting() -> None:
    """The pool has started: orphans go to init again (unless this process was a reaper before)."""
    global _adopting
    with _adopting_lock:
        _adopting -= 1
        if _adopting == 0 and not _was_reaper:
            _prctl()(PR_SET_CHILD_SUBREAPER, 0, 0, 0, 0)


# -- in the workers -------------------------------------------------------------------------------


# What the first process becomes once it has forked the workers: a bare interpreter (about
# 9 MB resident) that reaps them and exits after the last; Ctrl-C is the crawl's, as in the
# workers.
_WAITER = """\
import os, signal
signal.signal(signal.SIGINT, signal.SIG_IGN)
while True:
    try:
        os.wait()
    except ChildProcessError:
        break
"""


def _first_worker(preload: str, line_fd: int, fds: list[int], wait: bool = True) -> None:
    """The pool's first process: load ``preload``, fork a worker per socket, then exit, or with
    ``wait`` wait for them.

    The loaded process would stay resident beside its workers, with the pages of files that
    only importing read counted in it alone (about 15 MB more than a forked worker;
    docs/benchmarks.md, "Memory"). Where the pool's process adopts the workers it exits;
    otherwise it waits as a new, bare interpreter (``exec``, about 9 MB): the workers stay its
    children, so it still ends after them. Either way they end with the crawl (their lifeline).
    """
    importlib.import_module(preload)
    for k, fd in enumerate(fds):
        pid = os.fork()
        if pid == 0:
            for other in fds[k + 1 :]:  # the earlier ones were closed before this fork
                os.close(other)
            _work(fd, line_fd)
        os.close(fd)
    os.close(line_fd)
    if not wait:  # the pool's process is their reaper now
        os._exit(0)
    with contextlib.suppress(OSError):  # no interpreter to run: wait here
        os.execv(sys.executable, [sys.executable, "-I", "-S", "-c", _WAITER])
    exec(_WAITER)  # noqa: S102 - the same loop, in this process
    os._exit(0)


def _work(fd: int, line_fd: int) -> None:
    """A worker: prepare, run the initializer, then run jobs until the pool closes the socket."""
    hold_on(line_fd)  # exits this process as soon as the parent is gone
    connection = Connection(fd)
    code = 0
    try:
        multiprocessing.spawn.prepare(connection.recv())
        initializer, initargs = connection.recv()
        if initializer is not None:
            initializer(*initargs)
        connection.send_bytes(_READY + str(os.getpid()).encode())
        while True:
            try:
                fn, args, kwargs = _receive(connection)
            except EOFError:
                break
            try:
                result: tuple[bool, Any] = (True, fn(*args, **kwargs))
            except BaseException as exc:  # noqa: BLE001 - handed back to the caller, as a pool does
                result = (False, exc)
            try:
                _send(connection, result)
            except (OSError, EOFError):
                break
            except Exception as exc:  # noqa: BLE001 - the result or the error could not be pickled
                _send(connection, (False, RuntimeError(f"the job's result could not be sent back: {exc!r}")))
    except (OSError, EOFError):
        pass
    except BaseException:  # noqa: BLE001 - an initializer that failed: the pool sees end-of-file
        code = 1
    finally:
        connection.close()
        os._exit(code)
