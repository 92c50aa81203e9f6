"""Child processes that die with their parent, however it dies (``kill -9`` included).

The parent makes a :class:`Lifeline`, a pipe of which it alone holds the write end and never
writes to it. Each child gets the read end and calls :func:`hold_on`: a daemon thread blocks
reading it. When the parent exits, whatever the signal, the kernel closes the write end, the
read returns end-of-file at once and the thread ends the child. No polling, no cost per task,
and no ``prctl`` (it would fire when the parent *thread* dies, and it is Linux only): pipes
end the same way on every platform.

Two kinds of children use it:

- the extraction pool's workers (``crawl/forkpool.py``), which get the read end as a file
  descriptor and hold on in each worker;
- a command run with :func:`lifeline_command` (``newscrawl serve`` runs Datasette so), which
  gets the read end as a file descriptor: ``python -m newscrawl.crawl.lifeline FD MODULE ARGS``.

No Scrapy here.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import runpy
import sys
import threading
from multiprocessing.connection import Connection

__all__ = ["EXIT_ORPHANED", "Lifeline", "POOL_PARENT_ENV", "hold_on", "lifeline_command"]

# The crawl's process id, in the environment of the extraction pool's first process: it ends
# itself when its parent is no longer that process, even while still loading
# (newscrawl.pipelines.forkserver). Internal: not a setting.
POOL_PARENT_ENV = "newscrawl_pool_parent"

# The exit status of a child whose parent died (what a shell shows for SIGHUP: 128 + 1).
EXIT_ORPHANED = 129


class Lifeline:
    """A pipe whose write end this process keeps: its children read :attr:`reader`."""

    def __init__(self) -> None:
        self.reader, self._writer = multiprocessing.Pipe(duplex=False)

    def fd(self) -> int:
        """The read end as a file descriptor, for a child started with ``pass_fds``."""
        return self.reader.fileno()

    def close(self) -> None:
        """Cut the line: children that hold on exit now."""
        self._writer.close()
        self.reader.close()


def _wait_for_eof(reader: Connection) -> None:
    with contextlib.suppress(EOFError, OSError):
        reader.recv_bytes()  # nobody writes: it returns at end-of-file
    os._exit(EXIT_ORPHANED)  # no clean-up: the parent that wanted the results is gone


def hold_on(reader: Connection | int) -> None:
    """In a child: exit as soon as the parent holding the line's write end is gone."""
    if isinstance(reader, int):
        reader = Connection(reader, writable=False)
    threading.Thread(target=_wait_for_eof, args=(reader,), name="newscrawl-lifeline", daemon=True).start()


def lifeline_command(command: list[str], line: Lifeline) -> list[str]:
    """``command`` (``[python, "-m", MODULE, ...]``) run so that it ends with this process.

    Start it with ``pass_fds=[line.fd()]``. Where pipes cannot be passed so (Windows), the
    command is returned as it is.
    """
    if os.name != "posix" or command[1:2] != ["-m"]:
        return command
    return [command[0], "-m", __name__, str(line.fd()), *command[2:]]


def main(argv: list[str]) -> None:
    """``python -m newscrawl.crawl.lifeline FD MODULE ARGS...``: run MODULE as ``python -m``
    would, and exit when the process holding the pipe behind FD is gone."""
    fd, module, *args = argv
    hold_on(int(fd))
    sys.argv = [module, *args]
    runpy.run_module(module, run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main(sys.argv[1:])
