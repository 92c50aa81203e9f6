"""The ``newscrawl`` command: demo, crawl, extract, runs.

Every mistake a user can make (a bad config file, an unknown outlet, an unusable database)
ends with one ``Error:`` line on stderr and exit status 2, before anything is written.
"""

from __future__ import annotations

import json
import shutil
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from newscrawl import __version__, settings
from newscrawl.config import (
    DEFAULT_SOURCES,
    DEFAULT_TOPIC,
    ConfigError,
    Outlet,
    Topic,
    load_sources,
    load_topic,
    select_outlets,
)
from newscrawl.crawl.lock import CrawlLock, LockHeld
from newscrawl.store import RANK_WINDOW, Store, StoreError

DEFAULT_DB = Path(settings.default("NEWSCRAWL_DB"))
DEMO_DB = DEFAULT_DB.with_name("demo.db")

console = Console()


class UserError(click.ClickException):
    """A mistake in the user's input: one message, exit status 2."""

    exit_code = 2

    def show(self, file: Any = None) -> None:
        click.echo(f"Error: {self.format_message()}", err=True)


def _slugs(values: tuple[str, ...]) -> list[str]:
    """Outlet slugs from repeated and/or comma-separated ``--outlet`` values."""
    return [slug.strip() for value in values for slug in value.split(",") if slug.strip()]


class CrawlBusy(UserError):
    """Another crawl holds the database's lock: exit status 3, so schedulers can tell."""

    exit_code = 3


def _load_config(sources: Path, topic: Path, outlets: tuple[str, ...]) -> tuple[dict[str, Outlet], Topic]:
    try:
        loaded = load_sources(sources)
        if outlets:
            slugs = _slugs(outlets)
            loaded = select_outlets(loaded, slugs)
        return loaded, load_topic(topic)
    except ConfigError as exc:
        raise UserError(str(exc)) from None


def _parse_since(value: str | None) -> datetime | None:
    from newscrawl.spiders.base import parse_since

    try:
        return parse_since(value)
    except ValueError:
        raise UserError(f"--since: {value!r} is not a date; use YYYY-MM-DD, e.g. 2026-01-01") from None


def _open_store(db: Path, **kwargs: Any) -> Store:
    try:
        return Store.open(db, **kwargs)
    except StoreError as exc:
        raise UserError(str(exc)) from None


def _settings(pairs: tuple[str, ...]) -> dict[str, str]:
    settings = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise UserError(f"-s {pair!r}: expected NAME=VALUE, e.g. -s DOWNLOAD_DELAY=2")
        settings[key.strip()] = value
    return settings


