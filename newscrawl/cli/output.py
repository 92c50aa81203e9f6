"""What the CLI prints: tables for people, JSON and CSV for scripts.

Each helper takes what a library function returned and prints it; none reads the database
except :func:`print_summary`, the end-of-crawl report.
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


def print_summary(store: Store, outcome: Any) -> None:
    """The end-of-crawl summary (a ``CrawlOutcome``): how the run ended, pages fetched,
    articles new, off-topic, duplicates, errors."""
    run_id = outcome.run_id
    if run_id is None:  # the `Error:` line says so
        return
    summary = store.run_summary(run_id)
    verdicts = summary["verdicts"]
    status = run_status_text(outcome.status) + (f" by {outcome.signal}" if outcome.signal else "")
    table = Table(title=f"crawl run {run_id}", show_header=False)
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("status", f"{status} (exit {outcome.exit_code})")
    table.add_row("pages fetched", str(summary["pages_fetched"]))
    table.add_row("articles new", str(summary["articles_new"]))
    for verdict in ("off-topic", "duplicate", "not-article", "redirect", "blocked-by-robots",
                    "out-of-scope"):
        table.add_row(verdict, str(verdicts.get(verdict, 0)))
    table.add_row("errors", str(verdicts.get("error", 0)))
    for reason, count in summary["errors"].items():
        table.add_row(f"  {reason}", str(count))
    table.add_row("articles in database", str(store.count("articles")))
    console.print(table)
    stats = next((r["stats"] for r in store.runs(50) if r["id"] == run_id), {})
    if stats.get("repaired"):
        console.print("Repaired what an earlier crawl left half-written: " + ", ".join(
            f"{name.replace('_', ' ')} {count}" for name, count in stats["repaired"].items()), soft_wrap=True)
    for problem in stats.get("warc_errors", []):
        console.print(f"[red]WARC problem:[/red] {problem}", soft_wrap=True)
    unknown = stats.get("skipped", {}).get("unknown_outlet")
    if unknown:
        hosts = stats.get("unknown_hosts", [])
        console.print(f"{unknown} URLs belong to no configured outlet (skipped)"
                      + (f": {', '.join(hosts[:10])}" if hosts else ""), soft_wrap=True)
    for problem in stats.get("gdelt_errors", []):
        console.print(f"[red]GDELT problem:[/red] {problem}", soft_wrap=True)


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
    for column in ("cluster", "copies", "outlets", "first seen", "first at", "dupe URLs", "title"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(str(row["cluster_id"]), str(row["size"]), ", ".join(row["outlets"]),
                      (row["first_seen_at"] or "")[:16], row["first_outlet"],
                      str(row["duplicate_urls"]), escape(row["title"] or ""))
    console.print(table)
    if not rows:
        console.print("No clusters match.")


def print_article(article: dict[str, Any], versions: list[dict[str, Any]], *, text: bool,
                  with_versions: bool, output: str) -> None:
    """One article (``Store.article``): metadata, copies, other URLs, text and changes; or JSON."""
    if output == "json":
        print_json({**article, "versions": versions if with_versions else len(versions)})
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


def print_report_written(output: Path, overview: dict[str, Any], empty: bool) -> None:
    """One line saying what the HTML report holds."""
    if empty:
        console.print(f"Wrote {output}: nothing to report (no articles match).", soft_wrap=True)
        return
    span = (f", published {overview['first_published'][:10]} to {overview['last_published'][:10]}"
            if overview["dated"] else "")
    console.print(f"Wrote {output}: {overview['articles']} articles from {overview['outlets']} "
                  f"outlets{span}.", soft_wrap=True)
