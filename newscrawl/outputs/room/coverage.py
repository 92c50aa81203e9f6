"""The reading room's completeness page: how much of each outlet's coverage the crawl found.

The figures are :func:`newscrawl.outputs.coverage.gather_coverage`'s, the ones ``newscrawl
coverage``, the report and the datasheets give (capture-recapture across the discovery
channels, ``docs/coverage.md``); this module only reads the page's filters and lays the
figures out as rows, flags and notes. No estimate is computed here.
"""

from __future__ import annotations

import copy
import shlex
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newscrawl.judge.query import SearchQueryError
from newscrawl.outputs.coverage import gather_coverage
from newscrawl.outputs.room.pages import day_range
from newscrawl.store import Store

__all__ = ["NO_EVIDENCE", "NO_POLLS", "CoverageForm", "coverage_page"]

NO_EVIDENCE = ("This database records no discovery evidence (its schema is older than version 9), "
               "so how complete it is cannot be estimated: crawl it once with this version of newscrawl.")
NO_POLLS = ("No channel read is recorded in this database yet (it was crawled before version 9, or "
            "only ingested or seeded), so how complete it is cannot be estimated.")
NO_MATCH = "No article with recorded discovery evidence matches these filters."
METHODS = {"loglinear": "log-linear model", "chapman": "Chapman", "chao": "Chao's lower bound"}
WIDE = 0.30  # an interval wider than this many points of completeness is flagged (as the CLI's notes)


@dataclass
class CoverageForm:
    """The page's filters, as ``newscrawl coverage``'s options: outlet, topic, From and To days."""

    outlet: str = ""
    topic: str = ""
    since: str = ""
    until: str = ""

    @classmethod
    def from_args(cls, get: Callable[[str], str | None]) -> CoverageForm:
        return cls(**{name: (get(name) or "").strip() for name in ("outlet", "topic", "since", "until")})

    def filters(self) -> dict[str, Any]:
        """:func:`gather_coverage`'s filters; :class:`SearchQueryError` for a day that is not one."""
        since, until = day_range(self.since, self.until)
        return {"outlets": [self.outlet] if self.outlet else [], "topic": self.topic or None,
                "since": since, "until": until}

    def command(self, database: str) -> str:
        """The ``newscrawl coverage`` command that gives the same figures."""
        words = ["newscrawl", "coverage", "--db", database]
        for option, value in (("--outlet", self.outlet), ("--topic", self.topic), ("--since", self.since),
                              ("--until", self.until)):
            if value:
                words += [option, value]
        return shlex.join(words)


def _percent(value: float | None) -> str:
    return "" if value is None else f"{100 * value:.0f}%"


def _flags(row: dict[str, Any]) -> list[str]:
    """The row's warnings in words: too little overlap, the headline method's flags (few
    recaptures), a wide interval, methods that disagree."""
    head = row.get("headline")
    flags = [row["note"]] if row.get("note") else []
    if head:
        flags += [*head["flags"], *row.get("flags", [])]
    return [flag[:1].upper() + flag[1:] for flag in flags]


def _details(row: dict[str, Any]) -> list[str]:
    """What the estimate stands on: the channels, the window, the dependent channel pairs."""
    if "channels" not in row:
        return []
    channels = ", ".join(row["channels"]) or "none"
    details = [f"channels counted: {channels}"]
    if row.get("window_days"):
        outside = row.get("outside_window") or 0
        window = f"window {row['window_days']:g} days"
        if outside:
            window += f", {outside} article{'s' * (outside != 1)} published outside it"
        details.append(window)
    if row.get("undated"):
        details.append(f"{row['undated']} undated article{'s' * (row['undated'] != 1)} left out")
    odds = (row.get("headline") or {}).get("detail", {}).get("odds_ratios")
    if odds:
        details.append("dependent channels (odds ratio, > 1 listed together more often than chance): "
                       + ", ".join(f"{pair} {ratio:g}" for pair, ratio in odds.items()))
    return details


