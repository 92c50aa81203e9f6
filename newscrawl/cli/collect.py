"""Commands that build the corpus: init, demo, crawl, ingest, reextract, schedule, sources check,
runs, status."""

from __future__ import annotations

import shutil
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from rich.markup import escape

from newscrawl.cli.options import (
    CrawlBusy,
    IsoDay,
    UserError,
    archive_options,
    check_corpus,
    check_writable_sources,
    crawl_options,
    crawl_settings,
    db_option,
    load_config,
    load_outlets,
    open_store,
    output_options,
    parse_settings,
    project,
    project_settings,
    sources_option,
)
from newscrawl.cli.output import (
    console,
    err_console,
    print_json,
    print_latest,
    print_run_outcome,
    print_runs,
    print_source_checks,
    print_summary,
    run_report,
)
from newscrawl.config import DEFAULT_TOPIC, ConfigError, Outlet, Topic, parse_since
from newscrawl.crawl import collector, extractpool
from newscrawl.crawl.lock import CrawlLock, LockHeld, crawl_alive
from newscrawl.crawl.status import seen_runs

if TYPE_CHECKING:
    from newscrawl.crawl.runner import CrawlOutcome


def log_path(db: Path, log_file: Path | None) -> Path:
    """``--log-file`` (checked: it can be appended to), or the log beside the database:
    ``data/news.db`` -> ``data/news.log``."""
    if log_file is None:
        return db.with_name(db.name + ".log") if db.suffix == ".log" else db.with_suffix(".log")
    try:
        with log_file.open("a", encoding="utf-8"):
            pass
    except OSError as exc:
        raise UserError(f"--log-file {log_file}: {exc.strerror or exc}") from None
    return log_file


def _crawl(
    *, outlets: dict[str, Outlet], topic: Topic, db: Path, since: date | None, command: str,
    user_agent: str | None, workers: int | None, scrapy_settings: dict[str, Any],
    progress: bool | None, verbose: bool, log_file: Path | None, spider: str = "news",
    spider_args: dict[str, Any] | None = None, output: str = "table", title: str = "crawl run",
) -> CrawlOutcome:
    """Run one crawl under the database's lock, then print its summary (a table, or JSON);
    return how it ended."""
    log = log_path(db, log_file)
    store = open_store(db)  # fails early, before Scrapy starts, on an unusable database
    store.close()
    try:
        lock = CrawlLock(db).acquire()
    except LockHeld as exc:
        raise CrawlBusy(str(exc)) from None
    settings = dict(scrapy_settings)
    settings["NEWSCRAWL_LOCK_HELD"] = True
    if user_agent:
        settings["USER_AGENT"] = user_agent
    if workers:
        settings["NEWSCRAWL_EXTRACT_WORKERS"] = workers
    try:
        # The extraction pool loads while this process loads Scrapy (crawl/extractpool.py).
        extractpool.start_for_crawl(settings)
        with collector.loading():  # Scrapy and the stages: loaded once, kept for the crawl
            from newscrawl.crawl.runner import CrawlRequest, run_crawl

        request = CrawlRequest(
            outlets=outlets, topic=topic, db=db, since=parse_since(since), command=command,
            progress=sys.stderr.isatty() if progress is None else progress,
            log_level="INFO" if verbose else "WARNING", log_file=log, verbose=verbose,
            settings=settings, spider=spider, spider_args=spider_args or {},
        )
        outcome = run_crawl(request)
    finally:
        extractpool.discard()  # a pool the crawl did not take
        lock.release()
    store = open_store(db, readonly=True)
    try:
        report = run_report(store, outcome)
    finally:
        store.close()
    print_summary(report, output, title=title)
    return outcome


def _exit_as_the_run_ended(outcome: CrawlOutcome) -> None:
    """A failed run says why in one `Error:` line; every run ends with its exit status."""
    if outcome.failure is not None and outcome.run_id is None:
        click.echo(f"Error: {outcome.failure}", err=True)
    elif outcome.failure is not None:
        recorded = ("the run is marked failed" if outcome.recorded
                    else "the run could not be marked failed (the next crawl marks it interrupted)")
        click.echo(f"Error: {outcome.failure}; {recorded}", err=True)
    if outcome.exit_code:
        click.get_current_context().exit(outcome.exit_code)


