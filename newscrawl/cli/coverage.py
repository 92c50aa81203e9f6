"""``newscrawl coverage``: how complete the corpus is, per outlet, topic and week."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import click
from rich.markup import escape
from rich.table import Table

from newscrawl.cli.options import (
    UserError,
    article_filters,
    check_corpus,
    check_outlets,
    day_range,
    db_option,
    open_store,
    outlet_slugs,
    output_options,
)
from newscrawl.cli.output import console, print_json


@click.command()
@db_option("SQLite database to estimate (a crawl may be writing it).", reads=True)
@article_filters(language=False)
@click.option("--weeks", is_flag=True,
              help="One row per week (all outlets added up) instead; with --json, the weeks too.")
@output_options()
def coverage(db: Path, outlets: tuple[str, ...], since: date | None, until: date | None,
             topic: str | None, weeks: bool, output: str) -> None:
    """Estimate how many articles the discovery channels missed, per outlet and topic.

    Capture-recapture over the channels (feeds, sitemaps, section pages, GDELT) that listed
    each article, within the windows each channel could see: observed, estimated total,
    completeness and its 95% interval. Dependent channels (a feed and a sitemap from one
    CMS) make completeness look higher than it is. See docs/coverage.md.

    Example:

        newscrawl coverage --outlet techcrunch --since 2026-01-01
    """
    from newscrawl.outputs.coverage import coverage_report

    first, last = day_range(since, until)
    slugs = outlet_slugs(outlets)
    store = open_store(db, readonly=True)
    try:
        check_corpus(store, db)
        check_outlets(store, slugs, db)
        if "discoveries" not in store.db.table_names():
            raise UserError(f"{db}: no discovery evidence recorded (schema older than version 9: "
                            "crawl it once with this version)")
        evidence = store.coverage_evidence(slugs, since=first, until=last, topic=topic)
    except sqlite3.DatabaseError as exc:
        raise UserError(f"{db}: cannot read the database ({exc})") from None
    finally:
        store.close()
    report = coverage_report(evidence, weeks=weeks, since=first, until=last)
    if topic:
        report["topics"] = [row for row in report["topics"] if row["topic"] == topic]
    if output == "json":
        print_json(report)
    else:
        print_coverage(report, db, weeks=weeks)


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.0f}%"


def _interval(low: float | None, high: float | None) -> str:
    return "-" if low is None or high is None else f"{100 * low:.0f}-{100 * high:.0f}%"


def _cells(row: dict[str, Any]) -> list[str]:
    head = row.get("headline") or row
    total = head.get("total")
    summed = "sum" if "estimated_outlets" in row else "-"
    method = (head.get("method") or "") if row.get("headline") else summed
    return [str(row["observed"]), "-" if total is None else f"{total:.0f}",
            _percent(head.get("completeness")),
            _interval(head.get("completeness_low"), head.get("completeness_high")), method]


def print_coverage(report: dict[str, Any], db: Path, *, weeks: bool = False) -> None:
    """The report as a table of 80 columns, then the notes (flags) of each row."""
    table = Table(title=f"coverage estimates in {db}", title_justify="left")
    first = "week" if weeks else "outlet / topic"
    for column, justify in ((first, "left"), ("seen", "right"), ("total", "right"),
                            ("complete", "right"), ("95% CI", "right"), ("method", "left")):
        table.add_column(column, justify=justify, overflow="fold")
    notes: list[str] = []
    if weeks:
        for row in report["weeks"]:
            table.add_row(row["week"], *_cells(row))
    else:
        for row in report["outlets"]:
            table.add_row(escape(row["outlet"]), *_cells(row))
            notes += _notes(row["outlet"], row)
            for sub in (t for t in report["topics"] if t["outlet"] == row["outlet"]):
                table.add_row(f"  {escape(sub['topic'])}", *_cells(sub))
        if report["outlets"]:
            table.add_row("all outlets", *_cells(report["overall"]), end_section=True)
    console.print(table)
    if not report["outlets"]:
        console.print("No article with recorded discovery evidence matches.")
    for note in notes:
        console.print(escape(note), soft_wrap=False)


def _notes(label: str, row: dict[str, Any]) -> list[str]:
    notes = []
    if row.get("note"):
        notes.append(f"{label}: {row['note']}")
    head = row.get("headline")
    if head:
        notes += [f"{label}: {flag}" for flag in [*head["flags"], *row.get("flags", [])]]
        odds = head["detail"].get("odds_ratios")
        if odds:
            notes.append(f"{label}: dependent channels (odds ratio) "
                         + ", ".join(f"{pair} {ratio:g}" for pair, ratio in odds.items()))
        notes.append(f"{label}: channels {', '.join(row['channels'])}; window {row['window_days']} days, "
                     f"{row['outside_window']} articles outside it")
    return notes
