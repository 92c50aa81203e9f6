"""Commands of a distributed crawl: ``crawl --redis`` (the coordinator) and ``worker``."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from newscrawl.cli.options import CrawlBusy, UserError, open_store
from newscrawl.cli.output import console
from newscrawl.config import Outlet, Topic
from newscrawl.crawl.lock import CrawlLock, LockHeld

if TYPE_CHECKING:
    from newscrawl.crawl.runner import CrawlOutcome


def coordinate(url: str, *, db: Path, outlets: dict[str, Outlet], topic: Topic, since: date | None,
               user_agent: str | None, scrapy_settings: dict[str, Any],
               run: Callable[[dict[str, Any]], CrawlOutcome], files: list[str] | None = None,
               any_outlet: bool = False) -> CrawlOutcome:
    """``crawl --redis`` (``ingest --redis`` with ``files``, of every site's pages with
    ``any_outlet``): claim Redis, then ``run`` the writer with the cluster's settings."""
    from newscrawl.crawl.cluster import (
        check_coordinator,
        coordinator_settings,
        crawl_identity,
        finish_coordinator,
        prepare_coordinator,
    )
    from newscrawl.distributed.handshake import ClusterError  # redis: imported by --redis only

    shared = dict(scrapy_settings)
    if user_agent:
        shared["USER_AGENT"] = user_agent
    try:
        # Refused before the database is created: an unreachable Redis, another crawl's keys.
        check_coordinator(url, crawl_identity(db, outlets, topic, since, files, any_outlet))
    except ClusterError as exc:
        raise UserError(str(exc)) from None
    open_store(db).close()  # an unusable database is refused before Redis is claimed
    try:  # so is a database another crawl is writing (the crawl itself takes the lock again)
        CrawlLock(db).acquire().release()
    except LockHeld as exc:
        raise CrawlBusy(str(exc)) from None
    try:
        resumed = prepare_coordinator(url, db, outlets, topic, since, shared, files, any_outlet)
    except ClusterError as exc:
        raise UserError(str(exc)) from None
    what = f"an ingest of {len(files)} WARC files" if files else f"a crawl of {len(outlets)} outlets"
    console.print(("Resuming " if resumed else "Coordinating ") + f"{what} in Redis; start workers "
                  f"with: newscrawl worker --redis {url}", soft_wrap=True)
    outcome = run({**scrapy_settings, **coordinator_settings(url)})
    finish_coordinator(url, outcome.status)
    return outcome


def coordinate_ingest(url: str, *, files: list[str], sources_path: Path, db: Path, topic_path: Path,
                      outlets: tuple[str, ...], scrapy_settings: dict[str, Any],
                      run: Callable[..., CrawlOutcome], any_outlet: bool = False) -> CrawlOutcome:
    """``ingest --redis``: the files go to a shared queue; the workers read them, this process
    stores their pages (with ``any_outlet``, of every site: the outlets are derived here)."""
    from newscrawl.cli.options import load_config

    loaded, topic = load_config(sources_path, topic_path, outlets)
    settings = {**scrapy_settings, "NEWSCRAWL_WARC": False}  # these responses are archived already
    return coordinate(url, db=db, outlets=loaded, topic=topic, since=None, user_agent=None,
                      scrapy_settings=settings, files=files, any_outlet=any_outlet,
                      run=lambda cluster_settings: run(loaded, topic, cluster_settings))


@click.command()
@click.option("--redis", "redis_url", required=True, metavar="URL",
              help="The coordinator's Redis: redis://HOST:PORT/DB.")
@click.option("--warc-dir", type=click.Path(file_okay=False, path_type=Path), default=Path("data/warc"),
              show_default=True, help="Where this worker writes its WARC files (named by worker).")
@click.option("--name", "worker", help="This worker's name in WARC file names and logs [default: host-pid].")
@click.option("--wait", type=click.FloatRange(min=0), default=None,
              help="Seconds to wait for a coordinator to start a crawl [default: as long as it takes].")
@click.option("--workers", type=click.IntRange(1, 64),
              help="Extraction worker processes (default: one per CPU).")
@click.option("--progress/--no-progress", default=None,
              help="Show a live progress line (default: when stderr is a terminal).")
@click.option("-v", "--verbose", is_flag=True, help="Show Scrapy's INFO log and tracebacks.")
@click.option("--log-file", type=click.Path(dir_okay=False, path_type=Path),
              help="Append the whole log (INFO, with tracebacks) here.")
def worker(redis_url: str, warc_dir: Path, worker: str | None, wait: float | None, workers: int | None,
           progress: bool | None, verbose: bool, log_file: Path | None) -> None:
    """Fetch and extract for a distributed crawl until its coordinator says it is over.

    Takes the outlets, topic and settings from the coordinator (`newscrawl crawl --redis
    URL`); any number of workers, on any machines, share its frontier (docs/distributed.md).
    Exit status 0: the crawl is over, 1: failed (Redis lost), 4: interrupted.

    Example:

        newscrawl worker --redis redis://10.0.0.5:6379/0 --warc-dir /srv/newscrawl/warc
    """
    from newscrawl.crawl.cluster import run_worker
    from newscrawl.distributed.handshake import ClusterError

    try:
        outcome = run_worker(redis_url, warc_dir=warc_dir, worker=worker, wait=wait,
                             extract_workers=workers, log_file=log_file, verbose=verbose,
                             progress=sys.stderr.isatty() if progress is None else progress)
    except ClusterError as exc:
        raise UserError(str(exc)) from None
    if outcome is None:
        click.echo(f"Error: no crawl started in Redis within {wait:g} seconds", err=True)
        click.get_current_context().exit(1)
    console.print(f"Worker done: {outcome.pages} pages pushed ({outcome.status})")
    if outcome.failure:
        click.echo(f"Error: {outcome.failure}", err=True)
    if outcome.exit_code:
        click.get_current_context().exit(outcome.exit_code)