def _seed_spider(urls: Path, sources_path: Path, outlets: dict[str, Outlet], add_outlets: bool,
                 topic_path: Path, only: tuple[str, ...]) -> dict[str, Outlet]:
    """Check the seed list; report unknown domains or add draft outlets for them."""
    from newscrawl.discover.seeds import (
        SeedError,
        match_outlets,
        outlet_for_unknown_host,
        read_seed_urls,
        slug_for_host,
    )

    try:
        seeds = read_seed_urls(urls)
    except SeedError as exc:
        raise UserError(str(exc)) from None
    _, unknown = match_outlets(seeds, outlets)
    if not unknown:
        return outlets
    count = sum(len(v) for v in unknown.values())
    if not add_outlets:
        console.print(f"{count} URLs on {len(unknown)} domains that no outlet owns are skipped: "
                      f"{', '.join(sorted(unknown)[:10])}{' ...' if len(unknown) > 10 else ''} "
                      "(--add-outlets adds draft outlets for them)", soft_wrap=True)
        return outlets
    tables = {}
    for host, host_seeds in unknown.items():
        slug = slug_for_host(host)
        if slug not in outlets and slug not in tables:
            tables[slug] = outlet_for_unknown_host(host, host_seeds)
    _append_draft_outlets(sources_path, tables, "newscrawl crawl --urls --add-outlets")
    reloaded, _ = load_config(sources_path, topic_path, only + tuple(tables) if only else ())
    return reloaded


def _append_draft_outlets(sources_path: Path, tables: dict[str, dict[str, Any]], command: str) -> None:
    """Append draft ``[outlets.SLUG]`` tables to the sources file and say so."""
    from newscrawl.discover.seeds import render_outlets_toml

    if not tables:
        return
    try:
        with sources_path.open("a", encoding="utf-8") as file:
            file.write(f"\n# Added by `{command}`: check and complete.\n")
            file.write(render_outlets_toml(tables))
    except OSError as exc:
        raise UserError(f"cannot add draft outlets to {sources_path}: {exc.strerror or exc}") from None
    err_console.print(f"Added {len(tables)} draft outlets to {sources_path}: {', '.join(tables)}",
                      soft_wrap=True)  # a note: with --json, stdout holds the JSON alone


def _check_gdelt_query(topic: Topic) -> None:
    """A topic without its own gdelt_query must translate to GDELT's query syntax."""
    from newscrawl.discover.gdelt import GdeltError, gdelt_query

    if not topic.gdelt_query:
        try:
            gdelt_query(topic.query)
        except GdeltError as exc:
            raise UserError(f"{topic.path}: {exc}") from None


def _command_line() -> str:
    return " ".join(["newscrawl", *sys.argv[1:]])


@click.command()
@sources_option("Outlets file (TOML): feeds, sitemaps, metadata.")
@db_option("SQLite database to create or add to.")
@click.option("--urls", type=click.Path(path_type=Path),
              help="Crawl the URLs of this seed list (text: one per line; CSV/TSV: a url column) "
                   "instead of feeds and sitemaps.")
@click.option("--add-outlets", is_flag=True,
              help="With --urls: add draft outlets to the sources file for unknown domains.")
@click.option("--gdelt", is_flag=True,
              help="Discover through the GDELT DOC 2.0 API (topic query, --since to --until) "
                   "instead of feeds and sitemaps.")
@click.option("--until", type=IsoDay(), help="With --gdelt: end of the window (YYYY-MM-DD, default now).")
@click.option("--redis", "redis_url", metavar="URL",
              help="Coordinate a distributed crawl in this Redis (redis://HOST:PORT/DB): `newscrawl "
                   "worker`s fetch, this process writes the database (docs/distributed.md).")
