"""How complete is the corpus? Coverage estimates per outlet, topic and week from the
discovery evidence (``discoveries`` and ``channel_polls``), by capture-recapture.

Each discovery channel (feed, sitemap, section pages, GDELT) is a list. An article counts for
a channel only where the channel could have seen it: within the windows of the channel's
reads (a feed's read covers its oldest listed item up to the read; a read without dates
covers the oldest article it listed; a GDELT query covers its query window). In each stratum
(an outlet; an outlet and topic; an outlet and week) the estimate runs over the channels that
were open there and the articles published where all of them were open; seed lists are left
out (they are not a random catch). The estimators are :mod:`newscrawl.judge.coverage`; what
the numbers mean is in ``docs/coverage.md``.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from newscrawl.judge.coverage import (
    Estimate,
    capture_counts,
    chao_lower_bound,
    chapman,
    frequency_counts,
    loglinear,
)

__all__ = ["PUBLISHER_CHANNELS", "channel_windows", "coverage_report", "estimate_stratum", "gather_coverage"]

# Channels the outlet's own CMS publishes: one group of Chapman's two.
PUBLISHER_CHANNELS = ("feed", "sitemap", "section")
# Channels never counted as a list (not a random catch: a seed list is someone's choice).
LEFT_OUT = ("seeds",)
# Methods in the order the headline figure prefers them.
PREFERENCE = ("loglinear", "chapman", "chao")

Interval = tuple[datetime, datetime]


@dataclass
class Found:
    """An article as the evidence shows it: when it was published and who listed it."""

    outlet: str
    published: datetime | None
    topics: list[str]
    channels: set[str] = field(default_factory=set)


def _when(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _topics(value: str | None) -> list[str]:
    try:
        parsed = json.loads(value or "{}")
    except ValueError:
        return []
    return sorted(parsed) if isinstance(parsed, dict) else []


def _merge(intervals: Iterable[Interval]) -> list[Interval]:
    merged: list[Interval] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _intersect(a: list[Interval], b: list[Interval]) -> list[Interval]:
    out = []
    for s1, e1 in a:
        for s2, e2 in b:
            start, end = max(s1, s2), min(e1, e2)
            if start <= end:
                out.append((start, end))
    return _merge(out)


def _inside(when: datetime, intervals: list[Interval]) -> bool:
    return any(start <= when <= end for start, end in intervals)


def channel_windows(
    polls: Sequence[Mapping[str, Any]], listed: Sequence[Mapping[str, Any]]
) -> dict[tuple[str | None, str], list[Interval]]:
    """``(outlet, channel)`` -> the time spans its reads could have seen (outlet None: GDELT).

    A read covers ``[oldest, polled_at]`` (a channel over many outlets ``[oldest, newest]``:
    a GDELT query's window, a WARC file's capture times);
    a read without dates covers from the oldest published article it listed (its listing
    spanned the read: first seen at or before it, last seen at or after it); a 304 covers what
    the source's previous read covered, up to the new read."""
    by_source: dict[tuple[str | None, str, str], list[tuple[datetime, datetime]]] = defaultdict(list)
    for row in listed:  # (published, first..last seen) per source, for reads without dates
        published, first, last = (_when(row.get(k))
                                   for k in ("published_at", "first_seen_at", "last_seen_at"))
        if published and first and last:
            by_source[(row["outlet"], row["channel"], row["source"])].append((published, first, last))
    windows: dict[tuple[str | None, str], list[Interval]] = defaultdict(list)
    previous: dict[tuple[str | None, str, str], datetime] = {}
    for poll in polls:
        key = (poll["outlet"], poll["channel"], poll["source"])
        polled = _when(poll["polled_at"])
        if polled is None:
            continue
        start = _when(poll["oldest"])
        # A channel over many outlets (a GDELT query, a WARC file) covers its own window.
        end = (_when(poll["newest"]) or polled) if poll["outlet"] is None else polled
        if poll["status"] == "not modified":
            start = previous.get(key)
        elif start is None:
            seen = [p for p, first, last in by_source.get(key, ()) if first <= polled <= last]
            if poll["outlet"] is None:
                seen = [p for (o, c, s), rows in by_source.items() if (c, s) == key[1:]
                        for p, first, last in rows if first <= polled <= last]
            start = min(seen, default=None)
        if start is None or start > end:
            continue
        previous[key] = start
        windows[(poll["outlet"], poll["channel"])].append((start, end))
    return {key: _merge(spans) for key, spans in windows.items()}


# Pairs whose dependence is known, kept in every log-linear model: CC-NEWS (a WARC channel)
# discovers articles through the outlet's feeds and news sitemaps.
FORCED_PAIRS = (("feed", "warc"), ("sitemap", "warc"))


