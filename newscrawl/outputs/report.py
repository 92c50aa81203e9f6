"""``newscrawl report``: one self-contained HTML page about the corpus (charts + their data).

:func:`gather_report` asks the :class:`~newscrawl.store.Store` for aggregates and shapes them
into a :class:`ReportData` of plain lists (time bins, top outlets + "other", top terms, date
sources); :func:`newscrawl.outputs.report_page.render_html` turns that into the page, charts drawn by
:mod:`newscrawl.outputs.charts` as inline SVG; :func:`write_report` writes it atomically. The page refers
to nothing outside itself except the article links in the clusters table, so it works offline.

Time bins: publication days (each outlet's own day, ``published_day``) when the dated articles span at most
:data:`DAILY_MAX_DAYS` days, weeks (Monday to Sunday, named by their Monday) up to
:data:`WEEKLY_MAX_DAYS` days, months beyond.
"""

from __future__ import annotations

import os
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from newscrawl.outputs.coverage import gather_coverage
from newscrawl.store import Store

DAILY_MAX_DAYS = 62
WEEKLY_MAX_DAYS = 731
TOP_OUTLETS = 8  # series in the stacked chart; the rest are summed as "other"
TOP_TERMS = 8
TOP_CLUSTERS = 10
TOP_OUTLETS_CHART = 15  # bars in the top-outlets chart (the table lists every outlet)

# date_source vocabulary (newscrawl.extract.dates): the first part of a value like "text+htmldate" is
# the source that gave the day; the others agreed with it or gave the time.
DATE_SOURCE_LABELS = {
    "jsonld": "JSON-LD", "meta": "meta tags", "feed": "feed entry", "sitemap": "sitemap entry",
    "time": "<time> element", "url": "URL", "text": "page text", "htmldate": "htmldate heuristics",
    "unknown": "not recorded",
}
UNDATED = "undated"
BIN_NAMES = {"day": "day", "week": "week (from Monday)", "month": "month"}


@dataclass(frozen=True)
class ReportFilters:
    """What the report is restricted to (all optional; days are ISO YYYY-MM-DD, inclusive)."""

    outlets: tuple[str, ...] = ()
    topic: str | None = None
    since: str | None = None
    until: str | None = None

    def store_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for the ``Store.report_*`` reads and ``Store.clusters``."""
        return {"outlets": list(self.outlets), "topic": self.topic, "since": self.since, "until": self.until}

    def describe(self) -> str:
        """Human-readable summary, ``none`` when unfiltered."""
        parts = []
        if self.outlets:
            parts.append(f"outlets {', '.join(self.outlets)}")
        if self.topic:
            parts.append(f"topic {self.topic}")
        if self.since:
            parts.append(f"since {self.since}")
        if self.until:
            parts.append(f"until {self.until}")
        return "; ".join(parts) or "none"


@dataclass
class ReportData:
    """Everything the page shows, as plain data."""

    database: str
    generated_at: str
    filters: ReportFilters
    overview: dict[str, Any]
    bin: str = "day"
    periods: list[str] = field(default_factory=list)
    outlet_series: dict[str, list[int]] = field(default_factory=dict)
    outlets: list[dict[str, Any]] = field(default_factory=list)
    clusters: list[dict[str, Any]] = field(default_factory=list)
    term_series: dict[str, list[int]] = field(default_factory=dict)
    term_totals: dict[str, tuple[int, int]] = field(default_factory=dict)  # label -> (articles, hits)
    date_sources: list[dict[str, Any]] = field(default_factory=list)
    coverage: dict[str, Any] | None = None  # newscrawl.outputs.coverage.gather_coverage

    @property
    def empty(self) -> bool:
        """True when no article is in the report."""
        return not self.overview.get("articles")


# -- time bins -------------------------------------------------------------------------------


def choose_bin(first_day: str, last_day: str) -> str:
    """``day``, ``week`` or ``month`` for dated articles from ``first_day`` to ``last_day``."""
    span = (date.fromisoformat(last_day) - date.fromisoformat(first_day)).days + 1
    if span <= DAILY_MAX_DAYS:
        return "day"
    return "week" if span <= WEEKLY_MAX_DAYS else "month"


def period_of(day: str, bin: str) -> str:
    """The period a day falls in: the day, the week's Monday, or ``YYYY-MM``."""
    if bin == "day":
        return day
    if bin == "month":
        return day[:7]
    d = date.fromisoformat(day)
    return (d - timedelta(days=d.weekday())).isoformat()


def periods_between(first_day: str, last_day: str, bin: str) -> list[str]:
    """Every period from the one of ``first_day`` to the one of ``last_day``, empty ones too."""
    periods: list[str] = []
    d, end = date.fromisoformat(first_day), date.fromisoformat(last_day)
    while d <= end:
        period = period_of(d.isoformat(), bin)
        if not periods or periods[-1] != period:
            periods.append(period)
        d += timedelta(days=1 if bin != "week" else 7 - d.weekday())
    return periods