@crawl_options
@output_options()
def crawl(sources_path: Path, db: Path, urls: Path | None, add_outlets: bool, gdelt: bool,
          until: date | None, redis_url: str | None, topic_path: Path, since: date | None,
          outlets: tuple[str, ...],
          user_agent: str | None, workers: int | None, scrapy_settings: tuple[str, ...],
          progress: bool | None, verbose: bool, log_file: Path | None, output: str) -> None:
    """Crawl the outlets' feeds and sitemaps; store on-topic articles in the database.

    Incremental: pages an earlier run already recorded are not fetched again; young articles
    are revisited, and an edited one keeps its earlier text as a version. The summary counts
    pages fetched, articles new, pages revisited, articles changed and versions kept (--json
    prints it as JSON on stdout). Exit status 0: finished, 1: failed, 4: interrupted, 5: timeout
    (docs/scheduling.md). In a project folder (newscrawl init) the database, outlets, topic,
    user agent and settings come from newscrawl.toml; a flag or NEWSCRAWL_DB, NEWSCRAWL_SOURCES,
    NEWSCRAWL_TOPIC win over it.

    Example:

        newscrawl crawl --outlet techcrunch,theverge --since 2026-01-20
    """
    if urls and gdelt:
        raise UserError("--urls and --gdelt are two ways to discover; choose one")
    if add_outlets and not urls:
        raise UserError("--add-outlets goes with --urls")
    if add_outlets:
        check_writable_sources(sources_path)
    settings, user_agent = crawl_settings(scrapy_settings, user_agent)
    loaded, topic = load_config(sources_path, topic_path, outlets)
    spider, spider_args = "news", {}
    if urls:
        loaded = _seed_spider(urls, sources_path, loaded, add_outlets, topic_path, outlets)
        spider, spider_args = "seeds", {"urls": str(urls)}
    elif gdelt:
        _check_gdelt_query(topic)
        spider, spider_args = "gdelt", {"end": parse_since(until)}
    elif until:
        raise UserError("--until goes with --gdelt")
    if redis_url:
        from newscrawl.cli.cluster import coordinate

        if spider != "news":
            raise UserError("--redis crawls feeds, sitemaps and start pages; not with --urls or --gdelt")
        outcome = coordinate(
            redis_url, db=db, outlets=loaded, topic=topic, since=since, user_agent=user_agent,
            scrapy_settings=settings,
            run=lambda cluster_settings: _crawl(
                outlets=loaded, topic=topic, db=db, since=since, command=_command_line(),
                user_agent=user_agent, workers=workers, scrapy_settings=cluster_settings,
                progress=progress, verbose=verbose, log_file=log_file, spider="news-writer",
                output=output))
        _exit_as_the_run_ended(outcome)
        return
    outcome = _crawl(outlets=loaded, topic=topic, db=db, since=since, command=_command_line(),
                     user_agent=user_agent, workers=workers, scrapy_settings=settings,
                     progress=progress, verbose=verbose, log_file=log_file, spider=spider,
                     spider_args=spider_args, output=output)
    _exit_as_the_run_ended(outcome)


@click.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path), default=".")
def init(folder: Path) -> None:
    """Make FOLDER (default: this one) a project folder: newscrawl.toml, sources.toml, topics/.

    newscrawl.toml names the database (news.db there), the outlets and topic files, the user
    agent and the crawl settings; every command run in FOLDER or below uses it. Fill in your
    contact address in user_agent first: `newscrawl crawl` refuses the placeholder.
    Nothing existing is replaced.

    Example:

        newscrawl init ice-study && cd ice-study && newscrawl demo
    """
    from newscrawl.project import init_project

    try:
        written = init_project(folder)
    except ConfigError as exc:
        raise UserError(str(exc)) from None
    console.print(f"Made a newscrawl project in {folder.resolve()}:", soft_wrap=True)
    for path in written:
        console.print(f"  {path.relative_to(folder)}", soft_wrap=True)
    console.print("Next: put your contact address in newscrawl.toml's user_agent, list your outlets "
                  "in sources.toml and your query in topics/, then run newscrawl crawl.", soft_wrap=True)


