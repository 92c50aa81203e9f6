"""Commands that read the corpus: search, show, dupes, export, report, serve; and extract (one page)."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import click

from newscrawl.cli.options import (
    UserError,
    article_filters,
    check_corpus,
    check_new_file,
    check_outlets,
    day_range,
    db_option,
    open_store,
    outlet_slugs,
    output_options,
    topic_file_option,
)
from newscrawl.cli.output import (
    console,
    print_article,
    print_clusters,
    print_export_result,
    print_json,
    print_report_written,
    print_search,
    row_progress,
)
from newscrawl.config import ConfigError, load_topic
from newscrawl.judge.query import SearchQueryError, to_fts5
from newscrawl.store import RANK_WINDOW


def _fts_query(query: str, label: str) -> str:
    """``query`` in FTS5 syntax; a malformed query is a user error starting with ``label``."""
    try:
        return to_fts5(query)
    except SearchQueryError as exc:
        raise UserError(f"{label}: {exc}") from None


# Unknown options pass through as words and -h is not help here, so `newscrawl search ICE -hockey` works.
@click.command(context_settings={"ignore_unknown_options": True, "help_option_names": ["--help"]})
@click.argument("words", nargs=-1, required=True, metavar="QUERY...")
@db_option("SQLite database to read.", reads=True)
@article_filters()
@click.option("--include-duplicates", is_flag=True,
              help="List every syndicated copy of a story, not only the best-matching one.")
@click.option("--limit", type=click.IntRange(1), default=20, show_default=True, help="How many results.")
@click.option("--rank-all", is_flag=True,
              help=f"Rank every match, not only the newest {RANK_WINDOW:,} (slow on a large corpus).")
@output_options(csv=True)
def search(words: tuple[str, ...], db: Path, outlets: tuple[str, ...], since: date | None,
           until: date | None, topic: str | None, language: str | None, include_duplicates: bool,
           limit: int, rank_all: bool, output: str) -> None:
    """Search the articles' titles and texts, best matches first.

    QUERY: words (all must appear), "an exact phrase", OR, -word or NOT word to exclude,
    prefix*, (parentheses). Put the query in single quotes when it has a phrase or
    parentheses: newscrawl search '"open letter" (ICE OR immigration) -hockey'.
    A story syndicated to several outlets shows once, with its number of copies;
    --include-duplicates lists every copy. In --json and --csv the matches are **marked**.
    When more articles match than the ranking window, the newest matches are ranked:
    narrow with filters, or --rank-all. Exit status, as grep's: 0 when articles match, 1 when
    none does (--json then prints [], --csv the header alone), 2 for a mistake.

    Example:

        newscrawl search 'ICE raid' --since 2026-01-20
    """
    if words == ("-h",):
        click.echo(click.get_current_context().get_help())
        return
    mistyped = [w for w in words if w.startswith("--") and w[2:3].isalpha()]
    if mistyped:
        raise UserError(f"no such option: {mistyped[0]} (to exclude a word, write -word)")
    query = " ".join(words)
    fts_query = _fts_query(query, f"search {query!r}")
    first, last = day_range(since, until)
    slugs = outlet_slugs(outlets)
    store = open_store(db, readonly=True)
    try:
        check_outlets(store, slugs, db)
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
    print_search(rows, query, limit=limit, output=output)
    if not rows:  # as grep: scripts can tell "nothing found" from a mistake (2)
        click.get_current_context().exit(1)


@click.command()
@click.argument("article_id", type=int)
@db_option("SQLite database to read.", reads=True)
@click.option("--versions", "with_versions", is_flag=True,
              help="Also show how the article changed between the versions seen (a diff).")
@click.option("--text/--no-text", default=True, help="Print the article's text.")
@output_options()
def show(article_id: int, db: Path, with_versions: bool, text: bool, output: str) -> None:
    """Show one stored article: metadata, copies at other outlets, other URLs, versions.

    Example:

        newscrawl show 42 --versions --no-text
    """
    store = open_store(db, readonly=True)
    try:
        article = store.article(article_id)
        versions = store.versions(article_id) if article else []
    finally:
        store.close()
    if article is None:
        raise UserError(f"no article {article_id} in {db}; `newscrawl dupes` or sqlite3 lists ids")
    print_article(article, versions, text=text, with_versions=with_versions, output=output)


@click.command()
@db_option("SQLite database to read.", reads=True)
@article_filters(language=False)
@click.option("--min-size", type=click.IntRange(1), default=2, show_default=True,
              help="Smallest cluster to list (1 lists single articles too).")
@click.option("--limit", type=click.IntRange(1), default=50, show_default=True, help="How many clusters.")
@output_options()
def dupes(db: Path, outlets: tuple[str, ...], since: date | None, until: date | None, topic: str | None,
          min_size: int, limit: int, output: str) -> None:
    """List syndication clusters: the same story run by several outlets, biggest first.

    Each cluster is named by its first copy: the earliest published (ties: the earliest seen)
    of the copies that pass the filters; `newscrawl show ID` shows it with its copies.

    Example:

        newscrawl dupes --since 2026-01-01 --min-size 3
    """
    first, last = day_range(since, until)
    store = open_store(db, readonly=True)
    try:
        rows = store.clusters(outlets=outlet_slugs(outlets), topic=topic, since=first, until=last,
                              min_size=min_size, limit=limit)
    finally:
        store.close()
    print_clusters(rows, db, output)


@click.command()
@db_option("SQLite database to report on (a crawl may be writing it).", reads=True)
@click.option("-o", "--output", "out", type=click.Path(path_type=Path), required=True,
              help="HTML file to write: one self-contained page that opens offline.")
@article_filters(language=False)
@click.option("--force", is_flag=True, help="Replace the output file when it exists.")
@output_options()
def report(db: Path, out: Path, outlets: tuple[str, ...], since: date | None, until: date | None,
           topic: str | None, force: bool, output: str) -> None:
    """Write an HTML report: articles over time by outlet, top outlets, syndication clusters,
    matched topic terms over time and where the dates came from; each chart with its data table.

    Undated articles count for --since/--until by the day they were first seen, as in `dupes`
    and `export`; the counts (articles, and stories: syndicated copies counted once) agree
    with theirs. --json prints the counts as JSON on stdout. See docs/report.md.

    Example:

        newscrawl report -o report.html --since 2026-01-01 --outlet techcrunch
    """
    import importlib.util
    import sqlite3

    if importlib.util.find_spec("matplotlib") is None:
        raise UserError("the report draws its charts with matplotlib, which is not installed: "
                        "pip install 'newscrawl[report]'")
    from newscrawl.outputs.report import ReportFilters, gather_report, write_report
    from newscrawl.outputs.report_page import render_html

    first, last = day_range(since, until)
    check_new_file(out, db, force)
    slugs = outlet_slugs(outlets)
    store = open_store(db, readonly=True)
    try:
        check_corpus(store, db)
        check_outlets(store, slugs, db)
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
        write_report(out, render_html(data))
    except OSError as exc:
        raise UserError(f"{out}: cannot write ({exc.strerror or exc})") from None
    print_report_written(out, data.overview, data.empty, output=output)


@click.command()
@click.option("-o", "--output", "out", type=click.Path(path_type=Path, allow_dash=True),
              help="File to write (required); - writes to standard output.")
@click.option("--format", "fmt", metavar="csv|jsonl|parquet",
              help="Output format (default: from the file name's extension; required with -o -).")
@db_option("SQLite database to read (a crawl may be writing it).", reads=True)
@click.option("-q", "--query", help="Only articles matching this search (the syntax of `newscrawl search`).")
@article_filters()
@click.option("--include-duplicates", is_flag=True,
              help="Every syndicated copy of a story, not only one row per story.")
@click.option("--fields", help="Comma-separated fields to write, in that order (default: all; "
                               "see docs/export.md).")
@click.option("--force", is_flag=True, help="Replace an existing output file and its datasheet.")
@click.option("--progress/--no-progress", default=None,
              help="Show a progress bar: rows, rate, time left (default: when stderr is a terminal).")
@output_options()
def export(out: Path | None, fmt: str | None, db: Path, query: str | None, outlets: tuple[str, ...],
           since: date | None, until: date | None, topic: str | None, language: str | None,
           include_duplicates: bool, fields: str | None, force: bool, progress: bool | None,
           output: str) -> None:
    """Export articles to CSV, JSONL or Parquet, with a datasheet (FILE.datasheet.md and .json).

    Streams: memory stays flat whatever the size. Without --include-duplicates a syndicated
    story is one row (its first copy: the earliest published that passes the filters), with its
    number of copies. The file appears only when complete; an existing one is kept unless --force.

    -o - writes to standard output (give --format; CSV then has no byte-order mark) and no
    datasheet: write to a file for one. What was exported is said on stderr; --json prints it
    as JSON on stdout instead (not with -o -).

    Example:

        newscrawl export -o ice.parquet -q 'ICE raid' --since 2026-01-01

        newscrawl export -o - --format jsonl --outlet wire | jq .title
    """
    from newscrawl.outputs.export import (
        ExportError,
        ExportFilters,
        export_articles,
        format_for,
        lean_arrow_memory,
        parse_fields,
        require_pyarrow,
    )

    if out is None:
        raise UserError("-o/--output: give the file to write, e.g. -o articles.parquet (or - for stdout)")
    to_stdout = str(out) == "-"
    if to_stdout and not fmt:
        raise UserError("-o -: give --format csv, jsonl or parquet (standard output has no file name to "
                        "tell the format by)")
    if to_stdout and output == "json":
        raise UserError("--json and -o -: standard output holds the export; leave out --json")
    try:
        chosen_format = format_for(out, fmt)
        chosen_fields = parse_fields(fields)
    except ExportError as exc:
        raise UserError(str(exc)) from None
    stdout = sys.stdout.buffer if to_stdout else None  # get_binary_stream: deprecated in Click 8.3
    if to_stdout and chosen_format == "parquet" and sys.stdout.isatty():
        raise UserError("-o - --format parquet: Parquet is binary; redirect it to a file or a pipe")
    fts_query = None if query is None else _fts_query(query, f"--query {query!r}")
    first, last = day_range(since, until)
    slugs = outlet_slugs(outlets)
    store = open_store(db, readonly=True)
    try:
        check_corpus(store, db)
        check_outlets(store, slugs, db)
        filters = ExportFilters(query=query, fts_query=fts_query, outlets=tuple(slugs), since=first,
                                until=last, topic=topic, language=language,
                                include_duplicates=include_duplicates)
        if chosen_format == "parquet":
            require_pyarrow()
            lean_arrow_memory()
        shown = sys.stderr.isatty() if progress is None else progress
        with row_progress(store, filters, shown=shown) as advance:
            result = export_articles(store, out, fmt=chosen_format, fields=chosen_fields, filters=filters,
                                     force=force, db_path=db, stream=stdout, on_rows=advance)
    except ExportError as exc:
        raise UserError(str(exc)) from None
    except SearchQueryError as exc:
        raise UserError(f"--query {query!r}: {exc}") from None
    except BrokenPipeError:  # the reader stopped (`| head`): end quietly, as if by SIGPIPE
        _stdout_to_devnull()
        raise SystemExit(141) from None
    except OSError as exc:
        raise UserError(f"cannot write {out}: {exc.strerror or exc}") from None
    finally:
        store.close()
    print_export_result(result, output=output)


def _stdout_to_devnull() -> None:
    """Standard output to /dev/null, so that flushing it at exit does not fail again."""
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real file descriptor (a test runner's stream)
        pass
    finally:
        os.close(devnull)


def _check_listen(host: str, port: int) -> None:
    """A user error unless this process could listen on ``host:port`` now."""
    import os
    import socket

    try:
        socket.getaddrinfo(host, port)
        with socket.create_server((host, port)):
            pass
    except socket.gaierror as exc:
        raise UserError(f"--host {host}: {exc.strerror}") from None
    except OSError as exc:
        reason = os.strerror(exc.errno) if exc.errno else str(exc)
        raise UserError(f"cannot listen on {host}:{port} ({reason}); choose another --port") from None


class _Stopped(Exception):
    """This process was asked to stop (SIGTERM, SIGHUP)."""


def _raise_stopped(signum: int, frame: object) -> None:
    raise _Stopped(signum)


def _run_until_stopped(command: list[str], stdin: bytes) -> int:
    """Run ``command`` (a ``python -m`` command line) with ``stdin`` as its input until it
    exits or this process is asked to stop (SIGINT, SIGTERM, SIGHUP), and then stop it too:
    SIGTERM, and SIGKILL after 10 s. It also ends if this process is killed outright.
    Its exit status; 0 after a stop."""
    import os
    import signal
    import subprocess

    from newscrawl.crawl.lifeline import Lifeline, lifeline_command

    stops = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, *stops)}
    for sig in stops:
        signal.signal(sig, _raise_stopped)
    line = Lifeline()
    process: subprocess.Popen[bytes] | None = None
    try:
        process = subprocess.Popen(lifeline_command(command, line), stdin=subprocess.PIPE,
                                   pass_fds=(line.fd(),) if os.name == "posix" else ())
        assert process.stdin is not None
        try:
            process.stdin.write(stdin)
            process.stdin.close()
        except BrokenPipeError:  # it ended before reading: its exit status says why
            pass
        return process.wait()
    except (KeyboardInterrupt, _Stopped):
        return 0
    finally:
        for sig in previous:  # no second signal interrupts the stop
            signal.signal(sig, signal.SIG_IGN)
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        line.close()
        for sig, handler in previous.items():
            signal.signal(sig, handler)


@click.command()
@db_option("SQLite database to browse (a crawl may be writing it).", reads=True)
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; 0.0.0.0 shares the (read-only) site with your network "
                   "(with a warning).")
@click.option("--port", type=click.IntRange(1, 65535), default=8001, show_default=True,
              help="Port to listen on.")
@topic_file_option("Topic whose terms the home page offers as a search.")
def serve(db: Path, host: str, port: int, topic_path: Path) -> None:
    """Open the reading room: search, attention over time, articles to read (Ctrl-C stops).

    Datasette with newscrawl's pages: a home page with one search box, search in the
    query language of `newscrawl search` (with a chart, CSV and JSON), an article page with
    copies and versions, and Datasette's tables and queries. Read-only, and safe to run
    while a crawl writes the database. Only this machine can connect unless --host says
    otherwise.

    Example:

        newscrawl serve --db data/news.db --port 8001
    """
    import importlib.util

    from newscrawl.outputs.serve import datasette_metadata, is_loopback, serve_command

    if not is_loopback(host):
        click.echo(f"Warning: --host {host} shares the reading room with every machine that can reach "
                   "this one; anyone there can read the whole corpus (read-only, no login).", err=True)
    store = open_store(db, readonly=True)  # a missing or unreadable database: exit 2
    try:
        check_corpus(store, db)
    finally:
        store.close()
    try:
        topic = load_topic(topic_path)
    except ConfigError as exc:
        raise UserError(str(exc)) from None
    if importlib.util.find_spec("datasette") is None:
        raise UserError("Datasette is not installed; install it with: pip install 'newscrawl[serve]'")
    _check_listen(host, port)
    metadata = json.dumps(datasette_metadata(db, topic_terms=topic.query.terms, topic=topic.name),
                          indent=2).encode("utf-8")
    console.print(f"Reading room for {db} at http://{host}:{port}/ (Ctrl-C to stop)", soft_wrap=True)
    code = _run_until_stopped(serve_command(db, host=host, port=port), stdin=metadata)
    if code:
        raise click.exceptions.Exit(code)


@click.command()
@click.argument("page", type=click.Path(path_type=Path, allow_dash=True))
@click.option("--url", help="The page's address (resolves relative links, gives URL dates).")
@click.option("--timezone", "tz", default="UTC", show_default=True,
              help="Time zone for dates the page gives without one (the outlet's, e.g. America/Chicago).")
def extract(page: Path, url: str | None, tz: str) -> None:
    """Extract one saved HTML page (or - for stdin) and print its article as JSON.

    Example:

        newscrawl extract story.html --url https://example.com/2026/01/story
    """
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
    print_json(result.to_dict())