def _forced_pairs(channels: Sequence[str]) -> list[tuple[int, int]]:
    index = {name: i for i, name in enumerate(channels)}
    return [tuple(sorted((index[a], index[b]))) for a, b in FORCED_PAIRS if a in index and b in index]


def _chapman_groups(channels: Sequence[str]) -> tuple[list[str], list[str]] | None:
    publisher = [c for c in channels if c in PUBLISHER_CHANNELS]
    others = [c for c in channels if c not in PUBLISHER_CHANNELS]
    if publisher and others:
        return publisher, others
    cms = [c for c in channels if c in ("feed", "sitemap")]
    rest = [c for c in channels if c not in cms]
    if cms and rest:
        return cms, rest
    return ([channels[0]], list(channels[1:])) if len(channels) >= 2 else None


def estimate_stratum(found: Sequence[Found], channels: Sequence[str]) -> dict[str, Any]:
    """The three estimates over ``found`` (articles in the stratum's common window) and
    ``channels``, and the headline one (log-linear, else Chapman, else Chao)."""
    sets = [a.channels & set(channels) for a in found]
    sets = [s for s in sets if s]
    estimates: dict[str, Estimate] = {}
    groups = _chapman_groups(channels)
    if groups:
        in1 = sum(1 for s in sets if s & set(groups[0]))
        in2 = sum(1 for s in sets if s & set(groups[1]))
        both = sum(1 for s in sets if s & set(groups[0]) and s & set(groups[1]))
        estimates["chapman"] = chapman(in1, in2, both)
        estimates["chapman"].detail["groups"] = ["+".join(groups[0]), "+".join(groups[1])]
    histories = capture_counts(sets, channels)
    if len(channels) >= 2:
        estimates["chao"] = chao_lower_bound(frequency_counts(histories), len(channels))
    if histories and len(channels) >= 3:
        estimates["loglinear"] = loglinear(histories, channels=channels, force=_forced_pairs(channels))
    headline = next((estimates[m] for m in PREFERENCE if m in estimates
                     and estimates[m].total is not None and not _no_overlap(estimates[m])), None)
    return {
        "flags": _stratum_flags(estimates, headline),
        "observed": len(sets),
        "channels": list(channels),
        "estimates": {m: e.as_dict() for m, e in estimates.items()},
        "headline": headline.as_dict() if headline else None,
        "note": None if headline else "too little overlap to estimate",
    }


def _stratum_flags(estimates: dict[str, Estimate], headline: Estimate | None) -> list[str]:
    """Warnings across the methods: a wide interval, methods that disagree."""
    flags = []
    if headline is not None:
        low, high = headline.completeness_interval
        if low is not None and high is not None and high - low > 0.30:
            flags.append(f"interval wider than 30 points ({100 * low:.0f}-{100 * high:.0f}%)")
    totals = {m: e.total for m, e in estimates.items() if e.total is not None and not _no_overlap(e)}
    if "chao" in totals and "loglinear" in totals and totals["chao"] > 1.5 * totals["loglinear"]:
        flags.append("Chao's lower bound is far above the log-linear estimate (unequal catchability?)")
    if len(totals) >= 2 and min(totals.values()) > 0 and max(totals.values()) / min(totals.values()) > 1.2:
        spread = ", ".join(f"{m} {t:.0f}" for m, t in sorted(totals.items()))
        flags.append(f"the methods disagree by more than 20% ({spread})")
    return flags


def _no_overlap(estimate: Estimate) -> bool:
    return any(flag.startswith("too little overlap") for flag in estimate.flags)


def _open_channels(
    outlet: str, windows: Mapping[tuple[str | None, str], list[Interval]]
) -> dict[str, list[Interval]]:
    channels: dict[str, list[Interval]] = {}
    for (owner, channel), spans in windows.items():
        if channel in LEFT_OUT or owner not in (outlet, None):
            continue
        channels[channel] = _merge([*channels.get(channel, []), *spans])
    return channels


def _common_window(
    articles: Sequence[Found], channels: dict[str, list[Interval]]
) -> tuple[list[str], list[Interval]]:
    """The channels kept and the span where all of them were open: while that span is empty,
    the channel whose leaving keeps the most articles in the span is left out."""
    kept = sorted(channels)

    def span(names: Sequence[str]) -> list[Interval]:
        result = channels[names[0]]
        for name in names[1:]:
            result = _intersect(result, channels[name])
        return result

    while len(kept) >= 2 and not span(kept):
        kept = max(
            ([c for c in kept if c != drop] for drop in kept),
            key=lambda names: sum(1 for a in articles if a.published and _inside(a.published, span(names))),
        )
    return (kept, span(kept)) if kept else ([], [])