@click.command()
@db_option("Database for the demo (replaced on each run unless --keep); the reading commands use "
           "it until a crawl has made the database.", demo=True)
@click.option("--keep", is_flag=True, help="Add to an existing demo database instead of starting afresh.")
@crawl_options
@output_options()
def demo(db: Path, keep: bool, topic_path: Path, since: date | None, outlets: tuple[str, ...],
         user_agent: str | None, workers: int | None, scrapy_settings: tuple[str, ...],
         progress: bool | None, verbose: bool, log_file: Path | None, output: str) -> None:
    """Serve the bundled fictional news web on 127.0.0.1 and crawl it, offline.

    It writes demo.db beside the database (newscrawl.toml's, NEWSCRAWL_DB or news.db in the
    user data folder); until a crawl has made that database, search, show, dupes, export,
    report, serve, runs and status read the demo's, and say so. The demo crawls with the
    bundled topic unless --topic is given.

    Example:

        newscrawl demo && newscrawl search ICE
    """
    from click.core import ParameterSource

    from newscrawl.crawl.fixture_web import FixtureWeb, default_root

    if click.get_current_context().get_parameter_source("topic_path") is ParameterSource.DEFAULT:
        topic_path = DEFAULT_TOPIC  # the demo web is written for the bundled topic

    try:
        root = default_root()
    except FileNotFoundError as exc:
        raise UserError(str(exc)) from None
    try:
        db.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"--db {db}: cannot make its folder ({exc.strerror or exc})") from None
    if not keep:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
    say = console if output == "table" else err_console  # --json: stdout holds the JSON alone
    with FixtureWeb(root).start() as web:
        loaded, topic = load_config(web.sources_path, topic_path, outlets)
        say.print(f"Serving the demo news web: {len(web.base_urls)} outlets on 127.0.0.1")
        for slug, url in web.base_urls.items():
            say.print(f"  {slug:10} {url}/")
        settings = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_START_DELAY": 0, "CONCURRENT_REQUESTS_PER_DOMAIN": 8}
        settings.update(parse_settings(scrapy_settings))
        outcome = _crawl(outlets=loaded, topic=topic, db=db, since=since, command="newscrawl demo",
                         user_agent=user_agent, workers=workers, scrapy_settings=settings, progress=progress,
                         verbose=verbose, log_file=log_file, output=output)
    if outcome.run_id is None or output == "json":  # --json: the summary alone on stdout
        _exit_as_the_run_ended(outcome)
        return
    store = open_store(db, readonly=True)
    try:
        latest = store.latest_articles(15)
    finally:
        store.close()
    print_latest(latest)
    following = "" if db == project().demo_database else f" --db {db}"
    console.print(f"\nThe corpus is in {db}. Try: newscrawl search ICE{following}; "
                  f"newscrawl status{following}", soft_wrap=True)
    if shutil.which("sqlite3"):
        console.print(f"  sqlite3 {db} 'select outlet, published_at, title from articles'", soft_wrap=True)
    _exit_as_the_run_ended(outcome)


def _recrawl_archive(*, sources_path: Path, db: Path, topic_path: Path, outlets: tuple[str, ...],
                     workers: int | None, scrapy_settings: tuple[str, ...], progress: bool | None,
                     verbose: bool, log_file: Path | None, spider_args: dict[str, Any], output: str,
                     title: str) -> CrawlOutcome:
    """Run the warc spider (``ingest``, ``reextract``): archived responses, no network."""
    from newscrawl.settings import ITEM_PIPELINES

    loaded, topic = load_config(sources_path, topic_path, outlets)
    settings = project_settings(scrapy_settings)
    # These responses are archived already: no WARC stage at all (switched off, it would warn).
    settings["NEWSCRAWL_WARC"] = False
    settings["ITEM_PIPELINES"] = {name: order for name, order in ITEM_PIPELINES.items()
                                  if not name.endswith(".WarcPipeline")}
    return _crawl(outlets=loaded, topic=topic, db=db, since=None, command=_command_line(),
                  user_agent=None, workers=workers, scrapy_settings=settings, progress=progress,
                  verbose=verbose, log_file=log_file, spider="warc", spider_args=spider_args,
                  output=output, title=title)