def _row(kind: str, label: str, row: dict[str, Any]) -> dict[str, Any]:
    """One line of the table: the headline figure (an outlet's, or the outlets' sum) in words."""
    head = row.get("headline") if kind != "overall" else row
    if kind == "overall":
        method = f"sum of {row['outlets']} outlet{'s' * (row['outlets'] != 1)}"
        if row["estimated_outlets"] < row["outlets"]:
            method += f" ({row['estimated_outlets']} estimated; the others count what was seen)"
    else:
        method = METHODS.get(head["method"], head["method"]) if head else "no estimate"
    low, high = (head or {}).get("completeness_low"), (head or {}).get("completeness_high")
    point = (head or {}).get("completeness")
    flags = _flags(row) if kind != "overall" else []
    if kind == "overall" and low is not None and high is not None and high - low > WIDE:
        flags.append(f"Interval wider than 30 points ({_percent(low)}-{_percent(high)})")
    return {
        "kind": kind, "label": label, "observed": row["observed"],
        "total": None if not head or head.get("total") is None else f"{head['total']:,.0f}",
        "completeness": _percent(point), "interval": f"{100 * low:.0f}–{_percent(high)}" if low is not None
        and high is not None else "", "method": method,
        "bar": {"point": 100 * point, "low": 100 * low, "width": 100 * (high - low)}
        if None not in (point, low, high) else None,
        "flags": flags, "details": _details(row) if kind == "outlet" else [],
    }


# The last few reports, by database, its files' state and the filters: fitting the models takes
# about 0.03 s per outlet and topic, so a reload of an unchanged corpus is answered at once.
_CACHE: OrderedDict[tuple[Any, ...], dict[str, Any] | None] = OrderedDict()
CACHE_SIZE = 16
_LOCK = threading.Lock()


def _files_state(path: Path) -> tuple[tuple[int, int], ...]:
    """The database's and its WAL's modification times and sizes: any write changes them."""
    state = []
    for file in (path, path.with_name(path.name + "-wal")):
        try:
            stat = file.stat()
        except OSError:
            stat = None
        state.append((stat.st_mtime_ns, stat.st_size) if stat else (0, 0))
    return tuple(state)


def _cached_report(store: Store, filters: dict[str, Any]) -> dict[str, Any] | None:
    """:func:`gather_coverage` for ``filters``, computed again only when the database changed."""
    path = Path(store.path).resolve()
    key = (str(path), _files_state(path), repr(sorted(filters.items())))
    with _LOCK:  # Datasette runs the pages on several threads
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return copy.deepcopy(_CACHE[key])
    report = gather_coverage(store, **filters)
    with _LOCK:
        _CACHE[key] = copy.deepcopy(report)
        while len(_CACHE) > CACHE_SIZE:
            _CACHE.popitem(last=False)
    return report


def coverage_page(store: Store, form: CoverageForm) -> dict[str, Any]:
    """The page's data: ``error`` (a filter that is not one: the only failure), ``message`` (no
    evidence to estimate from, or none matching), ``report`` (:func:`gather_coverage`'s figures,
    what ``/coverage.json`` gives), ``rows`` (outlets, each followed by its topics) and
    ``overall``."""
    try:
        filters = form.filters()
    except SearchQueryError as exc:
        text = str(exc)
        return {"error": text[:1].upper() + text[1:], "message": None, "report": None, "rows": []}
    out: dict[str, Any] = {"error": None, "message": None, "report": None, "rows": [], "overall": None}
    try:
        if not {"channel_polls", "discoveries"} <= set(store.db.table_names()):
            return {**out, "message": NO_EVIDENCE}
        if not store.count("channel_polls"):
            return {**out, "message": NO_POLLS}
        report = _cached_report(store, filters)
    except sqlite3.DatabaseError as exc:
        return {**out, "message": f"The discovery evidence could not be read ({exc})."}
    if report is None or not report["outlets"]:
        return {**out, "message": NO_MATCH}
    outlets = store.outlet_rows(r["outlet"] for r in report["outlets"])
    names = {o["slug"]: o.get("name") or o["slug"] for o in outlets}
    rows = []
    for outlet in report["outlets"]:
        rows.append({**_row("outlet", names.get(outlet["outlet"], outlet["outlet"]), outlet),
                     "slug": outlet["outlet"]})
        rows += [{**_row("topic", sub["topic"], sub), "slug": outlet["outlet"]}
                 for sub in report["topics"] if sub["outlet"] == outlet["outlet"]]
    overall = _row("overall", "All outlets", report["overall"])
    return {**out, "report": report, "rows": rows, "overall": overall}
