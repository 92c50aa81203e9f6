"""What the CLI prints: tables for people, JSON and CSV for scripts.

Each helper takes what a library function returned and prints it; none reads the database
except :func:`run_report`, what a crawl did.
"""

from __future__ import annotations

import contextlib
import csv
import difflib
import io
import json
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import click
from rich import box
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from newscrawl.items import BLOCKED_BY_ROBOTS
from newscrawl.store import Store

console = Console()
err_console = Console(stderr=True)  # what is said beside JSON or data on stdout



def print_json(data: Any, *, ensure_ascii: bool = False, default: Any = None) -> None:
    """``data`` as indented JSON on stdout."""
    click.echo(json.dumps(data, indent=2, ensure_ascii=ensure_ascii, default=default))


def print_csv(rows: Iterable[dict[str, Any]], fieldnames: Sequence[str]) -> None:
    """``rows`` as CSV with a header, UTF-8 on stdout whatever the terminal's encoding."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(fieldnames))
    writer.writeheader()
    writer.writerows(rows)
    stdout = sys.stdout.buffer  # click.get_binary_stream is deprecated (Click 8.3)
    stdout.write(buffer.getvalue().encode("utf-8"))
    stdout.flush()


# -- tables that fit the terminal -------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """A table column: ``keep`` ranks it (the lowest goes first when the terminal is too narrow;
    10 is never dropped); a ``whole`` column (dates, numbers, slugs) is never wrapped or cut, the
    others fold down to ``min_width``."""

    header: str
    keep: int = 5
    whole: bool = False
    min_width: int = 8
    justify: str = "left"


def _count(header: str, keep: int) -> Column:
    """A column of numbers: whole, right-aligned."""
    return Column(header, keep, whole=True, justify="right")


def fitted_table(title: str, columns: Sequence[Column], rows: Sequence[Sequence[str]],
                 width: int | None = None) -> Table:
    """A table of ``rows`` (one string per column, rich markup allowed) that fits ``width`` (the
    terminal's): the lowest-ranked columns are dropped until what is left fits at its narrowest,
    whole cells keep their width and the others share the room left; so no date is ever cut."""
    width = console.width if width is None else width
    plain = [[Text.from_markup(cell).cell_len for cell in row] for row in rows]
    widest = [max([Text.from_markup(c.header).cell_len, *(row[i] for row in plain)])
              for i, c in enumerate(columns)]
    narrowest = [widest[i] if c.whole else min(c.min_width, widest[i]) for i, c in enumerate(columns)]
    shown = list(range(len(columns)))
    while len(shown) > 1 and sum(narrowest[i] for i in shown) + 3 * len(shown) + 1 > width:
        droppable = [i for i in shown if columns[i].keep < 10]
        if not droppable:
            break
        shown.remove(min(reversed(droppable), key=lambda i: columns[i].keep))  # the last of the lowest
    widths = {i: narrowest[i] for i in shown}
    room = width - sum(widths.values()) - 3 * len(shown) - 1
    growing = [i for i in shown if widths[i] < widest[i]]
    while room > 0 and growing:  # the room left, shared a character at a time, up to what each needs
        for i in list(growing):
            if room == 0:
                break
            widths[i] += 1
            room -= 1
            if widths[i] >= widest[i]:
                growing.remove(i)
    table = Table(title=title, box=box.HEAVY_HEAD)
    for i in shown:
        column = columns[i]
        table.add_column(column.header, width=widths[i], no_wrap=column.whole, overflow="fold",
                         justify=column.justify)  # type: ignore[arg-type]
    for row in rows:
        table.add_row(*(row[i] for i in shown))
    return table


def utc_time(value: str | None, *, seconds: bool = True) -> str:
    """An ISO 8601 UTC time as ``2026-01-27 16:40:00`` (``seconds=False``: ``16:40``)."""
    if not value:
        return ""
    text = value.replace("T", " ").removesuffix("+00:00").removesuffix("Z")
    return text[:19] if seconds else text[:16]


def _duration(started: str | None, finished: str | None) -> str:
    """How long a run took, as 45s, 12m03s or 2h05m; empty when it has not finished."""
    if not started or not finished:
        return ""
    try:
        seconds = int((datetime.fromisoformat(finished) - datetime.fromisoformat(started)).total_seconds())
    except ValueError:
        return ""
    if seconds < 60:
        return f"{seconds}s"
    if seconds < 3600:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"


# -- crawls -----------------------------------------------------------------------------------


# How each run status is shown: its colour, and what it means when it is not `finished`.
STATUS_STYLES = {"finished": "green", "failed": "red", "interrupted": "yellow", "timeout": "yellow",
                 "busy": "yellow", "ok": "green"}


def run_status_text(status: str, exit_code: int | None = None) -> str:
    """``finished``, ``failed``, ... in its colour, with the exit status when given."""
    colour = STATUS_STYLES.get(status, "red")
    return f"[{colour}]{status}[/{colour}]" + (f" (exit {exit_code})" if exit_code is not None else "")


# What a run's summary counts, in the order shown: (key, label, shown even when 0).
SUMMARY_COUNTS = (
    ("pages_fetched", "pages fetched", True),
    ("pages_archived", "pages read from WARC files", False),
    ("articles_new", "articles new", True),
    ("pages_revisited", "pages revisited", True),
    ("articles_changed", "articles changed", True),
    ("versions_kept", "versions kept", True),
    ("articles_refreshed", "articles re-extracted, same words", False),
)
SUMMARY_VERDICTS = ("off-topic", "duplicate", "not-article", "redirect", "blocked-by-robots", "out-of-scope")


def run_report(store: Store, outcome: Any) -> dict[str, Any] | None:
    """What a run did (a ``CrawlOutcome``), as ``crawl --json`` prints it: how it ended, the
    pages and articles counted, the problems met and the articles now in the database; None
    when no run was recorded (the `Error:` line says why)."""
    run_id = outcome.run_id
    if run_id is None:
        return None
    summary = store.run_summary(run_id)  # counted now: the recorded stats may be missing (a full disk)
    stats = next((r["stats"] for r in store.runs_by_id([run_id])), {})
    report: dict[str, Any] = {
        "run_id": run_id, "status": outcome.status, "exit_code": outcome.exit_code,
        "signal": outcome.signal, "failure": outcome.failure,
        "pages_fetched": stats.get("pages_fetched", summary["pages_fetched"]),
        "pages_archived": stats.get("pages_archived", 0),
        "articles_new": summary["articles_new"],
        "pages_revisited": stats.get("pages_revisited", 0),
        "articles_changed": stats.get("articles_changed", 0),
        "versions_kept": stats.get("versions_kept", 0),
        "articles_refreshed": stats.get("articles_refreshed", 0),
        "verdicts": summary["verdicts"], "errors": summary["errors"],
        "articles_in_database": store.count("articles"),
        "repaired": stats.get("repaired", {}), "warc_errors": stats.get("warc_errors", []),
        "skipped_unknown_outlet": stats.get("skipped", {}).get("unknown_outlet", 0),
        "unknown_hosts": stats.get("unknown_hosts", []), "gdelt_errors": stats.get("gdelt_errors", []),
        "derived_outlets": stats.get("derived_outlets", 0),
    }
    return report


def print_summary(report: dict[str, Any] | None, output: str = "table", *, title: str = "crawl run") -> None:
    """The end-of-run summary (:func:`run_report`) as a table, or JSON."""
    if report is None:  # the `Error:` line says so
        return
    if output == "json":
        print_json(report, ensure_ascii=True, default=str)
        return
    verdicts = report["verdicts"]
    status = run_status_text(report["status"]) + (f" by {report['signal']}" if report["signal"] else "")
    table = Table(title=f"{title} {report['run_id']}", show_header=False)
    table.add_column("what", overflow="fold")
    table.add_column("count", justify="right", no_wrap=True)
    table.add_row("status", f"{status} (exit {report['exit_code']})")
    for key, label, always in SUMMARY_COUNTS:
        if key == "pages_fetched" and report["pages_archived"] and not report[key]:
            continue  # read from WARC files: nothing was fetched, so nothing to say of fetches
        if always or report[key]:
            table.add_row(label, str(report[key]))
    for verdict in SUMMARY_VERDICTS:
        table.add_row(verdict, str(verdicts.get(verdict, 0)))
    table.add_row("errors", str(verdicts.get("error", 0)))
    for reason, count in report["errors"].items():
        table.add_row(f"  {escape(reason)}", str(count))
    table.add_row("articles in database", str(report["articles_in_database"]))
    console.print(table)
    if report["repaired"]:
        console.print("Repaired what an earlier crawl left half-written: " + ", ".join(
            f"{name.replace('_', ' ')} {count}" for name, count in report["repaired"].items()),
            soft_wrap=True)
    for problem in report["warc_errors"]:
        console.print(f"[red]WARC problem:[/red] {escape(problem)}", soft_wrap=True)
    unknown = report["skipped_unknown_outlet"]
    if unknown:
        hosts = report["unknown_hosts"]
        console.print(f"{unknown} URLs belong to no configured outlet (skipped)"
                      + (f": {', '.join(hosts[:10])}" if hosts else ""), soft_wrap=True)
    if report.get("derived_outlets"):
        console.print(f"{report['derived_outlets']} outlets derived from their pages' domains "
                      "(--any-outlet)", soft_wrap=True)
    for problem in report["gdelt_errors"]:
        console.print(f"[red]GDELT problem:[/red] {escape(problem)}", soft_wrap=True)


def print_latest(rows: list[dict[str, Any]]) -> None:
    """The newest articles (``Store.latest_articles``), as ``demo`` shows them."""
    columns = [_count("id", 10), Column("outlet", 9, whole=True),
               Column("published (UTC)", 9, whole=True), Column("date from", 2, whole=True),
               _count("cluster", 3), Column("title", 10, min_width=16)]
    cells = [[str(row["id"]), row["outlet"], utc_time(row["published_at"], seconds=False),
              row["date_source"] or "", "" if row["cluster_id"] == row["id"] else str(row["cluster_id"]),
              escape(row["title"] or "")] for row in rows]
    console.print(fitted_table("articles stored (newest first)", columns, cells))


def print_runs(rows: list[dict[str, Any]], db: Path, output: str) -> None:
    """Crawl runs (``Store.runs``) as a table or JSON. At 80 columns the table keeps id, start,
    status and the main counts; the topic, the command and the other counts go first."""
    if output == "json":
        print_json(rows, ensure_ascii=True, default=str)
        return
    columns = [_count("id", 10), Column("started (UTC)", 10, whole=True),
               _count("took", 5), Column("status", 9, whole=True),
               _count("fetched", 8), _count("new", 8),
               _count("changed", 6),
               _count("off-topic", 3),
               _count("dupes", 3), _count("errors", 7),
               _count("robots", 3),  # pages robots.txt kept the crawl from (or its being unreachable)
               Column("topic", 2, min_width=10), Column("command", 1, min_width=20)]
    cells = []
    for row in rows:
        stats = row["stats"] or {}
        verdicts = stats.get("verdicts", {})
        cells.append([
            str(row["id"]), utc_time(row["started_at"]), _duration(row["started_at"], row["finished_at"]),
            row["status"] or "", str(stats.get("pages_fetched", "")), str(stats.get("articles_new", "")),
            str(stats.get("articles_changed", "")), str(verdicts.get("off-topic", "")),
            str(verdicts.get("duplicate", "")), str(verdicts.get("error", "")),
            str(verdicts.get(BLOCKED_BY_ROBOTS, "")), escape(row["topic"] or ""),
            escape(row["command"] or ""),
        ])
    console.print(fitted_table(f"crawl runs in {escape(str(db))}", columns, cells))


def print_run_outcome(number: int, outcome: Any, interval: timedelta | None,
                      to: Console | None = None) -> None:
    """One line per scheduled run (a ``RunOutcome``): status, exit status, duration and, given the
    interval, when the next run starts."""
    from newscrawl.crawl.schedule import format_interval

    line = (f"run {number} {run_status_text(outcome.status, outcome.exit_code)} "
            f"after {format_interval(outcome.duration)}")
    if outcome.status == "busy":
        line += ": another crawl holds the database; skipped"
    if outcome.interrupted:
        line += "; stopping (Ctrl-C)"
    elif interval is not None:
        upcoming = max(outcome.started + interval, datetime.now(outcome.started.tzinfo))
        line += f"; next at {upcoming.astimezone():%Y-%m-%d %H:%M:%S}"
    (to or console).print(line)


def print_source_checks(results: list[Any], path: Path, *, only_failed: bool, output: str) -> None:
    """``sources check`` results as a table with a count, or JSON."""
    from dataclasses import asdict

    failed = [r for r in results if not r.ok]
    shown = failed if only_failed else results
    if output == "json":
        print_json([asdict(r) for r in shown], ensure_ascii=True)
        return
    columns = [Column("outlet", 10, min_width=10), Column("kind", 4, whole=True), Column("", 10, whole=True),
               _count("status", 3), _count("seconds", 2),
               Column("url", 9, min_width=20), Column("detail", 6, min_width=12)]
    cells = [[escape(r.outlet), r.kind, "[green]ok[/green]" if r.ok else "[red]FAIL[/red]",
              str(r.status or ""), f"{r.seconds:.2f}", escape(r.url),
              escape(f"{r.found_via}: {r.detail}" if r.found_via else r.detail)] for r in shown]
    table = fitted_table(f"sources check: {escape(str(path))}", columns, cells)
    console.print(table)
    console.print(f"{len(results) - len(failed)} of {len(results)} checks ok"
                  + (f", [red]{len(failed)} failed[/red]" if failed else ""))


# -- the corpus -------------------------------------------------------------------------------


def print_search(rows: list[dict[str, Any]], query: str, *, limit: int, output: str) -> None:
    """Search results (``Store.search``): a table with bold matches, or JSON/CSV with **marked** ones."""
    from newscrawl.outputs.search import CSV_FIELDS, highlighted

    if output in ("json", "csv"):
        rows = [{**row, "snippet": highlighted(row["snippet"])} for row in rows]
    if output == "json":
        print_json(rows)
        return
    if output == "csv":
        print_csv(rows, CSV_FIELDS)
        return
    if not rows:
        console.print(f"No articles match {escape(query)}.", soft_wrap=True)
        return
    columns = [_count("id", 10), Column("published", 8, whole=True),
               Column("outlet", 7, min_width=8), _count("copies", 3),
               Column("title", 9, min_width=14), Column("snippet", 6, min_width=20)]
    cells = [[str(row["id"]), row["published_day"] or "", escape(row["outlet"]), str(row["copies"]),
              escape(row["title"] or ""),
              " ".join(highlighted(row["snippet"], "[bold]", "[/bold]", escape).split())] for row in rows]
    console.print(fitted_table(f"best matches for {escape(query)}", columns, cells))
    if len(rows) == limit:
        console.print(f"The first {limit} matches; --limit shows more.")


def print_clusters(rows: list[dict[str, Any]], db: Path, output: str) -> None:
    """Syndication clusters (``Store.clusters``) as a table or JSON."""
    if output == "json":
        print_json(rows, ensure_ascii=True)
        return
    columns = [_count("cluster", 10), _count("copies", 9),
               Column("outlets", 6, min_width=8), Column("first copy", 8, min_width=8),
               Column("published (UTC)", 7, whole=True), _count("dupe URLs", 2),
               Column("title", 9, min_width=14)]
    cells = [[str(row["cluster_id"]), str(row["size"]), escape(", ".join(row["outlets"])),
              escape(f"#{row['first_id']} {row['first_outlet']}"),
              utc_time(row["first_published_at"], seconds=False),
              str(row["duplicate_urls"]), escape(row["title"] or "")] for row in rows]
    console.print(fitted_table(f"syndication clusters in {escape(str(db))}", columns, cells))
    if not rows:
        console.print("No clusters match.")


def print_article(article: dict[str, Any], versions: list[dict[str, Any]], *, text: bool,
                  with_versions: bool, output: str) -> None:
    """One article (``Store.article``): metadata, copies, other URLs, text and changes; or JSON."""
    if output == "json":
        from newscrawl.outputs.dataset import topics_as_list

        print_json({**article, "topics": topics_as_list(article["topics"]),
                    "versions": versions if with_versions else len(versions)})
        return
    console.print(f"[bold]{escape(article['title'] or '(no title)')}[/bold]")
    for key in ("outlet", "url", "published_at", "modified_at", "date_source", "language",
                "word_count", "first_seen_at", "last_seen_at", "cluster_id"):
        console.print(f"  {key:13} {escape(str(article[key]))}", soft_wrap=True)
    console.print(f"  {'authors':13} {escape(', '.join(article['authors']) or '-')}")
    credit = article.get("credit")
    console.print(f"  {'credit':13} {escape(', '.join(credit) or '-') if credit is not None else '?'}")
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
        print_changes(article, versions)


def print_changes(article: dict[str, Any], versions: list[dict[str, Any]]) -> None:
    """How an article changed from each version seen to the next, as coloured diffs."""
    chain = [*versions, {"title": article["title"], "text": article["text"],
                         "seen_at": article["last_seen_at"]}]
    if len(chain) == 1:
        console.print("\nNo earlier versions: the article has not changed since it was first seen.")
    for old, new in zip(chain, chain[1:], strict=False):
        console.print(f"\n[bold]changes seen by {new['seen_at']}[/bold]")
        for line in version_diff(old, new, f"as of {old['seen_at']}", f"as of {new['seen_at']}"):
            colour = "green" if line.startswith("+") else "red" if line.startswith("-") else "cyan"
            console.print(f"[{colour}]{escape(line)}[/{colour}]", soft_wrap=True)


def version_diff(old: dict[str, Any], new: dict[str, Any], label_old: str, label_new: str) -> list[str]:
    """The title change and a paragraph-level unified diff of the text."""
    lines = []
    if old["title"] != new["title"]:
        lines += [f"- title: {old['title']}", f"+ title: {new['title']}"]
    lines += list(difflib.unified_diff(
        (old["text"] or "").split("\n\n"), (new["text"] or "").split("\n\n"),
        fromfile=label_old, tofile=label_new, lineterm="", n=0))
    return lines


class _Rate(ProgressColumn):
    """Rows per second."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.0f}/s" if speed else "", style="progress.data.speed")