def _draft_derived_outlets(db: Path, sources_path: Path) -> None:
    """``ingest --add-outlets``: the derived outlets that have articles, as draft tables."""
    from newscrawl.discover.outlets import draft_table

    configured = load_outlets(sources_path)
    domains = {d.lower() for outlet in configured.values() for d in outlet.domains}
    store = open_store(db, readonly=True)
    try:
        rows = store.derived_outlets(with_articles=True)
    finally:
        store.close()
    tables = {row["slug"]: draft_table(row) for row in rows
              if row["slug"] not in configured and row["domain"] not in domains}
    _append_draft_outlets(sources_path, tables, "newscrawl ingest --any-outlet --add-outlets")


@click.command(short_help="Feed WARC or ARC files (e.g. CC-NEWS) through the same pipelines.")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--any-outlet", is_flag=True,
              help="Keep the pages of every site, not only the configured outlets': an outlet no "
                   "sources file lists is derived from the page's registered domain.")
@click.option("--add-outlets", is_flag=True,
              help="With --any-outlet: add the derived outlets that have articles to the sources "
                   "file as drafts.")
@click.option("--redis", "redis_url", metavar="URL",
              help="Split the files among `newscrawl worker`s through this Redis (redis://HOST:PORT/DB); "
                   "every worker must see them at the same path (docs/distributed.md).")
@archive_options
@output_options()
def ingest(files: tuple[Path, ...], any_outlet: bool, add_outlets: bool, redis_url: str | None,
           sources_path: Path, db: Path, topic_path: Path, outlets: tuple[str, ...],
           workers: int | None, scrapy_settings: tuple[str, ...], progress: bool | None,
           verbose: bool, log_file: Path | None, output: str) -> None:
    """Feed archived responses (WARC or ARC files, e.g. CC-NEWS) through the same pipelines, offline.

    A truncated or unreadable file is reported and the other files are still ingested; when no
    file is a WARC or ARC file, nothing is written (exit status 2). Records ingested before are
    skipped, so ingesting a file again changes nothing. Pages of sites that no outlet in the
    sources file owns are skipped, unless --any-outlet. The summary counts the pages read from
    the files and what became of them (--json: as JSON on stdout).

    Example:

        newscrawl ingest CC-NEWS-20260120*.warc.gz --any-outlet --add-outlets
    """
    from newscrawl.store.warc import WarcError, check_warc_file

    if add_outlets and not any_outlet:
        raise UserError("--add-outlets goes with --any-outlet")
    if add_outlets:
        check_writable_sources(sources_path)
    if any_outlet and outlets:
        raise UserError("--any-outlet keeps the pages of every outlet; leave out --outlet")
    missing = [str(f) for f in files if not f.is_file()]
    if missing:
        raise UserError(f"no such file: {', '.join(missing)}")
    problems = []
    for path in files:
        try:
            check_warc_file(path)
        except WarcError as exc:
            problems.append(str(exc))
    if len(problems) == len(files):  # nothing to ingest: refuse before a database or run exists
        raise UserError(f"{'; '.join(problems)}; give WARC or ARC files "
                        "(.warc, .warc.gz, .arc, .arc.gz; e.g. CC-NEWS)")
    if redis_url:
        from newscrawl.cli.cluster import coordinate_ingest

        outcome = coordinate_ingest(
            redis_url, files=[str(f.resolve()) for f in files], sources_path=sources_path, db=db,
            topic_path=topic_path, outlets=outlets, any_outlet=any_outlet,
            scrapy_settings=project_settings(scrapy_settings),
            run=lambda loaded, topic, settings: _crawl(
                outlets=loaded, topic=topic, db=db, since=None, command=_command_line(), user_agent=None,
                workers=workers, scrapy_settings=settings, progress=progress, verbose=verbose,
                log_file=log_file, spider="warc-writer",
                spider_args={"files": [str(f) for f in files], "any_outlet": any_outlet},
                output=output, title="ingest run"))
    else:
        outcome = _recrawl_archive(
            sources_path=sources_path, db=db, topic_path=topic_path, outlets=outlets, workers=workers,
            scrapy_settings=scrapy_settings, progress=progress, verbose=verbose, log_file=log_file,
            spider_args={"files": [str(f) for f in files], "any_outlet": any_outlet}, output=output,
            title="ingest run")
    if add_outlets and outcome.run_id is not None:
        _draft_derived_outlets(db, sources_path)
    _exit_as_the_run_ended(outcome)


