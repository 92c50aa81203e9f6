"""What the CLI prints: tables for people, JSON and CSV for scripts.

Each helper takes what a library function returned and prints it; none reads the database
except :func:`run_report`, what a crawl did.
"""

from __future__ import annotations

import csv
import difflib
import io
import json
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from newscrawl.store import Store

console = Console()
err_console = Console(stderr=True)  # what is said beside JSON or data on stdout

SEARCH_CSV_FIELDS = ["id", "outlet", "outlet_name", "published_at", "title", "url", "snippet", "rank",
                     "cluster_id", "copies"]


def print_json(data: Any, *, ensure_ascii: bool = False, default: Any = None) -> None:
    """``data`` as indented JSON on stdout."""
    click.echo(json.dumps(data, indent=2, ensure_ascii=ensure_ascii, default=default))


def print_csv(rows: Iterable[dict[str, Any]], fieldnames: Sequence[str]) -> None:
    """``rows`` as CSV with a header, UTF-8 on stdout whatever the terminal's encoding."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(fieldnames))
    writer.writeheader()
    writer.writerows(rows)
    stdout = click.get_binary_stream("stdout")
    stdout.write(buffer.getvalue().encode("utf-8"))
    stdout.flush()


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
    for problem in report["gdelt_errors"]:
        console.print(f"[red]GDELT problem:[/red] {escape(problem)}", soft_wrap=True)


def print_latest(rows: list[dict[str, Any]]) -> None:
    """The newest articles (``Store.latest_articles``), as ``demo`` shows them."""
    table = Table(title="articles stored (newest first)")
    for column in ("id", "outlet", "published (UTC)", "date from", "cluster", "title"):
        table.add_column(column)
    for row in rows:
        cluster = "" if row["cluster_id"] == row["id"] else str(row["cluster_id"])
        table.add_row(str(row["id"]), row["outlet"], (row["published_at"] or "")[:16],
                      row["date_source"] or "", cluster, row["title"] or "")
    console.print(table)


def print_runs(rows: list[dict[str, Any]], db: Path, output: str) -> None:
    """Crawl runs (``Store.runs``) as a table or JSON."""
    if output == "json":
        print_json(rows, ensure_ascii=True, default=str)
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


def print_run_outcome(number: int, outcome: Any, interval: timedelta | None) -> None:
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
    console.print(line)


def print_source_checks(results: list[Any], path: Path, *, only_failed: bool, output: str) -> None:
    """``sources check`` results as a table with a count, or JSON."""
    from dataclasses import asdict

    failed = [r for r in results if not r.ok]
    shown = failed if only_failed else results
    if output == "json":
        print_json([asdict(r) for r in shown], ensure_ascii=True)
        return
    table = Table(title=f"sources check: {path}")
    for column in ("outlet", "kind", "", "status", "seconds", "url", "detail"):
        table.add_column(column, overflow="fold")
    for r in shown:
        table.add_row(r.outlet, r.kind, "[green]ok[/green]" if r.ok else "[red]FAIL[/red]",
                      str(r.status or ""), f"{r.seconds:.2f}", escape(r.url), escape(r.detail))
    console.print(table)
    console.print(f"{len(results) - len(failed)} of {len(results)} checks ok"
                  + (f", [red]{len(failed)} failed[/red]" if failed else ""))


# -- the corpus -------------------------------------------------------------------------------


def print_search(rows: list[dict[str, Any]], query: str, *, limit: int, output: str) -> None:
    """Search results (``Store.search``): a table with bold matches, or JSON/CSV with **marked** ones."""
    from newscrawl.outputs.search import highlighted

    if output in ("json", "csv"):
        rows = [{**row, "snippet": highlighted(row["snippet"])} for row in rows]
    if output == "json":
        print_json(rows)
        return
    if output == "csv":
        print_csv(rows, SEARCH_CSV_FIELDS)
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


def print_clusters(rows: list[dict[str, Any]], db: Path, output: str) -> None:
    """Syndication clusters (``Store.clusters``) as a table or JSON."""
    if output == "json":
        print_json(rows, ensure_ascii=True)
        return
    table = Table(title=f"syndication clusters in {db}")
    for column in ("cluster", "copies", "outlets", "first copy", "published", "dupe URLs", "title"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(str(row["cluster_id"]), str(row["size"]), ", ".join(row["outlets"]),
                      f"#{row['first_id']} {row['first_outlet']}", (row["first_published_at"] or "")[:16],
                      str(row["duplicate_urls"]), escape(row["title"] or ""))
    console.print(table)
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
