"""The ``newscrawl`` command.

Building the corpus (:mod:`newscrawl.cli.collect`): ``init``, ``demo``, ``crawl``, ``ingest``,
``reextract``, ``schedule``, ``sources check``, ``runs``, ``status``; ``worker`` for a
distributed crawl (:mod:`newscrawl.cli.cluster`). Reading it
(:mod:`newscrawl.cli.corpus`): ``search``, ``show``, ``dupes``, ``export``, ``report``,
``serve``, ``coverage`` (:mod:`newscrawl.cli.coverage`); and ``extract`` for one saved page.
Each command parses its options
(:mod:`newscrawl.cli.options`), calls one library function and prints the result
(:mod:`newscrawl.cli.output`). ``docs/cli.md`` is their ``--help``
(``python -m newscrawl.cli.docs``).

Every mistake a user can make (a bad config file, an unknown outlet, an unusable database)
ends with one ``Error:`` line on stderr and exit status 2, before anything is written. Where the
database, outlets and topic are comes from the flags, the environment and the project folder's
``newscrawl.toml`` (:mod:`newscrawl.project`), in that order.
Exit status 1 means failed checks (``sources check``), a search that found nothing (as grep)
or a failed crawl, 3 a database another crawl holds, 4 an interrupted crawl, 5 one stopped by a
time limit (:mod:`newscrawl.crawl.status`).
"""

from __future__ import annotations

import gc
import signal
from typing import Any

import click

from newscrawl.cli.cluster import worker
from newscrawl.cli.collect import crawl, demo, ingest, init, reextract, runs, schedule, sources, status
from newscrawl.cli.corpus import dupes, export, extract, report, search, serve, show
from newscrawl.cli.coverage import coverage
from newscrawl.crawl.blas import one_blas_thread
from newscrawl.versions import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newscrawl")
def main() -> None:
    """Build a news-coverage corpus: crawl outlets' feeds and sitemaps into SQLite."""
    # SIGTERM and SIGHUP end a command as Ctrl-C does: its clean-up runs (an export's partial
    # file, a temp folder) and the exit status is 128 + the signal. A crawl and `serve` set
    # handlers of their own for as long as they run.
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _exit_on_signal)


def _exit_on_signal(signum: int, frame: Any) -> None:
    raise SystemExit(128 + signum)


for _command in (init, demo, crawl, ingest, reextract, schedule, sources, runs, status,
                 search, show, dupes, export, report, serve, extract, coverage, worker):
    main.add_command(_command)


def run() -> None:
    """The ``newscrawl`` command as a program (the console script, ``python -m newscrawl.cli``).

    When the command is over, every file and database it opened is closed, and the objects
    left are moved out of the garbage collector's sight (``gc.freeze()``): the interpreter's
    exit then does not walk them all once more (0.18 -> 0.02 s after a crawl of 1,810 pages,
    docs/benchmarks.md). Tests call :func:`main` itself, so their process is never frozen.
    numpy's OpenBLAS is kept to one thread (:mod:`newscrawl.crawl.blas`).
    """
    one_blas_thread()
    try:
        main()
    finally:
        gc.freeze()


__all__ = ["main", "run"]