@click.command()
@archive_options
@output_options()
def reextract(sources_path: Path, db: Path, topic_path: Path, outlets: tuple[str, ...],
              workers: int | None, scrapy_settings: tuple[str, ...], progress: bool | None,
              verbose: bool, log_file: Path | None, output: str) -> None:
    """Run extraction and the later stages again on the archived pages, without the network.

    After an upgrade (or a new topic), stored articles are updated in place; a changed title
    or text keeps the old one in article_versions. The summary counts the pages read from the
    WARC files (nothing is fetched), the articles changed, versions kept and articles re-extracted
    with the same words (--json: as JSON on stdout).

    Example:

        newscrawl reextract --db data/news.db --outlet techcrunch
    """
    if not db.is_file():
        raise UserError(f"{db}: no such database; crawl first or give --db")
    outcome = _recrawl_archive(
        sources_path=sources_path, db=db, topic_path=topic_path, outlets=outlets, workers=workers,
        scrapy_settings=scrapy_settings, progress=progress, verbose=verbose, log_file=log_file,
        spider_args={"reextract": True}, output=output, title="reextract run")
    _exit_as_the_run_ended(outcome)


@click.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.option("--every", required=True, metavar="INTERVAL",
              help="Time from one crawl's start to the next: 90s, 30m, 1h, 1h30m, 2d (at least 1m).")
@click.option("--max-runs", type=click.IntRange(1), help="Stop after this many runs (default: until Ctrl-C).")
@click.argument("crawl_args", nargs=-1, type=click.UNPROCESSED, metavar="[CRAWL OPTIONS]...")
def schedule(every: str, max_runs: int | None, crawl_args: tuple[str, ...]) -> None:
    """Run `newscrawl crawl [CRAWL OPTIONS]` now and then every INTERVAL, until Ctrl-C.

    Runs never overlap: when a crawl takes longer than INTERVAL the next starts when it ends.
    Each run is reported with its status and exit status (ok 0, failed 1, busy 3, interrupted
    4, timeout 5); a run that finds the database busy (another crawl holds it) is skipped and
    the schedule goes on. With the crawl option --json each run's summary is a JSON object on
    stdout, and these lines go to stderr. See docs/scheduling.md for cron and systemd timers.

    Example:

        newscrawl schedule --every 6h --outlet techcrunch,theverge
    """
    from newscrawl.crawl.schedule import RunOutcome, format_interval, parse_interval, run_schedule

    try:
        interval = parse_interval(every)
    except ValueError as exc:
        raise UserError(f"--every: {exc}") from None
    try:  # check the crawl options and the configuration once, before the first run
        params = crawl.make_context("newscrawl crawl", list(crawl_args)).params
    except click.exceptions.Exit:
        return
    except click.ClickException as exc:
        raise UserError(f"crawl options: {exc.format_message()}") from None
    load_config(params["sources_path"], params["topic_path"], params["outlets"])
    crawl_settings(params["scrapy_settings"], params["user_agent"])  # no placeholder contact
    command = [sys.executable, "-m", "newscrawl.cli", "crawl", *crawl_args]
    say = err_console if params.get("as_json") else console  # stdout: the runs' JSON alone
    say.print(f"Crawling every {format_interval(interval)}"
                  + (f", {max_runs} run{'' if max_runs == 1 else 's'}" if max_runs else "")
                  + " (Ctrl-C to stop): "
                  + escape(" ".join(["newscrawl crawl", *crawl_args])), soft_wrap=True)
    runs_done = 0

    def report(outcome: RunOutcome) -> None:
        nonlocal runs_done
        runs_done += 1
        more = max_runs is None or runs_done < max_runs
        print_run_outcome(runs_done, outcome, interval if more else None, say)

    outcomes = run_schedule(command, interval, max_runs=max_runs, on_outcome=report)
    say.print(f"Stopped after {len(outcomes)} run{'' if len(outcomes) == 1 else 's'}.")