@contextlib.contextmanager
def row_progress(store: Store, filters: Any, *, shown: bool) -> Iterator[Callable[[int], None] | None]:
    """A progress bar on stderr for an export (``ExportFilters``): rows written of the rows that
    pass the filters (counted first), their rate and the time left. Yields the function to call
    with each batch's row count, or None when not ``shown``."""
    if not shown:
        yield None
        return
    total = store.export_count(
        fts_query=filters.fts_query, outlets=filters.outlets, since=filters.since, until=filters.until,
        topic=filters.topic, language=filters.language, include_duplicates=filters.include_duplicates)
    with Progress(TextColumn("[bold]exporting"), BarColumn(bar_width=30), MofNCompleteColumn(), _Rate(),
                  TimeRemainingColumn(), console=err_console, transient=True) as bar:
        task = bar.add_task("export", total=total)
        yield lambda rows: bar.update(task, advance=rows)


def print_export_result(result: Any, *, output: str) -> None:
    """What an export wrote (an ``ExportResult``): one line on stderr, or JSON on stdout."""
    to_stdout = result.datasheet_md is None
    if output == "json":
        print_json({"output": str(result.output), "format": result.fmt, "rows": result.rows,
                    "bytes": result.bytes, "sha256": result.sha256, "seconds": round(result.seconds, 3),
                    "fields": result.fields,
                    "datasheet": None if to_stdout else [str(result.datasheet_md),
                                                         str(result.datasheet_json)]})
        return
    where = "standard output" if to_stdout else str(result.output)
    sheet = ("no datasheet (one is written beside a file: -o FILE)" if to_stdout
             else f"datasheet {result.datasheet_md.name} and {result.datasheet_json.name}")
    click.echo(f"Exported {result.rows:,} articles to {where} ({result.fmt}, {result.bytes / 1e6:,.1f} MB) "
               f"in {result.seconds:.1f} s; {sheet}", err=True)
    if result.rows == 0:
        click.echo("No articles passed the filters: the file has no rows.", err=True)


def print_report_written(path: Path, overview: dict[str, Any], empty: bool, *, output: str = "table") -> None:
    """One line saying what the HTML report holds, or its counts as JSON."""
    if output == "json":
        print_json({"output": str(path), **overview}, ensure_ascii=True)
        return
    if empty:
        console.print(f"Wrote {path}: nothing to report (no articles match).", soft_wrap=True)
        return
    span = (f", published {overview['first_published'][:10]} to {overview['last_published'][:10]}"
            if overview["dated"] else "")
    console.print(f"Wrote {path}: {overview['articles']} articles ({overview['stories']} stories) "
                  f"from {overview['outlets']} outlets{span}.", soft_wrap=True)