# -- shaping -----------------------------------------------------------------------------------


def stack_by_outlet(
    rows: Iterable[dict[str, Any]], periods: Sequence[str], bin: str, top: int = TOP_OUTLETS
) -> dict[str, list[int]]:
    """Articles per period for the ``top`` outlets (most articles first) and ``other``.

    ``rows`` are ``Store.report_day_outlet_counts`` rows.
    """
    index = {p: i for i, p in enumerate(periods)}
    per_outlet: dict[str, list[int]] = defaultdict(lambda: [0] * len(periods))
    for row in rows:
        per_outlet[row["outlet"]][index[period_of(row["day"], bin)]] += row["articles"]
    ranked = sorted(per_outlet, key=lambda o: (-sum(per_outlet[o]), o))
    series = {outlet: per_outlet[outlet] for outlet in ranked[:top]}
    if len(ranked) > top:
        series["other"] = [sum(per_outlet[o][i] for o in ranked[top:]) for i in range(len(periods))]
    return series


def term_series(
    rows: Iterable[dict[str, Any]], periods: Sequence[str], bin: str, top: int = TOP_TERMS
) -> tuple[dict[str, list[int]], dict[str, tuple[int, int]]]:
    """Articles matching each of the ``top`` terms per period, and every term's totals.

    ``rows`` are ``Store.report_topic_terms`` rows. Terms are ranked by articles matched,
    then hits; a term is labelled ``topic: term`` when several topics are in the rows.
    """
    rows = list(rows)
    several = len({r["topic"] for r in rows}) > 1
    index = {p: i for i, p in enumerate(periods)}
    counts: dict[str, list[int]] = defaultdict(lambda: [0] * len(periods))
    totals: Counter[str] = Counter()
    hits: Counter[str] = Counter()
    for row in rows:
        label = f"{row['topic']}: {row['term']}" if several else row["term"]
        counts[label][index[period_of(row["day"], bin)]] += row["articles"]
        totals[label] += row["articles"]
        hits[label] += row["hits"] or 0
    ranked = sorted(totals, key=lambda t: (-totals[t], -hits[t], t))
    return ({t: counts[t] for t in ranked[:top]}, {t: (totals[t], hits[t]) for t in ranked})


def date_source_rows(counts: dict[str | None, int]) -> list[dict[str, Any]]:
    """Articles per source that gave the date (most first, then ``undated``, even when 0).

    ``counts`` is ``Store.report_date_sources``; rows: source, label, articles, values (the
    recorded ``date_source`` values and their counts).
    """
    grouped: dict[str, Counter[str]] = defaultdict(Counter)
    undated = 0
    for value, count in counts.items():
        if value is None:
            undated += count
        else:
            grouped[value.split("+")[0]][value] += count
    rows = [
        {"source": source, "label": DATE_SOURCE_LABELS.get(source, source),
         "articles": sum(values.values()), "values": dict(values.most_common())}
        for source, values in grouped.items()
    ]
    rows.sort(key=lambda r: (-r["articles"], r["source"]))
    rows.append({"source": UNDATED, "label": UNDATED, "articles": undated, "values": {}})
    return rows


def gather_report(
    store: Store, filters: ReportFilters, *, database: str, now: datetime | None = None
) -> ReportData:
    """Read the aggregates for ``filters`` from ``store`` and shape them for the page."""
    kwargs = filters.store_kwargs()
    generated = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    data = ReportData(database=database, generated_at=generated.isoformat(), filters=filters,
                      overview=store.report_overview(**kwargs))
    if data.empty:
        return data
    data.outlets = store.report_outlets(**kwargs)
    data.clusters = store.clusters(**kwargs, min_size=2, limit=TOP_CLUSTERS)
    data.date_sources = date_source_rows(store.report_date_sources(**kwargs))
    data.coverage = gather_coverage(store, **kwargs)
    first, last = data.overview["first_published"], data.overview["last_published"]
    if first and last:
        data.bin = choose_bin(first[:10], last[:10])
        data.periods = periods_between(first[:10], last[:10], data.bin)
        data.outlet_series = stack_by_outlet(store.report_day_outlet_counts(**kwargs), data.periods, data.bin)
        data.term_series, data.term_totals = term_series(
            store.report_topic_terms(**kwargs), data.periods, data.bin)
    return data


def write_report(path: Path, page: str) -> None:
    """Write ``page`` to ``path`` through a temporary file in the same directory (never half a file)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as file:
            file.write(page)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


__all__ = [
    "ReportData", "ReportFilters", "choose_bin", "date_source_rows", "gather_report", "period_of",
    "periods_between", "stack_by_outlet", "term_series", "write_report",
]