@click.group()
def sources() -> None:
    """Work with the outlets file (data/sources.toml)."""


@sources.command("check")
@sources_option("Outlets file (TOML) to check.")
@click.option("--outlet", "outlets", multiple=True,
              help="Check only these outlet slugs (repeat or comma-separate).")
@click.option("--user-agent", help="User-Agent header, also used for robots.txt (default: the crawl's).")
@click.option("--timeout", type=click.FloatRange(0.1, 300), default=15.0, show_default=True,
              help="Seconds to wait for each answer.")
@click.option("--workers", type=click.IntRange(1, 64), default=8, show_default=True,
              help="Requests at a time.")
@click.option("--ignore-robots", is_flag=True, help="Also fetch URLs that robots.txt disallows.")
@click.option("--failed", "only_failed", is_flag=True, help="List only the checks that failed.")
@output_options()
def sources_check(sources_path: Path, outlets: tuple[str, ...], user_agent: str | None, timeout: float,
                  workers: int, ignore_robots: bool, only_failed: bool, output: str) -> None:
    """Fetch every feed, sitemap and start page once; report whether each answers and parses.

    Also check what a crawl would find on an outlet's site: the sitemaps its robots.txt names,
    for an outlet that lists neither sitemaps nor feeds, and the feeds its start pages
    announce, for one that lists no feeds.

    Exit status 0 when all checks pass, 1 when any failed.

    Example:

        newscrawl sources check --outlet techcrunch --failed
    """
    from newscrawl.discover.sourcecheck import check_outlets
    from newscrawl.settings import USER_AGENT

    _, user_agent = crawl_settings((), user_agent)
    loaded = load_outlets(sources_path, outlets)
    results = check_outlets(loaded, user_agent=user_agent or USER_AGENT, timeout=timeout,
                            workers=workers, obey_robots=not ignore_robots)
    print_source_checks(results, sources_path, only_failed=only_failed, output=output)
    if any(not r.ok for r in results):
        click.get_current_context().exit(1)


@click.command()
@db_option("SQLite database to read.", reads=True)
@click.option("--runs", "recent_runs", type=click.IntRange(1), default=5, show_default=True,
              help="Error rates count the pages these many latest runs fetched; as many runs are listed.")
@output_options()
def status(db: Path, recent_runs: int, output: str) -> None:
    """How the outlets are doing: last successful fetch, newest article, recent error rate;
    the feeds and sitemaps whose latest fetch failed; the corpus's size and the latest runs.

    Times are UTC; one older than a week is shown in yellow.

    Example:

        newscrawl status --runs 10 --json
    """
    from newscrawl.outputs.status import gather_status, render_status

    store = open_store(db, readonly=True)
    try:
        check_corpus(store, db)
        found = gather_status(store, database=str(db), recent_runs=recent_runs, runs=recent_runs)
        found = replace(found, runs=seen_runs(found.runs, crawl_alive(db)))  # a killed run: interrupted
    finally:
        store.close()
    if output == "json":
        print_json(found.to_dict())
        return
    for part in render_status(found):
        console.print(part)


@click.command()
@db_option("SQLite database to read.", reads=True)
@click.option("--limit", type=click.IntRange(1), default=20, show_default=True, help="How many runs.")
@output_options()
def runs(db: Path, limit: int, output: str) -> None:
    """List past crawl runs, newest first, with their statistics.

    Example:

        newscrawl runs --limit 5 --json
    """
    store = open_store(db, readonly=True)
    try:
        rows = seen_runs(store.runs(limit), crawl_alive(db))
    finally:
        store.close()
    print_runs(rows, db, output)