def print_summary(store: Store, run_id: int | None) -> None:
    """The end-of-crawl summary: pages fetched, articles new, off-topic, duplicates, errors."""
    if run_id is None:
        console.print("[red]The crawl did not start; see the log above.[/red]")
        return
    summary = store.run_summary(run_id)
    verdicts = summary["verdicts"]
    table = Table(title=f"crawl run {run_id}", show_header=False)
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("pages fetched", str(summary["pages_fetched"]))
    table.add_row("articles new", str(summary["articles_new"]))
    for verdict in ("off-topic", "duplicate", "not-article", "redirect", "blocked-by-robots"):
        table.add_row(verdict, str(verdicts.get(verdict, 0)))
    table.add_row("errors", str(verdicts.get("error", 0)))
    for reason, count in summary["errors"].items():
        table.add_row(f"  {reason}", str(count))
    table.add_row("articles in database", str(store.count("articles")))
    console.print(table)
    stats = next((r["stats"] for r in store.runs(50) if r["id"] == run_id), {})
    for problem in stats.get("warc_errors", []):
        console.print(f"[red]WARC problem:[/red] {problem}", soft_wrap=True)
    unknown = stats.get("skipped", {}).get("unknown_outlet")
    if unknown:
        hosts = stats.get("unknown_hosts", [])
        console.print(f"{unknown} URLs belong to no configured outlet (skipped)"
                      + (f": {', '.join(hosts[:10])}" if hosts else ""), soft_wrap=True)
    for problem in stats.get("gdelt_errors", []):
        console.print(f"[red]GDELT problem:[/red] {problem}", soft_wrap=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newscrawl")
def main() -> None:
    """Build a news-coverage corpus: crawl outlets' feeds and sitemaps into SQLite."""


def crawl_options(func: Any) -> Any:
    """Options shared by ``crawl`` and ``demo``."""
    options = [
        click.option("--topic", "topic_path", type=click.Path(path_type=Path), default=DEFAULT_TOPIC,
                     show_default=True, help="Topic file: the query that decides relevance."),
        click.option("--since", help="Skip feed and sitemap entries dated before this day (YYYY-MM-DD)."),
        click.option("--outlet", "outlets", multiple=True,
                     help="Crawl only these outlet slugs (repeat or comma-separate)."),
        click.option("--user-agent", help="User-Agent header sent to outlets (and used for robots.txt)."),
        click.option("--workers", type=click.IntRange(1, 64),
                     help="Extraction worker processes (default: one per CPU)."),
        click.option("-s", "--set", "scrapy_settings", multiple=True, metavar="NAME=VALUE",
                     help="Any Scrapy or NEWSCRAWL_* setting, e.g. -s DOWNLOAD_DELAY=2."),
        click.option("--progress/--no-progress", default=None,
                     help="Show a live progress line (default: when stderr is a terminal)."),
        click.option("-v", "--verbose", is_flag=True, help="Show Scrapy's INFO log."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _crawl(
    *, outlets: dict[str, Outlet], topic: Topic, db: Path, since: datetime | None, command: str,
    user_agent: str | None, workers: int | None, scrapy_settings: dict[str, Any],
    progress: bool | None, verbose: bool, spider: str = "news", spider_args: dict[str, Any] | None = None,
) -> int | None:
    from newscrawl.crawl.runner import CrawlRequest, run_crawl

    store = _open_store(db)  # fails early, before Scrapy starts, on an unusable database
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
    request = CrawlRequest(
        outlets=outlets, topic=topic, db=db, since=since, command=command,
        progress=sys.stderr.isatty() if progress is None else progress,
        log_level="INFO" if verbose else "WARNING", settings=settings,
        spider=spider, spider_args=spider_args or {},
    )
    try:
        run_id = run_crawl(request)
    finally:
        lock.release()
    store = _open_store(db)
    try:
        print_summary(store, run_id)
    finally:
        store.close()
    return run_id


def _seed_spider(urls: Path, sources_path: Path, outlets: dict[str, Outlet], add_outlets: bool,
                 topic_path: Path, only: tuple[str, ...]) -> dict[str, Outlet]:
    """Check the seed list; report unknown domains or add draft outlets for them."""
    from newscrawl.discover.seeds import (
        SeedError,
        match_outlets,
        outlet_for_unknown_host,
        read_seed_urls,
        render_outlets_toml,
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
    with sources_path.open("a", encoding="utf-8") as file:
        file.write("\n# Added by `newscrawl crawl --urls --add-outlets`: check and complete.\n")
        file.write(render_outlets_toml(tables))
    console.print(f"Added {len(tables)} draft outlets to {sources_path}: {', '.join(tables)}",
                  soft_wrap=True)
    reloaded, _ = _load_config(sources_path, topic_path, only + tuple(tables) if only else ())
    return reloaded


@main.command()
@click.option("--sources", "sources_path", type=click.Path(path_type=Path), default=DEFAULT_SOURCES,
              show_default=True, help="Outlets file (TOML): feeds, sitemaps, metadata.")
@click.option("--db", type=click.Path(path_type=Path), default=DEFAULT_DB, show_default=True,
              help="SQLite database to create or add to.")
@click.option("--urls", type=click.Path(path_type=Path),
              help="Crawl the URLs of this seed list (text: one per line; CSV/TSV: a url column) "
                   "instead of feeds and sitemaps.")
@click.option("--add-outlets", is_flag=True,
              help="With --urls: add draft outlets to the sources file for unknown domains.")
@click.option("--gdelt", is_flag=True,
              help="Discover through the GDELT DOC 2.0 API (topic query, --since to --until) "
                   "instead of feeds and sitemaps.")
@click.option("--until", help="With --gdelt: end of the window (YYYY-MM-DD, default now).")
@crawl_options
def crawl(sources_path: Path, db: Path, urls: Path | None, add_outlets: bool, gdelt: bool,
          until: str | None, topic_path: Path, since: str | None, outlets: tuple[str, ...],
          user_agent: str | None, workers: int | None, scrapy_settings: tuple[str, ...],
          progress: bool | None, verbose: bool) -> None:
    """Crawl the outlets' feeds and sitemaps; store on-topic articles in the database.

    Incremental: pages an earlier run already recorded are not fetched again.
    """
    if urls and gdelt:
        raise UserError("--urls and --gdelt are two ways to discover; choose one")
    if add_outlets and not urls:
        raise UserError("--add-outlets goes with --urls")
    loaded, topic = _load_config(sources_path, topic_path, outlets)
    spider, spider_args = "news", {}
    if urls:
        loaded = _seed_spider(urls, sources_path, loaded, add_outlets, topic_path, outlets)
        spider, spider_args = "seeds", {"urls": str(urls)}
    elif gdelt:
        from newscrawl.discover.gdelt import GdeltError, gdelt_query

        if not topic.gdelt_query:
            try:
                gdelt_query(topic.query)
            except GdeltError as exc:
                raise UserError(f"{topic.path}: {exc}") from None
        spider, spider_args = "gdelt", {"end": _parse_since(until)}
    elif until:
        raise UserError("--until goes with --gdelt")
    _crawl(outlets=loaded, topic=topic, db=db, since=_parse_since(since),
           command=" ".join(["newscrawl", *sys.argv[1:]]), user_agent=user_agent, workers=workers,
           scrapy_settings=_settings(scrapy_settings), progress=progress, verbose=verbose,
           spider=spider, spider_args=spider_args)


@main.command()
@click.option("--db", type=click.Path(path_type=Path), default=DEMO_DB, show_default=True,
              help="Database for the demo (replaced on each run unless --keep).")
@click.option("--keep", is_flag=True, help="Add to an existing demo database instead of starting afresh.")
@crawl_options
def demo(db: Path, keep: bool, topic_path: Path, since: str | None, outlets: tuple[str, ...],
         user_agent: str | None, workers: int | None, scrapy_settings: tuple[str, ...],
         progress: bool | None, verbose: bool) -> None:
    """Serve the bundled fictional news web on 127.0.0.1 and crawl it, offline."""
    from newscrawl.crawl.fixture_web import FixtureWeb, default_root

    try:
        root = default_root()
    except FileNotFoundError as exc:
        raise UserError(str(exc)) from None
    if not keep:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
    with FixtureWeb(root).start() as web:
        loaded, topic = _load_config(web.sources_path, topic_path, outlets)
        console.print(f"Serving the demo news web: {len(web.base_urls)} outlets on 127.0.0.1")
        for slug, url in web.base_urls.items():
            console.print(f"  {slug:10} {url}/")
        settings = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_START_DELAY": 0, "CONCURRENT_REQUESTS_PER_DOMAIN": 8}
        settings.update(_settings(scrapy_settings))
        _crawl(outlets=loaded, topic=topic, db=db, since=_parse_since(since), command="newscrawl demo",
               user_agent=user_agent, workers=workers, scrapy_settings=settings, progress=progress,
               verbose=verbose)
    store = _open_store(db, readonly=True)
    try:
        latest = store.latest_articles(15)
    finally:
        store.close()
    table = Table(title="articles stored (newest first)")
    for column in ("id", "outlet", "published (UTC)", "date from", "cluster", "title"):
        table.add_column(column)
    for row in latest:
        cluster = "" if row["cluster_id"] == row["id"] else str(row["cluster_id"])
        table.add_row(str(row["id"]), row["outlet"], (row["published_at"] or "")[:16],
                      row["date_source"] or "", cluster, row["title"] or "")
    console.print(table)
    console.print(f"\nThe corpus is in {db}. Try: newscrawl runs --db {db}", soft_wrap=True)
    if shutil.which("sqlite3"):
        console.print(f"  sqlite3 {db} 'select outlet, published_at, title from articles'", soft_wrap=True)


def archive_options(func: Any) -> Any:
    """Options shared by ``ingest`` and ``reextract`` (no network, so no politeness options)."""
    options = [
        click.option("--sources", "sources_path", type=click.Path(path_type=Path),
                     default=DEFAULT_SOURCES, show_default=True,
                     help="Outlets file: archived pages of other sites are skipped."),
        click.option("--db", type=click.Path(path_type=Path), default=DEFAULT_DB, show_default=True,
                     help="SQLite database to add to."),
        click.option("--topic", "topic_path", type=click.Path(path_type=Path), default=DEFAULT_TOPIC,
                     show_default=True, help="Topic file: the query that decides relevance."),
        click.option("--outlet", "outlets", multiple=True, help="Only these outlet slugs."),
        click.option("--workers", type=click.IntRange(1, 64), help="Extraction worker processes."),
        click.option("-s", "--set", "scrapy_settings", multiple=True, metavar="NAME=VALUE",
                     help="Any Scrapy or NEWSCRAWL_* setting (NEWSCRAWL_WARC_DIR: where WARCs are)."),
        click.option("--progress/--no-progress", default=None, help="Show a live progress line."),
        click.option("-v", "--verbose", is_flag=True, help="Show Scrapy's INFO log."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@archive_options
def ingest(files: tuple[Path, ...], sources_path: Path, db: Path, topic_path: Path,
           outlets: tuple[str, ...], workers: int | None, scrapy_settings: tuple[str, ...],
           progress: bool | None, verbose: bool) -> None:
    """Feed archived responses (WARC files, e.g. CC-NEWS) through the same pipelines, offline.

    A truncated or unreadable file is reported and the other files are still ingested.
    """
    missing = [str(f) for f in files if not f.is_file()]
    if missing:
        raise UserError(f"no such file: {', '.join(missing)}")
    loaded, topic = _load_config(sources_path, topic_path, outlets)
    settings = _settings(scrapy_settings)
    settings["NEWSCRAWL_WARC"] = False  # these responses are archived already
    _crawl(outlets=loaded, topic=topic, db=db, since=None,
           command=" ".join(["newscrawl", *sys.argv[1:]]), user_agent=None, workers=workers,
           scrapy_settings=settings, progress=progress, verbose=verbose, spider="warc",
           spider_args={"files": [str(f) for f in files]})


@main.command()
@archive_options
def reextract(sources_path: Path, db: Path, topic_path: Path, outlets: tuple[str, ...],
              workers: int | None, scrapy_settings: tuple[str, ...], progress: bool | None,
              verbose: bool) -> None:
    """Run extraction and the later stages again on the archived pages, without the network.

    After an upgrade (or a new topic), stored articles are updated in place; a changed title
    or text keeps the old one in article_versions.
    """
    if not db.is_file():
        raise UserError(f"{db}: no such database; crawl first or give --db")
    loaded, topic = _load_config(sources_path, topic_path, outlets)
    settings = _settings(scrapy_settings)
    settings["NEWSCRAWL_WARC"] = False
    _crawl(outlets=loaded, topic=topic, db=db, since=None,
           command=" ".join(["newscrawl", *sys.argv[1:]]), user_agent=None, workers=workers,
           scrapy_settings=settings, progress=progress, verbose=verbose, spider="warc",
           spider_args={"reextract": True})


@main.command()
@click.argument("page", type=click.Path(path_type=Path, allow_dash=True))
@click.option("--url", help="The page's address (resolves relative links, gives URL dates).")
@click.option("--timezone", "tz", default="UTC", show_default=True,
              help="Time zone for dates the page gives without one (the outlet's, e.g. America/Chicago).")
def extract(page: Path, url: str | None, tz: str) -> None:
    """Extract one saved HTML page (or - for stdin) and print its article as JSON."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    from newscrawl.extract.article import extract_article

    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise UserError(f"--timezone: {tz!r} is not an IANA time zone, e.g. America/Chicago") from None
    try:
        body = sys.stdin.buffer.read() if str(page) == "-" else page.read_bytes()
    except OSError as exc:
        raise UserError(f"{page}: cannot read ({exc.strerror})") from None
    result = extract_article(body, url, default_tz=tz)
    if result is None:
        raise UserError(f"{page}: no article text found in this page")
    click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))


@main.command()
@click.option("--db", type=click.Path(path_type=Path), default=DEFAULT_DB, show_default=True,
              help="SQLite database to read.")
@click.option("--limit", type=click.IntRange(1), default=20, show_default=True, help="How many runs.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def runs(db: Path, limit: int, as_json: bool) -> None:
    """List past crawl runs, newest first, with their statistics."""
    store = _open_store(db, readonly=True)
    try:
        rows = store.runs(limit)
    finally:
        store.close()
    if as_json:
        click.echo(json.dumps(rows, indent=2, default=str))
        return
    table = Table(title=f"crawl runs in {db}")
    for column in ("id", "started", "finished", "status", "topic", "fetched", "new", "off-topic",
                   "dupes", "errors", "command"):
        table.add_column(column)
    for row in rows:
        stats = row["stats"] or {}
        verdicts = stats.get("verdicts", {})
        table.add_row(
            str(row["id"]), row["started_at"] or "", row["finished_at"] or "", row["status"] or "",
            row["topic"] or "", str(stats.get("pages_fetched", "")), str(stats.get("articles_new", "")),
            str(verdicts.get("off-topic", "")), str(verdicts.get("duplicate", "")),
            str(verdicts.get("error", "")), row["command"] or "",
        )
    console.print(table)


def article_filters(func: Any) -> Any:
    """The filters ``search`` and ``export`` share: --outlet, --since, --until, --topic, --language."""
    options = [
        click.option("--outlet", "outlets", multiple=True,
                     help="Only articles from these outlet slugs (repeat or comma-separate)."),
        click.option("--since", help="Only articles published on or after this day (YYYY-MM-DD)."),
        click.option("--until", help="Only articles published on or before this day (YYYY-MM-DD)."),
        click.option("--topic", help="Only articles that matched this topic slug."),
        click.option("--language", help="Only articles in this language (ISO 639-1 code, e.g. en)."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _day_range(since: str | None, until: str | None) -> tuple[str | None, str | None]:
    """--since and --until as ISO days, checked to be in order."""
    first, last = _iso_day(since, "--since"), _iso_day(until, "--until")
    if first and last and first > last:
        raise UserError(f"--since {first} is after --until {last}")
    return first, last


def _check_outlets(store: Store, slugs: list[str], db: Path) -> None:
    """A user error naming every --outlet slug that is not in the database."""
    unknown = sorted(set(slugs) - {row["slug"] for row in store.iter_rows("outlets")})
    if unknown:
        raise UserError(f"--outlet: no outlet {', '.join(unknown)} in {db}")


def _iso_day(value: str | None, option: str) -> str | None:
    if value is None:
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d").date().isoformat()
    except ValueError:
        raise UserError(f"{option}: {value!r} is not a date; use YYYY-MM-DD") from None


@main.command()
@click.option("--db", type=click.Path(path_type=Path), default=DEFAULT_DB, show_default=True,
              help="SQLite database to read.")
@click.option("--outlet", "outlets", multiple=True, help="Only copies from these outlet slugs.")
@click.option("--topic", help="Only copies that matched this topic slug.")
@click.option("--since", help="Only copies published on or after this day (YYYY-MM-DD).")
@click.option("--until", help="Only copies published on or before this day (YYYY-MM-DD).")
@click.option("--min-size", type=click.IntRange(1), default=2, show_default=True,
              help="Smallest cluster to list (1 lists single articles too).")
@click.option("--limit", type=click.IntRange(1), default=50, show_default=True, help="How many clusters.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def dupes(db: Path, outlets: tuple[str, ...], topic: str | None, since: str | None, until: str | None,
          min_size: int, limit: int, as_json: bool) -> None:
    """List syndication clusters: the same story run by several outlets, biggest first.

    The first copy seen is the cluster's id; `newscrawl show ID` shows it with its copies.
    """
    store = _open_store(db, readonly=True)
    try:
        slugs = _slugs(outlets)
        rows = store.clusters(outlets=slugs, topic=topic, since=_iso_day(since, "--since"),
                              until=_iso_day(until, "--until"), min_size=min_size, limit=limit)
    finally:
        store.close()
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    table = Table(title=f"syndication clusters in {db}")
    for column in ("cluster", "copies", "outlets", "first seen", "first at", "dupe URLs", "title"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(str(row["cluster_id"]), str(row["size"]), ", ".join(row["outlets"]),
                      (row["first_seen_at"] or "")[:16], row["first_outlet"],
                      str(row["duplicate_urls"]), escape(row["title"] or ""))
    console.print(table)
    if not rows:
        console.print("No clusters match.")


def _version_diff(old: dict[str, Any], new: dict[str, Any], label_old: str, label_new: str) -> list[str]:
    import difflib

    lines = []
    if old["title"] != new["title"]:
        lines += [f"- title: {old['title']}", f"+ title: {new['title']}"]
    lines += list(difflib.unified_diff(
        (old["text"] or "").split("\n\n"), (new["text"] or "").split("\n\n"),
        fromfile=label_old, tofile=label_new, lineterm="", n=0))
    return lines


@main.command()
@click.argument("article_id", type=int)
@click.option("--db", type=click.Path(path_type=Path), default=DEFAULT_DB, show_default=True,
              help="SQLite database to read.")
@click.option("--versions", "with_versions", is_flag=True,
              help="Also show how the article changed between the versions seen (a diff).")
@click.option("--text/--no-text", default=True, help="Print the article's text.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead.")
def show(article_id: int, db: Path, with_versions: bool, text: bool, as_json: bool) -> None:
    """Show one stored article: metadata, copies at other outlets, other URLs, versions."""
    store = _open_store(db, readonly=True)
    try:
        article = store.article(article_id)
        versions = store.versions(article_id) if article else []
    finally:
        store.close()
    if article is None:
        raise UserError(f"no article {article_id} in {db}; `newscrawl dupes` or sqlite3 lists ids")
    if as_json:
        click.echo(json.dumps({**article, "versions": versions if with_versions else len(versions)},
                              indent=2, ensure_ascii=False))
        return
    console.print(f"[bold]{escape(article['title'] or '(no title)')}[/bold]")
    for key in ("outlet", "url", "published_at", "modified_at", "date_source", "language",
                "word_count", "first_seen_at", "last_seen_at", "cluster_id"):
        console.print(f"  {key:13} {escape(str(article[key]))}", soft_wrap=True)
    console.print(f"  {'authors':13} {', '.join(article['authors']) or '-'}")
    for slug, match in article["topics"].items():
        terms = ", ".join(f"{t} ({n})" for t, n in match.get("terms", {}).items())
        console.print(f"  {'topic':13} {slug}: score {match.get('score', 0):.2f}; {escape(terms)}",
                      soft_wrap=True)
    for copy in article["copies"]:
        console.print(f"  {'copy':13} #{copy['id']} {copy['outlet']} {escape(copy['url'])}", soft_wrap=True)
    for url in article["other_urls"]:
        console.print(f"  {'also at':13} {escape(url)}", soft_wrap=True)
    console.print(f"  {'versions':13} {len(versions)} earlier")
    if text:
        console.print()
        console.print(escape(article["text"] or ""), soft_wrap=True)
    if with_versions:
        chain = [*versions, {"title": article["title"], "text": article["text"],
                             "seen_at": article["last_seen_at"]}]
        if len(chain) == 1:
            console.print("\nNo earlier versions: the article has not changed since it was first seen.")
        for old, new in zip(chain, chain[1:], strict=False):
            console.print(f"\n[bold]changes seen by {new['seen_at']}[/bold]")
            for line in _version_diff(old, new, f"as of {old['seen_at']}", f"as of {new['seen_at']}"):
                colour = "green" if line.startswith("+") else "red" if line.startswith("-") else "cyan"
                console.print(f"[{colour}]{escape(line)}[/{colour}]", soft_wrap=True)


@main.command()
@click.option("--db", type=click.Path(path_type=Path), default=DEFAULT_DB, show_default=True,
              help="SQLite database to report on (a crawl may be writing it).")
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="HTML file to write: one self-contained page that opens offline.")
@click.option("--topic", help="Only articles that matched this topic slug.")
@click.option("--outlet", "outlets", multiple=True,
              help="Only articles from these outlet slugs (repeat or comma-separate).")
@click.option("--since", help="Only articles published on or after this day (YYYY-MM-DD).")
@click.option("--until", help="Only articles published on or before this day (YYYY-MM-DD).")
@click.option("--force", is_flag=True, help="Replace the output file when it exists.")
def report(db: Path, output: Path, topic: str | None, outlets: tuple[str, ...], since: str | None,
           until: str | None, force: bool) -> None:
    """Write an HTML report: articles over time by outlet, top outlets, syndication clusters,
    matched topic terms over time and where the dates came from; each chart with its data table.

    Undated articles count for --since/--until by the day they were first seen.
    See docs/report.md.
    """
    import sqlite3

    from newscrawl.outputs.report import ReportFilters, gather_report, write_report
    from newscrawl.outputs.report_page import render_html

    first, last = _day_range(since, until)
    if output.is_dir():
        raise UserError(f"-o {output}: is a directory; give a file name such as report.html")
    if not output.parent.is_dir():
        raise UserError(f"-o {output}: {output.parent} is not an existing directory")
    if output.exists() and db.exists() and output.resolve() == db.resolve():
        raise UserError(f"-o {output}: is the database itself; give another file name")
    if output.exists() and not force:
        raise UserError(f"{output}: already exists; add --force to replace it")
    slugs = _slugs(outlets)
    store = _open_store(db, readonly=True)
    try:
        if store.schema_version == 0:
            raise UserError(f"{db}: is not a newscrawl database; give --db the file a crawl wrote")
        _check_outlets(store, slugs, db)
        topics = store.report_topic_slugs()
        if topic and topics and topic not in topics:
            raise UserError(f"--topic: no article in {db} matched topic {topic!r} "
                            f"(topics there: {', '.join(topics)})")
        data = gather_report(store, ReportFilters(tuple(slugs), topic, first, last), database=str(db))
    except sqlite3.DatabaseError as exc:
        raise UserError(f"{db}: cannot read the database ({exc})") from None
    finally:
        store.close()
    try:
        write_report(output, render_html(data))
    except OSError as exc:
        raise UserError(f"{output}: cannot write ({exc.strerror or exc})") from None
    o = data.overview
    if data.empty:
        console.print(f"Wrote {output}: nothing to report (no articles match).", soft_wrap=True)
    else:
        span = f", published {o['first_published'][:10]} to {o['last_published'][:10]}" if o["dated"] else ""
        console.print(f"Wrote {output}: {o['articles']} articles from {o['outlets']} outlets{span}.",
                      soft_wrap=True)


@main.command()
@click.option("--db", type=click.Path(path_type=Path), default=DEFAULT_DB, show_default=True,
              help="SQLite database to browse (a crawl may be writing it).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; 0.0.0.0 shares the (read-only) site with your network.")
@click.option("--port", type=click.IntRange(1, 65535), default=8001, show_default=True,
              help="Port to listen on.")
@click.option("--topic", "topic_path", type=click.Path(path_type=Path), default=DEFAULT_TOPIC,
              show_default=True, help="Topic whose terms the 'topic_terms' query searches for by default.")
def serve(db: Path, host: str, port: int, topic_path: Path) -> None:
    """Browse the corpus in Datasette: search, facets, charts, ready-made queries (Ctrl-C stops).

    Read-only, and safe to run while a crawl writes the database.
    """
    import importlib.util
    import os
    import socket
    import subprocess
    import tempfile

    from newscrawl.outputs.serve import datasette_metadata, serve_command

    store = _open_store(db, readonly=True)  # a missing or unreadable database: exit 2
    try:
        if store.schema_version == 0:
            raise UserError(f"{db}: is not a newscrawl database; give --db the file a crawl wrote")
    finally:
        store.close()
    try:
        terms = load_topic(topic_path).query.terms
    except ConfigError as exc:
        raise UserError(str(exc)) from None
    if importlib.util.find_spec("datasette") is None:
        raise UserError("Datasette is not installed; install it with: pip install -e '.[serve]'")
    try:
        socket.getaddrinfo(host, port)
        with socket.create_server((host, port)):
            pass
    except socket.gaierror as exc:
        raise UserError(f"--host {host}: {exc.strerror}") from None
    except OSError as exc:
        reason = os.strerror(exc.errno) if exc.errno else str(exc)
        raise UserError(f"cannot listen on {host}:{port} ({reason}); choose another --port") from None
    with tempfile.TemporaryDirectory(prefix="newscrawl-serve-") as tmp:
        metadata = Path(tmp) / "metadata.json"
        metadata.write_text(json.dumps(datasette_metadata(db, topic_terms=terms), indent=2), encoding="utf-8")
        console.print(f"Browse {db} at http://{host}:{port}/{db.stem} (Ctrl-C to stop)", soft_wrap=True)
        process = subprocess.Popen(serve_command(db, host=host, port=port, metadata_path=metadata))
        try:
            code = process.wait()
        except KeyboardInterrupt:  # the terminal sent SIGINT to Datasette too: let it finish
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            code = 0
    if code:
        raise click.exceptions.Exit(code)


@main.command()
@click.option("-o", "--output", type=click.Path(path_type=Path), help="File to write (required).")
@click.option("--format", "fmt", metavar="csv|jsonl|parquet",
              help="Output format (default: from the file name's extension).")
@click.option("--db", type=click.Path(path_type=Path), default=DEFAULT_DB, show_default=True,
              help="SQLite database to read (a crawl may be writing it).")
@click.option("-q", "--query", help="Only articles matching this search (the syntax of `newscrawl search`).")
@article_filters
@click.option("--include-duplicates", is_flag=True,
              help="Every syndicated copy of a story, not only one row per story.")
@click.option("--fields", help="Comma-separated fields to write, in that order (default: all; "
                               "see docs/export.md).")
@click.option("--force", is_flag=True, help="Replace an existing output file and its datasheet.")
def export(output: Path | None, fmt: str | None, db: Path, query: str | None, outlets: tuple[str, ...],
           since: str | None, until: str | None, topic: str | None, language: str | None,
           include_duplicates: bool, fields: str | None, force: bool) -> None:
    """Export articles to CSV, JSONL or Parquet, with a datasheet (FILE.datasheet.md and .json).

    Streams: memory stays flat whatever the size. Without --include-duplicates a syndicated
    story is one row (its earliest-stored copy that passes the filters), with its number of
    copies. The file appears only when complete; an existing one is kept unless --force.
    """
    from newscrawl.judge.query import SearchQueryError, to_fts5
    from newscrawl.outputs.export import (
        ExportError,
        ExportFilters,
        export_articles,
        format_for,
        lean_arrow_memory,
        parse_fields,
    )

    if output is None:
        raise UserError("-o/--output: give the file to write, e.g. -o articles.parquet")
    try:
        chosen_format = format_for(output, fmt)
        chosen_fields = parse_fields(fields)
    except ExportError as exc:
        raise UserError(str(exc)) from None
    fts_query = None
    if query is not None:
        try:
            fts_query = to_fts5(query)
        except SearchQueryError as exc:
            raise UserError(f"--query {query!r}: {exc}") from None
    first, last = _day_range(since, until)
    slugs = _slugs(outlets)
    store = _open_store(db, readonly=True)
    try:
        if store.schema_version == 0:
            raise UserError(f"{db}: is not a newscrawl database; give --db the file a crawl wrote")
        _check_outlets(store, slugs, db)
        filters = ExportFilters(query=query, fts_query=fts_query, outlets=tuple(slugs), since=first,
                                until=last, topic=topic, language=language,
                                include_duplicates=include_duplicates)
        if chosen_format == "parquet":
            lean_arrow_memory()
        result = export_articles(store, output, fmt=chosen_format, fields=chosen_fields, filters=filters,
                                 force=force, db_path=db)
    except ExportError as exc:
        raise UserError(str(exc)) from None
    except SearchQueryError as exc:
        raise UserError(f"--query {query!r}: {exc}") from None
    except OSError as exc:
        raise UserError(f"cannot write {output}: {exc.strerror or exc}") from None
    finally:
        store.close()
    click.echo(f"Exported {result.rows:,} articles to {output} ({chosen_format}, "
               f"{result.bytes / 1e6:,.1f} MB) in {result.seconds:.1f} s; "
               f"datasheet {result.datasheet_md.name} and {result.datasheet_json.name}", err=True)
    if result.rows == 0:
        click.echo("No articles passed the filters: the file has no rows.", err=True)


# Unknown options pass through as words and -h is not help here, so `newscrawl search ICE -hockey` works.
@main.command(context_settings={"ignore_unknown_options": True, "help_option_names": ["--help"]})
@click.argument("words", nargs=-1, required=True, metavar="QUERY...")
@click.option("--db", type=click.Path(path_type=Path), default=DEFAULT_DB, show_default=True,
              help="SQLite database to read.")
@article_filters
@click.option("--include-duplicates", is_flag=True,
              help="List every syndicated copy of a story, not only the best-matching one.")
@click.option("--limit", type=click.IntRange(1), default=20, show_default=True, help="How many results.")
@click.option("--rank-all", is_flag=True,
              help=f"Rank every match, not only the newest {RANK_WINDOW:,} (slow on a large corpus).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV (UTF-8) instead of a table.")
def search(words: tuple[str, ...], db: Path, outlets: tuple[str, ...], since: str | None,
           until: str | None, topic: str | None, language: str | None, include_duplicates: bool,
           limit: int, rank_all: bool, as_json: bool, as_csv: bool) -> None:
    """Search the articles' titles and texts, best matches first.

    QUERY: words (all must appear), "an exact phrase", OR, -word or NOT word to exclude,
    prefix*, (parentheses). Put the query in single quotes when it has a phrase or
    parentheses: newscrawl search '"open letter" (ICE OR immigration) -hockey'.
    A story syndicated to several outlets shows once, with its number of copies;
    --include-duplicates lists every copy. In --json and --csv the matches are **marked**.
    When more articles match than the ranking window, the newest matches are ranked:
    narrow with filters, or --rank-all.
    """
    import csv
    import io

    from newscrawl.judge.query import SearchQueryError, to_fts5
    from newscrawl.outputs.search import highlighted

    if words == ("-h",):
        click.echo(click.get_current_context().get_help())
        return
    mistyped = [w for w in words if w.startswith("--") and w[2:3].isalpha()]
    if mistyped:
        raise UserError(f"no such option: {mistyped[0]} (to exclude a word, write -word)")
    query = " ".join(words)
    if as_json and as_csv:
        raise UserError("--json and --csv: choose one")
    try:
        fts_query = to_fts5(query)
    except SearchQueryError as exc:
        raise UserError(f"search {query!r}: {exc}") from None
    first, last = _day_range(since, until)
    slugs = _slugs(outlets)
    store = _open_store(db, readonly=True)
    try:
        _check_outlets(store, slugs, db)
        rows = store.search(fts_query, outlets=slugs, since=first, until=last, topic=topic,
                            language=language, include_duplicates=include_duplicates, limit=limit,
                            rank_window=None if rank_all else RANK_WINDOW)
    except SearchQueryError as exc:
        raise UserError(f"search {query!r}: {exc}") from None
    finally:
        store.close()
    if not rows.complete:
        click.echo(f"Note: over {RANK_WINDOW:,} articles match; ranked were the newest {RANK_WINDOW:,}. "
                   "Narrow the search (--since, --outlet, more words) or use --rank-all.", err=True)
    if as_json or as_csv:
        rows = [{**row, "snippet": highlighted(row["snippet"])} for row in rows]
    if as_json:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    if as_csv:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=["id", "outlet", "outlet_name", "published_at", "title",
                                                    "url", "snippet", "rank", "cluster_id", "copies"])
        writer.writeheader()
        writer.writerows(rows)
        stdout = click.get_binary_stream("stdout")
        stdout.write(buffer.getvalue().encode("utf-8"))
        stdout.flush()
        return
    if not rows:
        console.print(f"No articles match {escape(query)}.", soft_wrap=True)
        return
    table = Table(title=f"best matches for {escape(query)}")
    for column in ("id", "published", "outlet", "copies", "title", "snippet"):
        table.add_column(column, overflow="fold")
    for row in rows:
        snippet = " ".join(highlighted(row["snippet"], "[bold]", "[/bold]", escape).split())
        table.add_row(str(row["id"]), (row["published_at"] or "")[:10], row["outlet"], str(row["copies"]),
                      escape(row["title"] or ""), snippet)
    console.print(table)
    if len(rows) == limit:
        console.print(f"The first {limit} matches; --limit shows more.")


@main.group()
def sources() -> None:
    """Work with the outlets file (data/sources.toml)."""


@sources.command("check")
@click.option("--sources", "sources_path", type=click.Path(path_type=Path), default=DEFAULT_SOURCES,
              show_default=True, help="Outlets file (TOML) to check.")
@click.option("--outlet", "outlets", multiple=True,
              help="Check only these outlet slugs (repeat or comma-separate).")
@click.option("--user-agent", help="User-Agent header, also used for robots.txt (default: the crawl's).")
@click.option("--timeout", type=click.FloatRange(0.1, 300), default=15.0, show_default=True,
              help="Seconds to wait for each answer.")
@click.option("--workers", type=click.IntRange(1, 64), default=8, show_default=True,
              help="Requests at a time.")
@click.option("--ignore-robots", is_flag=True, help="Also fetch URLs that robots.txt disallows.")
@click.option("--failed", "only_failed", is_flag=True, help="List only the checks that failed.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def sources_check(sources_path: Path, outlets: tuple[str, ...], user_agent: str | None, timeout: float,
                  workers: int, ignore_robots: bool, only_failed: bool, as_json: bool) -> None:
    """Fetch every feed, sitemap and start page once; report whether each answers and parses.

    Exit status 0 when all checks pass, 1 when any failed.
    """
    from dataclasses import asdict

    from newscrawl.discover.sourcecheck import check_outlets
    from newscrawl.settings import USER_AGENT

    try:
        loaded = load_sources(sources_path)
        if outlets:
            slugs = _slugs(outlets)
            loaded = select_outlets(loaded, slugs)
    except ConfigError as exc:
        raise UserError(str(exc)) from None
    results = check_outlets(loaded, user_agent=user_agent or USER_AGENT, timeout=timeout,
                            workers=workers, obey_robots=not ignore_robots)
    failed = [r for r in results if not r.ok]
    shown = failed if only_failed else results
    if as_json:
        click.echo(json.dumps([asdict(r) for r in shown], indent=2))
    else:
        table = Table(title=f"sources check: {sources_path}")
        for column in ("outlet", "kind", "", "status", "seconds", "url", "detail"):
            table.add_column(column, overflow="fold")
        for r in shown:
            table.add_row(r.outlet, r.kind, "[green]ok[/green]" if r.ok else "[red]FAIL[/red]",
                          str(r.status or ""), f"{r.seconds:.2f}", escape(r.url), escape(r.detail))
        console.print(table)
        console.print(f"{len(results) - len(failed)} of {len(results)} checks ok"
                      + (f", [red]{len(failed)} failed[/red]" if failed else ""))
    if failed:
        click.get_current_context().exit(1)


@main.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.option("--every", required=True, metavar="INTERVAL",
              help="Time from one crawl's start to the next: 90s, 30m, 1h, 1h30m, 2d (at least 1m).")
@click.option("--max-runs", type=click.IntRange(1), help="Stop after this many runs (default: until Ctrl-C).")
@click.argument("crawl_args", nargs=-1, type=click.UNPROCESSED, metavar="[CRAWL OPTIONS]...")
def schedule(every: str, max_runs: int | None, crawl_args: tuple[str, ...]) -> None:
    """Run `newscrawl crawl [CRAWL OPTIONS]` now and then every INTERVAL, until Ctrl-C.

    Runs never overlap: when a crawl takes longer than INTERVAL the next starts when it ends.
    A run that finds the database busy (another crawl holds it; exit status 3) is reported and
    the schedule goes on. See docs/scheduling.md for cron and systemd timers.
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
    _load_config(params["sources_path"], params["topic_path"], params["outlets"])
    command = [sys.executable, "-m", "newscrawl.cli", "crawl", *crawl_args]
    console.print(f"Crawling every {format_interval(interval)}"
                  + (f", {max_runs} run{'' if max_runs == 1 else 's'}" if max_runs else "")
                  + " (Ctrl-C to stop): "
                  + escape(" ".join(["newscrawl crawl", *crawl_args])), soft_wrap=True)
    runs_done = 0

    def report(outcome: RunOutcome) -> None:
        nonlocal runs_done
        runs_done += 1
        colour = {"ok": "green", "busy": "yellow"}.get(outcome.status, "red")
        line = (f"run {runs_done} [{colour}]{outcome.status}[/{colour}] (exit {outcome.exit_code}) "
                f"after {format_interval(outcome.duration)}")
        if outcome.status == "busy":
            line += ": another crawl holds the database; skipped"
        if outcome.interrupted:
            line += "; stopping (Ctrl-C)"
        elif max_runs is None or runs_done < max_runs:
            upcoming = max(outcome.started + interval, datetime.now(outcome.started.tzinfo))
            line += f"; next at {upcoming.astimezone():%Y-%m-%d %H:%M:%S}"
        console.print(line)

    outcomes = run_schedule(command, interval, max_runs=max_runs, on_outcome=report)
    console.print(f"Stopped after {len(outcomes)} run{'' if len(outcomes) == 1 else 's'}.")

