"""``newscrawl status``: how the outlets and the crawls are doing, gathered from the store and
shown as tables that fit 80 columns (or as JSON).

Per outlet: the last successful fetch, the newest article, and the error rate over the pages
the latest runs fetched; the feeds and sitemaps whose latest fetch failed; the corpus's size;
the latest runs.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

from rich import box
from rich.console import RenderableType
from rich.markup import escape
from rich.table import Table

from newscrawl.items import BLOCKED_BY_ROBOTS

__all__ = ["Status", "gather_status", "render_status"]

# An outlet whose last successful fetch or newest article is older than this many days is shown
# in yellow: it may have stopped publishing, or the crawl stopped reaching it.
STALE_DAYS = 7


@dataclass(frozen=True)
class Status:
    """What ``newscrawl status`` shows; :meth:`to_dict` is its JSON."""

    database: str
    recent_runs: int  # the error rates count the pages these many latest runs fetched
    size: dict[str, int]
    outlets: list[dict[str, Any]]
    failing_sources: list[dict[str, Any]]
    runs: list[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def gather_status(store: Any, *, database: str, recent_runs: int = 5, runs: int = 5) -> Status:
    """Ask the store (a :class:`~newscrawl.store.Store`) how the crawls are doing."""
    outlets = []
    for row in store.outlet_status(recent_runs):
        pages = row["recent_pages"]
        rate = round(row["recent_errors"] / pages, 4) if pages else None
        outlets.append({**row, "recent_error_rate": rate})
    latest = [{
        "id": run["id"], "started_at": run["started_at"], "finished_at": run["finished_at"],
        "status": run["status"], "command": run["command"],
        "pages_fetched": run["stats"].get("pages_fetched"), "articles_new": run["stats"].get("articles_new"),
        "errors": run["stats"].get("verdicts", {}).get("error", 0),
        # pages robots.txt kept the crawl from: its rules, or its being unreachable (RFC 9309)
        "blocked_by_robots": run["stats"].get("verdicts", {}).get(BLOCKED_BY_ROBOTS, 0),
    } for run in store.runs(runs)]
    return Status(database=database, recent_runs=recent_runs, size=store.corpus_size(), outlets=outlets,
                  failing_sources=store.failing_sources(), runs=latest)


def _minute(stamp: str | None) -> str:
    """``2026-01-28T16:40:12.5+00:00`` -> ``2026-01-28 16:40`` (UTC, as stored); never cut shorter."""
    return stamp[:16].replace("T", " ") if stamp else "-"


def _age_days(stamp: str | None, now: datetime) -> float | None:
    try:
        then = datetime.fromisoformat(stamp) if stamp else None
    except ValueError:
        return None
    if then is None:
        return None
    if then.tzinfo is None:
        then = then.replace(tzinfo=UTC)
    return (now - then).total_seconds() / 86400


def _stale(text: str, stamp: str | None, now: datetime) -> str:
    age = _age_days(stamp, now)
    return f"[yellow]{text}[/yellow]" if age is not None and age > STALE_DAYS else text


def _rate(row: dict[str, Any]) -> str:
    rate = row["recent_error_rate"]
    if rate is None:
        return "-"
    text = f"{row['recent_errors']}/{row['recent_pages']} {rate:.0%}"
    return f"[red]{text}[/red]" if rate >= 0.25 else text


def render_status(status: Status, now: datetime | None = None) -> Iterator[RenderableType]:
    """The tables and lines to print, each no wider than 80 columns: the dates are never cut
    (they take 16 columns), the long texts (URLs, reasons) wrap."""
    now = now or datetime.now(UTC)
    size = status.size
    yield f"[bold]{escape(status.database)}[/bold]"
    yield (f"{size['articles']:,} articles, {size['clusters']:,} syndication clusters, "
           f"{size['pages']:,} pages, {size['outlets']} outlets, {size['runs']:,} runs, "
           f"{size['bytes'] / 1e6:,.1f} MB")
    table = Table(title="outlets (times in UTC)", box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("outlet", overflow="fold", max_width=16)
    table.add_column("last ok fetch", no_wrap=True)
    table.add_column("newest article", no_wrap=True)
    table.add_column("articles", justify="right", no_wrap=True)
    table.add_column(f"errors, {status.recent_runs} runs", justify="right", no_wrap=True)
    for row in status.outlets:
        newest = row["newest_published"] or row["newest_seen"]
        table.add_row(escape(row["outlet"]), _stale(_minute(row["last_ok_fetch"]), row["last_ok_fetch"], now),
                      _stale(_minute(newest), newest, now), f"{row['articles']:,}", _rate(row))
    yield table
    if status.failing_sources:
        failing = Table(title="feeds and sitemaps whose latest fetch failed", box=box.SIMPLE_HEAD,
                        pad_edge=False)
        failing.add_column("outlet", overflow="fold", max_width=12)
        failing.add_column("since", no_wrap=True)
        failing.add_column("url", overflow="fold", ratio=3)
        failing.add_column("reason", overflow="fold", ratio=2)
        for row in status.failing_sources:
            failing.add_row(escape(row["outlet"]), _minute(row["fetched_at"]), escape(row["url"]),
                            escape(row["reason"] or f"http {row['status']}"))
        yield failing
    else:
        yield "Every feed and sitemap answered on its latest fetch."
    runs = Table(title="latest runs", box=box.SIMPLE_HEAD, pad_edge=False)
    for column in ("run", "started", "status", "fetched", "new", "errors", "robots"):
        runs.add_column(column, no_wrap=True, justify="left" if column in ("started", "status") else "right")
    for run in status.runs:
        colour = "green" if run["status"] == "finished" else "red" if run["status"] == "failed" else "yellow"
        runs.add_row(str(run["id"]), _minute(run["started_at"]), f"[{colour}]{run['status']}[/{colour}]",
                     str(run["pages_fetched"] or 0), str(run["articles_new"] or 0), str(run["errors"]),
                     str(run.get("blocked_by_robots") or 0))
    yield runs if status.runs else "No crawl has run yet."