def _stratum(articles: Sequence[Found], channels: dict[str, list[Interval]]) -> dict[str, Any]:
    kept, span = _common_window(articles, channels)
    inside = [a for a in articles if a.published and span and _inside(a.published, span)]
    result = estimate_stratum(inside, kept)
    result["window"] = [span[0][0].isoformat(), span[-1][1].isoformat()] if span else None
    result["spans"] = [[start.isoformat(), end.isoformat()] for start, end in span]
    result["window_days"] = round(sum((e - s).total_seconds() for s, e in span) / 86400, 2)
    result["outside_window"] = len(articles) - len(inside)
    if len(kept) < 2:
        result["note"] = "too little overlap to estimate: fewer than two channels were open together"
    return result


def _week(when: datetime) -> str:
    year, week, _ = when.isocalendar()
    return f"{year}-W{week:02d}"


def _sum(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Outlets' headline figures added up; the interval adds the ends (as if the outlets'
    errors were one: wider than independent errors would give)."""
    usable = [r["headline"] for r in rows if r.get("headline")]
    observed = sum(r["observed"] for r in rows)
    total = sum(h["total"] for h in usable) + sum(r["observed"] for r in rows if not r.get("headline"))
    low = sum(h["low"] for h in usable) + sum(r["observed"] for r in rows if not r.get("headline"))
    high = sum(h["high"] for h in usable) + sum(r["observed"] for r in rows if not r.get("headline"))

    def share(n: float) -> float | None:
        return round(min(1.0, observed / n), 4) if n else None

    return {
        "observed": observed, "total": round(total, 1), "low": round(low, 1), "high": round(high, 1),
        "completeness": share(total), "completeness_low": share(high), "completeness_high": share(low),
        "estimated_outlets": len(usable), "outlets": len(rows),
    }


def coverage_report(
    evidence: Mapping[str, Sequence[Mapping[str, Any]]], *, weeks: bool = True,
    since: str | None = None, until: str | None = None,
) -> dict[str, Any]:
    """Estimates per outlet, per outlet and topic, per week (outlets added up) and overall,
    from :meth:`newscrawl.store.Store.coverage_evidence`; ``since``/``until`` (ISO days, the
    filters the evidence was read with) clip the channels' windows to the days asked for."""
    articles: dict[int, Found] = {}
    for row in evidence["articles"]:
        found = articles.get(row["id"])
        if found is None:
            found = Found(row["outlet"], _when(row["published_at"]), _topics(row["topics"]))
            articles[row["id"]] = found
        found.channels.add(row["channel"])
    windows = channel_windows(evidence["polls"], evidence["articles"])
    if since or until:
        start = _when(since) or datetime.min.replace(tzinfo=UTC)
        end = _when(until) + timedelta(days=1) if until else datetime.max.replace(tzinfo=UTC)
        windows = {key: _intersect(spans, [(start, end)]) for key, spans in windows.items()}
    by_outlet: dict[str, list[Found]] = defaultdict(list)
    for found in articles.values():
        by_outlet[found.outlet].append(found)
    outlets, topics, per_week = [], [], defaultdict(list)
    for slug in sorted(by_outlet):
        channels = _open_channels(slug, windows)
        group = by_outlet[slug]
        undated = sum(1 for a in group if a.published is None)
        row = {"outlet": slug, "undated": undated, **_stratum(group, channels)}
        outlets.append(row)
        for topic in sorted({t for a in group for t in a.topics}):
            topics.append({"outlet": slug, "topic": topic,
                           **_stratum([a for a in group if topic in a.topics], channels)})
        if weeks:
            by_week: dict[str, list[Found]] = defaultdict(list)
            for a in group:
                if a.published:
                    by_week[_week(a.published)].append(a)
            for week, members in by_week.items():
                per_week[week].append({"outlet": slug, **_stratum(members, channels)})
    return {
        "overall": _sum(outlets),
        "outlets": outlets,
        "topics": topics,
        "weeks": [{"week": week, **_sum(rows)} for week, rows in sorted(per_week.items())],
        "articles": len(articles),
    }


def gather_coverage(store: Any, *, weeks: bool = False, **filters: Any) -> dict[str, Any] | None:
    """:func:`coverage_report` over ``store``'s evidence for the article filters (``outlets``,
    ``since``, ``until``, ``topic``), or None when the database records none (schema older
    than 9, or no channel read since). With a ``topic``, the per-topic rows are that topic's
    (as ``newscrawl coverage --topic``)."""
    if "channel_polls" not in store.db.table_names():
        return None
    evidence = store.coverage_evidence(filters.pop("outlets", ()), **filters)
    if not evidence["articles"]:
        return None
    report = coverage_report(evidence, weeks=weeks, since=filters.get("since"), until=filters.get("until"))
    if filters.get("topic"):
        report["topics"] = [row for row in report["topics"] if row["topic"] == filters["topic"]]
    return report
